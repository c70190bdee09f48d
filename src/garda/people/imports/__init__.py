"""Import of the ASN registry from .xlsx/.csv (Garda's template or SIASN's "data utama"
export) and export back to the same columns.

- reader.py: finds the header row and says which format it is (the file itself is read by the
  spreadsheet kit, garda.core.spreadsheets);
- rows.py: turns one raw row into the values `people.services` writes, or row errors;
- vocabulary.py, lookups.py: SIASN's words mapped to Garda's values; reference data loaded once.
The writes are services: `people.services.asn_import.employee_import` (all-or-nothing, or
skipping bad rows, in one transaction, through `employees_create` / `employees_update_changed`)
and `people.services.asn_export.employee_export` (and the template, by the kit's writer).
"""

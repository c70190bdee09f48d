"""Import of the ASN registry from .xlsx/.csv (Garda's template or SIASN's "data utama"
export) and export back to the same columns.

- reader.py: finds the header row and says which format it is (the file itself is read by the
  spreadsheet kit, garda.core.spreadsheets);
- rows.py: turns one raw row into the values `people.services` writes, or row errors;
- service.py: `employee_import`, all-or-nothing (or skipping bad rows), in one transaction,
  writing through people.services.employees_create / employees_update_changed;
- export.py: `employee_export` and the downloadable template, written by the kit's writer.
"""

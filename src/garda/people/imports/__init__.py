"""Import of the ASN registry from .xlsx/.csv (Garda's template or SIASN's "data utama"
export) and export back to the same columns.

- reader.py: opens a file, finds the header row, says which format it is, yields raw rows;
- rows.py: turns one raw row into the values `people.services` writes, or row errors;
- service.py: `employee_import`, all-or-nothing (or skipping bad rows), in one transaction;
- export.py: `employee_export` and the downloadable template, formula injection neutralised.
"""

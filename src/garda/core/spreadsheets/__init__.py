"""The spreadsheet kit: every import reads, and every export writes, through it.

- reader.py: .xlsx (python-calamine) and .csv, numbered rows, header and column mapping;
- bounds.py: what reading may cost (unpacked size, rows, cells, time), checked before parsing;
- cells.py: cell text, dates, identity numbers Excel turned into numbers;
- errors.py: the file-level errors and the row error ("Baris N, kolom X: ...");
- report.py: the one import report (counts, row errors, warnings, all-or-nothing);
- export.py: the one CSV/.xlsx writer, formulas neutralised.

What a column means (SIASN's names, budget codes, JP forms) stays with the app that imports it.
"""

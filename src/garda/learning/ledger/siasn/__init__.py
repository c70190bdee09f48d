"""SIASN (BKN) behind an adapter: `adapter.py` the interface, the HTTP implementation and the
fake tests use; `export.py` maps ledger entries to SIASN's diklat/kursus fields."""

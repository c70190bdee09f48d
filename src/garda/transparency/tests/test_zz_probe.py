import json
from pathlib import Path
import pytest
from garda.transparency.tests.test_opendata import catalog, _isolated  # noqa
pytestmark = pytest.mark.django_db
def test_probe(client, catalog):
    Path("/tmp/stdprobe/catalog.jsonld").write_bytes(client.get("/catalog.jsonld").content)
    Path("/tmp/stdprobe/dp.json").write_bytes(client.get("/data/anggaran-2026/datapackage.json").content)
    Path("/tmp/stdprobe/1.csv").write_bytes(client.get("/data/anggaran-2026/1.csv").content)
    Path("/tmp/stdprobe/asn.csv").write_bytes(client.get("/data/asn-per-instansi-golongan/1.csv").content)
    Path("/tmp/stdprobe/monthly.csv").write_bytes(client.get("/data/realisasi-bulanan-2026/1.csv").content)
    Path("/tmp/stdprobe/schema.json").write_bytes(client.get("/api/v1/schema/").content)

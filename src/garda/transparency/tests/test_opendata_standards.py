"""The open-data outputs checked with the validators a harvester or a data user runs:

- `/catalog.jsonld` with pyshacl against the DCAT-AP 3.0.1 SHACL shapes (the mandatory shapes
  and the class ranges: no violation);
- every dataset's `datapackage.json` with `frictionless validate` (the command-line tool), on
  the descriptor as published and the CSV bytes its path points at;
- the budget package against the Fiscal Data Package JSON schema, with each column's fiscal
  type.

The shapes and schemas are the offline copies in shared/standards (garda.tests.standards).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pyshacl
import pytest
from django.test import Client
from rdflib import Graph, Literal
from rdflib.namespace import DCAT, SH

from garda.tests.standards import standards_dir
from garda.transparency.tests.test_opendata import _isolated, catalog  # noqa: F401 - fixtures

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalog")]

SLUGS = ["anggaran-2026", "asn-per-instansi-golongan", "realisasi-bulanan-2026"]
FRICTIONLESS = str(Path(sys.executable).parent / "frictionless")


def dcat_ap_shapes() -> Graph:
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(standards_dir() / "dcat-ap-3.0.1" / name, format="turtle")
    return shapes


def shacl_violations(data: Graph) -> list[str]:
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=dcat_ap_shapes(), inference="none", allow_warnings=True
    )
    assert isinstance(results, Graph)
    found = [
        f"{results.value(r, SH.focusNode)} {results.value(r, SH.resultPath)}: "
        f"{results.value(r, SH.resultMessage)}"
        for r in results.subjects(SH.resultSeverity, SH.Violation)
    ]
    assert conforms == (not found)
    return sorted(found)


def test_catalog_jsonld_passes_the_dcat_ap_3_shapes(client: Client) -> None:
    data = Graph().parse(data=client.get("/catalog.jsonld").content, format="json-ld")
    assert len(set(data.subjects(predicate=DCAT.accessURL))) == 6  # every distribution
    assert shacl_violations(data) == []


def test_the_shapes_catch_what_the_catalog_used_to_publish(client: Client) -> None:
    """The check has teeth: a media type as a literal and a distribution without accessURL,
    as /catalog.jsonld had them, are violations."""
    data = Graph().parse(data=client.get("/catalog.jsonld").content, format="json-ld")
    distribution = next(data.subjects(predicate=DCAT.accessURL))
    data.remove((distribution, DCAT.accessURL, None))
    data.set((distribution, DCAT.mediaType, Literal("text/csv")))
    violations = shacl_violations(data)
    paths = {str(DCAT.accessURL), str(DCAT.mediaType)}
    assert {v.split(" ")[1].rstrip(":") for v in violations} == paths


def published_package(client: Client, slug: str, folder: Path) -> Path:
    """The package as published, beside the bytes its resource path serves (the same bytes,
    downloaded through the path's URL): frictionless reads the file instead of the web."""
    package = client.get(f"/data/{slug}/datapackage.json").json()
    resource = package["resources"][0]
    path = str(resource["path"])
    site = "https://garda.jambiprov.go.id"
    assert path.startswith(site)
    served = client.get(path.removeprefix(site))
    assert served.status_code == 200
    (folder / f"{slug}.csv").write_bytes(b"".join(served.streaming_content))
    resource["path"] = f"{slug}.csv"
    descriptor = folder / f"{slug}.datapackage.json"
    descriptor.write_text(json.dumps(package, ensure_ascii=False))
    return descriptor


def frictionless_validate(descriptor: Path) -> dict[str, Any]:
    assert shutil.which(FRICTIONLESS), "frictionless (dev extra) is not installed"
    done = subprocess.run(  # noqa: S603 - our own file, the venv's frictionless
        [FRICTIONLESS, "validate", "--json", descriptor.name],
        cwd=descriptor.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def report_errors(report: dict[str, Any]) -> list[str]:
    return [
        f"{e['type']} {e.get('fieldName', '')} row {e.get('rowNumber', '-')}: {e['note']}"
        for task in report["tasks"]
        for e in task["errors"]
    ] + [f"{e['type']}: {e['note']}" for e in report.get("errors", [])]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_published_data_package_passes_frictionless_validate(
    client: Client, tmp_path: Path, slug: str
) -> None:
    descriptor = published_package(client, slug, tmp_path)
    report = frictionless_validate(descriptor)
    assert report_errors(report) == []
    assert report["valid"] is True
    published = json.loads(descriptor.read_text())["resources"][0]
    stats = report["tasks"][0]["stats"]  # frictionless checked the file against these too
    assert stats["fields"] == len(published["schema"]["fields"])
    assert f"sha256:{stats['sha256']}" == published["hash"]


def test_frictionless_catches_a_package_that_does_not_match_its_file(
    client: Client, tmp_path: Path
) -> None:
    descriptor = published_package(client, "anggaran-2026", tmp_path)
    package = json.loads(descriptor.read_text())
    for field in package["resources"][0]["schema"]["fields"]:
        if field["name"] == "nama_program":  # the demo nomenclature leaves it empty
            field["constraints"] = {"required": True}
    descriptor.write_text(json.dumps(package))
    report = frictionless_validate(descriptor)
    assert report["valid"] is False
    assert {e.split(" ")[0] for e in report_errors(report)} == {"constraint-error"}


def test_the_budget_package_is_a_fiscal_data_package(client: Client) -> None:
    package = client.get("/data/anggaran-2026/datapackage.json").json()
    schema = json.loads((standards_dir() / "fdp" / "fiscal-data-package.json").read_text())
    errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(package)]
    assert errors == []
    types = {f["name"]: f.get("columnType") for f in package["resources"][0]["schema"]["fields"]}
    assert types["tahun"] == "date:fiscal-year"
    assert types["kode_unit"] == "administrative-classification:generic:level2:code"
    assert types["kode_sub_kegiatan"] == "activity:generic:project:code"
    assert {types[m] for m in package["model"]["measures"]} == {"value"}
    assert all(types.values()), "every budget column has its fiscal type"


def test_the_csv_only_datasets_publish_a_data_package(client: Client) -> None:
    """The README promises /data/<slug>/datapackage.json for every dataset, and the catalogs
    list it as a distribution."""
    for slug in SLUGS:
        response = client.get(f"/data/{slug}/datapackage.json")
        assert response.status_code == 200, slug
        assert response.json()["resources"][0]["path"].endswith(f"/data/{slug}/1.csv")
    listed = {
        d["downloadURL"]
        for dataset in client.get("/data.json").json()["dataset"]
        for d in dataset["distribution"]
    }
    assert {f"https://garda.jambiprov.go.id/data/{s}/datapackage.json" for s in SLUGS} <= listed

"""The open-data catalog: versioned files generated from live data, /data.json (Project Open
Data v1.1), /catalog.jsonld (DCAT) and datapackage.json (Fiscal Data Package) checked
against their required fields, and no personal data on any public page or file."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from garda.core.identity import make_nik, make_nip
from garda.core.models import Unit
from garda.core.testing import UnitFactory
from garda.people.models import Employee, Golongan
from garda.people.services import employee_create
from garda.transparency.budget.services import budget_import
from garda.transparency.budget.testing import BUDGET_HEADERS, load_hand_budget, write_csv
from garda.transparency.opendata.models import Dataset, DatasetVersion
from garda.transparency.opendata.services import opendata_generate_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Path) -> None:
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://garda.jambiprov.go.id"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    load_hand_budget(tmp_path)
    opendata_generate_all(actor=None)
    return tmp_path


def media(settings: Any, relative: str) -> Path:
    return Path(settings.MEDIA_ROOT) / relative


# --- Versions ---------------------------------------------------------------------------------


def test_generation_writes_versioned_files(settings: Any, catalog: Path) -> None:
    slugs = set(Dataset.objects.values_list("slug", flat=True))
    assert slugs == {"anggaran-2026", "realisasi-bulanan-2026", "asn-per-instansi-golongan"}
    version = DatasetVersion.objects.get(dataset__slug="anggaran-2026")
    assert version.path == "opendata/anggaran-2026/1.csv"
    content = media(settings, version.path).read_bytes()
    assert hashlib.sha256(content).hexdigest() == version.sha256
    assert version.byte_size == len(content)
    rows = list(csv.reader(io.StringIO(content.decode())))
    assert version.row_count == len(rows) - 1 == 4
    assert rows[0][-3:] == ["pagu_murni", "pagu_perubahan", "realisasi"]
    monthly = DatasetVersion.objects.get(dataset__slug="realisasi-bulanan-2026")
    assert monthly.row_count == 6


def test_unchanged_data_makes_no_new_version_and_changes_do(
    settings: Any, catalog: Path, tmp_path: Path
) -> None:
    call_command("opendata_generate")
    assert DatasetVersion.objects.count() == 3  # nothing changed
    path = write_csv(
        tmp_path / "baru.csv",
        BUDGET_HEADERS,
        [[2026, "15.KOMINFO", "2.16.03.1.02.0005", "Satu Data", "700.000", ""]],
    )
    budget_import(actor=None, source=path, filename=path.name)
    opendata_generate_all(actor=None)
    versions = DatasetVersion.objects.filter(dataset__slug="anggaran-2026").order_by("version")
    assert [v.version for v in versions] == [1, 2]
    assert media(settings, "opendata/anggaran-2026/1.csv").exists()  # old versions stay
    assert versions[1].row_count == 5
    # The ASN and monthly datasets did not change: still one version each.
    assert DatasetVersion.objects.filter(dataset__slug="asn-per-instansi-golongan").count() == 1


def test_catalog_pages_show_satu_data_metadata_and_versions(client: Client, catalog: Path) -> None:
    html = client.get(reverse("transparency:opendata:catalog")).content.decode()
    assert "Anggaran dan realisasi APBD 2026 per sub kegiatan" in html
    assert "data.json" in html
    assert "catalog.jsonld" in html
    detail = client.get(reverse("transparency:opendata:dataset", args=["anggaran-2026"]))
    text = detail.content.decode()
    for label in ("Produsen data", "Konsep", "Definisi", "Satuan", "Klasifikasi", "Rumus",
                  "Periode", "Tahun", "Metodologi", "Tag", "Pemelihara", "Urusan"):  # fmt: skip
        assert f">{label}<" in text, label
    assert "Rupiah" in text
    assert "Bulanan" in text
    version = DatasetVersion.objects.get(dataset__slug="anggaran-2026")
    assert version.sha256 in text
    download = client.get(reverse("transparency:opendata:version", args=["anggaran-2026", 1]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == media_bytes(version)  # type: ignore[attr-defined]
    assert client.get("/data/anggaran-2026/2.csv").status_code == 404


def media_bytes(version: DatasetVersion) -> bytes:
    from django.conf import settings

    return (Path(settings.MEDIA_ROOT) / version.path).read_bytes()


# --- Catalog formats, checked against their required fields -----------------------------------

POD_REQUIRED = ("title", "description", "keyword", "modified", "publisher", "contactPoint",
                "identifier", "accessLevel")  # fmt: skip
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z0-9.+-]+$")


def is_absolute_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def check_data_json(catalog: dict[str, Any]) -> list[str]:
    """Project Open Data v1.1 catalog rules (https://project-open-data.cio.gov/v1.1/schema)."""
    problems: list[str] = []
    if catalog.get("conformsTo") != "https://project-open-data.cio.gov/v1.1/schema":
        problems.append("catalog conformsTo")
    if not isinstance(catalog.get("dataset"), list):
        return [*problems, "catalog dataset list"]
    for index, dataset in enumerate(catalog["dataset"]):
        where = f"dataset[{index}]"
        for key in POD_REQUIRED:
            if not dataset.get(key):
                problems.append(f"{where} missing {key}")
        if not isinstance(dataset.get("keyword"), list) or not all(
            isinstance(k, str) and k for k in dataset.get("keyword", [])
        ):
            problems.append(f"{where} keyword must be a non-empty list of strings")
        if not ISO_DATE.match(str(dataset.get("modified", ""))):
            problems.append(f"{where} modified not ISO 8601")
        if not dataset.get("publisher", {}).get("name"):
            problems.append(f"{where} publisher.name")
        contact = dataset.get("contactPoint", {})
        if not contact.get("fn") or not str(contact.get("hasEmail", "")).startswith("mailto:"):
            problems.append(f"{where} contactPoint fn/hasEmail")
        if dataset.get("accessLevel") not in {"public", "restricted public", "non-public"}:
            problems.append(f"{where} accessLevel")
        if not is_absolute_url(str(dataset.get("license", ""))):
            problems.append(f"{where} license")
        distributions = dataset.get("distribution", [])
        if not distributions:
            problems.append(f"{where} distribution")
        for d in distributions:
            if not is_absolute_url(str(d.get("downloadURL", ""))):
                problems.append(f"{where} downloadURL")
            if not MEDIA_TYPE.match(str(d.get("mediaType", ""))):
                problems.append(f"{where} mediaType")
    return problems


IANA = "http://www.iana.org/assignments/media-types/"


def check_catalog_jsonld(catalog: dict[str, Any]) -> list[str]:
    """DCAT: a dcat:Catalog of dcat:Dataset with title, description, identifier and
    distributions that have a downloadURL and a media type; prefixes declared."""
    problems: list[str] = []
    context = catalog.get("@context", {})
    for prefix, iri in (
        ("dcat", "http://www.w3.org/ns/dcat#"),
        ("dct", "http://purl.org/dc/terms/"),
    ):
        if context.get(prefix) != iri:
            problems.append(f"@context {prefix}")
    if catalog.get("@type") != "dcat:Catalog":
        problems.append("@type")
    for index, dataset in enumerate(catalog.get("dcat:dataset", [])):
        where = f"dataset[{index}]"
        if dataset.get("@type") != "dcat:Dataset":
            problems.append(f"{where} @type")
        for key in ("dct:title", "dct:description", "dct:identifier", "dcat:keyword"):
            if not dataset.get(key):
                problems.append(f"{where} {key}")
        if dataset.get("dct:modified", {}).get("@type") != "xsd:date":
            problems.append(f"{where} dct:modified")
        for d in dataset.get("dcat:distribution", []):
            if not is_absolute_url(d.get("dcat:downloadURL", {}).get("@id", "")):
                problems.append(f"{where} dcat:downloadURL")
            media_type = str(d.get("dcat:mediaType", {}).get("@id", ""))
            if not MEDIA_TYPE.match(media_type.removeprefix(IANA)):
                problems.append(f"{where} dcat:mediaType")
        used = {key.split(":", 1)[0] for key in _keys(dataset) if ":" in key and "@" not in key}
        undeclared = used - set(context) - {"http", "https", "mailto"}
        if undeclared:
            problems.append(f"{where} undeclared prefixes {sorted(undeclared)}")
    return problems


def _keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return list(value) + [k for v in value.values() for k in _keys(v)]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


FDP_PHASES = {"proposed", "approved", "adjusted", "executed"}
TABLE_TYPES = {"string", "integer", "number", "boolean", "date", "year"}


def check_datapackage(package: dict[str, Any]) -> list[str]:
    """Fiscal Data Package: a data package whose resources have a schema, and whose model's
    measures (with currency and phase) and dimensions point at fields that exist."""
    problems: list[str] = []
    if not re.fullmatch(r"[a-z0-9._-]+", str(package.get("name", ""))):
        problems.append("name")
    resources = package.get("resources") or []
    if not resources:
        return [*problems, "resources"]
    fields: set[str] = set()
    for resource in resources:
        if not resource.get("name") or not resource.get("path"):
            problems.append("resource name/path")
        for field in resource.get("schema", {}).get("fields", []):
            if field.get("type") not in TABLE_TYPES:
                problems.append(f"field {field.get('name')} type")
            fields.add(field["name"])
    model = package.get("model", {})
    measures = model.get("measures", {})
    if not measures:
        problems.append("model.measures")
    for name, measure in measures.items():
        if measure.get("source") not in fields:
            problems.append(f"measure {name} source")
        if not re.fullmatch(r"[A-Z]{3}", str(measure.get("currency", ""))):
            problems.append(f"measure {name} currency")
        if measure.get("phase") not in FDP_PHASES:
            problems.append(f"measure {name} phase")
    for name, dimension in model.get("dimensions", {}).items():
        attributes = dimension.get("attributes", {})
        if not attributes:
            problems.append(f"dimension {name} attributes")
        for attr_name, attr in attributes.items():
            if attr.get("source") not in fields:
                problems.append(f"dimension {name}.{attr_name} source")
        if not set(dimension.get("primaryKey", [])) <= set(attributes):
            problems.append(f"dimension {name} primaryKey")
    return problems


def test_data_json_is_a_valid_project_open_data_catalog(client: Client, catalog: Path) -> None:
    response = client.get("/data.json")
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert check_data_json(data) == []
    assert len(data["dataset"]) == 3
    budget = next(d for d in data["dataset"] if d["title"].startswith("Anggaran"))
    assert budget["temporal"] == "2026-01-01/2026-12-31"
    assert budget["satuData"]["satuan"] == "Rupiah"
    assert budget["distribution"][0]["downloadURL"] == (
        "https://garda.jambiprov.go.id/data/anggaran-2026/1.csv"
    )


def test_catalog_jsonld_says_the_same_as_data_json(client: Client, catalog: Path) -> None:
    response = client.get("/catalog.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    jsonld = response.json()
    assert check_catalog_jsonld(jsonld) == []
    pod = client.get("/data.json").json()
    assert {d["identifier"] for d in pod["dataset"]} == {
        d["dct:identifier"] for d in jsonld["dcat:dataset"]
    }
    assert {d["title"] for d in pod["dataset"]} == {d["dct:title"] for d in jsonld["dcat:dataset"]}
    budget = next(d for d in jsonld["dcat:dataset"] if "anggaran-2026" in d["@id"])
    assert budget["sdi:produsen_data"].startswith("Pemerintah Provinsi Jambi")


def test_datapackage_is_a_fiscal_data_package(client: Client, settings: Any, catalog: Path) -> None:
    package = client.get("/data/anggaran-2026/datapackage.json").json()
    assert check_datapackage(package) == []
    assert package["profile"] == "tabular-data-package"  # as the FDP schema requires
    assert package["x-profile-url"] == "https://specs.frictionlessdata.io/fiscal-data-package/"
    assert {m["phase"] for m in package["model"]["measures"].values()} == {
        "approved", "adjusted", "executed",
    }  # fmt: skip
    assert {m["currency"] for m in package["model"]["measures"].values()} == {"IDR"}
    resource = package["resources"][0]
    version = DatasetVersion.objects.get(dataset__slug="anggaran-2026")
    assert resource["path"].endswith("/data/anggaran-2026/1.csv")
    assert resource["hash"] == f"sha256:{version.sha256}"
    header = media_bytes(version).decode().splitlines()[0].split(",")
    assert header == [f["name"] for f in resource["schema"]["fields"]]
    # A dataset that is not a budget gets a plain Tabular Data Package, without a fiscal model.
    plain = client.get("/data/asn-per-instansi-golongan/datapackage.json").json()
    assert check_datapackage({**plain, "model": package["model"]})[:1] != ["resources"]
    assert "model" not in plain


def test_checks_catch_broken_documents() -> None:
    assert "dataset[0] missing title" in check_data_json(
        {"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [{}]}
    )
    assert "measure x currency" in check_datapackage(
        {"name": "x", "resources": [{"name": "x", "path": "x.csv",
         "schema": {"fields": [{"name": "x", "type": "integer"}]}}],
         "model": {"measures": {"x": {"source": "x", "phase": "approved"}}}}
    )  # fmt: skip


# --- No personal data -------------------------------------------------------------------------

PERSONAL = re.compile(r"\b\d{16}\b|\b\d{18}\b")  # NIK (16 digits), NIP (18 digits)


def _employees() -> list[Employee]:
    unit = Unit.objects.get(code="15.BPSDM")
    golongan = Golongan.objects.get(kind="pns", code="III/b")
    made = []
    for sequence in (1, 2, 3):
        born = dt.date(1985, 4, sequence)
        made.append(
            employee_create(
                actor=None, nip=make_nip(born, 2010, 3, "P", sequence), kind="pns",
                name=f"Siti Rahasia {sequence}", birth_date=born, gender="P",
                unit_id=unit.pk, golongan_id=golongan.pk, nik=make_nik(sequence),
                email=f"siti{sequence}@jambiprov.go.id",
            )
        )  # fmt: skip
    return made


def test_no_personal_data_on_any_public_page_or_file(client: Client, tmp_path: Path) -> None:
    employees = _employees()
    UnitFactory(code="15.99", kind="instansi")
    load_hand_budget(tmp_path)
    opendata_generate_all(actor=None)
    asn = DatasetVersion.objects.get(dataset__slug="asn-per-instansi-golongan")
    asn_rows = list(csv.reader(io.StringIO(media_bytes(asn).decode())))
    assert asn_rows[0] == ["kode_instansi", "nama_instansi", "jenis_pegawai", "golongan", "jumlah"]
    assert ["15", "Pemerintah Provinsi Jambi", "PNS", "III/b", "3"] in asn_rows

    urls = ["/anggaran/2026/", "/anggaran/2026/unit/15/", "/anggaran/2026/unit/15.BPSDM/",
            "/anggaran/2026/rincian/", "/data/", "/data.json", "/catalog.jsonld"]  # fmt: skip
    for table in ("ringkasan", "program", "bulanan", "rincian"):
        urls += [f"/anggaran/2026/unduh/{table}.csv", f"/anggaran/2026/unduh/{table}.xlsx"]
    for dataset in Dataset.objects.all():
        urls += [f"/data/{dataset.slug}/", f"/data/{dataset.slug}/1.csv"]
    urls.append("/data/anggaran-2026/datapackage.json")
    secrets = [e.nip for e in employees] + [str(e.nik) for e in employees]
    secrets += [e.name for e in employees] + [e.email for e in employees]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = (
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            if response.streaming
            else response.content
        )
        if url.endswith(".xlsx"):
            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(body)).active
            assert sheet is not None
            text = json.dumps([list(r) for r in sheet.iter_rows(values_only=True)], default=str)
        else:
            text = body.decode("utf-8-sig")
        assert not PERSONAL.search(text), (url, PERSONAL.search(text))
        for secret in secrets:
            assert secret not in text, (url, secret)

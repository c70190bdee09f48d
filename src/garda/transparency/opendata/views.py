"""The public open-data catalog: /data/, each dataset with its Satu Data metadata and
versions, the version files, and the catalog as /data.json, /catalog.jsonld and a Data
Package per dataset (a Fiscal Data Package for a budget year)."""

from __future__ import annotations

import json
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import translation

from garda.core.permissions import access_for, require_access
from garda.core.roles import PUBLIC
from garda.transparency.budget.cache import cached_value, render_public
from garda.transparency.opendata import formats, packages, selectors
from garda.transparency.opendata.models import DatasetKind

PUBLIC_ACCESS = access_for(PUBLIC)
OPENDATA = "opendata"


def _json(content: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"  # catalogs are harvested from other sites
    response["Cache-Control"] = "public, max-age=300"
    return response


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def _records() -> list[selectors.CatalogRecord]:
    # Metadata is Indonesian whatever the visitor's language: one catalog for everyone.
    with translation.override("id"):
        return selectors.catalog_records()


@require_access(PUBLIC_ACCESS)
def catalog(request: HttpRequest) -> HttpResponse:
    def context() -> dict[str, Any]:
        datasets = [
            (dataset, selectors.latest_version(dataset=dataset))
            for dataset in selectors.dataset_list()
        ]
        return {"datasets": datasets}

    return render_public(
        request,
        "transparency/opendata/catalog.html",
        context,
        data=OPENDATA,
        canonical=request.path,
    )


@require_access(PUBLIC_ACCESS)
def dataset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug)

    def context() -> dict[str, Any]:
        with translation.override("id"):
            metadata = selectors.satu_data(dataset)
        return {
            "dataset": dataset,
            "metadata": metadata,
            "versions": selectors.dataset_versions(dataset=dataset),
            "is_budget": dataset.kind == DatasetKind.BUDGET_YEAR,
        }

    return render_public(
        request,
        "transparency/opendata/dataset.html",
        context,
        data=OPENDATA,
        canonical=request.path,
    )


@require_access(PUBLIC_ACCESS)
def version_download(request: HttpRequest, slug: str, version: int) -> FileResponse:
    found, path = selectors.version_get(slug=slug, version=version)
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{slug}-v{found.version}.csv",
        content_type="text/csv; charset=utf-8",
    )
    # A version never changes once written.
    response["Cache-Control"] = "public, max-age=86400, immutable"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_access(PUBLIC_ACCESS)
def datapackage_json(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug)
    version = selectors.latest_version(dataset=dataset)
    if version is None:
        raise Http404
    content = cached_value(
        OPENDATA, f"datapackage:{slug}", lambda: _dumps(packages.datapackage(dataset, version))
    )
    return _json(content, "application/json")


@require_access(PUBLIC_ACCESS)
def data_json(request: HttpRequest) -> HttpResponse:
    content = cached_value(OPENDATA, "data.json", lambda: _dumps(formats.data_json(_records())))
    return _json(content, "application/json")


@require_access(PUBLIC_ACCESS)
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    content = cached_value(
        OPENDATA, "catalog.jsonld", lambda: _dumps(formats.catalog_jsonld(_records()))
    )
    return _json(content, "application/ld+json")

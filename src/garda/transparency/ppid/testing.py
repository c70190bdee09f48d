"""Test helpers of PPID: sample requests, and the role-matrix parameters of its routes
(core/tests/test_role_matrix.py takes `role_matrix_params()` and `ROLE_MATRIX_SKIP`)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from garda.core.models import Unit, UnitKind, User
from garda.core.org.services import unit_create
from garda.transparency.ppid.intake import RequestInput
from garda.transparency.ppid.models import InformationItem, InformationRequest
from garda.transparency.ppid.services import request_submit

_numbers = itertools.count(1)
# A NIK that parse_nik accepts: Kota Jambi, born 15-03-1990 (woman: day + 40), sequence 0001.
SAMPLE_NIK = "1571015503900001"


def request_input(unit: Unit, **overrides: Any) -> RequestInput:
    n = next(_numbers)
    values: dict[str, Any] = {
        "unit_id": unit.pk,
        "requester_kind": "individual",
        "requester_name": f"Budi Santoso {n}",
        "requester_nik": SAMPLE_NIK,
        "address": f"Jl. Gatot Subroto No. {n}, Kota Jambi",
        "phone": f"08127{n:06d}",
        "email": f"pemohon{n}@contoh.id",
        "details": "Salinan DPA Dinas tahun 2026 beserta realisasinya.",
        "purpose": "Penelitian skripsi tentang transparansi anggaran daerah.",
        "obtain_method": "copy",
        "copy_delivery": "email",
    }
    values.update(overrides)
    return RequestInput(**values)


def target_unit_for(user: User | None) -> Unit:
    """An instansi/OPD the user's role scope reaches (its own unit when that is one)."""

    own = user.unit if user is not None else None
    if own is not None and own.kind in {UnitKind.INSTANSI, UnitKind.OPD}:
        return own
    n = next(_numbers)
    return unit_create(actor=None, code=f"PPID.UJI.{n}", name=f"Dinas Uji {n}", kind=UnitKind.OPD)


def sample_request(
    user: User | None = None, *, today: dt.date | None = None, **overrides: Any
) -> InformationRequest:
    return request_submit(
        actor=None,
        data=request_input(target_unit_for(user), **overrides),
        consent=True,
        today=today,
    )


def _own_request(user: User | None) -> dict[str, Any]:
    return {"pk": sample_request(user).pk}


def _own_code(user: User | None) -> dict[str, Any]:
    return {"code": sample_request(user).tracking_code}


def _own_item(user: User | None) -> dict[str, Any]:
    item = InformationItem.objects.create(
        unit=target_unit_for(user), title="Informasi uji", category="setiap_saat"
    )
    return {"pk": item.pk}


def _published_document(user: User | None) -> dict[str, Any]:
    item = InformationItem.objects.create(
        unit=target_unit_for(user), title="Laporan uji", category="berkala", is_published=True
    )
    item.document.save("laporan-uji.pdf", ContentFile(b"%PDF-1.4\n% uji\n"), save=True)
    return {"pk": item.pk}


def role_matrix_params() -> dict[
    str, Mapping[str, Any] | Callable[[User | None], Mapping[str, Any]]
]:
    """Sample URL parameters for every PPID and calendar route with parameters. A callable
    makes a request in the role's own unit, so scoped roles may open it."""
    return {
        "transparency:ppid:track_detail": _own_code,
        "transparency:ppid:objection_new": _own_code,
        "transparency:ppid:report_pdf": {"year": timezone.localdate().year},
        "transparency:ppid:console_detail": _own_request,
        "transparency:ppid:process": _own_request,
        "transparency:ppid:extend": _own_request,
        "transparency:ppid:decide": _own_request,
        "transparency:ppid:objection_decide": _own_request,
        "transparency:ppid:item_edit": _own_item,
        "transparency:ppid:item_document": _published_document,
        "api:information-request-detail": _own_request,
        "calendar:remove": {"day": "2026-03-18"},
    }


ROLE_MATRIX_SKIP = {
    "transparency:ppid:track_attachment": (
        "a download of a decided request's answer file; covered in test_ppid_pages"
    ),
}

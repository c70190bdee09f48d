"""Upload pages of the talent records: SKP, potential and discipline files, each imported in the
background by the same service function as its command (talent/tasks.py, IMPORTERS), with the
same roles: SKP and potential for the admins, discipline for the BKD roles only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from garda.competency.forms import UploadForm
from garda.core.permissions import require_access, signed_in_user
from garda.core.spreadsheets.reader import Layout
from garda.core.uploads import upload_page
from garda.talent import imports, policy
from garda.talent.tasks import start_talent_import

PAGES: dict[str, tuple[Layout, Promise, Promise]] = {
    "skp": (
        imports.SKP_LAYOUT,
        _("Impor hasil SKP"),
        _("Predikat: Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang, atau Cukup dan "
          "Buruk (lama); kolom Nilai boleh tidak ada."),
    ),
    "potensial": (
        imports.POTENSIAL_LAYOUT,
        _("Impor hasil potensial"),
        _("Potensial: rendah, menengah atau tinggi."),
    ),
    "disiplin": (
        imports.DISIPLIN_LAYOUT,
        _("Impor hukuman disiplin"),
        _("Tingkat: Ringan, Sedang atau Berat; Tanggal Selesai boleh kosong. Data ini tidak "
          "pernah tampil di halaman publik."),
    ),
}  # fmt: skip


def _upload(request: HttpRequest, kind: str) -> HttpResponse:
    user = signed_in_user(request)
    layout, title, note = PAGES[kind]
    return upload_page(
        request, UploadForm(request.POST or None, request.FILES or None),
        start=lambda data: start_talent_import(
            owner=user, kind=kind, upload=data["file"], skip_invalid=data["skip_invalid"],
            lang=translation.get_language() or "id",
        ),
        columns=[header for _key, header in layout.columns], title=title, note=note,
    )  # fmt: skip


@require_access(policy.RECORDS_WRITE)
def skp_upload(request: HttpRequest) -> HttpResponse:
    return _upload(request, "skp")


@require_access(policy.RECORDS_WRITE)
def potensial_upload(request: HttpRequest) -> HttpResponse:
    return _upload(request, "potensial")


@require_access(policy.DISCIPLINE_WRITE)
def disiplin_upload(request: HttpRequest) -> HttpResponse:
    return _upload(request, "disiplin")

"""Import and export pages of the ASN registry: upload (a background job), template, export."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from garda.core.org.selectors import unit_list
from garda.core.permissions import access_for, require_access, signed_in_user
from garda.core.roles import Role
from garda.core.uploads import upload_page
from garda.people.services import asn_export as exporting
from garda.people.tasks import start_employee_import

IMPORT_ACCESS = access_for(Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD)
EXPORT_ACCESS = access_for(
    Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD, Role.ATASAN, Role.AUDITOR
)
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas .xlsx atau .csv"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )
    skip_invalid = forms.BooleanField(
        required=False,
        label=_("Impor baris yang valid saja (lewati baris bermasalah)"),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


def _attachment(response: HttpResponseBase, name: str) -> HttpResponseBase:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"  # personal data: not kept by proxies or browsers
    return response


@require_access(IMPORT_ACCESS)
def import_upload(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    # The registry's own page: its columns come with notes, and it links the templates.
    return upload_page(
        request, ImportForm(request.POST or None, request.FILES or None),
        start=lambda data: start_employee_import(
            owner=user, upload=data["file"], skip_invalid=data["skip_invalid"],
            lang=translation.get_language() or "id",
        ),
        columns=exporting.COLUMN_NOTES, template="people/import_upload.html",
    )  # fmt: skip


@require_access(IMPORT_ACCESS)
def import_template(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in exporting.FORMATS:
        raise Http404
    user = signed_in_user(request)
    content = exporting.import_template(fmt=fmt, units=unit_list(user=user))
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    return _attachment(response, f"templat-impor-asn.{fmt}")


@require_access(EXPORT_ACCESS)
def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in exporting.FORMATS:
        raise Http404
    user = signed_in_user(request)
    name = f"data-asn-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        stream = exporting.employee_export_csv_stream(user=user, filters=request.GET)
        return _attachment(StreamingHttpResponse(stream, content_type=CONTENT_TYPES[fmt]), name)
    content = exporting.employee_export(user=user, fmt=fmt, filters=request.GET)
    return _attachment(HttpResponse(content, content_type=CONTENT_TYPES[fmt]), name)

"""The budget upload page: finance staff import a budget or a month's realisasi from the
file they already keep, and watch the job; same rules as `garda import_budget`."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from garda.core.permissions import access_for, require_access, signed_in_user
from garda.core.roles import Role
from garda.core.uploads import upload_page
from garda.transparency.budget.importing import BUDGET_LAYOUT, REALISASI_LAYOUT
from garda.transparency.budget.tasks import start_budget_import

IMPORT_ACCESS = access_for(Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD)


class BudgetImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis data"),
        choices=[
            ("anggaran", _("Anggaran (pagu murni dan pagu perubahan)")),
            ("realisasi", _("Realisasi bulanan")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=_("Berkas .xlsx atau .csv"))
    skip_invalid = forms.BooleanField(
        required=False, label=_("Impor baris yang valid saja (lewati baris bermasalah)")
    )


@require_access(IMPORT_ACCESS)
def import_upload(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    # Two layouts on one page (the form's `kind` picks one): the page lists both.
    return upload_page(
        request, BudgetImportForm(request.POST or None, request.FILES or None),
        start=lambda data: start_budget_import(
            owner=user, kind=data["kind"], upload=data["file"],
            skip_invalid=data["skip_invalid"], lang=translation.get_language() or "id",
        ),
        template="transparency/budget/import_upload.html",
        context={
            "budget_columns": [header for _key, header in BUDGET_LAYOUT.columns],
            "realisasi_columns": [header for _key, header in REALISASI_LAYOUT.columns],
        },
    )  # fmt: skip

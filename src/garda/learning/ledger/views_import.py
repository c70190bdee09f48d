"""The admins' upload page for training history: the same service as `garda import_learning`,
run in the request (a history file is a few thousand rows), its report shown on the page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from garda.core.errors import GardaError
from garda.core.permissions import require_access, signed_in_user
from garda.learning.ledger import policy
from garda.learning.ledger.forms import ImportForm
from garda.learning.ledger.imports import LAYOUT
from garda.learning.ledger.services.importing import learning_import

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@require_access(policy.VERIFY_ACCESS)
def import_upload(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", translation.gettext("Berkas paling besar 10 MB."))
        else:
            try:
                report = learning_import(
                    actor=user,
                    source=upload,
                    filename=upload.name,
                    skip_invalid=form.cleaned_data["skip_invalid"],
                )
            except GardaError as error:
                form.add_error("file", error.message)
    lang = "en" if (translation.get_language() or "id").startswith("en") else "id"
    context = {
        "form": form,
        "report": report,
        "summary": report.summary(lang) if report else "",
        "problems": report.problems(lang, limit=200) if report else [],
        "warnings": report.flags(lang) if report else [],
        "columns": [header for _key, header in LAYOUT.columns],
    }
    return render(request, "ledger/import_upload.html", context)

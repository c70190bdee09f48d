"""The admins' upload page for training history: the upload is stored and read by the worker
(`tasks.import_learning_file`, the same service as `garda import_learning`); the owner watches
the job page, which shows progress, the report and the rows whose JP a rule capped."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation

from garda.core.errors import GardaError
from garda.core.permissions import require_access, signed_in_user
from garda.core.uploads import MAX_IMPORT_BYTES
from garda.learning.ledger import policy
from garda.learning.ledger.forms import ImportForm
from garda.learning.ledger.imports import LAYOUT
from garda.learning.ledger.tasks import start_learning_import


@require_access(policy.VERIFY_ACCESS)
def import_upload(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = start_learning_import(
                owner=user,
                upload=form.cleaned_data["file"],
                skip_invalid=form.cleaned_data["skip_invalid"],
                lang=translation.get_language() or "id",
            )
        except GardaError as error:
            form.add_error("file", error.message)
        else:
            return redirect("core:job", job_id=job.pk)
    context = {
        "form": form,
        "columns": [header for _key, header in LAYOUT.columns],
        "max_mb": MAX_IMPORT_BYTES // 2**20,
    }
    return render(request, "ledger/import_upload.html", context)

"""The admins' upload page for training history: the upload is stored and read by the worker
(`tasks.import_learning_file`, the same service as `garda import_learning`); the owner watches
the job page, which shows progress, the report and the rows whose JP a rule capped."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from garda.core.permissions import require_access, signed_in_user
from garda.core.uploads import upload_page
from garda.learning.ledger import policy
from garda.learning.ledger.forms import ImportForm
from garda.learning.ledger.imports import LAYOUT
from garda.learning.ledger.tasks import start_learning_import


@require_access(policy.VERIFY_ACCESS)
def import_upload(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return upload_page(
        request, ImportForm(request.POST or None, request.FILES or None),
        start=lambda data: start_learning_import(
            owner=user, upload=data["file"], skip_invalid=data["skip_invalid"],
            lang=translation.get_language() or "id",
        ),
        columns=[header for _key, header in LAYOUT.columns],
        template="ledger/import_upload.html",
    )  # fmt: skip

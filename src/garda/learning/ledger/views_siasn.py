"""The admins' SIASN page: what is pending in their scope, the last answers, and a button
that sends the next batch (the same service as `garda siasn_push`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.access import scope_by_unit
from garda.core.errors import GardaError
from garda.core.permissions import require_access, signed_in_user
from garda.learning.ledger import policy, selectors
from garda.learning.ledger.models import SiasnPush
from garda.learning.ledger.siasn.services import entries_to_push, siasn_push

PUSH_BATCH = 200


@require_access(policy.VERIFY_ACCESS)
def siasn_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    pending = entries_to_push(selectors.entries_visible(user=user))
    pushes = scope_by_unit(
        SiasnPush.objects.select_related("entry", "entry__employee"),
        user,
        unit_field="entry__employee__unit",
    )[:50]
    context = {"pending": pending.count(), "pushes": pushes, "batch": PUSH_BATCH}
    return render(request, "ledger/siasn.html", context)


@require_access(policy.VERIFY_ACCESS)
@require_POST
def siasn_send(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    try:
        report = siasn_push(
            actor=user, entries=selectors.entries_visible(user=user), limit=PUSH_BATCH
        )
    except GardaError as error:
        messages.error(request, error.message)
    else:
        level = messages.success if not report.failed else messages.warning
        level(
            request,
            _("Terkirim %(sent)d, gagal %(failed)d.")
            % {"sent": report.sent, "failed": report.failed},
        )
    return redirect("ledger:siasn")

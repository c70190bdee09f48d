"""Admin pages of the bridge: which puskesmas are connected, their credentials, and the
outbox of calls to BPJS with its delivery status."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from garda.core.errors import GardaError, NotFound
from garda.core.permissions import require_access, signed_in_user
from garda.queueing.mobilejkn import selectors, services
from garda.queueing.mobilejkn.forms import CredentialsForm, OutboundForm
from garda.queueing.mobilejkn.models import OutboxStatus
from garda.queueing.mobilejkn.policy import BRIDGE_ADMIN, BRIDGE_VIEW


@require_access(BRIDGE_VIEW)
def bridge_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    facilities = selectors.facilities_for_bridge_admin(user)
    page = Paginator(facilities, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "mobilejkn/bridge_list.html",
        {
            "page": page,
            "counts": selectors.outbox_counts(user),
            "base_url": request.build_absolute_uri("/mobilejkn/"),
        },
    )


@require_access(BRIDGE_ADMIN)
def bridge_edit(request: HttpRequest, code: str) -> HttpResponse:
    user = signed_in_user(request)
    facility = selectors.facility_for_bridge_admin(user, code)
    if facility is None:
        raise NotFound
    bridge = getattr(facility, "bridge", None)
    credentials = CredentialsForm(initial={"username": bridge.username if bridge else ""})
    outbound = OutboundForm(
        initial={
            "enabled": bridge.outbound_enabled if bridge else False,
            "base_url": bridge.bpjs_base_url if bridge else "",
            "cons_id": bridge.cons_id if bridge else "",
        }
    )
    if request.method == "POST":
        which = request.POST.get("bagian")
        try:
            if which == "kredensial":
                credentials = CredentialsForm(request.POST)
                if credentials.is_valid():
                    services.bridge_set_credentials(
                        actor=user,
                        facility_id=facility.pk,
                        username=credentials.cleaned_data["username"],
                        password=credentials.cleaned_data["password"],
                    )
                    messages.success(request, gettext("Kredensial Mobile JKN disimpan."))
                    return redirect("mobilejkn:bridge_edit", code=facility.code)
            elif which == "bpjs":
                outbound = OutboundForm(request.POST)
                if outbound.is_valid():
                    data = outbound.cleaned_data
                    services.bridge_set_outbound(
                        actor=user,
                        facility_id=facility.pk,
                        enabled=data["enabled"],
                        base_url=data["base_url"],
                        cons_id=data["cons_id"],
                        secret=data["secret"],
                        user_key=data["user_key"],
                    )
                    messages.success(request, gettext("Pengaturan pengiriman ke BPJS disimpan."))
                    return redirect("mobilejkn:bridge_edit", code=facility.code)
        except GardaError as error:
            messages.error(request, error.message)
    return render(
        request,
        "mobilejkn/bridge_edit.html",
        {
            "facility": facility,
            "bridge": bridge,
            "credentials": credentials,
            "outbound": outbound,
            "base_url": request.build_absolute_uri(f"/mobilejkn/{facility.code}/"),
        },
    )


@require_access(BRIDGE_VIEW)
def outbox_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    status = request.GET.get("status", "")
    if status not in OutboxStatus.values:
        status = ""
    messages_page = Paginator(selectors.outbox_list(user, status=status), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "mobilejkn/outbox.html",
        {
            "page": messages_page,
            "status": status,
            "statuses": OutboxStatus.choices,
            "counts": selectors.outbox_counts(user),
            "can_retry": BRIDGE_ADMIN.allows(user),
        },
    )


@require_access(BRIDGE_ADMIN)
@require_POST
def outbox_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    if not selectors.outbox_list(user).filter(pk=pk).exists():
        raise NotFound
    services.outbox_retry(actor=user, message_id=pk)
    messages.success(request, gettext("Kiriman dijadwalkan ulang."))
    return redirect(reverse("mobilejkn:outbox") + "?status=pending")

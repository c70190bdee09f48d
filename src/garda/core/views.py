"""Pages of the core app: home, sign-in with two factors, profile, job progress, audit log."""

from __future__ import annotations

import base64
import time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from garda.core import home as home_items
from garda.core import selectors, services, twofactor
from garda.core.audit.models import NEWEST_FIRST, AuditEntry, SignedTreeHead
from garda.core.errors import GardaError
from garda.core.forms import LoginForm, ResetPasswordForm, TotpForm
from garda.core.models import User
from garda.core.outage import outage_response_for_current_exception
from garda.core.permissions import SIGNED_IN, access_for, require_access, signed_in_user
from garda.core.qr import qr_data_uri
from garda.core.roles import PUBLIC, Role
from garda.core.tasks import start_audit_verification

PUBLIC_ACCESS = access_for(PUBLIC)
AUDIT_ACCESS = access_for(Role.AUDITOR, Role.ADMIN_PROVINSI)


@require_access(PUBLIC_ACCESS)
def home(request: HttpRequest) -> HttpResponse:
    """Signed in: what waits for this user today and their own figures (core.home, filled by
    every app). Signed out: the five public services, one tap each on a phone."""
    if not request.user.is_authenticated:
        return render(request, "core/home_public.html")
    user = signed_in_user(request)
    return render(request, "core/home.html", {"content": home_items.home_content(request, user)})


@require_access(PUBLIC_ACCESS)
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """The home page's "check a certificate" box: the number typed leads to its page."""
    code = "".join(request.GET.get("kode", "").split()).upper()[:32]
    if not code:
        return redirect("core:home")
    return redirect("learning:verify", code=code)


class LoginView(auth_views.LoginView):
    access = PUBLIC_ACCESS
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True


# The session may show the secret of this pending device: it opened the enrolment link.
_ENROLMENT_GRANT = "garda_totp_enrolment_device"
# When this session last e-mailed an enrolment link (epoch seconds), so reloads send no more.
_LINK_SENT_AT = "garda_totp_link_sent_at"
_RESEND_AFTER_SECONDS = 60


def _next_url(request: HttpRequest) -> str:
    next_url = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return "/"
    return next_url


def _device_for_page(request: HttpRequest, user: User) -> TOTPDevice | None:
    """The device to type a code for: the confirmed one, or the pending one whose enrolment
    link this session opened. None means the secret may not be shown yet."""
    confirmed = twofactor.confirmed_device(user)
    if confirmed is not None:
        return confirmed
    granted = request.session.get(_ENROLMENT_GRANT)
    if granted is not None:
        return TOTPDevice.objects.filter(pk=granted, user=user, confirmed=False).first()
    if not settings.GARDA_REQUIRE_2FA:
        return services.totp_device_get_or_start(user=user)  # local experiments only
    return None


def _await_enrolment_link(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """No device yet: the secret goes only to whoever opens the link mailed to the account."""
    sent_at = request.session.get(_LINK_SENT_AT)
    resend = request.method == "POST" and "kirim_ulang" in request.POST
    due = sent_at is None or (resend and time.time() - sent_at >= _RESEND_AFTER_SECONDS)
    if due and services.totp_enrolment_link_send(user=user):
        request.session[_LINK_SENT_AT] = time.time()
        if resend:
            messages.info(request, _("Tautan pemasangan baru sudah dikirim."))
    if request.method == "POST":
        return redirect(f"{reverse('core:two_factor')}?{urlencode({'next': next_url})}")
    context = {
        "next": next_url,
        "has_email": bool(user.email),
        "hours": twofactor.ENROLMENT_LINK_HOURS,
    }
    return render(request, "core/two_factor_link.html", context)


@require_access(SIGNED_IN)
def two_factor(request: HttpRequest) -> HttpResponse:
    """Confirm the TOTP code, or set the device up once the enrolment link was opened."""
    user = signed_in_user(request)
    next_url = _next_url(request)
    device = _device_for_page(request, user)
    if device is None:
        if not twofactor.second_factor_required(user):
            return redirect(next_url)
        return _await_enrolment_link(request, user, next_url)
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _why = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "token", _("Terlalu banyak percobaan yang salah. Tunggu sebentar lalu coba lagi.")
            )
        elif device.verify_token(form.cleaned_data["token"]):
            if not device.confirmed:
                services.totp_device_confirm(user=user, device=device)
                request.session.pop(_ENROLMENT_GRANT, None)
            otp_login(request, device)
            messages.success(request, _("Verifikasi dua langkah berhasil."))
            return redirect(next_url)
        else:
            form.add_error("token", _("Kode salah atau sudah kedaluwarsa. Coba kode yang baru."))
    context: dict[str, Any] = {"form": form, "next": next_url, "setup": not device.confirmed}
    if not device.confirmed:
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        context["secret"] = secret
        context["qr_svg_data"] = qr_data_uri(device.config_url, scale=5)
    return render(request, "core/two_factor.html", context)


@require_access(SIGNED_IN)
def two_factor_enrol(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time link from the mail or `garda totp_enrolment_link`: opened by the signed-in
    owner, it lets this session see a fresh secret once."""
    user = signed_in_user(request)
    try:
        device = services.totp_enrolment_open(user=user, token=token)
    except GardaError as error:
        messages.error(request, error.message)
        return redirect("core:two_factor")
    request.session[_ENROLMENT_GRANT] = device.pk
    return redirect("core:two_factor")


@require_access(SIGNED_IN)
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "core/profile.html", {"profile_user": signed_in_user(request)})


@require_access(SIGNED_IN)
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = selectors.job_get(user=signed_in_user(request), job_id=job_id)
    template = "core/_job_progress.html" if request.headers.get("HX-Request") else "core/job.html"
    return render(request, template, {"job": job})


@require_access(AUDIT_ACCESS)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("actor").order_by(*NEWEST_FIRST)
    action = request.GET.get("aksi", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    heads = SignedTreeHead.objects.order_by("-tree_size", "-signed_at")[:5]
    return render(request, "core/audit_log.html", {"page": page, "heads": heads, "action": action})


@require_POST
@require_access(AUDIT_ACCESS)
def audit_verify_start(request: HttpRequest) -> HttpResponse:

    job = start_audit_verification(owner=signed_in_user(request))
    return redirect("core:job", job_id=job.pk)


password_reset = require_access(PUBLIC_ACCESS)(
    auth_views.PasswordResetView.as_view(
        template_name="core/password_reset.html",
        email_template_name="core/email/password_reset.txt",
        subject_template_name="core/email/password_reset_subject.txt",
        success_url=reverse_lazy("core:password_reset_done"),
    )
)
password_reset_done = require_access(PUBLIC_ACCESS)(
    auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html")
)
password_reset_confirm = require_access(PUBLIC_ACCESS)(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="core/password_reset_confirm.html",
        form_class=ResetPasswordForm,
        success_url=reverse_lazy("core:password_reset_complete"),
    )
)
password_reset_complete = require_access(PUBLIC_ACCESS)(
    auth_views.PasswordResetCompleteView.as_view(template_name="core/password_reset_complete.html")
)
password_change = require_access(SIGNED_IN)(
    auth_views.PasswordChangeView.as_view(
        template_name="core/password_change.html", success_url=reverse_lazy("core:profile")
    )
)
logout = require_access(PUBLIC_ACCESS)(auth_views.LogoutView.as_view())


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    outage = outage_response_for_current_exception(request)
    return outage if outage is not None else render(request, "500.html", status=500)

"""Pages of the core app: home, sign-in with two factors, profile, job progress, audit log."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from garda.core import selectors, services
from garda.core.audit.models import AuditEntry, SignedTreeHead
from garda.core.forms import LoginForm, ResetPasswordForm, TotpForm
from garda.core.outage import outage_response_for_current_exception
from garda.core.permissions import SIGNED_IN, access_for, require_access, signed_in_user
from garda.core.roles import PUBLIC, Role
from garda.core.tasks import start_audit_verification

PUBLIC_ACCESS = access_for(PUBLIC)
AUDIT_ACCESS = access_for(Role.AUDITOR, Role.ADMIN_PROVINSI)


@require_access(PUBLIC_ACCESS)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


class LoginView(auth_views.LoginView):
    access = PUBLIC_ACCESS
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True


@require_access(SIGNED_IN)
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up (first time) or confirm the TOTP second factor, then continue."""
    user = signed_in_user(request)
    next_url = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    device = services.totp_device_get_or_start(user=user)
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
            otp_login(request, device)
            messages.success(request, _("Verifikasi dua langkah berhasil."))
            return redirect(next_url)
        else:
            form.add_error("token", _("Kode salah atau sudah kedaluwarsa. Coba kode yang baru."))
    context: dict[str, Any] = {"form": form, "next": next_url, "setup": not device.confirmed}
    if not device.confirmed:
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        context["secret"] = secret
        context["qr_svg_data"] = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
    return render(request, "core/two_factor.html", context)


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
    entries = AuditEntry.objects.select_related("actor").order_by("-seq")
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

"""Certificate pages: the participant's PDF and signed Open Badge, the public verification
page (no login, masked NIP), the badge issuer's DID document and revocation status list (public
JSON), revocation, the signing officials and the batch run for organisers; and the per-user ICS
calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from garda.core.access import units_visible_to
from garda.core.errors import GardaError
from garda.core.identity import mask_identifier
from garda.core.params import number_from
from garda.core.permissions import require_access, signed_in_user
from garda.learning import policy, selectors
from garda.learning.access import ADMIN_READ, ADMIN_WRITE, PUBLIC_ACCESS, SIGNED_IN_ACCESS
from garda.learning.forms import SignatoryForm
from garda.learning.models import Certificate, CertificateSignatory
from garda.learning.services import badges, calendar_feed, certificates, signatories


def _certificate_of(request: HttpRequest, pk: int) -> Certificate:
    enrollment = selectors.enrollment_get(user=signed_in_user(request), enrollment_id=pk)
    certificate = (
        Certificate.objects.filter(enrollment=enrollment)
        .select_related("enrollment__employee", "enrollment__batch__program__form")
        .first()
    )
    if certificate is None:
        raise Http404
    return certificate


@require_access(SIGNED_IN_ACCESS)
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate_of(request, pk)
    response = HttpResponse(
        certificates.certificate_pdf(certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_access(SIGNED_IN_ACCESS)
def certificate_badge(request: HttpRequest, pk: int) -> JsonResponse:
    certificate = _certificate_of(request, pk)
    response = JsonResponse(badges.open_badge(certificate), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="badge-{certificate.code}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_access(PUBLIC_ACCESS)
def badge_did(request: HttpRequest) -> JsonResponse:
    """The badge issuer's did:web document: every badge key's public half (Multikey)."""
    response = JsonResponse(badges.did_document(), json_dumps_params={"indent": 2})
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_access(PUBLIC_ACCESS)
def badge_status_list(request: HttpRequest, number: int) -> JsonResponse:
    """The signed Bitstring Status List of revoked certificates (no names, only bits)."""
    if number > 10_000:
        raise Http404
    response = JsonResponse(badges.status_list_credential(number), json_dumps_params={"indent": 2})
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_access(PUBLIC_ACCESS)
def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = (
        Certificate.objects.select_related("enrollment__employee", "enrollment__batch__program")
        .filter(code=code.strip().upper()[:32])
        .first()
    )
    context = {"certificate": certificate, "code": code[:32]}
    if certificate is not None:
        context["masked_nip"] = mask_identifier(certificate.enrollment.employee.nip)
    response = render(request, "learning/verify.html", context, status=200 if certificate else 404)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_access(ADMIN_WRITE)
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    certificate = Certificate.objects.select_related("enrollment__batch").filter(pk=pk).first()
    if certificate is None or not policy.can_manage_batch(user, certificate.enrollment.batch):
        raise Http404
    if request.method == "POST":
        try:
            certificates.certificate_revoke(
                actor=user, certificate_id=pk, reason=request.POST.get("reason", "")[:1000]
            )
            messages.success(request, _("Sertifikat dicabut."))
        except GardaError as error:
            messages.error(request, error.message)
    return redirect("learning:enrollment", pk=certificate.enrollment_id)


@require_access(ADMIN_READ)
def signatory_page(request: HttpRequest) -> HttpResponse:
    """Who signs the certificates of each organising unit (nearest unit up the tree)."""
    user = signed_in_user(request)
    units = units_visible_to(user)
    editing = CertificateSignatory.objects.filter(
        unit__in=units, unit_id=number_from(request.GET.get("unit"), maximum=2**31)
    ).first()
    form = SignatoryForm(request.POST or None, request.FILES or None, instance=editing,
                         units=units)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            signatories.signatory_save(
                actor=user, unit_id=form.cleaned_data["unit"].pk,
                data={name: form.cleaned_data[name] for name in signatories.SIGNATORY_FIELDS},
                emblem=request.FILES.get("emblem"),
            )  # fmt: skip
            messages.success(request, _("Penandatangan sertifikat tersimpan."))
            return redirect("learning:signatories")
        except GardaError as error:
            messages.error(request, error.message)
    rows = CertificateSignatory.objects.filter(unit__in=units).select_related("unit")
    return render(request, "learning/signatories.html", {
        "form": form, "rows": rows, "editing": editing,
        "can_edit": policy.is_catalog_admin(user),
    })  # fmt: skip


@require_access(ADMIN_WRITE)
def batch_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    """Decide completion and render every certificate of the batch in the background."""
    user = signed_in_user(request)
    batch = selectors.batch_get(user=user, batch_id=pk)
    if request.method != "POST":
        return redirect("learning:batch_manage", pk=batch.pk)
    try:
        job = certificates.certificates_start(actor=user, batch_id=batch.pk)
    except GardaError as error:
        messages.error(request, error.message)
        return redirect("learning:batch_manage", pk=batch.pk)
    return redirect("core:job", job_id=job.pk)


@require_access(SIGNED_IN_ACCESS)
def calendar_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if request.method == "POST":
        calendar_feed.token_rotate(user=user)
        messages.success(request, _("Tautan kalender baru dibuat; tautan lama tidak berlaku lagi."))
        return redirect("learning:calendar")
    url = request.build_absolute_uri(calendar_feed.feed_path(user=user))
    return render(
        request,
        "learning/calendar.html",
        {
            "url": url,
            "webcal": url.replace("https://", "webcal://").replace("http://", "webcal://"),
        },
    )


@require_access(PUBLIC_ACCESS)
def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The secret URL is the credential: calendar apps cannot sign in."""
    body = calendar_feed.feed_for_token(token=token[:64])
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pelatihan-garda.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response

"""Staff pages: the unit's surveys with progress toward the minimum sample, results and the
weakest elements, paper entry, extra elements, the follow-up plan, publication, the printable
poster, the PDF, and the suggestions inbox of the unit head."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.access import units_visible_to
from garda.core.errors import NotFound
from garda.core.formflow import act, submit
from garda.core.params import id_from
from garda.core.permissions import access_for, require_access, signed_in_user
from garda.core.qr import qr_svg
from garda.core.roles import Role
from garda.core.uploads import upload_page
from garda.service.skm import pdf, selectors, services
from garda.service.skm.forms import (
    ActionForm,
    ActionStatusForm,
    ExtraElementForm,
    ImportForm,
    PaperForm,
    ResponseForm,
    SurveyEditForm,
    SurveyForm,
)
from garda.service.skm.imports import LAYOUT
from garda.service.skm.models import Channel, FollowUpAction
from garda.service.skm.tasks import start_skm_import
from garda.service.skm.views_public import results_context

WRITERS = (
    Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD, Role.ATASAN, Role.PETUGAS_FASKES,
    Role.PPID,
)  # fmt: skip
STAFF_WRITE = access_for(*WRITERS)
STAFF_READ = access_for(*WRITERS, Role.AUDITOR)


def _detail_url(pk: int) -> str:
    return reverse("skm:survey_detail", args=[pk])


@require_access(STAFF_READ)
def survey_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = SurveyForm(request.POST or None, units=units_visible_to(user).order_by("path"))

    def create(data: Mapping[str, Any]) -> Any:
        return services.survey_create(
            actor=user, unit_id=data["unit"].pk, period_kind=data["period_kind"],
            year=data["year"], number=data["number"], population_count=data["population"],
        )  # fmt: skip

    if request.method == "POST" and not STAFF_WRITE.allows(user):
        raise PermissionDenied
    done = submit(request, form, service=create, success=_("Survei dibuat."),
                  then=lambda survey: redirect(_detail_url(survey.pk)))  # fmt: skip
    if done:
        return done
    surveys = selectors.survey_list(user)[:300]
    return render(
        request,
        "skm/survey_list.html",
        {"surveys": surveys, "form": form, "can_write": STAFF_WRITE.allows(user)},
    )


@require_access(STAFF_READ)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    survey = selectors.survey_get(user, pk)
    poster_url = request.build_absolute_uri(reverse("skm:answer_open", args=[survey.pk]))
    context = {
        **results_context(survey),
        "extras": survey.extras.all(),
        "extra_form": ExtraElementForm(),
        "action_form": ActionForm(),
        "status_form": ActionStatusForm(),
        "edit_form": SurveyEditForm(instance=survey),
        "poster_url": poster_url,
        "can_write": STAFF_WRITE.allows(user),
        "trend": selectors.unit_trend(survey.unit_id, published_only=False),
    }
    return render(request, "skm/survey_detail.html", context)


@require_access(STAFF_WRITE)
@require_POST
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    survey = selectors.survey_get(user, pk)
    form = SurveyEditForm(request.POST, instance=selectors.survey_get(user, pk))  # a copy: the
    # form's validation writes onto its instance, the service compares before and after

    def save(data: Mapping[str, Any]) -> Any:
        return services.survey_update(
            actor=user, survey=survey, is_open=data["is_open"], population_count=data["population"]
        )

    done = submit(request, form, service=save, success=_("Survei disimpan."),
                  then=_detail_url(pk))  # fmt: skip
    return done or _invalid(request, form, pk)


@require_access(STAFF_WRITE)
@require_POST
def survey_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    survey = selectors.survey_get(user, pk)
    publish = request.POST.get("publish") == "1"
    return act(
        request, service=lambda: services.survey_publish(actor=user, survey=survey,
                                                         publish=publish),
        success=_("Hasil diumumkan.") if publish else _("Pengumuman ditarik."),
        then=_detail_url(pk),
    )  # fmt: skip


@require_access(STAFF_WRITE)
@require_POST
def extra_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    survey = selectors.survey_get(user, pk)
    form = ExtraElementForm(request.POST)

    def add(data: Mapping[str, Any]) -> Any:
        return services.extra_element_add(actor=user, survey=survey, **data)

    done = submit(request, form, service=add, success=_("Unsur tambahan disimpan."),
                  then=_detail_url(pk))  # fmt: skip
    return done or _invalid(request, form, pk)


def _invalid(request: HttpRequest, form: Any, pk: int) -> HttpResponse:
    """A form posted from the detail page was refused: say why there."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))
    return redirect(_detail_url(pk))


@require_access(STAFF_WRITE)
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    survey = selectors.survey_get(user, pk)
    form = ActionForm(request.POST)

    def add(data: Mapping[str, Any]) -> Any:
        return services.action_create(actor=user, survey=survey, **data)

    done = submit(request, form, service=add, success=_("Rencana tindak lanjut disimpan."),
                  then=_detail_url(pk))  # fmt: skip
    return done or _invalid(request, form, pk)


@require_access(STAFF_WRITE)
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    item = FollowUpAction.objects.select_related("survey").filter(pk=pk).first()
    if item is None:
        raise NotFound
    survey = selectors.survey_get(user, item.survey_id)
    form = ActionStatusForm(request.POST)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    return act(
        request, service=lambda: services.action_set_status(actor=user, item=item, status=status),
        success=_("Status diperbarui."), then=_detail_url(survey.pk),
    )  # fmt: skip


@require_access(STAFF_WRITE)
def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    survey = selectors.survey_get(user, pk)
    form = PaperForm(
        request.POST or None, elements=survey.edition.elements.all(), extras=survey.extras.all()
    )

    def save(data: Mapping[str, Any]) -> Any:
        return services.answer_submit(
            actor=user, survey=survey, data=form.answer_input(), channel=Channel.PAPER
        )

    done = submit(request, form, service=save, success=_("Kuesioner kertas tersimpan."),
                  then=reverse("skm:survey_paper", args=[pk]))  # fmt: skip
    if done:
        return done
    count = survey.answers.filter(channel=Channel.PAPER).count()
    return render(request, "skm/paper.html", {"survey": survey, "form": form, "paper": count})


@require_access(STAFF_WRITE)
def import_upload(request: HttpRequest) -> HttpResponse:
    """Paper questionnaires in bulk, read by the worker as a job (`services.answers_import`,
    as `garda import_skm`): all or nothing unless the staff choose to skip bad rows."""
    user = signed_in_user(request)
    units = units_visible_to(user).order_by("path")
    initial = {"unit": id_from(request.GET.get("unit"))}  # from a survey's page
    form = ImportForm(request.POST or None, request.FILES or None, units=units, initial=initial)

    return upload_page(
        request, form,
        start=lambda data: start_skm_import(
            owner=user, unit=data["unit"], upload=data["file"], skip_invalid=data["skip_invalid"],
            lang=translation.get_language() or "id",
        ),
        template="skm/import_upload.html",
        context={
            "required": [header for key, header in LAYOUT.columns if key in LAYOUT.required],
            "optional": [header for key, header in LAYOUT.columns if key not in LAYOUT.required],
        },
        error_field=None,  # the page shows a refused file above the form
    )  # fmt: skip


@require_access(STAFF_READ)
def poster(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(signed_in_user(request), pk)
    url = request.build_absolute_uri(reverse("skm:answer_open", args=[survey.pk]))
    qr = qr_svg(url, scale=8, scalable=False)
    return render(request, "skm/poster.html", {"survey": survey, "url": url, "qr_svg": qr})


@require_access(STAFF_READ)
def survey_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(signed_in_user(request), pk)
    return pdf.pdf_response(survey, results_context(survey))


@require_access(STAFF_READ)
def suggestion_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    status = request.GET.get("status") or None
    suggestions = selectors.suggestion_list(user, status=status)
    context = {
        "suggestions": suggestions[:300], "status": status,
        "counts": selectors.suggestion_counts_for(user),
    }  # fmt: skip
    return render(request, "skm/suggestion_list.html", context)


@require_access(STAFF_READ)
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    suggestion = selectors.suggestion_get(user, pk)
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and not STAFF_WRITE.allows(user):
        raise PermissionDenied

    def respond(data: Mapping[str, Any]) -> Any:
        return services.suggestion_respond(
            actor=user, suggestion=suggestion, response=data["response"]
        )

    done = submit(request, form, service=respond, success=_("Tanggapan disimpan."),
                  then=reverse("skm:suggestions"))  # fmt: skip
    if done:
        return done
    context = {"suggestion": suggestion, "form": form, "can_write": STAFF_WRITE.allows(user)}
    return render(request, "skm/suggestion_detail.html", context)

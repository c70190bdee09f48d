"""Pages of the dictionary and standards, the two upload pages, an assessor's entry form,
program tags and the JPM settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.competency import access, policy, services
from garda.competency.forms import (
    AssessmentForm,
    BandForm,
    SettingForm,
    StandardForm,
    StandardsUploadForm,
    TechnicalCompetencyForm,
    UploadForm,
)
from garda.competency.imports import ASSESSMENT_LAYOUT, STANDARDS_LAYOUT
from garda.competency.lookup import competencies_for, instansi_of
from garda.competency.selectors import dictionary as dictionary_selectors
from garda.competency.selectors.gaps import jpm_capped
from garda.competency.tasks import start_competency_import
from garda.core.errors import GardaError, NotFound
from garda.core.formflow import act, act_with_form, submit
from garda.core.params import id_from
from garda.core.permissions import require_access, signed_in_user
from garda.core.uploads import upload_page
from garda.learning.selectors import program_get
from garda.people.selectors import employee_by_nip_required


@require_access(access.SIGNED_IN_ACCESS)
def dictionary(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    instansi = dictionary_selectors.visible_instansi(user=user)
    form = None
    if any(policy.can_edit_standards(user, i.pk) for i in instansi[:1]):
        form = TechnicalCompetencyForm(instansi=instansi)
    context = {"competencies": dictionary_selectors.competency_list(user=user), "form": form}
    return render(request, "competency/dictionary.html", context)


@require_access(access.STANDARD_WRITE)
@require_POST
def technical_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = TechnicalCompetencyForm(
        request.POST, instansi=dictionary_selectors.visible_instansi(user=user)
    )
    response = submit(
        request, form,
        service=lambda d: services.technical_competency_create(
            actor=user, instansi_id=d["instansi"].pk, code=d["code"], name=d["name"],
            description=d["description"]),
        success=_("Kompetensi teknis disimpan."), then="competency:dictionary",
    )  # fmt: skip
    if response is not None:
        return response
    context = {"competencies": dictionary_selectors.competency_list(user=user), "form": form}
    return render(request, "competency/dictionary.html", context, status=400)


def _standard_form(request: HttpRequest, instansi_id: int | None) -> StandardForm:
    user = signed_in_user(request)
    instansi = dictionary_selectors.visible_instansi(user=user)
    chosen = instansi_id or (instansi[0].pk if instansi else None)
    return StandardForm(
        request.POST or None,
        instansi=instansi,
        competencies=competencies_for(chosen),
        initial={"instansi": chosen},
    )


@require_access(access.ADMIN_READ)
def standards(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    instansi = dictionary_selectors.visible_instansi(user=user)
    instansi_id = id_from(request.GET.get("instansi")) or (instansi[0].pk if instansi else None)
    form = _standard_form(request, instansi_id)
    if request.method == "POST":
        if not (user.is_superuser or user.role in policy.STANDARD_EDITORS):
            raise NotFound
        response = submit(
            request, form,
            service=lambda d: services.standard_save(
                actor=user, instansi_id=d["instansi"].pk, jabatan_kind_id=d["jabatan_kind"].pk,
                jabatan_name=d["jabatan_name"], competency_id=d["competency"].pk,
                level=d["level"]),
            success=_("Standar disimpan."),
            then=lambda s: redirect(f"{reverse('competency:standards')}?instansi={s.instansi_id}"),
        )  # fmt: skip
        if response is not None:
            return response
    context = {
        "instansi": instansi,
        "instansi_id": instansi_id,
        "rows": dictionary_selectors.standard_list(user=user, instansi_id=instansi_id),
        "form": form,
        "may_edit": instansi_id is not None and policy.can_edit_standards(user, instansi_id),
    }
    return render(request, "competency/standards.html", context)


@require_access(access.STANDARD_WRITE)
@require_POST
def standard_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    if not dictionary_selectors.standard_list(user=user, instansi_id=None).filter(pk=pk).exists():
        raise NotFound
    return act(
        request,
        service=lambda: services.standard_delete(actor=user, standard_id=pk),
        success=_("Standar dihapus."),
        then="competency:standards",
    )


def _upload(request: HttpRequest, kind: str) -> HttpResponse:
    user = signed_in_user(request)
    instansi = dictionary_selectors.visible_instansi(user=user)
    form: UploadForm
    if kind == "standards":
        form = StandardsUploadForm(request.POST or None, request.FILES or None, instansi=instansi)
    else:
        form = UploadForm(request.POST or None, request.FILES or None)
    layout = STANDARDS_LAYOUT if kind == "standards" else ASSESSMENT_LAYOUT
    return upload_page(
        request, form,
        start=lambda data: start_competency_import(
            owner=user, upload=data["file"], kind=kind, skip_invalid=data["skip_invalid"],
            instansi_code=data["instansi"].code if kind == "standards" else "",
            lang=translation.get_language() or "id",
        ),
        columns=[header for _key, header in layout.columns],
        title=_("Impor standar kompetensi") if kind == "standards" else _("Impor hasil asesmen"),
    )  # fmt: skip


@require_access(access.STANDARD_WRITE)
def standards_import(request: HttpRequest) -> HttpResponse:
    return _upload(request, "standards")


@require_access(access.ASSESS)
def assessment_import(request: HttpRequest) -> HttpResponse:
    return _upload(request, "assessment")


@require_access(access.ASSESS)
def assessment_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    own = dictionary_selectors.visible_instansi(user=user).first()
    form = AssessmentForm(
        request.POST or None, competencies=competencies_for(own.pk if own else None)
    )

    def record(data: dict[str, object]) -> object:
        employee = employee_by_nip_required(user=user, nip=str(data["nip"]))
        return services.assessment_record(
            actor=user, employee_id=employee.pk, competency_id=data["competency"].pk,  # type: ignore[attr-defined]  # a Competency
            level=int(str(data["level"])), assessed_on=data["assessed_on"],  # type: ignore[arg-type]  # a date
            method=str(data["method"]), institution=str(data["institution"]),
        )  # fmt: skip

    response = submit(
        request, form, service=record,  # type: ignore[arg-type]  # cleaned_data is a dict
        success=_("Hasil asesmen disimpan."), then="competency:assessment_new",
    )  # fmt: skip
    if response is not None:
        return response
    return render(request, "competency/assessment_new.html", {"form": form})


@require_access(access.TAG_WRITE)
def program_tags(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    program = program_get(user=user, program_id=pk)
    competencies = competencies_for(instansi_of(program.owner_unit_id))
    current = dict(
        dictionary_selectors.tags_of_program(program.pk).values_list("competency_id", "level")
    )
    if request.method == "POST":
        tags = []
        for competency in competencies:
            level = id_from(request.POST.get(f"level-{competency.pk}"))
            if level is not None and 1 <= level <= 5:
                tags.append((competency.pk, level))
        try:
            services.program_tags_set(actor=user, program_id=program.pk, tags=tags)
        except GardaError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Tag kompetensi disimpan."))
            return redirect("competency:program_tags", pk=program.pk)
    rows = [(c, current.get(c.pk)) for c in competencies]
    return render(request, "competency/program_tags.html",
                  {"program": program, "rows": rows, "levels": range(1, 6)})  # fmt: skip


@require_access(access.SETTINGS_WRITE)
def settings_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = SettingForm(request.POST or None, initial={"jpm_capped": jpm_capped()})
    if request.method == "POST" and "band" in request.POST:
        return act_with_form(
            request,
            BandForm(request.POST),
            service=lambda d: services.band_update(
                actor=user, band_id=d["band"], min_jpm=d["min_jpm"], label=d["label"]
            ),
            success=_("Kategori JPM disimpan."),
            then="competency:settings",
            invalid=_("Kategori JPM tidak valid."),
        )
    response = submit(
        request, form,
        service=lambda d: services.setting_update(actor=user, jpm_capped=d["jpm_capped"]),
        success=_("Pengaturan disimpan."), then="competency:settings",
    )  # fmt: skip
    if response is not None:
        return response
    context = {"form": form, "bands": dictionary_selectors.band_list()}
    return render(request, "competency/settings.html", context)

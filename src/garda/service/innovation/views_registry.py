"""Staff pages of the registry: list, register, edit, the innovation's page with its team,
evidence, replications and measures, the aksi perubahan it may come from, yearly checks."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.formflow import act, act_with_form, submit
from garda.core.permissions import access_for, require_access, signed_in_user
from garda.learning.forms import bootstrap
from garda.service.innovation import policy, services
from garda.service.innovation.forms import (
    CheckForm,
    EvidenceForm,
    ImpactForm,
    InnovationCreateForm,
    InnovationForm,
    ReplicationForm,
    TeamMemberForm,
)
from garda.service.innovation.selectors import registry as selectors
from garda.service.innovation.selectors.impact import impacts_of

READER_ACCESS = access_for(*policy.READER_ROLES)
EDITOR_ACCESS = access_for(*policy.EDITOR_ROLES)


def _detail(pk: int) -> str:
    return reverse("innovation:detail", args=[pk])


@require_access(READER_ACCESS)
def manage(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    innovations = selectors.innovation_list(user=user).order_by("title", "pk")[:500]
    return render(
        request,
        "innovation/manage.html",
        {
            "innovations": innovations,
            "may_register": user.role in policy.EDITOR_ROLES,
            "projects": selectors.change_projects_open(user=user)[:50],
            "checks": selectors.checks_waiting(user=user)[:50],
        },
    )


@require_access(EDITOR_ACCESS)
def create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    units = policy.units_for_placing(user)
    form = InnovationCreateForm(request.POST or None, units=units, initial={"unit": user.unit_id})
    done = submit(
        request,
        form,
        service=lambda data: services.innovation_create(
            actor=user, unit_id=data["unit"].pk, **form.fields_for_service()
        ),
        success=_("Inovasi tercatat sebagai draf."),
        then=lambda innovation: redirect(_detail(innovation.pk)),
    )
    return done or render(
        request, "innovation/form.html", {"form": form, "title": _("Catat inovasi")}
    )


@require_access(EDITOR_ACCESS)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    innovation = selectors.innovation_get(user=user, innovation_id=pk)
    form = InnovationForm(request.POST or None, instance=innovation)
    done = submit(
        request,
        form,
        service=lambda data: services.innovation_update(
            actor=user, innovation_id=pk, **form.fields_for_service()
        ),
        success=_("Perubahan tersimpan."),
        then=_detail(pk),
    )
    return done or render(
        request,
        "innovation/form.html",
        {
            "form": form,
            "title": _("Ubah inovasi"),
            "innovation": innovation,
        },
    )


@require_access(READER_ACCESS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    innovation = selectors.innovation_get(user=user, innovation_id=pk)
    forms = {
        "team_form": TeamMemberForm(),
        "evidence_form": EvidenceForm(),
        "replication_form": ReplicationForm(),
        "impact_form": ImpactForm(),
    }
    for form in forms.values():
        bootstrap(form)
    return render(
        request,
        "innovation/detail.html",
        {
            "innovation": innovation,
            "may_edit": policy.may_edit(user, innovation),
            "may_publish": policy.may_publish(user, innovation),
            "impacts": impacts_of(innovation),
            "links": list(innovation.impact_links.all()),
            **forms,
        },
    )


@require_access(EDITOR_ACCESS)
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    published = request.POST.get("published") == "1"
    return act(
        request,
        service=lambda: services.innovation_publish(
            actor=user, innovation_id=pk, published=published
        ),
        success=_("Inovasi diterbitkan.") if published else _("Inovasi ditarik menjadi draf."),
        then=_detail(pk),
    )


@require_access(EDITOR_ACCESS)
@require_POST
def team_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act_with_form(
        request,
        TeamMemberForm(request.POST),
        service=lambda data: services.team_member_add(actor=user, innovation_id=pk, **data),
        success=_("Anggota tim ditambahkan."),
        then=_detail(pk),
        invalid=_("Isi nama anggota."),
    )


@require_access(EDITOR_ACCESS)
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act_with_form(
        request,
        EvidenceForm(request.POST, request.FILES),
        service=lambda data: services.evidence_add(actor=user, innovation_id=pk, **data),
        success=_("Bukti ditambahkan."),
        then=_detail(pk),
        invalid=_("Periksa isian bukti."),
    )


@require_access(EDITOR_ACCESS)
@require_POST
def replication_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act_with_form(
        request,
        ReplicationForm(request.POST),
        service=lambda data: services.replication_add(
            actor=user,
            innovation_id=pk,
            unit_id=data["unit"].pk,
            replicated_on=data["replicated_on"],
            note=data["note"],
        ),
        success=_("Replikasi dicatat."),
        then=_detail(pk),
        invalid=_("Periksa isian replikasi."),
    )


@require_access(EDITOR_ACCESS)
@require_POST
def impact_set(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return act_with_form(
        request,
        ImpactForm(request.POST),
        service=lambda data: services.impact_link_set(actor=user, innovation_id=pk, **data),
        success=_("Ukuran dampak disimpan."),
        then=_detail(pk),
        invalid=_("Periksa ukuran dan tanggal mulai berlaku."),
    )


@require_access(EDITOR_ACCESS)
@require_POST
def from_change_project(request: HttpRequest, project_id: int) -> HttpResponse:
    user = signed_in_user(request)
    return act(
        request,
        service=lambda: services.innovation_from_change_project(
            actor=user, change_project_id=project_id
        ),
        success=_("Draf inovasi dibuat dari aksi perubahan."),
        then=lambda innovation: redirect(_detail(innovation.pk)),
        failed_to=reverse("innovation:manage"),
    )


@require_access(EDITOR_ACCESS)
@require_POST
def check_answer(request: HttpRequest, check_id: int) -> HttpResponse:
    user = signed_in_user(request)
    return act_with_form(
        request,
        CheckForm(request.POST),
        service=lambda data: services.activity_check_answer(actor=user, check_id=check_id, **data),
        success=_("Jawaban tersimpan."),
        then=reverse("innovation:manage"),
        invalid=_("Pilih ya atau tidak."),
    )

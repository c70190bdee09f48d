"""The PPID officers' console: the requests of their instansi/OPD, each step's form, paper
requests, the list of public information they keep, and the regulation's deadlines.

Access: ppid officers and admin_provinsi work requests; the PPID's superior (admin_instansi,
admin_provinsi) answers objections; auditors read everything. See policy.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.access import units_visible_to
from garda.core.formflow import act, submit
from garda.core.identity import mask_identifier
from garda.core.pagination import CappedPaginator
from garda.core.params import number_from
from garda.core.permissions import require_access, signed_in_user
from garda.transparency.ppid import deadlines, policy, selectors, services
from garda.transparency.ppid.filters import RequestFilter
from garda.transparency.ppid.forms import (
    DecideForm,
    ExtendForm,
    InformationItemForm,
    ObjectionDecideForm,
    PaperRequestForm,
)
from garda.transparency.ppid.models import InformationRequest, ParameterKey, RegulationParameter

PAGE_SIZE = 50


@require_access(policy.CONSOLE_ACCESS)
def console(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    filtered = RequestFilter(request.GET, queryset=selectors.request_list(user=user))
    page = CappedPaginator(filtered.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filtered,
        "page": page,
        "query": query.urlencode(),
        "today": timezone.localdate(),
        "can_work": policy.WORK_ACCESS.allows(user),
        "unit_options": list(
            selectors.target_units()
            .filter(pk__in=units_visible_to(user).values("pk"))
            .values_list("pk", "name")[:500]
        ),
        "objections": selectors.objection_queue(user=user)[:20]
        if policy.SUPERIOR_ACCESS.allows(user)
        else [],
    }
    return render(request, "transparency/ppid/console_list.html", context)


def _back(pk: int) -> str:
    return reverse("transparency:ppid:console_detail", kwargs={"pk": pk})


def _detail(
    request: HttpRequest, info: InformationRequest, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    user = signed_in_user(request)
    today = timezone.localdate()
    objection = getattr(info, "objection", None)
    can_work = policy.can_work(user, info)
    days_left = deadlines.working_days_left(info.due_on, today=today) if info.is_open else None
    context: dict[str, Any] = {
        "info": info,
        "today": today,
        "days_left": days_left,
        "days_late": -days_left if days_left is not None and days_left < 0 else 0,
        "masked_nik": mask_identifier(info.requester_nik) if info.requester_nik else "",
        "objection": objection,
        "can_work": can_work and info.is_open,
        "can_extend": can_work and info.is_open and not info.extended and today <= info.due_on,
        "can_decide_objection": objection is not None
        and objection.is_open
        and policy.can_decide_objection(user, objection),
        "extend_form": bound.get("extend_form") or ExtendForm(),
        "decide_form": bound.get("decide_form") or DecideForm(),
        "objection_form": bound.get("objection_form") or ObjectionDecideForm(),
    }
    return render(request, "transparency/ppid/console_detail.html", context, status=status)


@require_access(policy.CONSOLE_ACCESS)
def console_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    return _detail(request, selectors.request_get(user=user, request_id=pk))


@require_access(policy.WORK_ACCESS)
@require_POST
def request_process(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    info = selectors.request_get(user=user, request_id=pk)
    return act(
        request,
        service=lambda: services.request_process(actor=user, request=info),
        success=_("Permohonan ditandai sedang diproses."),
        then=_back(pk),
    )


@require_access(policy.WORK_ACCESS)
@require_POST
def request_extend(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    info = selectors.request_get(user=user, request_id=pk)
    form = ExtendForm(request.POST)
    done = submit(
        request, form,
        service=lambda data: services.request_extend(
            actor=user, request=info, reason=data["reason"]
        ),
        success=_("Batas waktu diperpanjang; pemohon diberi tahu."),
        then=_back(pk),
    )  # fmt: skip
    return done or _detail(request, info, status=400, extend_form=form)


@require_access(policy.WORK_ACCESS)
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    info = selectors.request_get(user=user, request_id=pk)
    form = DecideForm(request.POST, request.FILES)
    done = submit(
        request, form,
        service=lambda data: services.request_decide(
            actor=user, request=info, decision=data["decision"], answer=data["answer"],
            exemption_article=data["exemption_article"],
            consequence_test=data["consequence_test"], attachment=data["attachment"],
        ),
        success=_("Jawaban disimpan dan dikirim ke pemohon."),
        then=_back(pk),
    )  # fmt: skip
    return done or _detail(request, info, status=400, decide_form=form)


@require_access(policy.SUPERIOR_ACCESS)
@require_POST
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    info = selectors.request_get(user=user, request_id=pk)
    objection = getattr(info, "objection", None)
    if objection is None:
        raise PermissionDenied
    form = ObjectionDecideForm(request.POST)
    done = submit(
        request, form,
        service=lambda data: services.objection_decide(
            actor=user, objection=objection, outcome=data["outcome"], response=data["response"]
        ),
        success=_("Tanggapan atas keberatan disimpan."),
        then=_back(pk),
    )  # fmt: skip
    return done or _detail(request, info, status=400, objection_form=form)


@require_access(policy.WORK_ACCESS)
def paper_new(request: HttpRequest) -> HttpResponse:
    """Record a request that arrived on paper, with the day it really arrived."""
    user = signed_in_user(request)
    units = selectors.target_units().filter(pk__in=units_visible_to(user).values("pk"))
    form = PaperRequestForm(request.POST or None, units=units)
    done = submit(
        request, form,
        service=lambda data: services.request_record_paper(
            actor=user, data=form.request_input(), received_on=data["received_on"]
        ),
        success=lambda created: _("Permohonan dicatat dengan kode %(code)s.")
        % {"code": created.tracking_code},
        then=lambda created: redirect(_back(created.pk)),
    )  # fmt: skip
    return done or render(request, "transparency/ppid/paper_form.html", {"form": form})


# --- Daftar Informasi Publik ------------------------------------------------------------------


@require_access(policy.CONSOLE_ACCESS)
def item_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    items = selectors.information_item_list(user=user)
    page = CappedPaginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "can_work": policy.WORK_ACCESS.allows(user)}
    return render(request, "transparency/ppid/item_list.html", context)


def _item_units(request: HttpRequest) -> Any:
    user = signed_in_user(request)
    return selectors.target_units().filter(pk__in=units_visible_to(user).values("pk"))


@require_access(policy.WORK_ACCESS)
def item_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = InformationItemForm(
        request.POST or None, request.FILES or None, units=_item_units(request)
    )
    done = submit(
        request, form,
        service=lambda data: services.information_item_create(
            actor=user, values=form.service_values(), document=data.get("attachment")
        ),
        success=_("Informasi ditambahkan ke daftar."),
        then="transparency:ppid:item_list",
    )  # fmt: skip
    return done or render(request, "transparency/ppid/item_form.html", {"form": form, "item": None})


@require_access(policy.WORK_ACCESS)
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    item = selectors.information_item_get(user=user, item_id=pk)
    form = InformationItemForm(
        request.POST or None, request.FILES or None, instance=item, units=_item_units(request)
    )
    done = submit(
        request, form,
        service=lambda data: services.information_item_update(
            actor=user, item=item, values=form.service_values(),
            document=data.get("attachment"),
        ),
        success=_("Perubahan disimpan."),
        then="transparency:ppid:item_list",
    )  # fmt: skip
    return done or render(request, "transparency/ppid/item_form.html", {"form": form, "item": item})


# --- The regulation's deadlines ---------------------------------------------------------------


@require_access(policy.CONSOLE_ACCESS)
def parameters(request: HttpRequest) -> HttpResponse:
    """Read by every console role; changed by admin_provinsi only."""
    user = signed_in_user(request)
    can_edit = policy.PARAMETER_ACCESS.allows(user)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        key = request.POST.get("key", "")
        value = number_from(request.POST.get("value"), maximum=999) or 0
        return act(
            request,
            service=lambda: services.regulation_parameter_set(actor=user, key=key, value=value),
            success=_("Parameter disimpan. Batas waktu yang sudah diberikan tidak berubah."),
            then="transparency:ppid:parameters",
        )
    rows = {p.key: p for p in RegulationParameter.objects.all()}
    context = {
        "rows": [(key, label, rows.get(key)) for key, label in ParameterKey.choices],
        "can_edit": can_edit,
    }
    return render(request, "transparency/ppid/parameters.html", context)

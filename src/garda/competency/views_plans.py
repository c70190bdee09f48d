"""Development plans: the ASN's own plan of the year (drafted from proposals, submitted), the
atasan's queue and decision, the annual plan (OPD needs, province lines), creating a batch
from a line, and the plan-versus-realisation report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.competency import access, policy, services
from garda.competency.forms import NoteForm, PlanBatchForm
from garda.competency.models import DevelopmentPlan
from garda.competency.selectors import annual
from garda.competency.selectors import plans as plan_selectors
from garda.competency.selectors.gaps import gaps_for
from garda.core.errors import NotFound
from garda.core.formflow import act, act_with_form, submit
from garda.core.params import id_from, year_from
from garda.core.permissions import require_access, signed_in_user
from garda.people.models import Employee
from garda.transparency.budget.models import BudgetLine


def _year(request: HttpRequest) -> int:
    return year_from(request.GET.get("tahun") or request.POST.get("tahun"))


def _plan_context(employee: Employee, year: int) -> dict[str, object]:
    plan = plan_selectors.plan_of(employee=employee, year=year)
    proposals = plan_selectors.proposals_for(employee)
    progress = plan_selectors.plan_progress(plan) if plan is not None else None
    return {
        "employee": employee,
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 3, -1),
        "plan": plan,
        "progress": progress,
        "proposals": proposals,
        "gaps": [g for g in gaps_for(employee.pk) if g.gap is not None and g.gap < 0],
        "help": plan_selectors.ledger_help(employee=employee, year=year, proposals=proposals),
    }


@require_access(access.SIGNED_IN_ACCESS)
def idp_mine(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    employee = Employee.objects.select_related("unit").filter(user=user).first()
    if employee is None:
        return render(request, "competency/no_employee.html")
    context = _plan_context(employee, _year(request)) | {"own": True}
    plan = context["plan"]
    context["editable"] = not isinstance(plan, DevelopmentPlan) or policy.may_edit_plan(user, plan)
    return render(request, "competency/idp.html", context)


@require_access(access.SIGNED_IN_ACCESS)
@require_POST
def idp_draft(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = _year(request)
    then = f"{reverse('competency:idp_mine')}?tahun={year}"
    return act(
        request,
        service=lambda: services.plan_draft(
            actor=user, year=year, keys=request.POST.getlist("proposal")
        ),
        success=_("Kegiatan ditambahkan ke rencana."),
        then=then,
    )


@require_access(access.SIGNED_IN_ACCESS)
@require_POST
def idp_submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = plan_selectors.plan_visible(user=user, plan_id=pk)
    return act(
        request,
        service=lambda: services.plan_submit(actor=user, plan_id=plan.pk),
        success=_("Rencana diajukan kepada atasan."),
        then=f"{reverse('competency:idp_mine')}?tahun={plan.year}",
    )


def _back(user: object, plan_id: int, year: int) -> str:
    return reverse("competency:idp_detail", kwargs={"pk": plan_id})


@require_access(access.SIGNED_IN_ACCESS)
@require_POST
def idp_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = plan_selectors.plan_visible(user=user, plan_id=pk)
    item_id = id_from(request.POST.get("item"))
    item = plan.items.filter(pk=item_id).first() if item_id is not None else None
    if item is None:
        raise NotFound
    own = policy.is_plan_owner(user, plan.employee)
    then = (
        f"{reverse('competency:idp_mine')}?tahun={plan.year}"
        if own
        else _back(user, plan.pk, plan.year)
    )
    return act(
        request,
        service=lambda: services.plan_item_remove(actor=user, item_id=item.pk),
        success=_("Kegiatan dihapus dari rencana."),
        then=then,
    )


@require_access(access.EMPLOYEE_READ)
def idp_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = plan_selectors.plan_visible(user=user, plan_id=pk)
    context = _plan_context(plan.employee, plan.year) | {
        "own": False,
        "may_decide": plan.status == "submitted" and policy.can_approve_plan(user, plan.employee),
        "note_form": NoteForm(),
    }
    context["editable"] = policy.may_edit_plan(user, plan)
    return render(request, "competency/idp.html", context)


@require_access(access.APPROVERS)
@require_POST
def idp_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = plan_selectors.plan_visible(user=user, plan_id=pk)
    return act(
        request,
        service=lambda: services.plan_item_add(
            actor=user, plan_id=plan.pk, keys=request.POST.getlist("proposal")
        ),
        success=_("Kegiatan ditambahkan ke rencana."),
        then=_back(user, plan.pk, plan.year),
    )


@require_access(access.APPROVERS)
@require_POST
def idp_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = plan_selectors.plan_visible(user=user, plan_id=pk)
    approve = request.POST.get("decision") == "approve"
    return act_with_form(
        request, NoteForm(request.POST),
        service=lambda d: (services.plan_approve(actor=user, plan_id=plan.pk, note=d["note"])
                           if approve else
                           services.plan_return(actor=user, plan_id=plan.pk, note=d["note"])),
        success=_("Rencana disetujui.") if approve else _("Rencana dikembalikan."),
        then=_back(user, plan.pk, plan.year), invalid=_("Catatan tidak valid."),
    )  # fmt: skip


@require_access(access.APPROVERS)
def idp_queue(request: HttpRequest) -> HttpResponse:
    plans = plan_selectors.plans_to_approve(user=signed_in_user(request))
    return render(request, "competency/idp_queue.html", {"plans": plans})


@require_access(access.PLAN_READ)
def plan(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = _year(request)
    context = {
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 3, -1),
        "opds": annual.opd_needs(user=user, year=year),
        "lines": annual.province_plan(user=user, year=year),
        "may_create": policy.can_create_plan_batches(user),
    }
    return render(request, "competency/plan.html", context)


@require_access(access.PLAN_BATCH)
def plan_batch(request: HttpRequest, year: int, program: int) -> HttpResponse:
    user = signed_in_user(request)
    line = annual.plan_line(user=user, year=year, program_id=program)
    if line is None:
        raise NotFound
    form = PlanBatchForm(
        request.POST or None,
        budget_lines=BudgetLine.objects.filter(year=year).order_by("code"),
        initial={"seats": line.participant_count, "name": f"Angkatan {year} (rencana)"},
    )
    response = submit(
        request, form,
        service=lambda d: services.plan_batch_create(
            actor=user, year=year, program_id=program, fields=dict(d)),
        success=_("Angkatan dibuat dari rencana."),
        then=lambda batch: redirect(f"{reverse('competency:plan')}?tahun={year}"),
    )  # fmt: skip
    if response is not None:
        return response
    return render(request, "competency/plan_batch.html", {"form": form, "line": line, "year": year})


@require_access(access.PLAN_READ)
def realisation(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = _year(request)
    rows = annual.realisation(user=user, year=year)
    context = {
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 3, -1),
        "rows": rows,
        "providers": annual.realisation_by_provider(rows),
    }
    return render(request, "competency/realisation.html", context)

"""The rules of degree studies as an admin sees and edits them: eligibility per kind and
level, the bond and repayment of each funding source, and the kenaikan pangkat penyesuaian
ijazah table (each with its edition)."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from garda.core.formflow import submit
from garda.core.permissions import require_access, signed_in_user
from garda.studies import forms
from garda.studies.access import ADMIN_READ, RULES_WRITE
from garda.studies.selectors import rules as selectors
from garda.studies.services import rules


@require_access(ADMIN_READ)
def rule_list(request: HttpRequest) -> HttpResponse:
    context = {
        "rules": selectors.rule_list(),
        "sources": selectors.funding_source_list(),
        "grades": selectors.grade_list(),
        "pangkat_rows": selectors.pangkat_adjustment_list(),
        "can_edit": rules.can_edit_rules(signed_in_user(request)),
    }
    return render(request, "studies/rules.html", context)


def _edit(request: HttpRequest, form: django_forms.Form, save: Any, title: str) -> HttpResponse:
    """One rule row's form: saved through its service (audited), then back to the list."""
    done = submit(request, form, service=save, success=_("Aturan disimpan."), then="studies:rules")
    if done is not None:
        return done
    return render(request, "studies/rule_edit.html", {"form": form, "title": title})


@require_access(RULES_WRITE)
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rule = selectors.rule_get(pk)
    form = forms.EligibilityRuleForm(
        request.POST or None, initial=forms.EligibilityRuleForm.initial_for(rule)
    )
    return _edit(
        request,
        form,
        lambda d: rules.eligibility_rule_update(actor=user, rule_id=pk, values=d),
        f"{rule.get_kind_display()} {rule.get_level_display()}",
    )


@require_access(RULES_WRITE)
def funding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    source = selectors.funding_source_get(pk)
    form = forms.FundingSourceForm(
        request.POST or None, initial=forms.FundingSourceForm.initial_for(source)
    )
    return _edit(
        request,
        form,
        lambda d: rules.funding_source_update(actor=user, funding_source_id=pk, values=d),
        source.name,
    )


@require_access(RULES_WRITE)
def pangkat_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    row = selectors.pangkat_adjustment_get(pk)
    form = forms.PangkatAdjustmentForm(
        request.POST or None, initial=forms.PangkatAdjustmentForm.initial_for(row)
    )
    return _edit(
        request,
        form,
        lambda d: rules.pangkat_adjustment_update(actor=user, row_id=pk, values=d),
        _("Kenaikan pangkat penyesuaian ijazah %(level)s") % {"level": row.get_level_display()},
    )

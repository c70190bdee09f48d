"""The JP rules page: the yearly targets per employee kind and how each learning form converts
into JP, both data of a regulation. Reading is open to admins and auditors; changing them to
the province admin, through `services.targets` (the command `garda jp_target_set` calls the
same service)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from garda.core.errors import GardaError
from garda.core.permissions import require_access, signed_in_user
from garda.learning.ledger import policy, selectors
from garda.learning.ledger.forms import ConversionRuleForm, TargetForm
from garda.learning.ledger.models import ConversionRule
from garda.learning.ledger.services.targets import conversion_rule_update, ledger_target_set


def _page(request: HttpRequest, *, target_form: TargetForm | None = None,
          rule_forms: dict[int, ConversionRuleForm] | None = None) -> HttpResponse:  # fmt: skip
    user = signed_in_user(request)
    can_edit = policy.RULES_WRITE_ACCESS.allows(user)
    edited = rule_forms or {}
    rules = [
        (rule, edited.get(rule.pk) or ConversionRuleForm(instance=rule, prefix=f"r{rule.pk}"))
        for rule in selectors.conversion_rules()
    ]
    context = {
        "targets": selectors.jp_targets(),
        "rules": rules,
        "can_edit": can_edit,
        "target_form": target_form or TargetForm(),
    }
    refused = bool(edited) or (target_form is not None and bool(target_form.errors))
    return render(request, "ledger/rules.html", context, status=400 if refused else 200)


@require_access(policy.RULES_READ_ACCESS)
def rules(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_access(policy.RULES_WRITE_ACCESS)
@require_POST
def target_set(request: HttpRequest) -> HttpResponse:
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            ledger_target_set(actor=signed_in_user(request), **form.cleaned_data)
        except GardaError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Target JP disimpan; rekap kepatuhan dihitung ulang."))
            return redirect("ledger:rules")
    return _page(request, target_form=form)


@require_access(policy.RULES_WRITE_ACCESS)
@require_POST
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(ConversionRule, pk=pk)
    form = ConversionRuleForm(request.POST, instance=rule, prefix=f"r{rule.pk}")
    if form.is_valid():
        try:
            conversion_rule_update(actor=signed_in_user(request), rule_id=rule.pk,
                                   fields=form.cleaned_data)  # fmt: skip
        except GardaError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Aturan konversi disimpan."))
            return redirect("ledger:rules")
    return _page(request, rule_forms={rule.pk: form})

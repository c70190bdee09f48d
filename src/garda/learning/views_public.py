"""Public pages: the catalog, a program, a batch (aggregates only, never names), and the
certificate verification page reached from the QR."""

from __future__ import annotations

import functools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from garda.core.cache import PUBLIC, cached
from garda.core.params import id_from
from garda.core.permissions import require_access
from garda.learning import selectors, stamp
from garda.learning.access import PUBLIC_ACCESS
from garda.learning.filters import ProgramFilter
from garda.learning.ledger.models import LearningForm
from garda.learning.services import batch_is_open


def _int(value: str | None) -> int | None:
    return id_from(value)


@require_access(PUBLIC_ACCESS)
def catalog(request: HttpRequest) -> HttpResponse:
    context = {
        "catalog": cached(
            PUBLIC,
            ("learning-catalog", timezone.localdate().isoformat(), request.GET.urlencode()),
            functools.partial(_catalog_blocks, request),
            timeout=CATALOG_SECONDS,
            versions=(stamp.NAME,),
        ),
        "q": request.GET.get("q", "")[:100],
    }
    return render(request, "learning/catalog.html", context)


# Programmes, batches and sessions bump the learning data version; a learning form renamed
# (the JP ledger's list) or a registration closing at midnight shows within this time.
CATALOG_SECONDS = 300


def _catalog_blocks(request: HttpRequest) -> dict[str, SafeString]:
    """The form filter's options and the programme cards: the same for every visitor (only
    published programmes and counts of open batches), so kept once per filter."""
    filterset = ProgramFilter(request.GET or None, queryset=selectors.program_list_public())
    context = {
        "programs": filterset.qs[:200],
        "forms": LearningForm.objects.filter(active=True, programs__isnull=False).distinct(),
        "form_id": _int(request.GET.get("bentuk")),
    }
    return {
        "options": render_to_string("learning/_catalog_options.html", context),
        "cards": render_to_string("learning/_catalog_cards.html", context),
    }


@require_access(PUBLIC_ACCESS)
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = selectors.program_get_public(program_id=pk)
    batches = list(selectors.batch_list_public(program_id=pk))
    for batch in batches:
        batch.is_open = batch_is_open(batch)  # type: ignore[attr-defined]  # for the template
    return render(request, "learning/program_detail.html", {"program": program, "batches": batches})


@require_access(PUBLIC_ACCESS)
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get_public(batch_id=pk)
    line = batch.budget_line
    context = {
        "batch": batch,
        "program": batch.program,
        "is_open": batch_is_open(batch),
        "seats_left": max(0, batch.seats - batch.seats_taken),  # type: ignore[attr-defined]  # annotated
        "budget_url": reverse("transparency:budget:line", args=[line.year, line.pk])
        if line
        else "",
        "stats": selectors.batch_public_figures(batch=batch),
        "own": selectors.own_enrollment(user=request.user, batch=batch),
    }
    return render(request, "learning/batch_detail.html", context)

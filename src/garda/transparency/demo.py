"""The transparency app's demo: PPID requests and items, then the budget and its open data."""

from __future__ import annotations

from django.utils import timezone

from garda.core.demo import DemoSeeded
from garda.core.models import Unit, User
from garda.learning.demo import DEMO_PROGRAM_CODES
from garda.learning.models import Batch
from garda.learning.services.catalog import batch_update
from garda.transparency.budget.demo import seed_budget_demo
from garda.transparency.budget.models import BudgetLine
from garda.transparency.ppid.demo import seed_ppid_demo


def seed_demo(*, size: str) -> DemoSeeded:
    ppid = seed_ppid_demo()
    lines = seed_budget_demo(size=size)
    charged = _charge_demo_batches()
    return DemoSeeded(created=bool(ppid or lines or charged))


def _charge_demo_batches() -> int:
    """The learning demo's BPSDM batches are paid from the sub-kegiatan for technical
    training, when the budget demo has it (the budget app links down to learning, never the
    other way)."""
    admin = User.objects.filter(username="admin.provinsi").first()
    bpsdm = Unit.objects.filter(code="15.BPSDM").first()
    if admin is None or bpsdm is None:
        return 0
    today = timezone.localdate()
    bpsdm_lines = BudgetLine.objects.filter(opd=bpsdm).order_by("-year", "pk")
    line = (
        bpsdm_lines.filter(year=today.year, name__icontains="Pelatihan Teknis").first()
        or bpsdm_lines.filter(year=today.year).first()
        or bpsdm_lines.first()
    )
    if line is None:
        return 0
    batches = Batch.objects.filter(
        organiser_unit=bpsdm, budget_line__isnull=True, program__code__in=DEMO_PROGRAM_CODES
    )
    charged = 0
    for batch_id in batches.values_list("pk", flat=True):
        batch_update(actor=admin, batch_id=batch_id, fields={"budget_line": line})
        charged += 1
    return charged

"""Riwayat diklat: every valid ledger entry of one ASN, as an A4 PDF in Indonesian."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from garda.core.documents import pdf_from_html
from garda.learning.ledger.models import EntryStatus, JPYearTotal, LedgerEntry
from garda.people.models import Employee


def history_html(*, employee: Employee) -> str:
    entries = (
        LedgerEntry.objects.filter(employee_id=employee.pk, status=EntryStatus.VALID)
        .select_related("form")
        .order_by("started_on", "pk")
    )
    totals = JPYearTotal.objects.filter(employee_id=employee.pk).order_by("-year")
    grand = entries.aggregate(total=Sum("jp"))["total"] or Decimal("0")
    # The document is an Indonesian record whatever language the viewer's page is in.
    with translation.override("id"):
        return render_to_string(
            "ledger/history_pdf.html",
            {
                "employee": employee,
                "entries": entries,
                "totals": totals,
                "grand_total": grand,
                "generated_at": timezone.localtime(),
            },
        )


def history_pdf(*, employee: Employee) -> bytes:
    return pdf_from_html(history_html(employee=employee))

"""The PPID annual report (laporan tahunan layanan informasi publik) as PDF, from the same
statistics the public page shows."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from garda.core.documents import pdf_from_html
from garda.transparency.ppid import selectors


def annual_report_html(*, year: int) -> str:
    stats = selectors.ppid_statistics(year=year, per_unit=True)
    return render_to_string(
        "transparency/ppid/report.html",
        {"stats": stats, "year": year, "generated_at": timezone.localtime()},
    )


def annual_report_pdf(*, year: int) -> bytes:
    return pdf_from_html(annual_report_html(year=year))


def demo_document_pdf(*, title: str, unit_name: str, period: str) -> bytes:
    """A short real PDF standing in for a periodic document of the demo's DIP."""
    html = render_to_string(
        "transparency/ppid/demo_document.html",
        {"title": title, "unit_name": unit_name, "period": period},
    )
    return pdf_from_html(html)

"""The survey report as PDF (the layout units submit: unit, period, respondents, NRR per
element, IKM, converted value, grade, follow-up plan), rendered from HTML by WeasyPrint as the
certificates and the PPID annual report are."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from garda.core.documents import pdf_from_html
from garda.service.skm.models import Survey


def report_html(context: dict[str, Any]) -> str:
    return render_to_string(
        "skm/report_pdf.html", {**context, "generated_at": timezone.localtime()}
    )


def report_pdf(context: dict[str, Any]) -> bytes:
    return pdf_from_html(report_html(context))


def pdf_response(survey: Survey, context: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(report_pdf(context), content_type="application/pdf")
    name = f"skm-{survey.unit.code}-{survey.year}-{survey.period_kind}-{survey.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name.lower()}"'
    return response

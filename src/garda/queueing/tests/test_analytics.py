"""Analytics from the demo history: figures, pages, Excel, scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from garda.core.demo import seed_demo_base
from garda.core.models import User
from garda.core.testing import login_client, make_user
from garda.queueing import analytics, demo
from garda.queueing.models import Facility, Ticket, TicketStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_facility() -> Facility:
    seed_demo_base()
    demo.seed_demo(size="small")
    return Facility.objects.get(code="DEMO01")


def test_percentile_is_nearest_rank() -> None:
    assert analytics.percentile([], 0.5) is None
    assert analytics.percentile([5, 1, 3, 2, 4], 0.5) == 3
    assert analytics.percentile(list(range(1, 11)), 0.9) == 9


def test_report_figures_match_the_tickets(demo_facility: Facility) -> None:
    end = timezone.localdate()
    start = end - dt.timedelta(days=13)
    report = analytics.facility_report(demo_facility, start=start, end=end)
    tickets = Ticket.objects.filter(facility=demo_facility)
    assert report.total.arrivals == tickets.count()
    assert report.total.served == tickets.filter(status=TicketStatus.DONE).count()
    assert report.total.no_show == tickets.filter(status=TicketStatus.NO_SHOW).count()
    assert report.total.wait_p50 is not None
    assert report.total.wait_p90 is not None
    assert report.total.wait_p50 <= report.total.wait_p90
    assert report.total.eta_mae is not None
    assert 0 < report.total.eta_mae < 60
    within = report.total.within(60)
    assert within is not None
    assert 0 <= within <= 100
    assert sum(n for _, n in report.hours()) == tickets.exclude(checked_in_at=None).count()
    chart = report.chart_arrivals()
    assert len(chart["labels"]) == len(report.days) == _days_with_tickets()


def test_pages_and_excel(demo_facility: Facility) -> None:
    petugas = User.objects.get(username="petugas.demo")
    client = login_client(petugas)
    page = client.get(reverse("queueing:analytics_facility", args=["DEMO01"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "grafik-kedatangan" in html
    assert "Kepmenkes 129/2008" in html
    response = client.get(reverse("queueing:analytics_facility_excel", args=["DEMO01"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Per hari", "Per poli", "Per jam", "Keterangan"]
    assert book["Per hari"]["A1"].value == "Tanggal"
    assert book["Per hari"].max_row == _days_with_tickets() + 1
    province = client.get(reverse("queueing:analytics"))
    assert "Puskesmas Demo" in province.content.decode()
    excel = client.get(reverse("queueing:analytics_excel"))
    rows = list(load_workbook(io.BytesIO(excel.content))["Per puskesmas"].values)
    assert rows[1][1] == "DEMO01"


def test_province_view_is_scoped(demo_facility: Facility) -> None:
    stranger = make_user(role="petugas_faskes")
    client = login_client(stranger)
    assert client.get(reverse("queueing:analytics_facility", args=["DEMO01"])).status_code == 404
    assert "Puskesmas Demo" not in client.get(reverse("queueing:analytics")).content.decode()
    auditor = login_client(make_user(role="auditor"))
    assert "Puskesmas Demo" in auditor.get(reverse("queueing:analytics")).content.decode()


def _days_with_tickets() -> int:
    """The demo's history days, and today when the demo started during an opening day."""
    today = timezone.localdate()
    return demo.HISTORY_DAYS + int(Ticket.objects.filter(service_date=today).exists())

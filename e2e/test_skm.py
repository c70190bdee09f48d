"""Satisfaction survey journey: a patient whose visit at Puskesmas Demo is finished opens the
ticket page on a phone, follows the survey link and answers in a few taps; petugas.demo enters
two paper questionnaires and uploads a file of two more (a first file with a bad row is
refused whole, its row and column named); the unit's survey page shows the respondents, the
index and the grade, and the count went up by five."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

# A visit of today at Puskesmas Demo (opened all day, so the journey does not depend on the
# hour), finished as the queue's demo writes its history: the console steps are the queue
# journey's business.
FINISHED_VISIT = """
import datetime as dt, json
from django.urls import reverse
from django.utils import timezone
from garda.queueing.models import ClosedDate, Facility, OpeningHours, Ticket, TicketStatus
from garda.queueing.services import ticket_issue
from garda.service.skm.models import Survey
facility = Facility.objects.get(code="DEMO01")
poli = facility.polis.get(bpjs_code="001")
today = timezone.localdate()
OpeningHours.objects.update_or_create(
    facility=facility, weekday=today.weekday(),
    defaults={"opens": dt.time(0, 0), "closes": dt.time(23, 59, 59)},
)
ClosedDate.objects.filter(facility=facility, date=today).delete()
ticket = ticket_issue(actor=None, poli_id=poli.pk, service_date=today, channel="kiosk",
                      name="Pasien Survei")
Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.DONE, done_at=timezone.now())
survey = Survey.objects.get(unit=facility.unit, starts_on__lte=today, ends_on__gte=today)
print(json.dumps({"ticket": reverse("queueing:ticket", args=[ticket.booking_code]),
                  "survey": survey.pk, "answers": survey.answers.count(),
                  "today": today.isoformat()}))
"""


def _visit(live_garda: Any) -> dict[str, object]:
    output = live_garda.manage("shell", "-c", FINISHED_VISIT)
    return dict(json.loads(output.strip().splitlines()[-1]))


def test_answer_on_a_phone_enter_paper_and_read_the_index(
    live_garda: Any, phone_page: Page, page: Page, sign_in: Callable[..., None],
    shot: Callable[[Page, str], Path], tmp_path: Path,
) -> None:  # fmt: skip
    visit = _visit(live_garda)
    # The patient: ticket page -> survey link -> nine answers -> thanks.
    phone_page.goto(str(visit["ticket"]))
    link = phone_page.locator("#tautan-survei")
    expect(link).to_be_visible()
    link.click()
    expect(phone_page.get_by_role("heading", name="Survei Kepuasan Masyarakat")).to_be_visible()
    overflow = phone_page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    answers = ["Sangat sesuai", "Mudah", "Sangat cepat", "Gratis", "Sesuai", "Kompeten",
               "Sangat sopan dan ramah", "Dikelola dengan baik", "Baik"]  # fmt: skip
    for code, text in zip([f"U{n}" for n in range(1, 10)], answers, strict=True):
        phone_page.locator(f"#q-{code}").get_by_text(text, exact=True).click()
    phone_page.locator("#q-U3").get_by_text("Sudah baik").click()
    shot(phone_page, "kuesioner")
    phone_page.get_by_role("button", name="Kirim jawaban").click()
    expect(phone_page.locator("#terima-kasih")).to_contain_text("jawaban Anda sudah tersimpan")
    # Back on the ticket page the survey is no longer offered.
    phone_page.goto(str(visit["ticket"]))
    expect(phone_page.locator("#nomor-antrean")).to_be_visible()
    expect(phone_page.locator("#tautan-survei")).to_have_count(0)

    # The puskesmas staff: two paper questionnaires.
    sign_in(page, "petugas.demo")
    page.goto(f"/skm/kelola/{visit['survey']}/")
    page.locator("#entri-kertas").click()
    for scores in ([4, 3, 3, 4, 3, 4, 4, 2, 3], [3, 3, 2, 4, 3, 3, 4, 2, 2]):
        page.get_by_label("Tanggal pengisian").fill(
            page.evaluate("() => new Date().toISOString().slice(0, 10)")
        )
        for n, score in enumerate(scores, start=1):
            page.locator(f"input[name=u{n}][value='{score}']").check()
        page.get_by_role("button", name="Simpan kuesioner").click()
        expect(page.get_by_role("alert").first).to_contain_text("Kuesioner kertas tersimpan")

    # A file of paper questionnaires through the upload page: a bad row stops the whole file,
    # the corrected file goes in.
    header = "Tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis Kelamin\n"
    good = f"{visit['today']},4,4,3,4,3,4,4,3,3,P\n"
    for name, rows, summary, problem in (
        ("kuesioner-salah.csv", good + f"{visit['today']},4,4,3,4,7,4,4,3,3,L\n",
         r"Tidak ada yang disimpan: 1 baris bermasalah", 1),
        ("kuesioner.csv", good + f"{visit['today']},3,3,3,4,3,3,4,2,2,L\n",
         r"kuesioner\.csv: 2 baris data; 2 jawaban baru", 0),
    ):  # fmt: skip
        page.goto(f"/skm/kelola/{visit['survey']}/")
        page.locator("#impor-kertas").click()
        expect(page.get_by_role("heading", name="Impor kuesioner kertas")).to_be_visible()
        upload = tmp_path / name
        upload.write_text(header + rows, encoding="utf-8")
        page.get_by_label("Berkas .xlsx atau .csv").set_input_files(str(upload))
        page.get_by_role("button", name="Impor").click()
        expect(page.get_by_text(re.compile(summary))).to_be_visible(timeout=60_000)
        expect(page.get_by_text(re.compile(r"Baris 3, kolom U5"))).to_have_count(problem)
    shot(page, "impor-kuesioner")

    # The unit's report: respondents up by five, an index and a grade.
    page.goto(f"/skm/kelola/{visit['survey']}/")
    expect(page.locator("#skm-responden")).to_have_text(str(int(str(visit["answers"])) + 5))
    expect(page.locator("#skm-ikm")).to_have_text(re.compile(r"^\d,\d{4}$"))
    expect(page.locator("#skm-konversi")).to_have_text(re.compile(r"^\d{2,3},\d{2}$"))
    expect(page.locator("#skm-mutu")).to_have_text(re.compile(r"^[ABCD]$"))
    shot(page, "laporan")

"""The working-day calendar: known dates, properties, the admin-kept table, page and command."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from garda.core.audit.models import AuditEntry
from garda.core.calendar import (
    NonWorkingDay,
    NonWorkingKind,
    WorkingCalendar,
    add_working_days,
    calendar_seed_year,
    is_working_day,
    non_working_day_add,
    non_working_day_remove,
    package_days,
    working_days_between,
    year_is_kept,
)
from garda.core.errors import ValidationFailed
from garda.core.roles import Role
from garda.core.testing import login_client, make_user

pytestmark = pytest.mark.django_db

D = dt.date


# --- Known cases (the package's real 2026 dates) -----------------------------------------------


def test_package_knows_2026_cuti_bersama_and_holidays() -> None:
    days = package_days(2026)
    assert days[D(2026, 3, 18)][0] == NonWorkingKind.CUTI_BERSAMA  # before Nyepi
    assert days[D(2026, 3, 19)][0] == NonWorkingKind.LIBUR_NASIONAL  # Nyepi
    assert days[D(2026, 3, 20)][0] == NonWorkingKind.CUTI_BERSAMA  # Idul Fitri
    assert days[D(2026, 3, 23)][0] == NonWorkingKind.CUTI_BERSAMA
    assert days[D(2026, 3, 24)][0] == NonWorkingKind.CUTI_BERSAMA
    assert days[D(2026, 12, 24)][0] == NonWorkingKind.CUTI_BERSAMA
    assert "Nyepi" in days[D(2026, 3, 19)][1]  # Indonesian names


def test_tenth_working_day_after_friday_13_march_2026_skips_the_eid_break() -> None:
    received = D(2026, 3, 13)  # a Friday
    # Day 1 Mon 16, day 2 Tue 17; 18 (cuti), 19 (Nyepi), 20 (cuti), 23, 24 (cuti) are off;
    # days 3-9 are 25, 26, 27, 30, 31 March, 1, 2 April; 3 April is Good Friday.
    assert add_working_days(received, 1) == D(2026, 3, 16)
    assert add_working_days(received, 2) == D(2026, 3, 17)
    assert add_working_days(received, 3) == D(2026, 3, 25)
    assert add_working_days(received, 9) == D(2026, 4, 2)
    assert add_working_days(received, 10) == D(2026, 4, 6)
    assert working_days_between(received, D(2026, 4, 6)) == 10
    for off in (D(2026, 3, 18), D(2026, 3, 19), D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24)):
        assert not is_working_day(off)


def test_counting_crosses_the_year_end() -> None:
    # From Monday 21 December 2026: 24 Dec (cuti bersama), 25 Dec (Christmas), 1 Jan 2027
    # (New Year) and 5 Jan 2027 (Isra Mi'raj) are off.
    assert add_working_days(D(2026, 12, 21), 2) == D(2026, 12, 23)
    assert add_working_days(D(2026, 12, 21), 3) == D(2026, 12, 28)
    assert add_working_days(D(2026, 12, 21), 7) == D(2027, 1, 4)
    assert add_working_days(D(2026, 12, 21), 8) == D(2027, 1, 6)


def test_zero_days_is_the_start_and_negative_is_refused() -> None:
    assert add_working_days(D(2026, 3, 14), 0) == D(2026, 3, 14)
    with pytest.raises(ValueError, match="zero or more"):
        add_working_days(D(2026, 3, 14), -1)


def test_between_is_negative_when_reversed() -> None:
    assert working_days_between(D(2026, 4, 6), D(2026, 3, 13)) == -10
    assert working_days_between(D(2026, 3, 13), D(2026, 3, 13)) == 0


# --- Properties -------------------------------------------------------------------------------

dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31))
counts = st.integers(min_value=0, max_value=60)
PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_result_is_a_working_day_after_start(start: dt.date, n: int) -> None:
    end = add_working_days(start, n)
    assert end > start
    assert is_working_day(end)
    assert working_days_between(start, end) == n


@PROPERTY
@given(start=dates, n=counts, m=counts)
def test_adding_n_then_m_is_adding_n_plus_m(start: dt.date, n: int, m: int) -> None:
    assert add_working_days(add_working_days(start, n), m) == add_working_days(start, n + m)


@PROPERTY
@given(start=dates, n=counts, m=counts)
def test_monotonic_in_n(start: dt.date, n: int, m: int) -> None:
    low, high = sorted((n, m))
    assert add_working_days(start, low) <= add_working_days(start, high)


@PROPERTY
@given(a=dates, b=dates)
def test_monotonic_in_start(a: dt.date, b: dt.date) -> None:
    early, late = sorted((a, b))
    assert add_working_days(early, 10) <= add_working_days(late, 10)
    assert working_days_between(early, late) >= 0
    assert working_days_between(a, b) == -working_days_between(b, a)


@PROPERTY
@given(a=dates, b=dates, c=dates)
def test_between_adds_up(a: dt.date, b: dt.date, c: dt.date) -> None:
    assert working_days_between(a, c) == working_days_between(a, b) + working_days_between(b, c)


@PROPERTY
@given(start=dates, n=counts)
def test_no_working_day_is_skipped(start: dt.date, n: int) -> None:
    """Every day strictly between day k and day k+1 is off."""
    end = add_working_days(start, n)
    day = start + dt.timedelta(days=1)
    working = 0
    while day <= end:
        working += is_working_day(day)
        day += dt.timedelta(days=1)
    assert working == n


def test_each_year_is_read_once_per_call() -> None:
    loads: list[int] = []

    def load(year: int) -> frozenset[dt.date]:
        loads.append(year)
        return frozenset()

    calendar = WorkingCalendar(load)
    assert calendar.add(D(2026, 12, 1), 40) == D(2027, 1, 26)  # weekends only
    assert loads == [2026, 2027]


# --- The table an admin keeps -----------------------------------------------------------------


def test_a_year_not_in_the_table_falls_back_to_the_package_without_writing() -> None:
    assert not year_is_kept(2026)
    assert add_working_days(D(2026, 3, 13), 10) == D(2026, 4, 6)
    assert NonWorkingDay.objects.count() == 0


def test_a_kept_year_is_read_from_the_table_only() -> None:
    calendar_seed_year(actor=None, year=2026)
    assert year_is_kept(2026)
    assert NonWorkingDay.objects.filter(date__year=2026).count() == len(package_days(2026))
    # A decree moves the 23 March cuti bersama: the admin removes it, and it counts again.
    non_working_day_remove(actor=None, date=D(2026, 3, 23))
    assert is_working_day(D(2026, 3, 23))
    assert add_working_days(D(2026, 3, 13), 10) == D(2026, 4, 2)


def test_adding_a_day_to_an_unkept_year_keeps_its_holidays() -> None:
    non_working_day_add(
        actor=None, date=D(2027, 7, 5), kind=NonWorkingKind.CUTI_BERSAMA, name="Cuti tambahan"
    )
    assert not is_working_day(D(2027, 7, 5))
    # The package's days of 2027 were copied first, so New Year's Day is still off.
    assert NonWorkingDay.objects.filter(date=D(2027, 1, 1)).exists()
    assert not is_working_day(D(2027, 8, 17))
    entry = AuditEntry.objects.filter(action="calendar.add").get()
    assert entry.after is not None
    assert entry.after["name"] == "Cuti tambahan"


def test_duplicates_and_the_last_day_are_refused() -> None:
    non_working_day_add(actor=None, date=D(2026, 8, 18), kind="cuti_bersama", name="Tambahan")
    with pytest.raises(ValidationFailed):
        non_working_day_add(actor=None, date=D(2026, 8, 18), kind="cuti_bersama", name="Lagi")
    with pytest.raises(ValidationFailed):
        non_working_day_add(actor=None, date=D(2026, 8, 19), kind="libur", name="Jenis salah")
    NonWorkingDay.objects.filter(date__year=2026).exclude(date=D(2026, 1, 1)).delete()
    with pytest.raises(ValidationFailed, match="terakhir"):
        non_working_day_remove(actor=None, date=D(2026, 1, 1))


def test_seeding_is_idempotent_and_merge_restores_removed_days() -> None:
    first = calendar_seed_year(actor=None, year=2026)
    assert first == len(package_days(2026))
    assert calendar_seed_year(actor=None, year=2026) == 0
    non_working_day_remove(actor=None, date=D(2026, 12, 24))
    assert calendar_seed_year(actor=None, year=2026) == 0
    assert calendar_seed_year(actor=None, year=2026, merge=True) == 1
    assert AuditEntry.objects.filter(action="calendar.seed").count() == 2


def test_command_seeds_a_year() -> None:
    out = io.StringIO()
    call_command("calendar_seed", "--year", "2026", stdout=out)
    assert "2026:" in out.getvalue()
    assert year_is_kept(2026)
    out = io.StringIO()
    call_command("calendar_seed", "--year", "2026", stdout=out)
    assert "tidak diubah" in out.getvalue()


# --- The page ---------------------------------------------------------------------------------


def test_page_lists_the_year_and_admin_edits_it() -> None:
    admin = login_client(make_user(role=Role.ADMIN_PROVINSI))
    page = admin.get("/kalender/?tahun=2026").content.decode()
    assert "18 Maret 2026" in page
    assert "belum disimpan" in page
    response = admin.post("/kalender/muat/", {"tahun": "2026"})
    assert response.status_code == 302
    assert year_is_kept(2026)
    response = admin.post(
        "/kalender/tambah/",
        {"tahun": "2026", "date": "2026-09-14", "kind": "cuti_bersama", "name": "Cuti daerah"},
    )
    assert response.status_code == 302
    assert not is_working_day(D(2026, 9, 14))
    response = admin.post("/kalender/2026-09-14/hapus/")
    assert response.status_code == 302
    assert is_working_day(D(2026, 9, 14))


def test_page_access() -> None:
    assert login_client(make_user(role=Role.PPID)).get("/kalender/").status_code == 200
    auditor = login_client(make_user(role=Role.AUDITOR))
    assert auditor.get("/kalender/").status_code == 200
    assert auditor.post("/kalender/muat/", {"tahun": "2026"}).status_code == 403
    assert login_client(make_user(role=Role.ASN)).get("/kalender/").status_code == 403
    assert not year_is_kept(2026)


@pytest.mark.django_db
def test_calendar_date_field_is_prefilled_in_the_format_the_browser_accepts(client_for) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: pre-filled as 01/01/2026, which <input type="date"> drops."""
    page = client_for("admin_provinsi").get("/kalender/?tahun=2026").content.decode()
    assert 'type="date"' in page
    assert 'value="2026-01-01"' in page

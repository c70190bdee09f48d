"""Set-up pages: an admin of the kabupaten/kota sets up its puskesmas; others are refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from garda.core.demo import seed_demo_base
from garda.core.models import User
from garda.core.testing import login_client
from garda.queueing import demo
from garda.queueing.models import (
    ClosedDate,
    Counter,
    Doctor,
    Facility,
    NotificationRule,
    OpeningHours,
    QueueParameter,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_facility() -> Facility:
    seed_demo_base()
    return demo.seed_demo_facility()


def test_kabupaten_admin_sets_up_its_puskesmas(demo_facility: Facility) -> None:
    client = login_client(User.objects.get(username="admin.kota"))
    base = reverse("queueing:manage_facility", args=["DEMO01"])
    assert client.get(base).status_code == 200
    new_poli = reverse("queueing:manage_part_new", args=["DEMO01", "poli"])
    response = client.post(
        new_poli,
        {"bpjs_code": "004", "name": "Poli Lansia", "prefix": "D", "quota_online": 20,
         "quota_onsite": 20, "default_service_minutes": 10, "bookable": "on", "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    lansia = demo_facility.polis.get(bpjs_code="004")
    clash = client.post(
        new_poli,
        {"bpjs_code": "005", "name": "Poli Gizi", "prefix": "D", "quota_online": 1,
         "quota_onsite": 1, "default_service_minutes": 5},
    )  # fmt: skip
    assert clash.status_code == 200  # prefix D is taken
    client.post(
        reverse("queueing:manage_part_new", args=["DEMO01", "loket"]),
        {"poli": lansia.pk, "name": "Ruang Lansia", "is_open": "on"},
    )
    assert Counter.objects.filter(poli=lansia, name="Ruang Lansia").exists()
    client.post(
        reverse("queueing:manage_part_new", args=["DEMO01", "dokter"]),
        {"poli": lansia.pk, "bpjs_code": 4001, "name": "dr. Hasan", "practice_start": "08:00",
         "practice_end": "11:30", "is_active": "on"},
    )  # fmt: skip
    assert Doctor.objects.get(bpjs_code=4001).practice_hours == "08:00-11:30"
    client.post(
        reverse("queueing:manage_part_new", args=["DEMO01", "tutup"]),
        {"date": "2026-12-24", "reason": "Pelatihan petugas"},
    )
    closure = ClosedDate.objects.get(facility=demo_facility)
    client.post(reverse("queueing:manage_part_delete", args=["DEMO01", "tutup", closure.pk]))
    assert not ClosedDate.objects.exists()
    hours = {f"opens_{d}": "08:00" for d in range(5)} | {f"closes_{d}": "12:00" for d in range(5)}
    client.post(reverse("queueing:manage_hours", args=["DEMO01"]), hours)
    assert OpeningHours.objects.filter(facility=demo_facility).count() == 5
    client.post(
        reverse("queueing:manage_rule", args=["DEMO01"]),
        {"people_ahead": 5, "minutes_before": 20, "enabled": "on"},
    )
    assert NotificationRule.objects.get(facility=demo_facility).people_ahead == 5


def test_other_kabupaten_and_petugas_are_refused(demo_facility: Facility) -> None:
    from garda.core.models import Unit
    from garda.core.testing import make_user

    other = make_user(role="admin_instansi", unit=Unit.objects.get(code="15.01"))
    assert (
        login_client(other).get(reverse("queueing:manage_facility", args=["DEMO01"])).status_code
        == 404
    )
    petugas = login_client(User.objects.get(username="petugas.demo"))
    assert petugas.get(reverse("queueing:manage_list")).status_code == 403


def test_province_admin_sets_a_parameter(demo_facility: Facility) -> None:
    client = login_client(User.objects.get(username="admin.provinsi"))
    url = reverse("queueing:manage_parameter", args=["retention_days"])
    assert client.post(url, {"value": 120}).status_code == 302
    assert QueueParameter.objects.get(key="retention_days").value == 120
    kota = login_client(User.objects.get(username="admin.kota"))
    assert kota.post(url, {"value": 1}).status_code == 403

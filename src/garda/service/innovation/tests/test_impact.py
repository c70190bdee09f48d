"""Impact from the queue's own tickets, shown on the staff page, the public page and the API;
the province dataset in the open-data catalog; the shipped map."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from garda.core.errors import ValidationFailed
from garda.core.testing import login_client, make_user
from garda.queueing.analytics import facility_report
from garda.queueing.models import Facility, Ticket, TicketStatus
from garda.queueing.testing import make_facility
from garda.service.innovation import boundaries, services
from garda.service.innovation.demo import seed_queue_history
from garda.service.innovation.measures import measure_get, measures_all
from garda.service.innovation.selectors.impact import impact_compute
from garda.service.innovation.testing import sample_innovation
from garda.transparency.opendata.models import Dataset
from garda.transparency.opendata.services import dataset_generate, datasets_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def tied() -> dict:
    facility = make_facility()
    go_live = timezone.localdate() - dt.timedelta(days=90)
    rng = random.Random(7)  # noqa: S311  # test data
    made = seed_queue_history(facility, rng=rng, go_live=go_live)
    assert made > 1000
    petugas = make_user(role="petugas_faskes", unit=facility.unit)
    innovation = sample_innovation(petugas, unit=facility.unit, published=True, title="Antrean Uji")
    link = services.impact_link_set(
        actor=petugas,
        innovation_id=innovation.pk,
        measure="queue_wait",
        go_live=go_live,
        window_days=84,
    )
    return {"innovation": innovation, "link": link, "petugas": petugas}


def test_registry_has_the_builtin_and_skm_measures() -> None:
    keys = {m.key for m in measures_all()}
    assert {
        "queue_wait",
        "queue_no_show",
        "ppid_on_time",
        "jp_compliance",
        "skm_index",
        "skm_U1",
    } <= keys


def test_waiting_time_before_and_after(tied: dict) -> None:
    result = impact_compute(tied["link"])
    assert not result["thin"]
    assert result["days"] == 84
    assert result["weekly"]
    figures = {f["key"]: f for f in result["figures"]}
    assert figures["mean"]["before"] > figures["mean"]["after"]
    assert figures["mean"]["verdict"] == "better"
    assert figures["p90"]["verdict"] == "better"
    assert figures["within_standard"]["after"] > figures["within_standard"]["before"]
    assert figures["mean"]["ci_low"] <= figures["mean"]["difference"] <= figures["mean"]["ci_high"]
    assert impact_compute(tied["link"]) == result  # fixed seed: the same figures twice


def test_queue_measures_are_the_queue_reports_own_figures(tied: dict) -> None:
    """One definition of waiting time and no-shows: the measures read the queue's selectors,
    whose values are the ones its report sums (a cancelled ticket and a called no-show
    included, so a second definition would show)."""
    link = tied["link"]
    facility = Facility.objects.get(unit=link.unit)
    start, end = link.go_live - dt.timedelta(days=84), link.go_live + dt.timedelta(days=83)
    ticket = Ticket.objects.filter(facility=facility, status=TicketStatus.NO_SHOW).first()
    Ticket.objects.filter(pk=ticket.pk).update(
        checked_in_at=ticket.no_show_at, called_at=ticket.no_show_at
    )  # called, then gone: no wait counted
    Ticket.objects.filter(
        pk=Ticket.objects.filter(facility=facility, status=TicketStatus.DONE).first().pk
    ).update(status=TicketStatus.CANCELLED)
    report = facility_report(facility, start=start, end=end)
    waits = measure_get("queue_wait").source(link.unit_id, start, end)
    assert sorted(v for _d, v in waits) == sorted(report.total.waits)
    no_shows = [v for _d, v in measure_get("queue_no_show").source(link.unit_id, start, end)]
    assert round(100 * sum(no_shows) / len(no_shows), 1) == report.total.no_show_percent
    assert len(no_shows) == report.total.served + report.total.no_show


def test_pages_and_api_show_the_before_after(client, tied: dict) -> None:
    pk = tied["innovation"].pk
    public = client.get(reverse("innovation:public_detail", args=[pk])).content.decode()
    assert "Waktu tunggu antrean puskesmas" in public
    assert "Membaik" in public
    staff = login_client(tied["petugas"]).get(reverse("innovation:detail", args=[pk]))
    assert "Membaik" in staff.content.decode()
    api = client.get(f"/api/v1/innovations/{pk}/").json()
    assert api["impacts"][0]["measure"] == "queue_wait"
    assert isinstance(api["impacts"][0]["figures"][0]["before"], float)
    listing = client.get("/api/v1/innovations/").json()
    assert [row["id"] for row in listing["results"]] == [pk]


def test_unknown_measure_and_thin_data(tied: dict) -> None:
    with pytest.raises(ValidationFailed):
        services.impact_link_set(
            actor=tied["petugas"],
            innovation_id=tied["innovation"].pk,
            measure="tidak_ada",
            go_live=dt.date(2026, 1, 1),
        )
    thin = services.impact_link_set(
        actor=tied["petugas"],
        innovation_id=tied["innovation"].pk,
        measure="ppid_on_time",
        go_live=dt.date(2026, 1, 1),
    )
    result = impact_compute(thin)
    assert result["thin"]
    assert result["figures"][0]["verdict"] == "thin"


def test_api_writes_are_scoped(tied: dict) -> None:
    other = make_user(role="admin_opd", unit=make_facility().unit)
    client = login_client(other)
    created = client.post(
        "/api/v1/innovations/", {"title": "Dari API"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["status"] == "draft"
    stolen = client.patch(
        f"/api/v1/innovations/{tied['innovation'].pk}/",
        {"title": "X"},
        content_type="application/json",
    )
    assert stolen.status_code == 404
    assert (
        login_client(make_user(role="auditor"))
        .post("/api/v1/innovations/", {"title": "T"}, content_type="application/json")
        .status_code
        == 403
    )


def test_open_dataset_of_the_province_view(settings, tmp_path, tied: dict) -> None:
    settings.MEDIA_ROOT = tmp_path
    datasets_ensure(actor=None)
    dataset = Dataset.objects.get(slug="inovasi-per-kabupaten-kota")
    version = dataset_generate(actor=None, dataset=dataset)
    assert version is not None
    text = (tmp_path / version.path).read_text()
    assert text.startswith("tahun,kode_wilayah,nama_wilayah,inisiatif")
    assert "Antrean Uji" not in text  # aggregates only


def test_static_map_is_generated_from_the_boundaries() -> None:
    shipped = Path(boundaries.__file__).parent / "static" / "innovation" / "jambi.svg"
    assert shipped.read_text() == boundaries.svg_document()
    assert len(boundaries.regions()) == 11

"""The IID computed from edition data, the KIPP package and the exports to national systems."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from garda.core.errors import NotAllowed
from garda.core.models import Unit
from garda.core.org.services import unit_create
from garda.core.testing import login_client, make_user
from garda.service.innovation import exports, services
from garda.service.innovation.models import IidEdition, IndicatorScope, KippCriterion
from garda.service.innovation.selectors.iid import region_score
from garda.service.innovation.testing import sample_innovation

pytestmark = pytest.mark.django_db


@pytest.fixture
def region() -> Unit:
    return unit_create(actor=None, code="96.01", name="Kabupaten Uji", kind="instansi")


def _score_everything(innovation_id: int, edition: IidEdition, parameter: int) -> None:
    actor = make_user(role="admin_provinsi")
    for indicator in edition.indicators.filter(scope=IndicatorScope.SID):
        services.indicator_score_set(
            actor=actor, innovation_id=innovation_id, indicator_id=indicator.pk, parameter=parameter
        )


def test_editions_are_data_from_the_migration() -> None:
    new, old = IidEdition.objects.get(code="2026"), IidEdition.objects.get(code="2023")
    assert (new.divisor_minimum, new.very_innovative_from, new.innovative_from) == (
        12,
        Decimal("65.01"),
        Decimal("40.01"),
    )
    assert (old.divisor_minimum, old.very_innovative_from, old.innovative_from) == (
        10,
        Decimal("60.01"),
        Decimal("35.00"),
    )
    weights = dict(new.indicators.filter(scope="sid").values_list("code", "weight"))
    assert weights["video"] == 4
    assert weights["regulasi"] == 3
    assert len(weights) == 20
    assert KippCriterion.objects.filter(edition="2025").count() == 5


def test_sid_divides_by_max_k_n_and_total_waits_for_spd(region: Unit) -> None:
    edition = IidEdition.objects.get(code="2026")
    innovation = sample_innovation(unit=region, stage="penerapan")
    _score_everything(innovation.pk, edition, 3)
    score = region_score(edition=edition, region=region, year=2026)
    # One full-marks innovation over MAX(12, 1) = 12: 100 / 12.
    assert score.sid_percent == Decimal("8.33")
    assert score.innovations == 1
    assert score.total is None
    assert len(score.spd_missing) == edition.indicators.filter(scope="spd").count()
    older = region_score(edition=IidEdition.objects.get(code="2023"), region=region, year=2026)
    assert older.sid_percent == Decimal("0")  # answers belong to the 2026 indicators
    admin = make_user(role="admin_provinsi")
    for indicator in edition.indicators.filter(scope="spd"):
        services.spd_score_set(
            actor=admin, region_id=region.pk, indicator_id=indicator.pk, year=2026, parameter=3
        )
    score = region_score(edition=edition, region=region, year=2026)
    expected = (
        Decimal(25) * 100 + Decimal(70) * Decimal(100) / 12 + Decimal(5) * Decimal(100) / 12
    ) / 100
    assert score.total == expected.quantize(Decimal("0.01"))
    assert score.predikat == "Kurang inovatif"
    assert score.next_predikat == "Inovatif"
    assert score.points_missing == (Decimal("40.01") - score.total)
    assert score.improvements == []  # everything already at 3
    # An admin edits the edition: the same answers give another figure.
    IidEdition.objects.filter(pk=edition.pk).update(divisor_minimum=1)
    edition.refresh_from_db()
    assert region_score(edition=edition, region=region, year=2026).sid_percent == Decimal("100.00")


def test_stopped_or_initiative_innovations_are_not_counted(region: Unit) -> None:
    edition = IidEdition.objects.get(code="2026")
    sample_innovation(unit=region, stage="inisiatif")
    sample_innovation(unit=region, stage="penerapan", stopped_on=dt.date(2026, 1, 2))
    assert region_score(edition=edition, region=region, year=2026).innovations == 0


def test_spd_only_by_region_admins(region: Unit) -> None:
    edition = IidEdition.objects.get(code="2026")
    other = unit_create(actor=None, code="95.01", name="Kabupaten Lain", kind="instansi")
    indicator = edition.indicators.filter(scope="spd").first()
    assert indicator is not None
    with pytest.raises(NotAllowed):
        services.spd_score_set(
            actor=make_user(role="admin_instansi", unit=other),
            region_id=region.pk,
            indicator_id=indicator.pk,
            year=2026,
            parameter=2,
        )
    services.spd_score_set(
        actor=make_user(role="admin_instansi", unit=region),
        region_id=region.pk,
        indicator_id=indicator.pk,
        year=2026,
        parameter=2,
    )


def test_kipp_eligibility_and_exports(region: Unit) -> None:
    admin = make_user(role="admin_instansi", unit=region)
    young = sample_innovation(admin, unit=region, trial_on=timezone.localdate(), applied_on=None)
    assert not exports.kipp_eligibility(young).eligible
    old = sample_innovation(
        admin,
        unit=region,
        title="Layanan Lama",
        trial_on=dt.date(2024, 1, 1),
        applied_on=dt.date(2024, 6, 1),
    )
    assert exports.kipp_eligibility(old).eligible
    criterion = KippCriterion.objects.order_by("position").first()
    assert criterion is not None
    services.kipp_narrative_set(
        actor=admin, innovation_id=old.pk, criterion_id=criterion.pk, narrative="Belum pernah ada."
    )
    client = login_client(admin)
    pdf = client.get(reverse("innovation:export", args=[old.pk, "kipp.pdf"]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    record = json.loads(
        client.get(reverse("innovation:export", args=[old.pk, "sinovik.json"])).content
    )
    assert record["nama_inovasi"] == "Layanan Lama"
    assert record["tanggal_penerapan"] == "2024-06-01"
    csv_text = client.get(
        reverse("innovation:export", args=[old.pk, "sinovik.csv"])
    ).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("nama_inovasi,instansi")
    sheet = client.get(reverse("innovation:export", args=[old.pk, "iid.xlsx"]))
    workbook = load_workbook(io.BytesIO(sheet.content))
    rows = list(workbook["Indikator"].iter_rows(values_only=True))
    assert rows[0][1] == "Kode indikator"
    assert len(rows) == 1 + 20 + 1
    assert client.get(reverse("innovation:export", args=[old.pk, "lain.txt"])).status_code == 404
    stranger = login_client(
        make_user(
            role="admin_instansi",
            unit=unit_create(actor=None, code="94.01", name="Jauh", kind="instansi"),
        )
    )
    assert (
        stranger.get(reverse("innovation:export", args=[old.pk, "sinovik.json"])).status_code == 404
    )


def test_assessment_pages_render(region: Unit) -> None:
    admin = make_user(role="admin_instansi", unit=region)
    innovation = sample_innovation(admin, unit=region)
    client = login_client(admin)
    for name in ("indicators", "kipp", "detail", "edit"):
        assert client.get(reverse(f"innovation:{name}", args=[innovation.pk])).status_code == 200
    indicator = IidEdition.objects.get(code="2026").indicators.filter(scope="sid").first()
    assert indicator is not None
    response = client.post(
        reverse("innovation:indicator_set", args=[innovation.pk]),
        {"indicator": indicator.pk, "parameter": "3"},
    )
    assert response.status_code == 302
    assert innovation.indicator_scores.get().parameter == 3
    page = client.get(reverse("innovation:region") + f"?wilayah={region.pk}")
    assert page.status_code == 200
    assert "SID" in page.content.decode()
    province = login_client(make_user(role="admin_provinsi")).get(reverse("innovation:province"))
    assert province.status_code == 200
    assert "Per kabupaten/kota" in province.content.decode()

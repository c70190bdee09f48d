"""The pages and the API with two instansi: each admin sees its own; the ASN reads its gaps and
drafts a plan on the page; the heat map, its export and the API are scoped."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from garda.competency.models import DevelopmentPlan, PlanStatus
from garda.competency.testing import (
    assess,
    employee_in,
    instansi_of_test,
    opd_in,
    set_standard,
    tagged_program,
)
from garda.core.roles import Role
from garda.core.testing import login_client, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two() -> dict[str, Any]:
    """Instansi A (Dinas Alfa) and B (Dinas Beta), each with an assessed ASN below standard."""
    cache.clear()
    world: dict[str, Any] = {}
    for side, word in (("A", "Alfa"), ("B", "Beta")):
        instansi = instansi_of_test(f"Instansi {word}")
        opd = opd_in(instansi, f"Dinas {word}")
        user = make_user(role=Role.ASN, unit=opd)
        employee = employee_in(opd, user=user)
        set_standard(instansi, "pelaksana", "M.1", 3)
        set_standard(instansi, "pelaksana", "M.2", 2)
        assess(employee, {"M.1": 1, "M.2": 2})
        world[side] = {"instansi": instansi, "opd": opd, "user": user, "employee": employee,
                       "admin": make_user(role=Role.ADMIN_INSTANSI, unit=instansi)}  # fmt: skip
    return world


def test_kompetensi_saya_shows_gaps_jpm_and_history(two: dict[str, Any]) -> None:
    body = login_client(two["A"]["user"]).get(reverse("competency:mine")).content.decode()
    assert "M.1" in body
    assert "-2" in body
    assert "60,00%" in body  # (1 + 2) / (3 + 2), written the Indonesian way
    assert "Kurang memenuhi syarat" in body
    assert "Assessment center" in body


def test_the_heat_map_is_scoped_to_the_admins_instansi(two: dict[str, Any]) -> None:
    for side, other in (("A", "Beta"), ("B", "Alfa")):
        client = login_client(two[side]["admin"])
        body = client.get(reverse("competency:heatmap")).content.decode()
        assert two[side]["opd"].name in body
        assert other not in body
        export = client.get(reverse("competency:heatmap_export", kwargs={"fmt": "csv"}))
        text = export.content.decode("utf-8-sig")
        assert two[side]["opd"].name in text
        assert other not in text
        assert "-2.00" in text
        # Drilling into the other instansi is refused.
        foreign = two["B" if side == "A" else "A"]["instansi"].pk
        assert client.get(reverse("competency:heatmap"), {"unit": foreign}).status_code == 404


def test_province_heat_map_has_a_row_per_instansi_and_an_xlsx(two: dict[str, Any]) -> None:
    bpsdm = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=two["A"]["instansi"]))
    body = bpsdm.get(reverse("competency:heatmap")).content.decode()
    assert "Instansi Alfa" in body
    assert "Instansi Beta" in body
    xlsx = bpsdm.get(reverse("competency:heatmap_export", kwargs={"fmt": "xlsx"})).content
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        text = "".join(archive.read(n).decode(errors="ignore") for n in archive.namelist())
    assert "Instansi Alfa" in text
    assert "Instansi Beta" in text


def test_api_gaps_and_assessments_are_scoped(two: dict[str, Any]) -> None:
    client = login_client(two["A"]["admin"])
    rows = client.get("/api/v1/competency-gaps/").json()["results"]
    assert [r["nip"] for r in rows] == [two["A"]["employee"].nip]
    assert rows[0]["jpm"] == 60.0
    assert rows[0]["gaps"][0]["gap"] == -2
    assessments = client.get("/api/v1/competency-assessments/").json()["results"]
    assert {a["employee"] for a in assessments} == {two["A"]["employee"].pk}
    own = login_client(two["B"]["user"]).get("/api/v1/competency-gaps/").json()["results"]
    assert [r["nip"] for r in own] == [two["B"]["employee"].nip]


def test_an_assessor_records_a_result_through_the_api_within_its_instansi(
    two: dict[str, Any],
) -> None:
    assessor = make_user(role=Role.ASESOR, unit=two["A"]["opd"])
    client = login_client(assessor)
    from garda.competency.testing import competency  # keeps the fixture's imports short

    body = {"nip": two["A"]["employee"].nip, "competency": competency("M.2").pk, "level": 3,
            "assessed_on": "2026-05-02", "method": "Panel", "institution": "BKD"}  # fmt: skip
    assert client.post("/api/v1/competency-assessments/", body).status_code == 201
    foreign = {**body, "nip": two["B"]["employee"].nip}
    assert client.post("/api/v1/competency-assessments/", foreign).status_code == 400
    asn = login_client(two["A"]["user"])
    assert asn.post("/api/v1/competency-assessments/", body).status_code in {400, 403}


def test_the_asn_drafts_on_the_page_and_the_atasan_approves(two: dict[str, Any]) -> None:
    program = tagged_program({"M.1": 3}, title="Pelatihan Integritas Uji")
    asn = login_client(two["A"]["user"])
    page = asn.get(reverse("competency:idp_mine"), {"tahun": 2026}).content.decode()
    assert "Pelatihan Integritas Uji" in page
    response = asn.post(reverse("competency:idp_draft"),
                        {"tahun": 2026, "proposal": [f"p{program.pk}"]})  # fmt: skip
    assert response.status_code == 302
    plan = DevelopmentPlan.objects.get(employee=two["A"]["employee"], year=2026)
    asn.post(reverse("competency:idp_submit", kwargs={"pk": plan.pk}))
    head = login_client(make_user(role=Role.ATASAN, unit=two["A"]["opd"]))
    queue = head.get(reverse("competency:idp_queue")).content.decode()
    assert two["A"]["employee"].name in queue
    other_head = login_client(make_user(role=Role.ATASAN, unit=two["B"]["opd"]))
    assert (
        two["A"]["employee"].name
        not in other_head.get(reverse("competency:idp_queue")).content.decode()
    )
    assert (
        other_head.get(reverse("competency:idp_detail", kwargs={"pk": plan.pk})).status_code == 404
    )
    head.post(reverse("competency:idp_decide", kwargs={"pk": plan.pk}),
              {"decision": "approve", "note": "Setuju"})  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    bpsdm = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=two["A"]["instansi"]))
    body = bpsdm.get(reverse("competency:plan"), {"tahun": 2026}).content.decode()
    assert "Pelatihan Integritas Uji" in body
    assert "Dinas Alfa" in body
    assert "Dinas Alfa" not in login_client(two["B"]["admin"]).get(
        reverse("competency:plan"), {"tahun": 2026}).content.decode()  # fmt: skip

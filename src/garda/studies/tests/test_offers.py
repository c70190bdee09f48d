"""Offers: published to ASN, candidates proposed by their OPD or applying themselves, ranked
by the same eligibility decision and the offer's weights; flags from talent and competency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from garda.core.errors import Conflict, NotAllowed
from garda.studies.selectors.studies import shortlist
from garda.studies.services import offers
from garda.studies.testing import funding, sample_employee
from garda.studies.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_offer_candidates_and_shortlist(world: World) -> None:
    today = timezone.localdate()
    with pytest.raises(NotAllowed):
        offers.offer_create(
            actor=world.asn,
            owner_unit_id=world.opd.pk,
            title="S2",
            year=today.year,
            kind="tugas",
            level="S2",
            funding_source_id=funding().pk,
            field="Kebijakan",
            quota=1,
            opens_on=today,
            closes_on=today + dt.timedelta(days=10),
        )
    offer = offers.offer_create(
        actor=world.bkd,
        owner_unit_id=world.instansi.pk,
        title="Tugas belajar S2",
        year=today.year,
        kind="tugas",
        level="S2",
        funding_source_id=funding().pk,
        field="Kebijakan publik",
        quota=1,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=10),
        criteria=[{"key": "masa_kerja", "weight": 100}],
    )
    with pytest.raises(Conflict):  # a draft takes no candidates
        offers.candidate_add(actor=world.asn, offer_id=offer.pk, employee_id=world.employee.pk)
    offers.offer_publish(actor=world.bkd, offer_id=offer.pk)
    mine = offers.candidate_add(actor=world.asn, offer_id=offer.pk, employee_id=world.employee.pk)
    assert mine.proposed_by == "self"
    senior = sample_employee(unit=world.opd, tmt=(2008, 1), born=dt.date(1990, 1, 1))
    older = sample_employee(unit=world.opd, born=dt.date(1970, 1, 1))
    for employee in (senior, older):
        proposed = offers.candidate_add(
            actor=world.admin_opd, offer_id=offer.pk, employee_id=employee.pk
        )
        assert proposed.proposed_by == "opd"
    with pytest.raises(Conflict):
        offers.candidate_add(actor=world.admin_opd, offer_id=offer.pk, employee_id=senior.pk)
    offers.candidates_rank(actor=world.bkd, offer_id=offer.pk)
    ranked = shortlist(user=world.bkd, offer=offer)
    assert [c.employee_id for c, _within in ranked] == [senior.pk, world.employee.pk, older.pk]
    assert [within for _c, within in ranked] == [True, False, False]
    refused = ranked[-1][0]
    assert not refused.eligible
    assert refused.reasons[0].startswith("usia 56 tahun melebihi batas 37 tahun")
    assert all(c.box_seven is not None and c.competency_gap is not None for c, _w in ranked)
    # The ASN sees only its own line.
    assert [c.employee_id for c, _w in shortlist(user=world.asn, offer=offer)] == [
        world.employee.pk
    ]

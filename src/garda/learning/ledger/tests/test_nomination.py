"""One-click nomination from the dashboard into a batch the ASN fits (the learning app's
`batches_matching` and `enrollment_nominate`)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.learning.ledger.testing import make_employee

pytestmark = pytest.mark.django_db


def test_admin_nominates_an_asn_below_target() -> None:
    from garda.learning.models import Enrollment
    from garda.learning.testing import sample_batch

    opd = UnitFactory()
    employee = make_employee(unit=opd, name="Rina Belum Cukup")
    batch = sample_batch()
    admin = login_client(make_user(role=Role.ADMIN_OPD, unit=opd))
    options = admin.get(
        reverse("ledger:nomination_options", args=[employee.pk]), HTTP_HX_REQUEST="true"
    )
    assert options.status_code == 200
    body = options.content.decode()
    assert f'name="batch" value="{batch.pk}"' in body
    response = admin.post(
        reverse("ledger:nominate", args=[employee.pk]),
        {"batch": batch.pk, "next": reverse("ledger:dashboard")},
    )
    assert response.status_code == 302
    assert Enrollment.objects.filter(employee=employee, batch=batch).exists()
    stranger = login_client(make_user(role=Role.ADMIN_OPD, unit=UnitFactory()))
    refused = stranger.get(reverse("ledger:nomination_options", args=[employee.pk]))
    assert refused.status_code == 404

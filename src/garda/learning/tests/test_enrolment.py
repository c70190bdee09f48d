"""Registration, nomination, the approval chain, the waitlist and seat counting."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from garda.core.errors import GardaError, NotAllowed, ValidationFailed
from garda.core.roles import Role
from garda.core.testing import make_user
from garda.learning import selectors, services
from garda.learning.models import ApprovalDecision, EnrollmentStatus
from garda.learning.testing import sample_batch, sample_employee, sample_program, sample_unit

pytestmark = pytest.mark.django_db


def _asn(unit: Any = None) -> Any:
    unit = unit or sample_unit()
    user = make_user(role=Role.ASN, unit=unit)
    sample_employee(user=user, unit=unit)
    return user


def test_self_registration_goes_through_atasan_then_bpsdm() -> None:
    program = sample_program(needs_atasan=True, needs_bpsdm=True)
    batch = sample_batch(program=program)
    unit = sample_unit()
    asn = _asn(unit)
    atasan = make_user(role=Role.ATASAN, unit=unit)
    bpsdm = make_user(role=Role.ADMIN_PROVINSI)

    enrollment = services.enrollment_register(actor=asn, batch_id=batch.pk)
    assert enrollment.status == EnrollmentStatus.PENDING
    assert list(selectors.approvals_waiting(user=atasan)) == [enrollment]
    assert list(selectors.approvals_waiting(user=bpsdm)) == []  # not its turn yet
    with pytest.raises(NotAllowed):
        services.enrollment_approve(actor=bpsdm, enrollment_id=enrollment.pk)

    services.enrollment_approve(actor=atasan, enrollment_id=enrollment.pk)
    assert list(selectors.approvals_waiting(user=bpsdm)) == [enrollment]
    enrollment = services.enrollment_approve(actor=bpsdm, enrollment_id=enrollment.pk)
    assert enrollment.status == EnrollmentStatus.APPROVED


def test_atasan_of_another_unit_cannot_approve() -> None:
    batch = sample_batch(program=sample_program(needs_atasan=True))
    enrollment = services.enrollment_register(actor=_asn(), batch_id=batch.pk)
    stranger = make_user(role=Role.ATASAN, unit=sample_unit())
    assert list(selectors.approvals_waiting(user=stranger)) == []
    with pytest.raises(NotAllowed):
        services.enrollment_approve(actor=stranger, enrollment_id=enrollment.pk)


def test_refusal_needs_a_reason_and_promotes_the_waitlist() -> None:
    batch = sample_batch(program=sample_program(needs_atasan=True), seats=1)
    unit = sample_unit()
    first, second = _asn(unit), _asn(unit)
    atasan = make_user(role=Role.ATASAN, unit=unit)
    one = services.enrollment_register(actor=first, batch_id=batch.pk)
    two = services.enrollment_register(actor=second, batch_id=batch.pk)
    assert two.status == EnrollmentStatus.WAITLISTED

    with pytest.raises(ValidationFailed):
        services.enrollment_refuse(actor=atasan, enrollment_id=one.pk, reason="  ")
    services.enrollment_refuse(actor=atasan, enrollment_id=one.pk, reason="Beban kerja tinggi")
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.refusal_reason == "Beban kerja tinggi"
    assert one.approvals.get().decision == ApprovalDecision.REFUSED
    assert two.status == EnrollmentStatus.PENDING  # promoted, still needs its atasan


def test_cancelling_frees_the_seat_for_the_next_in_line() -> None:
    batch = sample_batch(seats=1)
    first, second, third = _asn(), _asn(), _asn()
    one = services.enrollment_register(actor=first, batch_id=batch.pk)
    two = services.enrollment_register(actor=second, batch_id=batch.pk)
    three = services.enrollment_register(actor=third, batch_id=batch.pk)
    assert (one.status, two.status, three.status) == ("approved", "waitlisted", "waitlisted")
    services.enrollment_cancel(actor=first, enrollment_id=one.pk)
    two.refresh_from_db()
    three.refresh_from_db()
    assert (two.status, three.status) == ("approved", "waitlisted")


def test_opd_quota_limits_one_opd() -> None:
    from garda.learning.services.catalog import batch_set_quotas

    batch = sample_batch(seats=10)
    opd = sample_unit()
    admin = make_user(role=Role.ADMIN_PROVINSI)
    batch_set_quotas(actor=admin, batch_id=batch.pk, quotas=[(opd.pk, 1)])
    inside = services.enrollment_register(actor=_asn(opd), batch_id=batch.pk)
    over = services.enrollment_register(actor=_asn(opd), batch_id=batch.pk)
    elsewhere = services.enrollment_register(actor=_asn(), batch_id=batch.pk)
    assert (inside.status, over.status, elsewhere.status) == ("approved", "waitlisted", "approved")


def test_targets_and_prerequisites_are_enforced() -> None:
    from garda.people.models import JabatanKind

    basic = sample_program()
    advanced = sample_program()
    advanced.prerequisites.add(basic)
    asn = _asn()
    with pytest.raises(ValidationFailed):
        services.enrollment_register(actor=asn, batch_id=sample_batch(program=advanced).pk)
    targeted = sample_program()
    targeted.target_jabatan_kinds.add(JabatanKind.objects.get(code="administrator"))
    with pytest.raises(ValidationFailed):
        services.enrollment_register(actor=asn, batch_id=sample_batch(program=targeted).pk)


def test_nomination_is_scoped_and_batches_matching_lists_open_ones() -> None:
    opd = sample_unit()
    employee = sample_employee(unit=opd)
    open_batch = sample_batch()
    full = sample_batch(seats=1)
    services.enrollment_nominate(
        actor=make_user(role=Role.ADMIN_PROVINSI),
        batch_id=full.pk,
        employee_id=sample_employee().pk,
    )
    closed = sample_batch(status="closed")
    matching = list(selectors.batches_matching(employee_id=employee.pk))
    assert open_batch in matching
    assert full not in matching
    assert closed not in matching

    with pytest.raises(NotAllowed):
        services.enrollment_nominate(
            actor=make_user(role=Role.ADMIN_OPD, unit=sample_unit()),
            batch_id=open_batch.pk, employee_id=employee.pk,
        )  # fmt: skip
    enrollment = services.enrollment_nominate(
        actor=make_user(role=Role.ADMIN_OPD, unit=opd), batch_id=open_batch.pk,
        employee_id=employee.pk,
    )  # fmt: skip
    assert enrollment.nominated_by is not None
    assert open_batch not in selectors.batches_matching(employee_id=employee.pk)
    with pytest.raises(GardaError):
        services.enrollment_nominate(
            actor=enrollment.nominated_by, batch_id=open_batch.pk, employee_id=employee.pk
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_concurrent_registrations_never_overbook() -> None:
    """Ten ASN press "Daftar" at once for three seats: three get in, seven wait."""
    batch = sample_batch(seats=3)
    users = [_asn() for _ in range(10)]
    barrier = threading.Barrier(len(users))
    errors: list[BaseException] = []

    def register(user: Any) -> None:
        try:
            barrier.wait()
            services.enrollment_register(actor=user, batch_id=batch.pk)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(batch.enrollments.values_list("status", flat=True))
    assert statuses.count("approved") == 3
    assert statuses.count("waitlisted") == 7


def test_nobody_approves_or_refuses_their_own_registration() -> None:
    """Security issue, item 9: an atasan approved his own training registration."""
    unit = sample_unit()
    atasan = make_user(role=Role.ATASAN, unit=unit)
    sample_employee(user=atasan, unit=unit)
    batch = sample_batch(program=sample_program(needs_atasan=True))
    own = services.enrollment_register(actor=atasan, batch_id=batch.pk)
    assert list(selectors.approvals_waiting(user=atasan)) == []
    with pytest.raises(NotAllowed):
        services.enrollment_approve(actor=atasan, enrollment_id=own.pk)
    with pytest.raises(NotAllowed):
        services.enrollment_refuse(actor=atasan, enrollment_id=own.pk, reason="Sibuk")
    # Another atasan of the same unit decides it.
    colleague = make_user(role=Role.ATASAN, unit=unit)
    assert list(selectors.approvals_waiting(user=colleague)) == [own]
    decided = services.enrollment_approve(actor=colleague, enrollment_id=own.pk)
    assert decided.status == EnrollmentStatus.APPROVED


def test_nobody_accepts_their_own_assignment_letter(tmp_path: Any, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    unit = sample_unit(kind="opd")
    admin = make_user(role=Role.ADMIN_OPD, unit=unit)
    sample_employee(user=admin, unit=unit)
    batch = sample_batch(program=sample_program(needs_atasan=True, needs_surat_tugas=True))
    own = services.enrollment_register(actor=admin, batch_id=batch.pk)
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    document = services.document_upload(actor=admin, enrollment_id=own.pk, file=pdf)
    with pytest.raises(NotAllowed):
        services.document_check(actor=admin, document_id=document.pk, accepted=True)

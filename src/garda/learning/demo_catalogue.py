"""The rest of the demo catalogue: the programs the article names (manajemen kepegawaian,
pelayanan publik, teknologi informasi, e-Government workshops, leadership) with batches that
are over, running today and open, so a demo shows a living province: ASN trained, JP in the
ledger, certificates, a session today.

Everything goes through the services an organiser uses. A batch that is over is replayed:
created open, participants nominated while registration is open, moved to its real (past)
dates, attendance marked session by session, then decided, which issues the certificates
and their ledger entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from garda.core.models import Unit, User
from garda.learning.ledger.models import LearningForm
from garda.learning.models import Batch, Enrollment, Program
from garda.learning.services.attendance import attendance_mark
from garda.learning.services.catalog import batch_create, batch_update, program_create, session_save
from garda.learning.services.enrolment import enrollment_nominate
from garda.learning.services.results import batch_decide_completion
from garda.people.models import Employee, EmployeeStatus

GUARD_CODE = "manajemen-kepegawaian"


@dataclass(frozen=True)
class DemoProgram:
    code: str
    title: str
    description: str
    form: str
    jp: int
    mode: str
    cost: int


PROGRAMS = (
    DemoProgram(GUARD_CODE, "Pelatihan Manajemen Kepegawaian",
                "Perencanaan kebutuhan pegawai, pengembangan karier, penilaian kinerja (SKP) "
                "dan layanan kepegawaian berbasis SIASN.", "teknis", 32, "tatap_muka", 2_400_000),
    DemoProgram("teknologi-informasi", "Pelatihan Teknologi Informasi untuk ASN",
                "Keamanan informasi, pengolahan data dengan lembar kerja, dan layanan digital.",
                "teknis", 24, "blended", 1_500_000),
    DemoProgram("workshop-egov", "Workshop e-Government dan SPBE",
                "Arsitektur SPBE, layanan terpadu, dan satu data daerah bagi pengelola TI OPD.",
                "workshop", 16, "tatap_muka", 1_200_000),
    DemoProgram("pka-2026", "Pelatihan Kepemimpinan Administrator (PKA)",
                "Pelatihan kepemimpinan bagi pejabat administrator, dengan aksi perubahan.",
                "pka", 150, "blended", 12_500_000),
)  # fmt: skip


def seed_catalogue(*, admin: User, today: dt.date) -> None:
    if Program.objects.filter(code=GUARD_CODE).exists():
        return
    bpsdm = Unit.objects.get(code="15.BPSDM")
    programs = {
        p.code: program_create(
            actor=admin,
            fields={
                "code": p.code,
                "title": p.title,
                "description": p.description,
                "form": LearningForm.objects.get(code=p.form),
                "jp": p.jp,
                "mode": p.mode,
                "competencies": "",
                "provider": "bpsdm",
                "cost_per_participant": p.cost,
                "min_attendance_percent": 80,
                "post_test_required": False,
                "owner_unit": bpsdm,
                # Participants are nominated by BPSDM from the annual plan: no approval chain.
                "needs_atasan": False,
                "needs_admin_opd": False,
                "needs_bpsdm": False,
            },
        )
        for p in PROGRAMS
    }
    people = _demo_participants()
    # Two batches over: their participants are trained, with certificates and JP.
    past_batch_replay(admin, bpsdm, programs[GUARD_CODE], "Angkatan I",
                      today - dt.timedelta(days=60), days=4, participants=people[:24],
                      absent=2)  # fmt: skip
    past_batch_replay(
        admin,
        bpsdm,
        programs["workshop-egov"],
        "Angkatan I",
        today - dt.timedelta(days=25),
        days=2,
        participants=people[24:40],
        absent=1,
    )
    # One running today, with a session now.
    running = _batch(
        admin,
        bpsdm,
        programs["teknologi-informasi"],
        "Angkatan II",
        starts_on=today - dt.timedelta(days=1),
        days=3,
        seats=25,
    )
    for employee in people[40:58]:
        enrollment_nominate(actor=admin, batch_id=running.pk, employee_id=employee.pk)
    batch_update(actor=admin, batch_id=running.pk, fields={"status": "running"})
    # Open for registration, and a leadership batch in preparation.
    _batch(
        admin,
        bpsdm,
        programs[GUARD_CODE],
        "Angkatan II",
        starts_on=today + dt.timedelta(days=30),
        days=4,
        seats=30,
    )
    _batch(
        admin,
        bpsdm,
        programs["pka-2026"],
        "Angkatan I",
        starts_on=today + dt.timedelta(days=75),
        days=60,
        seats=30,
        status="draft",
    )


def _demo_participants() -> list[Employee]:
    """Serving ASN of the province and Kota Jambi, the demo ASN first (its home page then has
    a certificate and JP), in a fixed order."""
    serving = Employee.objects.filter(status=EmployeeStatus.AKTIF, unit__isnull=False)
    first = list(serving.filter(user__username="asn.demo"))
    rest = serving.exclude(pk__in=[e.pk for e in first]).filter(unit__code__regex=r"^15(\.71)?\.")
    return first + list(rest.order_by("nip")[:80])


def _batch(
    admin: User, organiser: Unit, program: Program, name: str, *, starts_on: dt.date,
    days: int, seats: int, status: str = "open",
) -> Batch:  # fmt: skip
    today = timezone.localdate()
    ends_on = starts_on + dt.timedelta(days=days - 1)
    batch = batch_create(actor=admin, fields={
        "program": program, "name": f"{name} {starts_on.year}", "organiser_unit": organiser,
        "place": "Aula BPSDM Provinsi Jambi, Jl. Jenderal Sudirman, Kota Jambi",
        "instructors": "Widyaiswara BPSDM Provinsi Jambi", "seats": seats,
        "registration_opens": min(today, starts_on) - dt.timedelta(days=14),
        "registration_closes": max(today, starts_on - dt.timedelta(days=3)),
        "starts_on": starts_on, "ends_on": ends_on, "status": status,
    })  # fmt: skip
    for day in range(min(days, 5)):
        begins = timezone.make_aware(
            dt.datetime.combine(starts_on + dt.timedelta(days=day), dt.time(8, 0))
        )
        session_save(actor=admin, batch_id=batch.pk, fields={
            "title": f"{program.title}: hari {day + 1}", "starts_at": begins,
            "ends_at": begins + dt.timedelta(hours=8), "place": "Aula BPSDM",
            "instructor": "Widyaiswara Ahli Madya",
        })  # fmt: skip
    return batch


def past_batch_replay(
    admin: User, organiser: Unit, program: Program, name: str, starts_on: dt.date, *,
    days: int, participants: list[Employee], absent: int,
) -> list[Enrollment]:  # fmt: skip
    """Replayed as it happened: nominated while open, then held on its real dates; the last
    `absent` participants missed every session and do not pass. Other apps' demos use it for
    a training their own story needs (an aksi perubahan of a leadership batch)."""
    today = timezone.localdate()
    batch = _batch(admin, organiser, program, name, starts_on=today, days=days,
                   seats=len(participants))  # fmt: skip
    enrollments = [
        enrollment_nominate(actor=admin, batch_id=batch.pk, employee_id=employee.pk)
        for employee in participants
    ]
    shift = starts_on - today
    batch_update(actor=admin, batch_id=batch.pk, fields={
        "registration_opens": batch.registration_opens + shift,
        "registration_closes": starts_on - dt.timedelta(days=3),
        "starts_on": starts_on, "ends_on": batch.ends_on + shift, "status": "finished",
    })  # fmt: skip
    for session in batch.sessions.order_by("starts_at"):
        session_save(actor=admin, batch_id=batch.pk, session_id=session.pk, fields={
            "title": session.title, "starts_at": session.starts_at + shift,
            "ends_at": session.ends_at + shift, "place": session.place,
            "instructor": session.instructor,
        })  # fmt: skip
        for enrollment in enrollments[: len(enrollments) - absent]:
            attendance_mark(actor=admin, session_id=session.pk, enrollment_id=enrollment.pk)
    batch_decide_completion(actor=admin, batch_id=batch.pk)
    return enrollments

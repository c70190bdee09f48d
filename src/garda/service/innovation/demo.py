"""Demo data (idempotent): the online queue of Puskesmas Demo as an innovation that went live
on 1 Juli 2026, with twelve weeks of finished Poli Umum tickets on each side of that date
(longer waits before, shorter after, written in bulk through the queue's models as the
queue's own demo does), tied to the queue's waiting time and no-shows and to the SKM index;
a second innovation in the province government; aksi perubahan of `asn.demo` and
`petugas.demo` waiting to become innovations, from a leadership batch replayed through the
learning services; the SPD indicators of Kota Jambi so its IID total shows."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from garda.core.demo import DemoSeeded
from garda.core.identity import make_nip
from garda.core.models import Unit, User
from garda.learning.demo_catalogue import past_batch_replay
from garda.learning.models import ChangeProject, Program
from garda.learning.services.results import change_project_save
from garda.people.models import Employee
from garda.people.services import employee_create
from garda.queueing.models import DayCounter, Facility, Ticket, TicketStatus
from garda.queueing.schedule import local_datetime
from garda.service.innovation import services
from garda.service.innovation.models import (
    IidEdition,
    IidIndicator,
    IndicatorScope,
    Innovation,
)

GO_LIVE = dt.date(2026, 7, 1)
WEEKS = 12
DEMO_TITLE = "Antrean Daring Puskesmas Demo"
CHANGE_PROJECT_TITLE = "Layanan konsultasi kepegawaian daring BPSDM"
QUEUE_PROJECT_TITLE = "Jadwal panggil daring Poli Umum Puskesmas Putri Ayu"
# The leadership training of the demo's aksi perubahan: the catalogue's PKA (BPSDM nominates
# its participants, no approval chain), held before the queue's go-live.
LEADERSHIP_PROGRAM = "pka-2026"
LEADERSHIP_STARTS = dt.date(2026, 2, 9)
LEADERSHIP_ENDS = dt.date(2026, 6, 5)


def _opening_days(facility: Facility, start: dt.date, end: dt.date) -> list[dt.date]:
    """Days from start to end on which the puskesmas opens (its weekly opening hours)."""
    weekdays = set(facility.hours.values_list("weekday", flat=True))
    span = (end - start).days + 1
    return [
        start + dt.timedelta(days=n)
        for n in range(span)
        if (start + dt.timedelta(days=n)).weekday() in weekdays
    ]


def seed_queue_history(
    facility: Facility,
    *,
    rng: random.Random,
    go_live: dt.date = GO_LIVE,
    today: dt.date | None = None,
    weeks: int = WEEKS,
    per_day: int = 28,
) -> int:
    """Finished Poli Umum tickets on days that have none yet, twelve weeks either side of
    go-live: mean wait ~50 minutes before, ~22 after; 12 % then 5 % no-shows."""
    poli = facility.polis.filter(bpjs_code="001").first()
    if poli is None:
        return 0
    counter = poli.counters.order_by("name").first()
    today = today or timezone.localdate()
    start = go_live - dt.timedelta(weeks=weeks)
    end = min(go_live + dt.timedelta(weeks=weeks, days=-1), today - dt.timedelta(days=1))
    taken = set(
        Ticket.objects.filter(poli=poli, service_date__range=(start, end)).values_list(
            "service_date", flat=True
        )
    )
    tickets: list[Ticket] = []
    counters: list[DayCounter] = []
    serial = Ticket.objects.filter(booking_code__startswith="N").count()
    for day in _opening_days(facility, start, end):
        if day in taken:
            continue
        after = day >= go_live
        busy = 1.3 if day.weekday() in (0, 3) else 1.0
        patients = int(per_day * busy * rng.uniform(0.85, 1.15))
        opens = local_datetime(day, dt.time(7, 30))
        for number in range(1, patients + 1):
            serial += 1
            arrive = opens + dt.timedelta(minutes=rng.uniform(0, 240))
            ticket = Ticket(
                facility=facility,
                poli=poli,
                service_date=day,
                number=number,
                line_number=number,
                booking_code=f"N{serial:07d}",
                channel="web" if after else "kiosk",
                status=TicketStatus.DONE,
                counter=counter,
            )
            if rng.random() < (0.05 if after else 0.12):
                ticket.status = TicketStatus.NO_SHOW
                ticket.no_show_at = arrive + dt.timedelta(minutes=30)
                tickets.append(ticket)
                continue
            mean = (22.0 if after else 50.0) * busy
            wait = max(1.0, rng.gammavariate(3.0, mean / 3.0))
            ticket.checked_in_at = arrive
            ticket.called_at = arrive + dt.timedelta(minutes=wait)
            ticket.serving_at = ticket.called_at + dt.timedelta(minutes=1)
            ticket.done_at = ticket.serving_at + dt.timedelta(minutes=max(3.0, rng.gauss(9, 3)))
            tickets.append(ticket)
        counters.append(DayCounter(poli=poli, service_date=day, last_number=patients))
    with transaction.atomic():
        Ticket.objects.bulk_create(tickets, batch_size=1000)
        DayCounter.objects.bulk_create(counters, ignore_conflicts=True)
    return len(tickets)


def _employee_of(username: str) -> Employee | None:
    """The employee record of a demo account; Rina Marlina (petugas.demo), a nurse of
    Puskesmas Putri Ayu, gets one when the registry has none."""
    employee = Employee.objects.filter(user__username=username).first()
    user = User.objects.filter(username=username).first()
    if employee is not None or user is None or user.unit_id is None or username != "petugas.demo":
        return employee
    born = dt.date(1988, 4, 21)
    return employee_create(
        actor=None,
        nip=make_nip(born, 2012, 3, "P", 7),
        kind="pns",
        name="Rina Marlina",
        birth_date=born,
        gender="P",
        unit_id=user.unit_id,
        user_id=user.pk,
    )


def seed_change_projects(projects: dict[str, tuple[str, str]]) -> list[ChangeProject]:
    """Aksi perubahan written by the accounts `projects` names ({username: (title, outcome)})
    in a leadership batch of BPSDM held February-June 2026, replayed through the learning
    services as its organiser ran it (nominated, held, passed, certified with its JP), then
    each written by its participant. Accounts whose project exists already are skipped."""
    admin = User.objects.filter(username="admin.provinsi").first()
    program = Program.objects.filter(code=LEADERSHIP_PROGRAM).first()
    bpsdm = Unit.objects.filter(code="15.BPSDM").first()
    if admin is None or program is None or bpsdm is None:
        return []
    done = set(
        ChangeProject.objects.filter(enrollment__employee__user__username__in=list(projects))
        .values_list("enrollment__employee__user__username", flat=True)
    )  # fmt: skip
    employees = [
        employee for username in projects if username not in done
        if (employee := _employee_of(username)) is not None and employee.user is not None
    ]  # fmt: skip
    if not employees:
        return []
    enrollments = past_batch_replay(
        admin, bpsdm, program, "Angkatan Aksi Perubahan", LEADERSHIP_STARTS,
        days=(LEADERSHIP_ENDS - LEADERSHIP_STARTS).days + 1, participants=employees, absent=0,
    )  # fmt: skip
    made = []
    for enrollment in enrollments:
        user = enrollment.employee.user
        assert user is not None  # noqa: S101  # kept above
        title, outcome = projects[user.username]
        made.append(
            change_project_save(actor=user, enrollment_id=enrollment.pk, title=title,
                                outcome=outcome)
        )  # fmt: skip
    return made


def _score_all(actor: User, innovation: Innovation, parameters: dict[str, int]) -> None:
    edition = IidEdition.objects.filter(is_current=True).first()
    if edition is None:
        return
    for indicator in IidIndicator.objects.filter(edition=edition, scope=IndicatorScope.SID):
        services.indicator_score_set(
            actor=actor,
            innovation_id=innovation.pk,
            indicator_id=indicator.pk,
            parameter=parameters.get(indicator.code, 2),
            evidence_note="Dokumen di unit",
        )


def seed_innovations() -> bool:
    if Innovation.objects.filter(title=DEMO_TITLE).exists():
        return False
    petugas = User.objects.filter(username="petugas.demo").first()
    head = User.objects.filter(username="admin.kota").first()
    province_admin = User.objects.filter(username="admin.provinsi").first()
    unit = Unit.objects.filter(code="15.71.DINKES.PKM-PUTRIAYU").first()
    if not (petugas and head and province_admin and unit):
        return False
    queue = services.innovation_create(
        actor=petugas,
        unit_id=unit.pk,
        title=DEMO_TITLE,
        problem="Pasien datang subuh untuk mengambil nomor dan menunggu berjam-jam di ruang "
        "tunggu yang penuh.",
        idea="Pendaftaran daring (web dan Mobile JKN) dengan perkiraan jam dipanggil, dan "
        "pemberitahuan saat giliran sudah dekat.",
        change="Pasien datang mendekati jam panggilnya; ruang tunggu lebih lengang.",
        beneficiaries="Pasien Poli Umum",
        beneficiary_count=7200,
        cost=0,
        sector="kesehatan",
        kind="digital",
        form="pelayanan",
        stage="penerapan",
        initiated_on=dt.date(2026, 3, 2),
        trial_on=dt.date(2026, 5, 4),
        applied_on=GO_LIVE,
        mentor_name="dr. Andi Pratama",
        coach_name="Widyaiswara BPSDM Provinsi Jambi",
        video_url="https://garda.jambiprov.go.id/video/antrean-daring",
    )
    services.team_member_add(
        actor=petugas, innovation_id=queue.pk, name="Rina Marlina", role="Ketua"
    )
    for measure in ("queue_wait", "queue_no_show", "skm_index"):
        services.impact_link_set(
            actor=petugas,
            innovation_id=queue.pk,
            measure=measure,
            go_live=GO_LIVE,
            window_days=WEEKS * 7,
        )
    _score_all(petugas, queue, {"regulasi": 2, "video": 3, "kemanfaatan": 3, "replikasi": 1})
    services.innovation_publish(actor=head, innovation_id=queue.pk, published=True)
    bkd = Unit.objects.filter(code="15.BKD").first()
    if bkd is not None:
        other = services.innovation_create(
            actor=province_admin,
            unit_id=bkd.pk,
            title="Layanan Kenaikan Pangkat Tanpa Tatap Muka",
            problem="Berkas kenaikan pangkat diantar sendiri ke BKD dari kabupaten yang jauh.",
            idea="Berkas diunggah dan diverifikasi daring; status bisa dilacak.",
            sector="kepegawaian",
            kind="digital",
            form="tata_kelola",
            stage="uji_coba",
            initiated_on=dt.date(2026, 2, 2),
            trial_on=dt.date(2026, 8, 3),
        )
        services.innovation_publish(actor=province_admin, innovation_id=other.pk, published=True)
    kota = Unit.objects.filter(code="15.71").first()
    edition = IidEdition.objects.filter(is_current=True).first()
    if kota is not None and edition is not None:
        for indicator in edition.indicators.filter(scope=IndicatorScope.SPD):
            services.spd_score_set(
                actor=province_admin,
                region_id=kota.pk,
                indicator_id=indicator.pk,
                year=2026,
                parameter=2,
            )
    return True


def seed_demo(*, size: str) -> DemoSeeded:
    facility = Facility.objects.filter(code="DEMO01").first()
    made = seed_queue_history(facility, rng=random.Random(20260701)) if facility else 0  # noqa: S311
    seed_change_projects({
        "asn.demo": (
            CHANGE_PROJECT_TITLE,
            "Konsultasi kenaikan pangkat dan pelatihan lewat formulir daring "
            "dijawab paling lambat dua hari kerja.",
        ),
        "petugas.demo": (
            QUEUE_PROJECT_TITLE,
            "Pasien Poli Umum mendaftar dari rumah dan datang mendekati jam panggilnya.",
        ),
    })  # fmt: skip
    created = seed_innovations()
    return DemoSeeded(
        created=created or made > 0,
        summary=f"inovasi: {Innovation.objects.count()}, tiket riwayat: {made}",
    )

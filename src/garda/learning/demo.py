"""Demo data of this app, called by `garda seed_demo` (idempotent): two programs of BPSDM
with a question bank, one batch open for registration (charged to a BPSDM budget line when
the budget demo has one) and a leadership batch scheduled later; then the rest of the
catalogue with batches over, running and open (demo_catalogue, seeded by the ledger's
demo after its history)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from garda.core.demo import DemoSeeded
from garda.core.models import Unit, User
from garda.learning.demo_catalogue import PROGRAMS
from garda.learning.ledger.models import LearningForm
from garda.learning.models import Program
from garda.learning.services.catalog import batch_create, program_create, session_save
from garda.learning.services.results import questions_replace
from garda.learning.services.signatories import signatory_save
from garda.people.models import JabatanKind

BANK = """Menurut UU 25/2009, standar pelayanan wajib memuat, antara lain:
*Persyaratan, prosedur, jangka waktu, biaya/tarif dan produk layanan
Hanya jam buka kantor
Hanya nama pejabat penanggung jawab

Pengaduan masyarakat sebaiknya ditanggapi dengan cara:
Diabaikan bila tidak sopan
*Dicatat, ditindaklanjuti dan dikabarkan hasilnya kepada pengadu
Diteruskan ke instansi lain tanpa pemberitahuan

Hak pengembangan kompetensi PNS setiap tahun paling sedikit:
10 JP
*20 JP
40 JP"""


# The demo programs; the budget demo charges their BPSDM batches to a sub-kegiatan.
DEMO_PROGRAM_CODES = ("pelayanan-prima", "pkp-2026", *(p.code for p in PROGRAMS))


def seed_demo_once(*, size: str) -> None:
    if Program.objects.filter(code="pelayanan-prima").exists():
        return
    admin = User.objects.filter(username="admin.provinsi").first()
    if admin is None:
        return
    _seed(admin)


@transaction.atomic
def _seed(admin: User) -> None:

    bpsdm = Unit.objects.get(code="15.BPSDM")
    # A fictional official: the paper shows where the real head of BPSDM's name and NIP go.
    signatory_save(actor=admin, unit_id=bpsdm.pk, data={
        "government": "Pemerintah Provinsi Jambi",
        "institution": "Badan Pengembangan Sumber Daya Manusia",
        "address": "Jl. Jenderal Sudirman, Kota Jambi",
        "place": "Jambi", "position": "Kepala BPSDM Provinsi Jambi",
        "name": "Dr. Hendra Saputra, S.STP., M.Si.", "pangkat": "Pembina Utama Muda (IV/c)",
        "nip": "197506122000031001",
    })  # fmt: skip
    today = timezone.localdate()
    service = program_create(actor=admin, fields={
        "code": "pelayanan-prima", "title": "Pelatihan Pelayanan Publik Prima",
        "description": "Standar pelayanan, pengelolaan pengaduan dan survei kepuasan masyarakat "
                       "untuk petugas layanan di OPD dan puskesmas.",
        "form": LearningForm.objects.get(code="teknis"), "jp": 24, "mode": "blended",
        "competencies": "Menyusun standar pelayanan; menangani pengaduan; membaca hasil SKM.",
        "provider": "bpsdm", "cost_per_participant": 1_750_000, "needs_atasan": True,
        "min_attendance_percent": 80, "post_test_required": True, "pass_mark": 70,
        "owner_unit": bpsdm,
    })  # fmt: skip
    questions_replace(actor=admin, program_id=service.pk, text=BANK)
    leadership = program_create(actor=admin, fields={
        "code": "pkp-2026", "title": "Pelatihan Kepemimpinan Pengawas (PKP)",
        "description": "Pelatihan kepemimpinan bagi pejabat pengawas, dengan aksi perubahan.",
        "form": LearningForm.objects.get(code="pkp"), "jp": 120, "mode": "blended",
        "competencies": "Kepemimpinan kolaboratif; inovasi pelayanan; aksi perubahan.",
        "provider": "bpsdm", "cost_per_participant": 9_500_000, "needs_atasan": True,
        "needs_bpsdm": True, "needs_surat_tugas": True, "min_attendance_percent": 90,
        "post_test_required": False, "owner_unit": bpsdm,
    })  # fmt: skip
    leadership.target_jabatan_kinds.set(JabatanKind.objects.filter(code="pengawas"))
    start = today + dt.timedelta(days=14)
    open_batch = batch_create(actor=admin, fields={
        "program": service, "name": f"Angkatan I {start.year}", "organiser_unit": bpsdm,
        "place": "Aula BPSDM Provinsi Jambi, Jl. Jenderal Sudirman, Kota Jambi",
        "instructors": "Widyaiswara BPSDM Provinsi Jambi", "seats": 30,
        "registration_opens": today - dt.timedelta(days=3),
        "registration_closes": today + dt.timedelta(days=10), "starts_on": start,
        "ends_on": start + dt.timedelta(days=2), "status": "open",
    })  # fmt: skip
    for day, title in enumerate(["Standar pelayanan", "Pengelolaan pengaduan",
                                 "Survei kepuasan masyarakat"]):  # fmt: skip
        begins = timezone.make_aware(dt.datetime.combine(start + dt.timedelta(days=day),
                                                         dt.time(8, 0)))  # fmt: skip
        session_save(actor=admin, batch_id=open_batch.pk, fields={
            "title": title, "starts_at": begins, "ends_at": begins + dt.timedelta(hours=7),
            "place": "Aula BPSDM", "instructor": "Widyaiswara Ahli Madya",
        })  # fmt: skip
    later = today + dt.timedelta(days=60)
    batch_create(actor=admin, fields={
        "program": leadership, "name": f"Angkatan III {later.year}", "organiser_unit": bpsdm,
        "place": "BPSDM Provinsi Jambi", "seats": 40,
        "registration_opens": today + dt.timedelta(days=20),
        "registration_closes": today + dt.timedelta(days=45), "starts_on": later,
        "ends_on": later + dt.timedelta(days=90), "status": "draft",
    })  # fmt: skip


def seed_demo(*, size: str) -> DemoSeeded:
    seed_demo_once(size=size)
    return DemoSeeded()

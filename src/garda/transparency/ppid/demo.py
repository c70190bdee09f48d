"""PPID demo data: a Daftar Informasi Publik and a year of requests in every state, written
through the services (so the audit log and deadlines are real) by replaying the year day by
day with the services' `today`. Idempotent: a second call changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from garda.core.calendar import WorkingCalendar, calendar_seed_year
from garda.core.models import Unit, User
from garda.transparency.ppid import services
from garda.transparency.ppid.intake import RequestInput
from garda.transparency.ppid.models import InformationItem, InformationRequest
from garda.transparency.ppid.reports import demo_document_pdf

DEMO_EMAIL_DOMAIN = "pemohon.demo.garda.id"  # marks the demo's requests

# (unit code, title, category, period, exemption article, consequence test)
DIP_ITEMS: list[tuple[str, str, str, str, str, str]] = [
    ("15.KOMINFO", "Profil dan struktur organisasi Dinas Kominfo", "berkala", "2026", "", ""),
    ("15.KOMINFO", "Rencana Strategis Dinas Kominfo 2025-2029", "berkala", "2025", "", ""),
    ("15.KOMINFO", "Laporan Kinerja Instansi Pemerintah (LKjIP) 2025", "berkala", "2025", "", ""),
    ("15.BKAD", "Ringkasan APBD Provinsi Jambi 2026", "berkala", "2026", "", ""),
    ("15.BKAD", "Laporan Realisasi Anggaran semester I 2026", "berkala", "Semester I 2026", "", ""),
    ("15.BPBD", "Peringatan dini banjir dan titik panas (hotspot)", "serta_merta",
     "setiap kejadian", "", ""),
    ("15.DINKES", "Informasi wabah dan kejadian luar biasa penyakit", "serta_merta",
     "setiap kejadian", "", ""),
    ("15.BKD", "Daftar formasi dan hasil seleksi CASN", "setiap_saat", "2026", "", ""),
    ("15.KOMINFO", "Daftar aset dan inventaris Dinas Kominfo", "setiap_saat", "2026", "", ""),
    ("15.BKD", "Data pribadi dan rekam medis ASN", "dikecualikan", "—", "17h",
     "Membuka data pribadi ASN mengungkap rahasia pribadi (riwayat kesehatan, keluarga, "
     "keuangan) dan dapat merugikan yang bersangkutan; kepentingan umum tidak dirugikan "
     "bila data ini ditutup."),
    ("15.KOMINFO", "Konfigurasi keamanan jaringan dan kata sandi sistem", "dikecualikan", "—",
     "17c", "Membuka konfigurasi keamanan memudahkan serangan terhadap sistem pemerintahan; "
     "menutupnya melindungi layanan publik yang lebih besar."),
]  # fmt: skip

FIRST = ["Budi", "Siti", "Ahmad", "Dewi", "Rudi", "Intan", "Hasan", "Maya", "Joko", "Lina",
         "Fajar", "Rina", "Agus", "Sari", "Yoga"]  # fmt: skip
LAST = ["Santoso", "Rahmawati", "Hidayat", "Lestari", "Saputra", "Permata", "Nasution",
        "Harahap", "Siregar", "Wulandari"]  # fmt: skip
TOPICS = [
    ("Salinan DPA Dinas Kominfo tahun 2026.", "Bahan liputan media lokal."),
    ("Data jumlah menara telekomunikasi per kabupaten.", "Penelitian tugas akhir."),
    ("Dokumen kontrak pengadaan jaringan internet kantor 2025.", "Pemantauan pengadaan."),
    ("Daftar titik Wi-Fi publik di Kota Jambi.", "Kajian akses internet warga."),
    ("Laporan hasil survei kepuasan masyarakat 2025.", "Bahan diskusi komunitas."),
    ("Rincian anggaran sosialisasi keterbukaan informasi 2026.", "Pengawasan anggaran."),
    ("Data pengaduan masyarakat lewat kanal daring 2025.", "Penelitian skripsi."),
    ("Standar operasional prosedur layanan PPID.", "Perbandingan praktik antardaerah."),
]


@dataclass(frozen=True)
class Plan:
    """One demo request: where it goes, and how its story unfolds (working days after receipt)."""

    unit_code: str
    month: int
    day: int
    paper: bool = False
    process_after: int | None = None
    extend_after: int | None = None
    decide_after: int | None = None
    decision: str = "granted"
    object_after: int | None = None
    objection_outcome: str = ""


PLANS: list[Plan] = [
    Plan("15.KOMINFO", 1, 6, process_after=1, decide_after=6),
    Plan("15.KOMINFO", 1, 20, paper=True, process_after=2, decide_after=9, decision="partly",
         object_after=3, objection_outcome="rejected"),
    Plan("15.KOMINFO", 2, 3, process_after=1, decide_after=4),
    Plan("15.BKAD", 2, 10, process_after=2, decide_after=8),
    Plan("15.KOMINFO", 2, 24, process_after=3, extend_after=8, decide_after=15),
    Plan("15.KOMINFO", 3, 13, process_after=1, decide_after=10),
    Plan("15.KOMINFO", 3, 30, decide_after=12, decision="refused", object_after=2,
         objection_outcome="accepted"),
    Plan("15.DINKES", 4, 14, process_after=1, decide_after=5, decision="not_held"),
    Plan("15.KOMINFO", 4, 28, paper=True, process_after=1, decide_after=7),
    Plan("15.KOMINFO", 5, 19, process_after=2, decide_after=3),
    Plan("15.BKAD", 6, 8, process_after=1, extend_after=9, decide_after=17, decision="partly"),
    Plan("15.KOMINFO", 6, 22, process_after=1, decide_after=9),
    Plan("15.KOMINFO", 7, 13, decide_after=11),
    Plan("15.KOMINFO", 7, 27, process_after=2, decide_after=6, decision="refused"),
    Plan("15.DINKES", 8, 10, process_after=1, decide_after=8),
    Plan("15.KOMINFO", 8, 24, paper=True, process_after=1, decide_after=10),
    Plan("15.KOMINFO", 9, 14, process_after=1, decide_after=2),
    Plan("15.KOMINFO", 9, 28, process_after=3, decide_after=13, object_after=1),
    Plan("15.KOMINFO", 10, 12, process_after=1, extend_after=9),
    Plan("15.BKAD", 10, 26, process_after=2),
    Plan("15.KOMINFO", 11, 2, process_after=1, extend_after=5),
    Plan("15.KOMINFO", 11, 9),
    Plan("15.KOMINFO", 11, 16, process_after=1),
    Plan("15.KOMINFO", 11, 23, paper=True),
    Plan("15.DINKES", 11, 25),
]  # fmt: skip


def seed_ppid_demo() -> bool:
    """Create the demo DIP and requests once; returns False when they were already there."""
    if InformationRequest.objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN).exists():
        return False
    officer = User.objects.filter(username="ppid.demo").first()
    superior = User.objects.filter(username="admin.provinsi").first()
    if officer is None or superior is None:
        return False  # the core demo (units, accounts) comes first
    today = timezone.localdate()
    with transaction.atomic():
        for year in {today.year - 1, today.year, today.year + 1}:
            calendar_seed_year(actor=None, year=year)
        _seed_items(superior)
        _seed_requests(officer=officer, superior=superior, today=today)
        services.requests_mark_overdue(today=today)
    return True


def _seed_items(actor: User) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in={c for c, *_ in DIP_ITEMS})}
    for code, title, category, period, article, test in DIP_ITEMS:
        if code not in units or InformationItem.objects.filter(title=title).exists():
            continue
        document = (
            ContentFile(
                demo_document_pdf(title=title, unit_name=units[code].name, period=period),
                name=f"{slugify(title)[:60]}.pdf",
            )
            if category == "berkala"
            else None
        )
        services.information_item_create(
            actor=actor,
            document=document,
            values={
                "unit_id": units[code].pk, "title": title, "category": category,
                "period": period, "summary": "", "responsible": f"PPID {units[code].name}",
                "form": "Elektronik (PDF)", "exemption_article": article,
                "consequence_test": test, "legal_basis": "", "retention": "5 tahun",
                "link": "", "is_published": True,
            },
        )  # fmt: skip


def _seed_requests(*, officer: User, superior: User, today: dt.date) -> None:
    rng = random.Random(2026)  # noqa: S311  # demo data, not secrets
    calendar = WorkingCalendar()
    units = {u.code: u for u in Unit.objects.filter(code__in={p.unit_code for p in PLANS})}
    for number, plan in enumerate(PLANS, start=1):
        received = dt.date(today.year, plan.month, plan.day)
        if received > today or plan.unit_code not in units:
            continue
        worker = officer if plan.unit_code == "15.KOMINFO" else superior
        details, purpose = rng.choice(TOPICS)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        data = RequestInput(
            unit_id=units[plan.unit_code].pk, requester_kind="individual",
            requester_name=f"{first} {last}",
            requester_nik=f"1571{rng.randint(1, 9):02d}{rng.randint(1, 28):02d}"
                          f"{rng.randint(1, 12):02d}{rng.randint(70, 99):02d}{number:04d}",
            address=f"Jl. Demo No. {number}, Kota Jambi", phone=f"0812700{number:05d}",
            email=f"{first.lower()}.{number}@{DEMO_EMAIL_DOMAIN}", details=details,
            purpose=purpose, obtain_method="copy", copy_delivery="email",
        )  # fmt: skip
        if plan.paper:
            request = services.request_record_paper(
                actor=worker, data=data, received_on=received, today=received
            )
        else:
            request = services.request_submit(actor=None, data=data, consent=True, today=received)

        def on(after: int | None, start: dt.date = received) -> dt.date | None:
            if after is None:
                return None
            day = calendar.add(start, after)
            return day if day <= today else None

        if (day := on(plan.process_after)) is not None:
            request = services.request_process(actor=worker, request=request, today=day)
        if (day := on(plan.extend_after)) is not None and day <= request.due_on:
            request = services.request_extend(
                actor=worker, request=request, today=day,
                reason="Informasi yang diminta perlu dihimpun dari beberapa bidang dan "
                       "diuji konsekuensinya lebih dahulu.",
            )  # fmt: skip
        decided = on(plan.decide_after)
        if decided is not None:
            withholds = plan.decision in {"refused", "partly"}
            request = services.request_decide(
                actor=worker, request=request, decision=plan.decision, today=decided,
                answer="Terlampir informasi yang Anda minta." if not withholds else
                "Sebagian/seluruh informasi memuat data pribadi pihak ketiga sehingga "
                "dikecualikan.",
                exemption_article="17h" if withholds else "",
                consequence_test="Membuka data pribadi pihak ketiga merugikan yang "
                                 "bersangkutan; tidak ada kepentingan umum yang lebih besar."
                if withholds else "",
            )  # fmt: skip
        if plan.object_after is not None and decided is not None:
            filed = on(plan.object_after, decided)
            if filed is None:
                continue
            objection = services.objection_file(
                actor=None, request=request, reason="a" if plan.decision != "granted" else "d",
                statement="Saya keberatan karena informasi tersebut menyangkut anggaran publik.",
                today=filed,
            )  # fmt: skip
            answered = on(12, filed)
            if plan.objection_outcome and answered is not None:
                services.objection_decide(
                    actor=superior,
                    objection=objection, outcome=plan.objection_outcome, today=answered,
                    response="Setelah diperiksa, atasan PPID memutuskan sebagaimana tercantum.",
                )  # fmt: skip

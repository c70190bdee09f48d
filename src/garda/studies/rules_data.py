"""Defaults seeded by migration 0002 from ../shared/domain/capacity.md §4; admins edit the
rows afterwards. Kept here (not in the migration) so the demo and tests recreate them after a
transactional test's flush."""

from __future__ import annotations

EDITION = "Pedoman tugas belajar dan izin belajar PNS (capacity.md §4, edisi 2026)"

# (level, max age, max age in 3T areas/scarce posts, study years)
TUGAS_LEVELS: list[tuple[str, int, int, int]] = [
    ("D1", 25, 37, 1),
    ("D2", 25, 37, 2),
    ("D3", 25, 37, 3),
    ("D4", 25, 37, 4),
    ("S1", 25, 37, 4),
    ("S2", 37, 42, 2),
    ("S3", 40, 47, 4),
]
MIN_SERVICE_YEARS = 1
REFUSED_SANCTIONS = "sedang,berat"
TUGAS_SKP_YEARS = 2
# "Minimal B" of the old scale, mapped onto BAN-PT's current one as rank 2 (Baik Sekali).
MIN_ACCREDITATION_RANK = 2

# (code, name, rank): the old and the current scale side by side.
GRADES: list[tuple[str, str, int]] = [
    ("unggul", "Unggul", 1),
    ("a", "A", 1),
    ("baik-sekali", "Baik Sekali", 2),
    ("b", "B", 2),
    ("baik", "Baik", 3),
    ("c", "C", 3),
]

# (code, name, kind, edition, multiplier, extra years, repayment factor)
FUNDING: list[tuple[str, str, str, str, str, str, str]] = [
    (
        "apbd-provinsi",
        "APBD Provinsi Jambi",
        "apbd_provinsi",
        "tidak ada rumus nasional; bawaan mengikuti LPDP (2n + 1)",
        "2",
        "1",
        "1",
    ),
    (
        "apbd-kabkota",
        "APBD Kabupaten/Kota",
        "apbd_kabkota",
        "tidak ada rumus nasional; bawaan mengikuti LPDP (2n + 1)",
        "2",
        "1",
        "1",
    ),
    ("lpdp", "LPDP", "lpdp", "LPDP: ikatan 2n + 1 tahun", "2", "1", "1"),
    (
        "kementerian",
        "Kementerian/Lembaga",
        "kementerian",
        "sesuai perjanjian (bawaan 2n + 1)",
        "2",
        "1",
        "1",
    ),
    (
        "mandiri",
        "Biaya sendiri (izin belajar)",
        "mandiri",
        "izin belajar: tanpa ikatan dinas",
        "0",
        "0",
        "0",
    ),
]

PANGKAT_EDITION = "PP 12/2002 ps. 18"
# (level, highest golongan, new golongan)
PANGKAT: list[tuple[str, str, str]] = [
    ("D4", "II/d", "III/a"),
    ("S1", "II/d", "III/a"),
    ("S2", "III/a", "III/b"),
    ("S3", "III/b", "III/c"),
]


def seed_rules(apps: object) -> None:
    """Create the rows that are missing (a migration passes its historical `apps`)."""
    get = apps.get_model  # type: ignore[attr-defined]  # django.apps registry or a migration's
    rule = get("studies", "EligibilityRule")
    for level, max_age, exception, years in TUGAS_LEVELS:
        rule.objects.get_or_create(
            kind="tugas",
            level=level,
            defaults={
                "edition": EDITION,
                "max_age": max_age,
                "max_age_exception": exception,
                "min_service_years": MIN_SERVICE_YEARS,
                "refused_sanctions": REFUSED_SANCTIONS,
                "skp_years": TUGAS_SKP_YEARS,
                "min_accreditation_rank": MIN_ACCREDITATION_RANK,
                "refuses_suspended": True,
                "duration_years": years,
            },
        )
        rule.objects.get_or_create(
            kind="izin",
            level=level,
            defaults={
                "edition": EDITION,
                "max_age": None,
                "max_age_exception": None,
                "min_service_years": MIN_SERVICE_YEARS,
                "refused_sanctions": REFUSED_SANCTIONS,
                "skp_years": 0,
                "min_accreditation_rank": MIN_ACCREDITATION_RANK,
                "refuses_suspended": True,
                "duration_years": years,
            },
        )
    grade = get("studies", "AccreditationGrade")
    for code, name, rank in GRADES:
        grade.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})
    funding = get("studies", "FundingSource")
    for code, name, kind, edition, multiplier, extra, factor in FUNDING:
        funding.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "edition": edition,
                "bond_multiplier": multiplier,
                "bond_extra_years": extra,
                "repayment_factor": factor,
            },
        )
    pangkat = get("studies", "PangkatAdjustment")
    for level, highest, new in PANGKAT:
        pangkat.objects.get_or_create(
            level=level,
            defaults={
                "max_golongan": highest,
                "to_golongan": new,
                "min_years_in_rank": 1,
                "needs_formasi": True,
                "edition": PANGKAT_EDITION,
            },
        )

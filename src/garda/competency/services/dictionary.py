"""Writes of the dictionary and the standards: technical competencies of an instansi, the
standard level of a jabatan, program tags, the JPM setting and bands. Each is one transaction
with its audit entry; a change that moves gaps recomputes them in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction

from garda.competency import policy
from garda.competency.lookup import competencies_for
from garda.competency.models import (
    Competency,
    CompetencyKind,
    CompetencyLevel,
    CompetencySetting,
    JpmBand,
    ProgramTag,
    Standard,
)
from garda.competency.rules import jabatan_key
from garda.competency.services.gaps import DATA_VERSION, employees_assessed_in, gaps_refresh
from garda.core.access import subtree_ids
from garda.core.audit.services import audit_record, snapshot
from garda.core.dataversion import data_version_bump
from garda.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from garda.core.models import Unit, User
from garda.learning import policy as learning_policy
from garda.learning.models import Program


def _level(level: int) -> int:
    if not 1 <= level <= 5:
        raise ValidationFailed(
            "Level harus 1 sampai 5.", "The level must be 1 to 5.",
            errors=[{"field": "level", "message": "Level harus 1 sampai 5."}],
        )  # fmt: skip
    return level


@transaction.atomic
def technical_competency_create(
    *,
    actor: User,
    instansi_id: int,
    code: str,
    name: str,
    description: str = "",
    levels: Iterable[str] = (),
) -> Competency:
    """A technical competency of an instansi, with optional level descriptions (1..5)."""
    if not policy.can_edit_standards(actor, instansi_id):
        raise NotAllowed
    code = code.strip()
    if Competency.objects.filter(code__iexact=code, instansi__isnull=True).exists():
        raise Conflict(
            f"Kode {code} sudah dipakai kompetensi nasional.", f"{code} is a national code.",
            errors=[{"field": "code", "message": "Kode sudah dipakai."}],
        )  # fmt: skip
    try:
        with transaction.atomic():
            competency = Competency.objects.create(
                code=code, name=name.strip(), kind=CompetencyKind.TEKNIS,
                description=description.strip(), instansi_id=instansi_id,
                edition=f"Instansi {Unit.objects.get(pk=instansi_id).code}", order=100,
            )  # fmt: skip
    except IntegrityError as error:
        raise Conflict(
            f"Kode {code} sudah ada di instansi ini.",
            f"{code} exists in this instansi.",
            errors=[{"field": "code", "message": "Kode sudah ada."}],
        ) from error
    for number, text in enumerate(levels, start=1):
        if text.strip():
            CompetencyLevel.objects.create(
                competency=competency, level=_level(number), description=text.strip()
            )
    audit_record(actor=actor, action="competency.technical.create", target=competency,
                 after=snapshot(competency))  # fmt: skip
    return competency


@transaction.atomic
def standard_save(
    *,
    actor: User,
    instansi_id: int,
    jabatan_kind_id: int,
    jabatan_name: str,
    competency_id: int,
    level: int,
) -> Standard:
    """Set (create or change) the level a jabatan needs; an empty jabatan name sets the
    default of its kind."""
    if not policy.can_edit_standards(actor, instansi_id):
        raise NotAllowed
    if not competencies_for(instansi_id).filter(pk=competency_id).exists():
        raise ValidationFailed(
            "Kompetensi tidak tersedia di instansi ini.", "Competency not available here.",
            errors=[{"field": "competency", "message": "Kompetensi tidak tersedia."}],
        )  # fmt: skip
    standard, created = Standard.objects.select_for_update().get_or_create(
        instansi_id=instansi_id, jabatan_kind_id=jabatan_kind_id,
        jabatan_key=jabatan_key(jabatan_name), competency_id=competency_id,
        defaults={"jabatan_name": jabatan_name.strip(), "level": _level(level)},
    )  # fmt: skip
    before = None if created else snapshot(standard)
    if not created:
        standard.level = _level(level)
        standard.save(update_fields=["level", "updated_at"])
    gaps_refresh(employee_ids=employees_assessed_in(subtree_ids(standard.instansi)))
    audit_record(actor=actor, action="competency.standard.save", target=standard,
                 before=before, after=snapshot(standard))  # fmt: skip
    return standard


@transaction.atomic
def standard_delete(*, actor: User, standard_id: int) -> None:
    standard = Standard.objects.select_related("instansi").get(pk=standard_id)
    if not policy.can_edit_standards(actor, standard.instansi_id):
        raise NotAllowed
    before = snapshot(standard)
    instansi = standard.instansi
    standard.delete()
    gaps_refresh(employee_ids=employees_assessed_in(subtree_ids(instansi)))
    audit_record(
        actor=actor,
        action="competency.standard.delete",
        object_type="competency.standard",
        object_id=str(standard_id),
        before=before,
    )


@transaction.atomic
def program_tags_set(
    *, actor: User, program_id: int, tags: Iterable[tuple[int, int]]
) -> list[ProgramTag]:
    """Replace a catalog program's competency tags: (competency id, level) pairs."""
    program = Program.objects.select_related("owner_unit").get(pk=program_id)
    if not learning_policy.can_manage_program(actor, program):
        raise NotAllowed
    pairs = {competency_id: _level(level) for competency_id, level in tags}
    before = list(
        ProgramTag.objects.filter(program=program).values_list("competency__code", "level")
    )
    ProgramTag.objects.filter(program=program).delete()
    rows = [ProgramTag.objects.create(program=program, competency_id=c, level=lv)
            for c, lv in sorted(pairs.items())]  # fmt: skip
    data_version_bump(name=DATA_VERSION)
    audit_record(actor=actor, action="competency.program_tags.set", target=program,
                 before={"tags": before},
                 after={"tags": [[t.competency.code, t.level] for t in rows]})  # fmt: skip
    return rows


@transaction.atomic
def setting_update(*, actor: User, jpm_capped: bool) -> CompetencySetting:
    if not (actor.is_superuser or actor.role == "admin_provinsi"):
        raise NotAllowed
    setting, _created = CompetencySetting.objects.select_for_update().get_or_create(pk=1)
    before = snapshot(setting)
    setting.jpm_capped = jpm_capped
    setting.save()
    data_version_bump(name=DATA_VERSION)
    audit_record(actor=actor, action="competency.setting.update", target=setting,
                 before=before, after=snapshot(setting))  # fmt: skip
    return setting


@transaction.atomic
def band_update(*, actor: User, band_id: int, min_jpm: Decimal, label: str) -> JpmBand:
    if not (actor.is_superuser or actor.role == "admin_provinsi"):
        raise NotAllowed
    band = JpmBand.objects.select_for_update().filter(pk=band_id).first()
    if band is None:
        raise NotFound
    before = snapshot(band)
    if not Decimal("0") <= min_jpm <= Decimal("999"):
        raise ValidationFailed("JPM minimal 0 sampai 999.", "Lowest JPM must be 0 to 999.")
    band.min_jpm, band.label = min_jpm, label.strip() or band.label
    band.save()
    data_version_bump(name=DATA_VERSION)
    audit_record(actor=actor, action="competency.band.update", target=band,
                 before=before, after=snapshot(band))  # fmt: skip
    return band

"""Reference data and the unit tree, loaded once per import into dictionaries: 60,000 rows
must not mean 60,000 queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from garda.core.access import sees_everything, units_visible_to
from garda.core.models import Unit, UnitKind, User
from garda.people.imports.vocabulary import EDUCATION_ALIASES, compact, golongan_key, norm
from garda.people.models import EducationLevel, Golongan, JabatanKind


@dataclass
class Lookups:
    """Reference data and units, loaded once per import."""

    golongan: dict[tuple[str, str], int]
    jabatan: dict[str, int]
    education: dict[str, int]
    unit_by_code: dict[str, tuple[int, str]]
    units_by_name: dict[str, list[tuple[int, str]]]
    instansi_path_by_name: dict[str, str]
    allowed_unit_ids: frozenset[int] | None  # None: every unit
    golongan_codes: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, actor: User | None) -> Lookups:
        golongan: dict[tuple[str, str], int] = {}
        codes: dict[str, list[str]] = {}
        for pk, kind, code in Golongan.objects.order_by("kind", "rank").values_list(
            "pk", "kind", "code"
        ):
            golongan[(kind, golongan_key(code))] = pk
            codes.setdefault(kind, []).append(code)
        jabatan: dict[str, int] = {}
        for pk, code, name in JabatanKind.objects.values_list("pk", "code", "name"):
            jabatan[norm(code)] = pk
            jabatan[norm(name)] = pk
        education: dict[str, int] = {}
        level_ids = dict(EducationLevel.objects.values_list("code", "pk"))
        for code, aliases in EDUCATION_ALIASES.items():
            if code in level_ids:
                for alias in aliases:
                    education[alias] = level_ids[code]
        for pk, code, name in EducationLevel.objects.values_list("pk", "code", "name"):
            education[compact(code)] = pk
            education[compact(name)] = pk
        by_code: dict[str, tuple[int, str]] = {}
        by_name: dict[str, list[tuple[int, str]]] = {}
        instansi: dict[str, str] = {}
        for pk, code, name, kind, path in Unit.objects.values_list(
            "pk", "code", "name", "kind", "path"
        ):
            by_code[code.casefold()] = (pk, path)
            by_name.setdefault(norm(name), []).append((pk, path))
            if kind == UnitKind.INSTANSI:
                instansi[norm(name)] = path
        allowed: frozenset[int] | None = None
        if actor is not None and not sees_everything(actor):
            allowed = frozenset(units_visible_to(actor).values_list("pk", flat=True))
        return cls(golongan, jabatan, education, by_code, by_name, instansi, allowed, codes)

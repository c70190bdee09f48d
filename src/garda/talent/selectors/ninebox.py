"""The 9-box reads: each ASN's box for a year (a locked calibration's placement, else computed
from SKP, potential and the instansi's kinerja cut-offs; the potential is the imported one, or
else derived from the latest competency assessment's JPM up to the end of the year under the
instansi's potential cut-offs), the reasons and what would move an
ASN, grids per instansi and OPD, succession pools and the box-7 candidates for degree studies.
Boxes for a population are computed set-based (a few queries for any number of people)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from garda.competency.selectors import jpm_until
from garda.competency.services.gaps import DATA_VERSION as COMPETENCY_VERSION
from garda.core.access import scope_by_unit, units_visible_to
from garda.core.cache import cached, viewer_scope
from garda.core.models import Unit, User
from garda.people import stamp as people_stamp
from garda.people.models import Employee
from garda.talent import stamp
from garda.talent.ipasn import population
from garda.talent.models import PotentialResult, SkpResult
from garda.talent.models_ninebox import (
    CalibrationSession,
    CriticalPost,
    Kinerja,
    KinerjaCut,
    NineBoxCell,
    Placement,
    PotensialCut,
    SessionStatus,
)
from garda.talent.vocabulary import PREDIKAT_RANK, Potensial, Predikat

KINERJA_ORDER = [Kinerja.DI_BAWAH, Kinerja.SESUAI, Kinerja.DI_ATAS]
POTENSIAL_ORDER = [Potensial.RENDAH, Potensial.MENENGAH, Potensial.TINGGI]
# Where the potential came from: its own import, or the competency assessment's JPM.
FROM_IMPORT = "impor"
FROM_JPM = "jpm"


@dataclass
class Boxed:
    """One ASN's place for a year and the facts it came from."""

    employee_id: int
    instansi_id: int | None
    predikat: str | None
    potensial: str | None
    kinerja: str | None
    cut_is_local: bool  # the instansi's own cut-offs for the year, not the default
    computed: int | None
    box: int | None
    calibrated: bool = False
    locked: bool = False
    potensial_source: str | None = None  # FROM_IMPORT, FROM_JPM or None (no potential)
    jpm: Decimal | None = None  # the JPM the potential was derived from
    jpm_on: dt.date | None = None  # the latest assessment counted in that JPM
    potensial_min: Decimal | None = None  # the lowest JPM of the level reached
    potensial_cut_is_local: bool = False  # the instansi's own potential cut-offs for the year


def cells() -> dict[tuple[str, str], NineBoxCell]:
    return {(c.kinerja, c.potensial): c for c in NineBoxCell.objects.all()}


def cell_of_box() -> dict[int, NineBoxCell]:
    return {c.box: c for c in NineBoxCell.objects.all()}


def instansi_of_units() -> dict[int, int]:
    """unit id -> id of the instansi above it (or itself)."""
    units = list(Unit.objects.values_list("pk", "path", "kind"))
    instansi = {pk for pk, _path, kind in units if kind == "instansi"}
    found: dict[int, int] = {}
    for pk, path, _kind in units:
        for part in reversed(path.strip("/").split("/")):
            if part and int(part) in instansi:
                found[pk] = int(part)
                break
    return found


def kinerja_cuts(year: int) -> dict[int | None, dict[str, str]]:
    """predikat -> kinerja per instansi for `year`; key None is the default table."""
    table: dict[int | None, dict[str, str]] = defaultdict(dict)
    rows = KinerjaCut.objects.filter(year__isnull=True) | KinerjaCut.objects.filter(year=year)
    for instansi_id, predikat, kinerja in rows.values_list("instansi_id", "predikat", "kinerja"):
        table[instansi_id][predikat] = kinerja
    return table


def potensial_cuts(year: int) -> dict[int | None, list[tuple[str, Decimal]]]:
    """(potensial, lowest JPM) per instansi for `year`, highest first; key None is the default
    table."""
    table: dict[int | None, list[tuple[str, Decimal]]] = defaultdict(list)
    rows = PotensialCut.objects.filter(year__isnull=True) | PotensialCut.objects.filter(year=year)
    for instansi_id, level, low in rows.order_by("-min_jpm").values_list(
        "instansi_id", "potensial", "min_jpm"
    ):
        table[instansi_id].append((level, low))
    return table


def potensial_of_jpm(jpm: Decimal, table: list[tuple[str, Decimal]]) -> tuple[str, Decimal] | None:
    """The level (and its lowest JPM) of the highest cut-off `jpm` reaches; `table` highest
    first. None when it reaches none (a table without a 0 floor)."""
    for level, low in table:
        if jpm >= low:
            return level, low
    return None


def boxes(employees: QuerySet[Employee], year: int) -> dict[int, Boxed]:
    """Every measured ASN's box for `year`, keyed by employee id. The potential is the
    imported one for the year; without it, the one the JPM at the end of the year reaches
    under the instansi's potential cut-offs (an import always wins)."""
    people = population(employees)
    ids = people.values("pk")
    skp = dict(SkpResult.objects.filter(year=year, employee_id__in=ids).values_list(
        "employee_id", "predikat"))  # fmt: skip
    imported = PotentialResult.objects.filter(year=year, employee_id__in=ids)
    potential = dict(imported.values_list("employee_id", "potensial"))
    jpms = jpm_until(
        people.exclude(pk__in=imported.values("employee_id")).values("pk"), dt.date(year, 12, 31)
    )
    pot_cuts = potensial_cuts(year)
    pot_default = pot_cuts.get(None, [])
    placed = {
        employee_id: (box, calibrated)
        for employee_id, box, calibrated in Placement.objects.filter(
            year=year, employee_id__in=ids
        ).values_list("employee_id", "box", "calibrated")
    }
    cuts, grid, instansi_of = kinerja_cuts(year), cells(), instansi_of_units()
    default = cuts.get(None, {})
    found: dict[int, Boxed] = {}
    for pk, unit_id in people.values_list("pk", "unit_id").iterator(chunk_size=5000):
        instansi_id = instansi_of.get(unit_id)
        local = cuts.get(instansi_id) if instansi_id is not None else None
        predikat, level = skp.get(pk), potential.get(pk)
        source = FROM_IMPORT if level else None
        jpm = jpms.get(pk) if level is None else None
        pot_local = pot_cuts.get(instansi_id) if instansi_id is not None else None
        reached = potensial_of_jpm(jpm.value, pot_local or pot_default) if jpm else None
        if reached is not None:
            level, source = reached[0], FROM_JPM
        kinerja = (local or default).get(predikat) if predikat else None
        cell = grid.get((kinerja, level)) if kinerja and level else None
        computed = cell.box if cell is not None else None
        boxed = Boxed(pk, instansi_id, predikat, level, kinerja, bool(local), computed, computed)
        boxed.potensial_source = source
        if jpm is not None and reached is not None:
            boxed.jpm, boxed.jpm_on, boxed.potensial_min = jpm.value, jpm.assessed_on, reached[1]
            boxed.potensial_cut_is_local = bool(pot_local)
        if pk in placed:
            boxed.box, boxed.calibrated = placed[pk]
            boxed.locked = True
        found[pk] = boxed
    return found


def talent_box_of(*, employee_id: int, year: int) -> int | None:
    """The ASN's 9-box number for `year` (capacity.md §2 numbering), None without SKP and
    potential (or a locked placement)."""
    found = boxes(Employee.objects.filter(pk=employee_id), year).get(employee_id)
    return found.box if found is not None else None


def box_seven_employee_ids(*, year: int, units: QuerySet[Unit] | Iterable[int]) -> list[int]:
    """Employees in `units` (a queryset or ids; not their subtrees) whose box for `year` is
    one the 9-box table offers tugas belajar to (box 7 in capacity.md §2)."""
    if isinstance(units, QuerySet):
        employees = Employee.objects.filter(unit__in=units)
    else:
        employees = Employee.objects.filter(unit_id__in=list(units))
    offered = set(NineBoxCell.objects.filter(tugas_belajar=True).values_list("box", flat=True))
    found = boxes(employees, year)
    return sorted(pk for pk, boxed in found.items() if boxed.box in offered)


def potensial_table_of(boxed: Boxed, year: int) -> list[tuple[str, Decimal]]:
    """The potential cut-offs in force for the ASN's instansi and `year`, highest first."""
    cuts = potensial_cuts(year)
    local = cuts.get(boxed.instansi_id) if boxed.instansi_id is not None else None
    return local or cuts.get(None, [])


@dataclass
class Move:
    axis: str  # "kinerja" or "potensial"
    text: str
    box: int


def moves_of(boxed: Boxed, year: int) -> list[Move]:
    """What would move the ASN up: a better kinerja level (and the predikat that gives it
    under the cut-offs in force) or a higher potential, with the box each would give."""
    if boxed.kinerja is None or boxed.potensial is None:
        return []
    grid = cells()
    cuts = kinerja_cuts(year)
    table = (cuts.get(boxed.instansi_id) if boxed.cut_is_local else None) or cuts.get(None, {})
    moves: list[Move] = []
    k = KINERJA_ORDER.index(Kinerja(boxed.kinerja))
    for higher in KINERJA_ORDER[k + 1 :]:
        predikats = sorted((p for p, level in table.items() if level == higher),
                           key=lambda p: PREDIKAT_RANK.get(p, 0))  # fmt: skip
        cell = grid.get((higher, boxed.potensial))
        if predikats and cell is not None:
            text = _(
                "SKP berpredikat %(predikat)s (kinerja %(level)s) memindahkan Anda ke kotak %(box)s"
            ) % {
                "predikat": Predikat(predikats[0]).label,
                "level": Kinerja(higher).label.lower(),
                "box": cell.box,
            }
            moves.append(Move("kinerja", text, cell.box))
            break
    p = POTENSIAL_ORDER.index(Potensial(boxed.potensial))
    if p + 1 < len(POTENSIAL_ORDER):
        higher_potential = POTENSIAL_ORDER[p + 1]
        cell = grid.get((boxed.kinerja, higher_potential))
        low = dict(potensial_table_of(boxed, year)).get(higher_potential)
        if cell is not None and boxed.potensial_source == FROM_JPM and low is not None:
            text = _(
                "JPM %(low)s atau lebih (potensial %(level)s) memindahkan Anda ke kotak %(box)s"
            ) % {
                "low": number_format(low, decimal_pos=2),
                "level": higher_potential.label.lower(),
                "box": cell.box,
            }
            moves.append(Move("potensial", text, cell.box))
        elif cell is not None:
            text = _("Potensial %(level)s memindahkan Anda ke kotak %(box)s") % {
                "level": higher_potential.label.lower(),
                "box": cell.box,
            }
            moves.append(Move("potensial", text, cell.box))
    return moves


def scoped_employees(user: User | AnonymousUser, root: Unit | None) -> QuerySet[Employee]:
    queryset = scope_by_unit(Employee.objects.all(), user)
    if root is not None:
        queryset = queryset.filter(unit__path__startswith=root.path)
    return queryset


def grid_summary(*, user: User | AnonymousUser, year: int, root: Unit | None) -> dict[str, Any]:
    """Counts per box (and the ASN without a box) under `root` in the user's scope."""
    found = boxes(scoped_employees(user, root), year)
    counts = Counter(boxed.box for boxed in found.values())
    return {
        "year": year,
        "total": len(found),
        "unplaced": counts.get(None, 0),
        "boxes": {box: counts.get(box, 0) for box in range(1, 10)},
    }


def grid_summary_cached(
    *, user: User | AnonymousUser, year: int, root: Unit | None
) -> dict[str, Any]:
    return cached(
        viewer_scope(user),
        ["talent-grid", year, root.pk if root is not None else "all"],
        lambda: grid_summary(user=user, year=year, root=root),
        timeout=stamp.CACHE_SECONDS,
        # Who is counted, and under which unit, is the registry's (a retirement, a move).
        versions=(stamp.NAME, COMPETENCY_VERSION, people_stamp.NAME),
    )


def people_in_box(
    *, user: User | AnonymousUser, year: int, root: Unit | None, box: int
) -> list[Employee]:
    """The drill-down: ASN in the user's scope under `root` whose box is `box`."""
    found = boxes(scoped_employees(user, root), year)
    ids = [pk for pk, boxed in found.items() if boxed.box == box]
    return list(Employee.objects.filter(pk__in=ids).select_related("unit").order_by("name"))


def succession_pool(
    *, post: CriticalPost, year: int, user: User | AnonymousUser | None = None
) -> list[tuple[Employee, int]]:
    """ASN of the post's instansi whose box puts them in succession pools, best box first;
    with `user`, only those the user may see (an OPD admin sees its own OPD's candidates)."""
    instansi_id = instansi_of_units().get(post.unit_id)
    root = Unit.objects.filter(pk=instansi_id or post.unit_id).first()
    if root is None:
        return []
    pool_boxes = set(NineBoxCell.objects.filter(succession=True).values_list("box", flat=True))
    candidates = Employee.objects.filter(unit__path__startswith=root.path)
    if user is not None:
        candidates = scope_by_unit(candidates, user)
    found = boxes(candidates, year)
    ids = {pk: b.box for pk, b in found.items() if b.box in pool_boxes}
    people = Employee.objects.filter(pk__in=list(ids)).select_related("unit", "jabatan_kind")
    return sorted(((e, ids[e.pk]) for e in people), key=lambda pair: (-pair[1], pair[0].name))


def instansi_visible(user: User | AnonymousUser) -> QuerySet[Unit]:
    """The instansi a BKD admin may calibrate and set cut-offs for."""
    return units_visible_to(user).filter(kind="instansi").order_by("code")


def critical_posts(user: User | AnonymousUser) -> QuerySet[CriticalPost]:
    return scope_by_unit(CriticalPost.objects.select_related("unit", "jabatan_kind"), user)


def sessions(user: User | AnonymousUser) -> QuerySet[CalibrationSession]:
    return scope_by_unit(
        CalibrationSession.objects.select_related("instansi"), user, unit_field="instansi"
    ).order_by("-year", "instansi__name")


def session_is_locked(session: CalibrationSession) -> bool:
    return session.status == SessionStatus.LOCKED


@dataclass
class Explained:
    """An ASN's box with why: the inputs, the kinerja cut-offs in force, what would move them."""

    boxed: Boxed | None
    cell: NineBoxCell | None
    cuts: list[tuple[str, str]]  # (predikat label, kinerja label), best predikat first
    local_cuts: bool
    moves: list[Move]
    potensial_cuts: list[tuple[str, Decimal]]  # (potensial label, lowest JPM), highest first
    local_potensial_cuts: bool

    @property
    def predikat(self) -> str:
        return (
            str(Predikat(self.boxed.predikat).label) if self.boxed and self.boxed.predikat else ""
        )

    @property
    def potensial(self) -> str:
        found = self.boxed.potensial if self.boxed else None
        return str(Potensial(found).label) if found else ""

    @property
    def kinerja(self) -> str:
        return str(Kinerja(self.boxed.kinerja).label) if self.boxed and self.boxed.kinerja else ""

    @property
    def potensial_source(self) -> str:
        """Where the potential came from, in words: the import, or JPM x under cut-off y."""
        boxed = self.boxed
        if boxed is None or boxed.potensial_source is None:
            return ""
        if boxed.potensial_source == FROM_IMPORT:
            return _("Hasil penilaian potensial yang diimpor")
        if boxed.jpm is None or boxed.potensial_min is None:  # set together with FROM_JPM
            return ""
        text = _(
            "JPM %(jpm)s dari asesmen kompetensi %(day)s; batas potensial %(level)s: JPM ≥ %(low)s"
        ) % {
            "jpm": number_format(boxed.jpm, decimal_pos=2),
            "day": date_format(boxed.jpm_on, "j F Y") if boxed.jpm_on else "",
            "level": self.potensial.lower(),
            "low": number_format(boxed.potensial_min, decimal_pos=2),
        }
        local = _("batas instansi") if boxed.potensial_cut_is_local else _("batas bawaan")
        return f"{text} ({local})"


def box_explained(*, employee_id: int, year: int) -> Explained:
    boxed = boxes(Employee.objects.filter(pk=employee_id), year).get(employee_id)
    cuts = kinerja_cuts(year)
    local = bool(boxed and boxed.cut_is_local)
    table = (cuts.get(boxed.instansi_id) if boxed and local else None) or cuts.get(None, {})
    order = list(Predikat.values)
    rows = [
        (str(Predikat(p).label), str(Kinerja(k).label))
        for p, k in sorted(table.items(), key=lambda item: order.index(item[0]))
    ]
    cell = cell_of_box().get(boxed.box) if boxed and boxed.box else None
    pot_cuts = potensial_cuts(year)
    pot_local = pot_cuts.get(boxed.instansi_id) if boxed and boxed.instansi_id else None
    pot_rows = [(str(Potensial(p).label), low) for p, low in pot_local or pot_cuts.get(None, [])]
    return Explained(
        boxed, cell, rows, local, moves_of(boxed, year) if boxed else [], pot_rows, bool(pot_local)
    )

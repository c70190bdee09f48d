"""The 9-box reads: each ASN's box for a year (a locked calibration's placement, else computed
from SKP, potential and the instansi's kinerja cut-offs), the reasons and what would move an
ASN, grids per instansi and OPD, succession pools and the box-7 candidates for degree studies.
Boxes for a population are computed set-based (a few queries for any number of people)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from garda.core.access import scope_by_unit, units_visible_to
from garda.core.cache import cached, viewer_scope
from garda.core.models import Unit, User
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
    SessionStatus,
)
from garda.talent.vocabulary import PREDIKAT_RANK, Potensial, Predikat

KINERJA_ORDER = [Kinerja.DI_BAWAH, Kinerja.SESUAI, Kinerja.DI_ATAS]
POTENSIAL_ORDER = [Potensial.RENDAH, Potensial.MENENGAH, Potensial.TINGGI]


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


def boxes(employees: QuerySet[Employee], year: int) -> dict[int, Boxed]:
    """Every measured ASN's box for `year`, keyed by employee id."""
    people = population(employees)
    ids = people.values("pk")
    skp = dict(SkpResult.objects.filter(year=year, employee_id__in=ids).values_list(
        "employee_id", "predikat"))  # fmt: skip
    potential = dict(PotentialResult.objects.filter(year=year, employee_id__in=ids).values_list(
        "employee_id", "potensial"))  # fmt: skip
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
        kinerja = (local or default).get(predikat) if predikat else None
        cell = grid.get((kinerja, level)) if kinerja and level else None
        computed = cell.box if cell is not None else None
        boxed = Boxed(pk, instansi_id, predikat, level, kinerja, bool(local), computed, computed)
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
        if cell is not None:
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
        versions=(stamp.NAME,),
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
    return Explained(boxed, cell, rows, local, moves_of(boxed, year) if boxed else [])

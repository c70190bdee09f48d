"""The gap heat map: competency x unit, the mean gap of the ASN assessed in each unit's
subtree. The counts kept per (unit, competency) (`GapTally`, decision 0024) rolled up to the rows in
Python through the units' paths; cached per viewer scope under the competency data version."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AnonymousUser

from garda.competency.models import Competency, GapTally
from garda.competency.services.gaps import DATA_VERSION
from garda.core.access import scope_root, sees_everything, units_visible_to
from garda.core.cache import cached, viewer_scope
from garda.core.errors import NotFound
from garda.core.models import Unit, User

CACHE_SECONDS = 300


@dataclass(frozen=True)
class Cell:
    mean_gap: Decimal | None
    assessed: int
    below: int


@dataclass
class HeatMap:
    root_id: int | None
    root_name: str
    columns: list[tuple[int, str, str]]  # competency id, code, name
    rows: list[tuple[int, str, bool]]  # unit id, name, has children (drill-down)
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)  # (unit, competency)

    def row_cells(self) -> list[tuple[int, str, bool, list[Cell | None]]]:
        return [
            (unit_id, name, deeper, [self.cells.get((unit_id, c[0])) for c in self.columns])
            for unit_id, name, deeper in self.rows
        ]


def heatmap_root(*, user: User | AnonymousUser, unit_id: int | None) -> Unit | None:
    """The unit whose children are the rows: the one asked for if the user may see it, else
    the top of the user's scope (None: the whole province, one row per instansi)."""
    if unit_id is not None:
        unit = units_visible_to(user).filter(pk=unit_id).first()
        if unit is None:
            raise NotFound
        return unit
    if sees_everything(user) or not user.is_authenticated:
        return None
    return scope_root(user)


def _compute(root: Unit | None) -> HeatMap:
    if root is None:
        row_units = list(Unit.objects.filter(kind="instansi").order_by("code"))
        tallies = GapTally.objects.all()
        name = "Provinsi Jambi"
    else:
        row_units = list(Unit.objects.filter(parent=root).order_by("code"))
        tallies = GapTally.objects.filter(unit__path__startswith=root.path)
        name = root.name
    parents = set(Unit.objects.filter(parent__in=row_units).values_list("parent_id", flat=True))
    # The counts kept per unit (own staff) and competency (services.tallies): a few hundred
    # rows at province level, summed here into the rows by the units' current paths.
    figures = tallies.exclude(assessed=0).values_list(
        "unit__path", "competency_id", "gap_sum", "assessed", "below"
    )
    row_of_path = {u.path: u.pk for u in row_units}
    sums: dict[tuple[int, int], list[int]] = {}
    for path, competency_id, total, n, below in figures:
        parts = path.strip("/").split("/")
        row = next(
            (row_of_path[p] for i in range(len(parts))
             if (p := "/" + "/".join(parts[: i + 1]) + "/") in row_of_path),
            None,
        )  # fmt: skip
        if row is None:
            continue  # the root unit itself: its own staff sit above every row
        acc = sums.setdefault((row, competency_id), [0, 0, 0])
        acc[0] += total
        acc[1] += n
        acc[2] += below
    competency_ids = {key[1] for key in sums}
    columns = [
        (c.pk, c.code, c.name)
        for c in Competency.objects.filter(pk__in=competency_ids).order_by("order", "code")
    ]
    cells = {
        key: Cell(
            (Decimal(total) / Decimal(n)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
            n,
            below,
        )
        for key, (total, n, below) in sums.items()
    }
    rows = [(u.pk, u.name, u.pk in parents) for u in row_units]
    return HeatMap(root.pk if root else None, name, columns, rows, cells)


def heatmap(*, user: User | AnonymousUser, unit_id: int | None) -> HeatMap:
    root = heatmap_root(user=user, unit_id=unit_id)
    return cached(
        viewer_scope(user),
        ["competency-heatmap", root.pk if root else "all"],
        lambda: _compute(root),
        timeout=CACHE_SECONDS,
        versions=[DATA_VERSION],
    )


def heatmap_uncached(*, user: User | AnonymousUser, unit_id: int | None) -> HeatMap:
    """The same answer computed afresh (the bench's uncached figure, tests)."""
    return _compute(heatmap_root(user=user, unit_id=unit_id))

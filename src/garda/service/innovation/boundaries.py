"""Simplified boundaries of Jambi's 11 kabupaten/kota, drawn by hand for Garda from the
general shape of the province (longitude east, latitude south): no survey precision, enough
for a map that must work without a tile server. Neighbours share their vertices, so the
shapes meet without gaps. `static/innovation/jambi.svg` is generated from these points
(`svg_document`), and the showcase draws the same paths inline with its counts."""

from __future__ import annotations

from dataclasses import dataclass

# Shared vertices (longitude, latitude south).
_V = {
    "A": (101.15, 1.55),
    "B": (101.75, 1.25),
    "C": (102.2, 0.95),
    "D": (102.8, 0.8),
    "E": (103.5, 0.8),
    "F": (104.0, 0.85),
    "G": (104.45, 1.0),
    "H": (104.45, 1.45),
    "I": (104.2, 1.75),
    "J": (103.9, 2.1),
    "K": (103.4, 2.35),
    "L": (103.0, 2.6),
    "M": (102.5, 2.75),
    "N": (101.95, 2.6),
    "O": (101.6, 2.55),
    "P": (101.3, 2.4),
    "Q": (101.1, 2.0),
    "n2": (101.7, 1.7),
    "n3": (101.75, 2.2),
    "n4": (102.35, 1.3),
    "n5": (102.45, 1.85),
    "n6": (102.95, 1.2),
    "n7": (102.95, 1.75),
    "n8": (103.75, 1.1),
    "n9": (103.35, 1.35),
    "n10": (103.9, 1.55),
    "n11": (103.45, 2.05),
    "n12": (103.35, 1.7),
    "n13": (103.1, 2.15),
    "b1": (102.0, 1.2),
    "m1": (102.0, 1.95),
}

# Region code (Kemendagri) -> ring of vertex names, or explicit points for the two cities.
_RINGS: dict[str, list[str] | list[tuple[float, float]]] = {
    "15.01": ["A", "B", "n2", "n3", "O", "P", "Q"],
    "15.02": ["n2", "m1", "n5", "M", "N", "O", "n3"],
    "15.03": ["n5", "n7", "n13", "n11", "J", "K", "L", "M"],
    "15.04": ["n6", "n9", "n12", "n11", "n13", "n7"],
    "15.05": ["n9", "n8", "n10", "I", "J", "n11", "n12"],
    "15.06": ["D", "E", "n8", "n9", "n6"],
    "15.07": ["E", "F", "G", "H", "I", "n10", "n8"],
    "15.08": ["B", "b1", "n4", "n5", "m1", "n2"],
    "15.09": ["B", "C", "D", "n6", "n7", "n5", "n4", "b1"],
    "15.71": [(103.55, 1.56), (103.67, 1.55), (103.68, 1.66), (103.56, 1.66)],
    "15.72": [(101.33, 2.0), (101.45, 2.0), (101.45, 2.12), (101.33, 2.12)],
}
NAMES = {
    "15.01": "Kabupaten Kerinci",
    "15.02": "Kabupaten Merangin",
    "15.03": "Kabupaten Sarolangun",
    "15.04": "Kabupaten Batanghari",
    "15.05": "Kabupaten Muaro Jambi",
    "15.06": "Kabupaten Tanjung Jabung Barat",
    "15.07": "Kabupaten Tanjung Jabung Timur",
    "15.08": "Kabupaten Bungo",
    "15.09": "Kabupaten Tebo",
    "15.71": "Kota Jambi",
    "15.72": "Kota Sungai Penuh",
}
SCALE = 220
WEST, NORTH = 101.0, 0.7
WIDTH, HEIGHT = 792, 473


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    path: str  # SVG path data
    label_x: float
    label_y: float


def _point(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - WEST) * SCALE, 1), round((lat - NORTH) * SCALE, 1)


def regions() -> list[Region]:
    found = []
    for code, ring in _RINGS.items():
        points = [_point(*(_V[p] if isinstance(p, str) else p)) for p in ring]
        path = "M" + " L".join(f"{x},{y}" for x, y in points) + " Z"
        cx = sum(x for x, _y in points) / len(points)
        cy = sum(y for _x, y in points) / len(points)
        found.append(Region(code, NAMES[code], path, round(cx, 1), round(cy, 1)))
    return found


def svg_document() -> str:
    """The static map file: one <path> per kabupaten/kota, id "wilayah-<code>"."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-label="Peta kabupaten/kota Provinsi Jambi">',
        "<title>Provinsi Jambi: 11 kabupaten/kota (batas disederhanakan)</title>",
    ]
    for region in regions():
        parts.append(
            f'<path id="wilayah-{region.code}" d="{region.path}" fill="#e8f1ea" '
            f'stroke="#2f6b3f" stroke-width="1.5"><title>{region.name}</title></path>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"

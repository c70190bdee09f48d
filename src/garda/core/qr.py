"""QR codes as inline SVG that scale to their box.

Without a viewBox an SVG keeps its drawn size and a smaller box crops it: the kiosk's
printed ticket cut off its QR (185 px drawn in a 160 px box, worse at 30 mm on paper) and a
walk-in ticket could not be scanned. `omitsize` writes the viewBox instead of a fixed size."""

from __future__ import annotations

import segno


def qr_svg(data: str, *, error: str = "m", border: int = 2) -> str:
    return str(segno.make(data, error=error).svg_inline(scale=4, border=border, omitsize=True))

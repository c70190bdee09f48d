"""QR codes, the one place Garda draws them (segno, medium error correction).

`qr_svg` gives inline SVG. Scalable by default: without a viewBox an SVG keeps its drawn size
and a smaller box crops it (the kiosk's printed ticket cut off its QR, 185 px drawn in a 160 px
box); `scalable=False` keeps the drawn size for pages that lay the code out at that size.
`qr_data_uri` gives an SVG data URI for an <img> (PDF documents, the TOTP set-up page)."""

from __future__ import annotations

import segno


def qr_svg(data: str, *, scale: int = 4, border: int = 2, scalable: bool = True) -> str:
    code = segno.make(data, error="m")
    return str(code.svg_inline(scale=scale, border=border, omitsize=scalable))


def qr_data_uri(data: str, *, scale: int = 4) -> str:
    return str(segno.make(data, error="m").svg_data_uri(scale=scale))

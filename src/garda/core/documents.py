"""Printable documents with a verification QR: HTML to PDF (WeasyPrint) and the QR image of a
verification URL (segno). Learning's certificates and the studies app's decrees both print
through these two functions."""

from __future__ import annotations

import segno


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    """An SVG data URI of the QR code of `url` (medium error correction), for <img src>."""
    return str(segno.make(url, error="m").svg_data_uri(scale=scale))


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML  # loads Pango and fonts; only printing processes need it

    pdf = HTML(string=html).write_pdf()
    if pdf is None:
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)

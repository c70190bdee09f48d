"""Printable documents: HTML to PDF with WeasyPrint. Every PDF Garda prints (certificates,
decrees, the JP history, the PPID and SKM reports, KIPP packages) goes through this function;
the QR codes on them come from core/qr.py."""

from __future__ import annotations


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML  # loads Pango and fonts; only printing processes need it

    pdf = HTML(string=html).write_pdf()
    if pdf is None:  # only None when a target file is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)

"""How personal data looks where it must not be read in full (public pages, logs, audit).

Identity numbers (NIK, NIP, BPJS card) are masked by `core.identity.mask_identifier`, the one
place that decides how much of them shows (the last four digits)."""

from __future__ import annotations

from garda.core.identity import mask_identifier


def mask_phone(value: str) -> str:
    """`081234567890` -> `0812******90`: enough for its owner to recognise it."""
    keep_start, keep_end = 4, 2
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_value(value: object) -> object:
    """Mask whatever a personal field holds, keeping its shape where that helps a reader."""
    if value is None or value == "":
        return value
    text = str(value)
    if text.isdigit():
        return mask_identifier(text)
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    return "***"

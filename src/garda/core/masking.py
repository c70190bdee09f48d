"""How personal data looks where it must not be read in full (public pages, logs, audit)."""

from __future__ import annotations


def mask_digits(value: str, *, keep_start: int = 4, keep_end: int = 4) -> str:
    """`1571012345670001` -> `1571********0001`; short values are hidden entirely."""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_value(value: object) -> object:
    """Mask whatever a personal field holds, keeping its shape where that helps a reader."""
    if value is None or value == "":
        return value
    text = str(value)
    if text.isdigit():
        return mask_digits(text)
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    return "***"

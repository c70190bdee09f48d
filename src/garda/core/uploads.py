"""Uploaded spreadsheets waiting for a background import: checked, stored under MEDIA_ROOT,
and removed by the job once read (they may hold personal data)."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

from garda.core.errors import ValidationFailed

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".csv"})
MAX_IMPORT_BYTES = 50 * 1024 * 1024


def store_spreadsheet_upload(upload: UploadedFile[bytes]) -> tuple[Path, str]:
    """Check the type and size of an uploaded .xlsx/.csv and store it; return the stored path
    and the cleaned original name (shown to the user in the job title and report)."""
    name = get_valid_filename(Path(upload.name or "impor").name)[-120:] or "impor"
    if Path(name).suffix.casefold() not in SPREADSHEET_SUFFIXES:
        raise ValidationFailed(
            "Hanya berkas .xlsx dan .csv yang dapat diimpor.",
            "Only .xlsx and .csv files can be imported.",
            code="import_file_type",
        )
    if (upload.size or 0) > MAX_IMPORT_BYTES:
        raise ValidationFailed(
            f"Berkas terlalu besar (paling besar {MAX_IMPORT_BYTES // 2**20} MB).",
            f"The file is too large (at most {MAX_IMPORT_BYTES // 2**20} MB).",
            code="import_file_size",
        )
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{uuid.uuid4().hex}-{name}"
    with stored.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return stored, name

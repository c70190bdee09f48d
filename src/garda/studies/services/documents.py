"""Uploaded files of a study (application documents, transcripts, diplomas): what each stage
accepts, checked by content (PDF, JPEG or PNG by their first bytes) and size before anything
is stored."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from garda.core.errors import ValidationFailed
from garda.studies.models import AssignmentStatus, DocumentKind

MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
# Which documents each stage takes (a diploma before the study is approved is a mistake).
KINDS_BY_STATUS: dict[str, tuple[str, ...]] = {
    AssignmentStatus.SUBMITTED: (
        DocumentKind.LOA,
        DocumentKind.AKREDITASI,
        DocumentKind.PERNYATAAN,
    ),
    AssignmentStatus.APPROVED: (DocumentKind.IJAZAH, DocumentKind.PENYETARAAN),
}
REQUIRED_FOR_DECREE: tuple[str, ...] = (DocumentKind.LOA, DocumentKind.PERNYATAAN)


def check_file(file: UploadedFile[bytes], *, field: str = "file") -> None:
    head = file.read(8)
    file.seek(0)
    if (file.size or 0) > MAX_BYTES or not any(head.startswith(sig) for sig in SIGNATURES):
        raise ValidationFailed(
            "Unggah berkas PDF, JPG atau PNG paling besar 5 MB.",
            "Upload a PDF, JPG or PNG file of at most 5 MB.",
            code="study_file_type",
            errors=[
                {"field": field, "message": "Unggah berkas PDF, JPG atau PNG paling besar 5 MB."}
            ],
        )


def check_kind(kind: str, status: str) -> None:
    accepted = KINDS_BY_STATUS.get(status, ())
    if kind not in accepted:
        names = ", ".join(str(DocumentKind(k).label) for k in accepted) or "tidak ada"
        shown = str(DocumentKind(kind).label) if kind in DocumentKind.values else kind
        raise ValidationFailed(
            f"Jenis dokumen {shown!r} tidak diterima pada tahap ini; yang diterima: {names}.",
            f"Document type {kind!r} is not accepted at this stage.",
            code="study_document_kind",
            errors=[{"field": "kind", "message": f"Yang diterima: {names}."}],
        )

"""Identity numbers never reach a log, in a message or in the traceback of a logged error."""

from __future__ import annotations

import io
import logging

from garda.core.logging import MaskPersonalDataFilter

NIK = "1571026503900001"


def _logger(stream: io.StringIO) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.addFilter(MaskPersonalDataFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("garda.uji.masking")
    logger.handlers = [handler]
    logger.propagate = False
    return logger


def test_a_logged_exception_has_its_identity_numbers_masked() -> None:
    stream = io.StringIO()
    logger = _logger(stream)
    try:
        raise ValueError(f"duplicate key value violates unique constraint: Key (nik)=({NIK})")
    except ValueError:
        logger.exception("Pendaftaran gagal untuk NIK %s", NIK)
    written = stream.getvalue()
    assert NIK not in written
    assert "Traceback" in written  # the traceback is still there, masked
    assert written.count("0001") >= 2

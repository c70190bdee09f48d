"""Keep identity numbers out of logs: any long digit run is masked before it is written."""

from __future__ import annotations

import logging
import re

from garda.core.identity import mask_identifier

# 13 (BPJS card), 16 (NIK) and 18 (NIP) digit runs, and phone numbers of 10+ digits.
_IDENTITY_NUMBER = re.compile(r"(?<!\d)\d{10,18}(?!\d)")


def _masked(text: str) -> str:
    return _IDENTITY_NUMBER.sub(lambda m: mask_identifier(m.group(0)), text)


class MaskPersonalDataFilter(logging.Filter):
    """The message, and the traceback of a logged exception (a database error quotes the row
    it refused: "Key (nik)=(…) already exists"), are masked before any handler formats them."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _masked(message)
        if masked != message:
            record.msg = masked
            record.args = None
        if record.exc_info and not record.exc_text:
            # The formatter uses exc_text when it is set: format the traceback once, masked.
            record.exc_text = _masked(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = _masked(record.stack_info)
        return True

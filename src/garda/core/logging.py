"""Keep identity numbers out of logs: any long digit run is masked before it is written."""

from __future__ import annotations

import logging
import re

from garda.core.identity import mask_identifier

# 13 (BPJS card), 16 (NIK) and 18 (NIP) digit runs, and phone numbers of 10+ digits.
_IDENTITY_NUMBER = re.compile(r"(?<!\d)\d{10,18}(?!\d)")


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _IDENTITY_NUMBER.sub(lambda m: mask_identifier(m.group(0)), message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True

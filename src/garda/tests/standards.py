"""Where the offline copies of the standards live (schemas and shapes that outside validators
use), for the tests that check Garda's published formats with the tools others use.

They sit in `shared/standards/` beside the project (see its README); GARDA_STANDARDS_DIR points
elsewhere. A missing folder fails the test that needs it: a check that cannot run must not
pass quietly.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]


def standards_dir() -> Path:
    configured = os.environ.get("GARDA_STANDARDS_DIR")
    found = Path(configured) if configured else PROJECT.parent / "shared" / "standards"
    if not found.is_dir():
        raise FileNotFoundError(
            f"the standards folder {found} is missing (set GARDA_STANDARDS_DIR to its place)"
        )
    return found

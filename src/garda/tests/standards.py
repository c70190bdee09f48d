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


# Where the workplace keeps them when the checkout is not beside `shared/` (a clean clone made
# elsewhere, as CI makes one).
WORKPLACE_STANDARDS = Path("/work/shared/standards")


def standards_dir() -> Path:
    configured = os.environ.get("GARDA_STANDARDS_DIR")
    candidates = (
        [Path(configured)]
        if configured
        else [PROJECT.parent / "shared" / "standards", WORKPLACE_STANDARDS]
    )
    for found in candidates:
        if found.is_dir():
            return found
    raise FileNotFoundError(
        f"the standards folder {candidates[0]} is missing (set GARDA_STANDARDS_DIR to its place)"
    )

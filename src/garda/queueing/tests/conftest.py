from __future__ import annotations

from typing import Any

import pytest

from garda.core.identity import make_nik
from garda.core.models import User
from garda.core.testing import make_user
from garda.queueing.models import Facility
from garda.queueing.testing import make_facility


@pytest.fixture
def facility(db: None) -> Facility:
    return make_facility()


@pytest.fixture
def petugas(facility: Facility) -> User:
    return make_user(role="petugas_faskes", unit=facility.unit)


@pytest.fixture
def nik() -> Any:
    return make_nik

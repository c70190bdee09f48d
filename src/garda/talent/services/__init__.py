"""Every write of the talent app lives in this package, one module per concept."""

from garda.talent.services.records import (
    disiplin_import,
    potensial_import,
    skp_import,
)

__all__ = ["disiplin_import", "potensial_import", "skp_import"]

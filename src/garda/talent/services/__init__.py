"""Every write of the talent app lives in this package, one module per concept."""

from garda.talent.services.ipasn_tables import ip_edition_save
from garda.talent.services.ninebox import (
    calibration_change,
    calibration_lock,
    calibration_open,
    critical_post_create,
    kinerja_cuts_set,
    potensial_cuts_set,
)
from garda.talent.services.records import (
    disiplin_import,
    potensial_import,
    skp_import,
)

__all__ = [
    "calibration_change",
    "calibration_lock",
    "calibration_open",
    "critical_post_create",
    "disiplin_import",
    "ip_edition_save",
    "kinerja_cuts_set",
    "potensial_cuts_set",
    "potensial_import",
    "skp_import",
]

"""Who may do what with talent records. Scope always comes from core/access.py."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from garda.core.models import User
from garda.core.permissions import access_for
from garda.core.roles import Role

ADMINS = (Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD)
# The personnel bodies (BKD of the province and of each kabupaten/kota): discipline records.
BKD = (Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI)

# Import SKP and potential results.
RECORDS_WRITE = access_for(*ADMINS)
# Import and read discipline sanctions (specific personal data; the auditor reads them too).
DISCIPLINE_WRITE = access_for(*BKD)
DISCIPLINE_READ = access_for(*BKD, Role.AUDITOR)
# Talent grids, IP ASN dashboards, lists of people in scope.
DASHBOARD = access_for(*ADMINS, Role.ATASAN, Role.AUDITOR)
# Calibration sessions: the instansi's BKD.
CALIBRATE = access_for(*BKD)
# The IP ASN editions (point tables, categories, form mapping): the provincial BKD coordinates
# the measurement and keeps them; the other admins and the auditor read them.
IP_TABLES_WRITE = access_for(Role.ADMIN_PROVINSI)
IP_TABLES_READ = access_for(*ADMINS, Role.AUDITOR)
# One's own box and IP ASN.
OWN = access_for(Role.ASN, Role.ATASAN, *ADMINS)
# The API: own rows for an ASN, the scope for everyone else.
API_READ = access_for(Role.ASN, Role.ATASAN, Role.AUDITOR, *ADMINS)


def may(access_roles: frozenset[str], actor: User | AnonymousUser | None) -> bool:
    """A service's role check; `None` is the system (a command run without --actor)."""
    if actor is None:
        return True
    if not actor.is_authenticated:
        return False
    return bool(actor.is_superuser or getattr(actor, "role", "") in access_roles)

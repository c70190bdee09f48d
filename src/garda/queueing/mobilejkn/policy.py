"""Who may manage the bridge: province admins everywhere; an instansi admin and the
puskesmas's own staff within their unit subtree (selectors scope it)."""

from __future__ import annotations

from garda.core.permissions import access_for
from garda.core.roles import Role

BRIDGE_ADMIN = access_for(Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.PETUGAS_FASKES)
# Read-only view of the outbox also for auditors.
BRIDGE_VIEW = access_for(
    Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.PETUGAS_FASKES, Role.AUDITOR
)

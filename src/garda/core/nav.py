"""Menu entries of core: the profile, the working calendar, the audit log and its public face."""

from django.utils.translation import gettext_lazy as _

from garda.core.navigation import OPENNESS, PEOPLE, NavItem
from garda.core.permissions import SIGNED_IN, access_for
from garda.core.roles import PUBLIC, Role

MENU = (
    NavItem(_("Profil Saya"), "core:profile", SIGNED_IN, group=PEOPLE, order=900),
    NavItem(
        _("Kalender Kerja"),
        "calendar:page",
        access_for(Role.ADMIN_PROVINSI, Role.AUDITOR, Role.PPID),
        order=850,
    ),
    NavItem(
        _("Log Audit"), "core:audit_log", access_for(Role.AUDITOR, Role.ADMIN_PROVINSI), order=800
    ),
    NavItem(_("Audit Publik"), "public_audit:index", access_for(PUBLIC), group=OPENNESS, order=750),
)

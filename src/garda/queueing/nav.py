"""Menu entries of the puskesmas queue."""

from django.utils.translation import gettext_lazy as _

from garda.core.home import Waiting
from garda.core.navigation import SERVICES, NavItem
from garda.core.permissions import access_for
from garda.core.roles import PUBLIC, Role
from garda.queueing import policy, selectors

MENU = (
    NavItem(
        _("Antrean Puskesmas"),
        "queueing:index",
        access_for(PUBLIC),
        group=SERVICES,
        order=200,
    ),
    NavItem(
        _("Konsol antrean"),
        "queueing:console_home",
        access_for(*policy.STAFF_ROLES),
        group=SERVICES,
        order=210,
    ),
    # Staff reach analytics and set-up from the console's pages (a short menu); auditors,
    # who have no console, get the analytics entry.
    NavItem(
        _("Analitik antrean"),
        "queueing:analytics",
        access_for(Role.AUDITOR),
        group=SERVICES,
        order=220,
    ),
)

WAITING = (
    Waiting(
        _("Pasien sudah hadir, menunggu dipanggil hari ini"),
        "queueing:console_home",
        access_for(*policy.STAFF_ROLES),
        selectors.patients_checked_in_today,
        order=100,
    ),
)

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

# A live count: patients check in and are called all day, so no data version could follow it
# without every ticket write updating one shared row (the ticket path's own target). The home
# page keeps it this long per officer; the counter's console itself is always live.
PATIENTS_WAITING_SECONDS = 10

WAITING = (
    Waiting(
        _("Pasien sudah hadir, menunggu dipanggil hari ini"),
        "queueing:console_home",
        access_for(*policy.STAFF_ROLES),
        selectors.patients_checked_in_today,
        order=100,
        cache_seconds=PATIENTS_WAITING_SECONDS,
    ),
)

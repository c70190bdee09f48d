"""Menu entries of the puskesmas queue."""

from django.utils.translation import gettext_lazy as _

from garda.core import navigation
from garda.core.permissions import access_for
from garda.core.roles import PUBLIC, Role
from garda.queueing import policy

navigation.register(
    navigation.NavItem(
        _("Antrean Puskesmas"),
        "queueing:index",
        access_for(PUBLIC),
        group=navigation.SERVICES,
        order=200,
    ),
    navigation.NavItem(
        _("Konsol antrean"),
        "queueing:console_home",
        access_for(*policy.STAFF_ROLES),
        group=navigation.SERVICES,
        order=210,
    ),
    # Staff reach analytics and set-up from the console's pages (a short menu); auditors,
    # who have no console, get the analytics entry.
    navigation.NavItem(
        _("Analitik antrean"),
        "queueing:analytics",
        access_for(Role.AUDITOR),
        group=navigation.SERVICES,
        order=220,
    ),
)

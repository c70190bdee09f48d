"""Menu entries of the puskesmas queue."""

from django.utils.translation import gettext_lazy as _

from garda.core import navigation
from garda.core.permissions import access_for
from garda.core.roles import PUBLIC
from garda.queueing import policy

navigation.register(
    navigation.NavItem(_("Antrean Puskesmas"), "queueing:index", access_for(PUBLIC), order=200),
    navigation.NavItem(
        _("Konsol antrean"), "queueing:console_home", access_for(*policy.STAFF_ROLES), order=210
    ),
    navigation.NavItem(
        _("Analitik antrean"), "queueing:analytics", access_for(*policy.READER_ROLES), order=220
    ),
    navigation.NavItem(
        _("Kelola puskesmas"), "queueing:manage_list", access_for(*policy.MANAGER_ROLES), order=230
    ),
)

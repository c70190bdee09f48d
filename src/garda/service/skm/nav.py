"""Menu entries of the satisfaction survey."""

from django.utils.translation import gettext_lazy as _

from garda.core.home import Waiting
from garda.core.navigation import SERVICES, NavItem
from garda.core.permissions import access_for
from garda.core.roles import PUBLIC
from garda.service.skm import stamp
from garda.service.skm.selectors import suggestions_waiting_count
from garda.service.skm.views_staff import STAFF_READ, STAFF_WRITE

MENU = (
    NavItem(_("Hasil SKM"), "skm:public_index", access_for(PUBLIC), group=SERVICES, order=300),
    NavItem(_("Survei kepuasan"), "skm:surveys", STAFF_READ, group=SERVICES, order=310),
    NavItem(_("Saran masyarakat"), "skm:suggestions", STAFF_READ, group=SERVICES, order=320),
)

# Suggestions are routed to the unit's head (emails.py) and answered from the inbox.
WAITING = (
    Waiting(
        _("Saran masyarakat belum ditanggapi"),
        "skm:suggestions",
        STAFF_WRITE,
        suggestions_waiting_count,
        order=320,
        versions=(stamp.NAME,),
        cache_seconds=stamp.CACHE_SECONDS,
    ),
)

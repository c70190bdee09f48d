"""Menu entries of the satisfaction survey."""

from django.utils.translation import gettext_lazy as _

from garda.core.navigation import SERVICES, NavItem
from garda.core.permissions import access_for
from garda.core.roles import PUBLIC
from garda.service.skm.views_staff import STAFF_READ

MENU = (
    NavItem(_("Hasil SKM"), "skm:public_index", access_for(PUBLIC), group=SERVICES, order=300),
    NavItem(_("Survei kepuasan"), "skm:surveys", STAFF_READ, group=SERVICES, order=310),
    NavItem(_("Saran masyarakat"), "skm:suggestions", STAFF_READ, group=SERVICES, order=320),
)

"""Menu entries of the innovation app."""

from django.utils.translation import gettext_lazy as _

from garda.core.navigation import SERVICES, NavItem
from garda.core.permissions import access_for
from garda.core.roles import PUBLIC
from garda.service.innovation import policy

MENU = (
    NavItem(
        _("Galeri Inovasi"), "innovation:showcase", access_for(PUBLIC), group=SERVICES, order=400
    ),
    NavItem(
        _("Inovasi saya dan unit"),
        "innovation:manage",
        access_for(*policy.READER_ROLES),
        group=SERVICES,
        order=410,
    ),
    NavItem(
        _("Indeks Inovasi Daerah"),
        "innovation:region",
        access_for(*policy.READER_ROLES),
        group=SERVICES,
        order=420,
    ),
    NavItem(
        _("Inovasi se-provinsi"),
        "innovation:province",
        access_for(*policy.PROVINCE_VIEW_ROLES),
        group=SERVICES,
        order=430,
    ),
)

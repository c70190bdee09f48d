"""Menu entries of the budget portal and open data: public, so every visitor sees them."""

from django.utils.translation import gettext_lazy as _

from garda.core.navigation import OPENNESS, NavItem, register
from garda.core.permissions import access_for
from garda.core.roles import PUBLIC, Role

register(
    NavItem(
        _("Anggaran"), "transparency:budget:index", access_for(PUBLIC), group=OPENNESS, order=600
    ),
    NavItem(
        _("Data Terbuka"),
        "transparency:opendata:catalog",
        access_for(PUBLIC),
        group=OPENNESS,
        order=610,
    ),
    NavItem(
        _("Impor Anggaran"),
        "transparency:budget:import",
        access_for(Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD),
        group=OPENNESS,
        order=620,
    ),
)

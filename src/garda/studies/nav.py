"""Menu entries of the studies app, in the Pelatihan group."""

from django.utils.translation import gettext_lazy as _

from garda.core.navigation import LEARNING, NavItem
from garda.studies.access import ADMIN_READ, PUBLIC_ACCESS, SIGNED_IN_ACCESS

MENU = (
    NavItem(_("Tugas & Izin Belajar"), "studies:home", SIGNED_IN_ACCESS, group=LEARNING, order=260),
    NavItem(_("Dasbor Studi"), "studies:dashboard", ADMIN_READ, group=LEARNING, order=270),
    NavItem(_("Aturan Studi"), "studies:rules", ADMIN_READ, group=LEARNING, order=275),
    NavItem(_("Statistik Studi ASN"), "studies:public", PUBLIC_ACCESS, group=LEARNING, order=280),
)

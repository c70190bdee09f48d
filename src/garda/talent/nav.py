"""Menu entries of talent management and IP ASN."""

from django.utils.translation import gettext_lazy as _

from garda.core.navigation import PEOPLE, NavItem
from garda.talent import policy

MENU = (
    NavItem(_("Talenta saya"), "talent:my_talent", policy.OWN, group=PEOPLE, order=210),
    NavItem(_("Kotak talenta"), "talent:grid", policy.DASHBOARD, group=PEOPLE, order=220),
    NavItem(_("IP ASN"), "talent:ip_dashboard", policy.DASHBOARD, group=PEOPLE, order=225),
    NavItem(_("Tabel IP ASN"), "talent:ip_editions", policy.IP_TABLES_READ, group=PEOPLE,
            order=226),
    NavItem(_("Rencana suksesi"), "talent:succession", policy.DASHBOARD, group=PEOPLE, order=230),
    NavItem(
        _("Kalibrasi talenta"), "talent:calibration_list", policy.CALIBRATE, group=PEOPLE,
        order=235,
    ),
    NavItem(_("Batas sumbu kinerja"), "talent:cutoffs", policy.CALIBRATE, group=PEOPLE, order=237),
    NavItem(_("Batas sumbu potensial"), "talent:potensial_cutoffs", policy.CALIBRATE,
            group=PEOPLE, order=238),
    NavItem(_("Hukuman disiplin"), "talent:sanctions", policy.DISCIPLINE_READ, group=PEOPLE,
            order=240),
    NavItem(_("Impor SKP"), "talent:skp_import", policy.RECORDS_WRITE, group=PEOPLE, order=241),
    NavItem(_("Impor potensial"), "talent:potensial_import", policy.RECORDS_WRITE, group=PEOPLE,
            order=242),
    NavItem(_("Impor hukuman disiplin"), "talent:disiplin_import", policy.DISCIPLINE_WRITE,
            group=PEOPLE, order=243),
)  # fmt: skip

"""Menu entries of PPID, the budget portal and open data."""

from django.utils.translation import gettext_lazy as _

from garda.core.home import Waiting
from garda.core.navigation import OPENNESS, NavItem
from garda.core.permissions import access_for
from garda.core.roles import PUBLIC, Role
from garda.transparency.ppid import home as ppid_home
from garda.transparency.ppid import stamp as ppid_stamp
from garda.transparency.ppid.policy import CONSOLE_ACCESS

MENU = (
    NavItem(
        _("Informasi Publik"),
        "transparency:ppid:home",
        access_for(PUBLIC),
        group=OPENNESS,
        order=300,
    ),
    NavItem(
        _("Permohonan (petugas)"),
        "transparency:ppid:console",
        CONSOLE_ACCESS,
        group=OPENNESS,
        order=310,
    ),
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

WAITING = (
    Waiting(
        _("Permohonan informasi belum dijawab"),
        "transparency:ppid:console",
        CONSOLE_ACCESS,
        ppid_home.requests_open_count,
        order=300,
        versions=(ppid_stamp.NAME,),
        cache_seconds=ppid_stamp.CACHE_SECONDS,
    ),
    Waiting(
        _("Permohonan informasi melewati tenggat"),
        "transparency:ppid:console",
        CONSOLE_ACCESS,
        ppid_home.requests_overdue_count,
        order=301,
        versions=(ppid_stamp.NAME,),
        cache_seconds=ppid_stamp.CACHE_SECONDS,
    ),
)

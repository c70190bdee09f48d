"""Menu entries of the JP ledger."""

from django.utils.translation import gettext_lazy as _

from garda.core.home import Panel, Waiting
from garda.core.navigation import LEARNING, NavItem
from garda.learning.ledger import home, policy, stamp

MENU = (
    NavItem(_("JP saya"), "ledger:my_jp", policy.OWN_ACCESS, group=LEARNING, order=215),
    NavItem(
        _("Kepatuhan JP"), "ledger:dashboard", policy.DASHBOARD_ACCESS, group=LEARNING, order=240
    ),
    NavItem(
        _("Verifikasi JP"), "ledger:verify_list", policy.VERIFY_ACCESS, group=LEARNING, order=250
    ),
    NavItem(_("Aturan JP"), "ledger:rules", policy.RULES_READ_ACCESS, group=LEARNING, order=260),
)

WAITING = (
    Waiting(
        _("Pengajuan JP menunggu verifikasi"),
        "ledger:verify_list",
        policy.VERIFY_ACCESS,
        home.submissions_waiting_count,
        order=250,
        versions=(stamp.NAME,),
        cache_seconds=stamp.CACHE_SECONDS,
    ),
)

PANELS = (
    Panel(
        "jp",
        "ledger/home_panel.html",
        policy.OWN_ACCESS,
        home.panel,
        order=200,
        versions=(stamp.NAME,),
        cache_seconds=stamp.CACHE_SECONDS,
    ),
)

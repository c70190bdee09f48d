"""Menu entries of the learning app. Three, to keep the bar on
one line: approvers reach their queue from "Pelatihan Saya"."""

from django.utils.translation import gettext_lazy as _

from garda.core.home import Panel, Waiting
from garda.core.navigation import LEARNING, NavItem
from garda.learning import home, stamp
from garda.learning.access import ADMIN_READ, APPROVERS, PUBLIC_ACCESS, SIGNED_IN_ACCESS

MENU = (
    NavItem(
        _("Katalog Pelatihan"),
        "learning:catalog",
        PUBLIC_ACCESS,
        group=LEARNING,
        order=200,
    ),
    NavItem(_("Pelatihan Saya"), "learning:my", SIGNED_IN_ACCESS, group=LEARNING, order=210),
    NavItem(_("Kelola Pelatihan"), "learning:manage", ADMIN_READ, group=LEARNING, order=230),
)

WAITING = (
    Waiting(
        _("Pendaftaran pelatihan menunggu keputusan Anda"),
        "learning:approvals",
        APPROVERS,
        home.approvals_waiting_count,
        order=200,
        versions=(stamp.NAME,),
        cache_seconds=stamp.CACHE_SECONDS,
    ),
)

PANELS = (
    Panel(
        "pelatihan",
        "learning/home_panel.html",
        SIGNED_IN_ACCESS,
        home.panel,
        order=210,
        versions=(stamp.NAME,),
        cache_seconds=stamp.CACHE_SECONDS,
    ),
)

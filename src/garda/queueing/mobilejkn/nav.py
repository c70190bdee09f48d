"""Menu entry of the Mobile JKN bridge's set-up."""

from django.utils.translation import gettext_lazy as _

from garda.core.navigation import SERVICES, NavItem
from garda.queueing.mobilejkn.policy import BRIDGE_ADMIN

MENU = (
    NavItem(
        label=_("Mobile JKN"),
        url_name="mobilejkn:bridge_list",
        access=BRIDGE_ADMIN,
        icon="phone",
        group=SERVICES,
        order=262,
    ),
)

"""Menu entries of the JP ledger."""

from django.utils.translation import gettext_lazy as _

from garda.core.navigation import NavItem, register
from garda.learning.ledger import policy

register(
    NavItem(_("JP saya"), "ledger:my_jp", policy.OWN_ACCESS, order=310),
    NavItem(_("Kepatuhan JP"), "ledger:dashboard", policy.DASHBOARD_ACCESS, order=320),
    NavItem(_("Verifikasi JP"), "ledger:verify_list", policy.VERIFY_ACCESS, order=330),
)

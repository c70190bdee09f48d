"""Menu entries of the ASN registry and the unit tree."""

from django.utils.translation import gettext_lazy as _

from garda.core.navigation import PEOPLE, NavItem
from garda.core.permissions import SIGNED_IN, access_for
from garda.core.roles import Role
from garda.people.views import EMPLOYEE_LIST_ACCESS

MENU = (
    NavItem(_("Data ASN"), "people:employee_list", EMPLOYEE_LIST_ACCESS, group=PEOPLE, order=150),
    NavItem(
        _("Data Kepegawaian Saya"),
        "people:self_profile",
        access_for(Role.ASN, Role.ATASAN),
        group=PEOPLE,
        order=160,
    ),
    NavItem(_("Unit Kerja"), "people:unit_tree", SIGNED_IN, group=PEOPLE, order=200),
)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "garda.people"
    label = "people"
    verbose_name = _("Kepegawaian")

    def ready(self) -> None:
        from garda.core import navigation
        from garda.core.permissions import SIGNED_IN, access_for
        from garda.core.roles import Role
        from garda.people.views import EMPLOYEE_LIST_ACCESS

        navigation.register(
            navigation.NavItem(
                _("Data ASN"),
                "people:employee_list",
                EMPLOYEE_LIST_ACCESS,
                group=navigation.PEOPLE,
                order=150,
            ),
            navigation.NavItem(
                _("Unit Kerja"), "people:unit_tree", SIGNED_IN, group=navigation.PEOPLE, order=200
            ),
            navigation.NavItem(
                _("Data Kepegawaian Saya"),
                "people:self_profile",
                access_for(Role.ASN, Role.ATASAN),
                group=navigation.PEOPLE,
                order=160,
            ),
        )

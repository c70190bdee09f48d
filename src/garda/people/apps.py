from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "garda.people"
    label = "people"
    verbose_name = _("Kepegawaian")

    def ready(self) -> None:
        from garda.core import navigation
        from garda.core.permissions import SIGNED_IN

        navigation.register(
            navigation.NavItem(_("Unit Kerja"), "people:unit_tree", SIGNED_IN, order=200)
        )

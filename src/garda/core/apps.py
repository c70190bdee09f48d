from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "garda.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from garda.core import navigation
        from garda.core.permissions import SIGNED_IN, access_for
        from garda.core.roles import Role

        navigation.register(
            navigation.NavItem(
                _("Profil Saya"), "core:profile", SIGNED_IN, group=navigation.PEOPLE, order=900
            ),
            navigation.NavItem(
                _("Kalender Kerja"),
                "calendar:page",
                access_for(Role.ADMIN_PROVINSI, Role.AUDITOR, Role.PPID),
                order=850,
            ),
            navigation.NavItem(
                _("Log Audit"),
                "core:audit_log",
                access_for(Role.AUDITOR, Role.ADMIN_PROVINSI),
                order=800,
            ),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkmConfig(AppConfig):
    name = "garda.service.skm"
    label = "skm"
    verbose_name = _("Survei Kepuasan Masyarakat")

    def ready(self) -> None:
        # Models and the apps below are importable only once the registry is ready.
        from garda.service.skm import invitations, population

        # The queue's ticket page and PPID's tracking page offer the survey once the service
        # is finished; both count the unit's users for the minimum sample.
        invitations.register()
        population.register_defaults()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "garda.learning"
    label = "learning"
    verbose_name = _("Pengembangan Kompetensi")

    def ready(self) -> None:
        # Writes to what the home page shows of learning bump its data version (stamp.py).
        from garda.learning import stamp  # the app registry must be ready

        stamp.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QueueingConfig(AppConfig):
    name = "garda.queueing"
    label = "queueing"
    verbose_name = _("Antrean Puskesmas")

    def ready(self) -> None:
        from garda.queueing import queue_nav  # noqa: F401  # registers the menu entries

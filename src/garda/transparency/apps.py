from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "garda.transparency"
    label = "transparency"
    verbose_name = _("Keterbukaan")

    def ready(self) -> None:
        # The budget portal hears of training cost changes from learning (core.events).
        from garda.learning.events import batch_events
        from garda.transparency.budget.listeners import batch_funding_changed

        batch_events.subscribe(batch_funding_changed)

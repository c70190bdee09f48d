from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "garda.transparency"
    label = "transparency"
    verbose_name = _("Keterbukaan")

    def ready(self) -> None:
        # The budget portal hears of training cost changes from learning (core.events).
        from garda.core.audit.credentials import register_exposed_code_rotator
        from garda.learning.events import batch_events
        from garda.transparency.budget.listeners import batch_funding_changed
        from garda.transparency.ppid.services import request_tracking_code_rotate

        batch_events.subscribe(batch_funding_changed)
        register_exposed_code_rotator(
            "transparency.informationrequest",
            lambda object_id, exposed: request_tracking_code_rotate(
                actor=None, request_id=int(object_id), exposed=exposed
            ),
        )

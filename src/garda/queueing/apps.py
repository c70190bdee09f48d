from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QueueingConfig(AppConfig):
    name = "garda.queueing"
    label = "queueing"
    verbose_name = _("Antrean Puskesmas")

    def ready(self) -> None:
        # Models and other apps are importable only once the registry is ready.
        from garda.core.audit.credentials import register_exposed_code_rotator
        from garda.queueing.services.codes import ticket_booking_code_rotate

        # Booking codes published by audit entries of version 1 are replaced while still valid.
        register_exposed_code_rotator(
            "queueing.ticket",
            lambda object_id, exposed: ticket_booking_code_rotate(
                actor=None, ticket_id=int(object_id), exposed=exposed
            ),
        )

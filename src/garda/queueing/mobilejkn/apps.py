from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobileJknConfig(AppConfig):
    name = "garda.queueing.mobilejkn"
    label = "mobilejkn"
    verbose_name = _("Jembatan Mobile JKN")

    def ready(self) -> None:
        # Models and other apps are importable only once the registry is ready.
        from garda.core.machine import register_machine_path
        from garda.core.outage import register_outage_answer
        from garda.queueing import events
        from garda.queueing.mobilejkn import envelope, status_cache
        from garda.queueing.mobilejkn.services import outbox

        # Outbox rows are written inside the ticket's transaction (durable with it); the
        # status cache forgets a poli's day whenever one of its tickets changes.
        events.subscribe(outbox.record_ticket_event)
        events.subscribe(status_cache.forget_for_ticket)
        # While the database is away, BPJS hears it in its own envelope (code 201).
        register_outage_answer("/mobilejkn/", envelope.outage_answer)
        # Machine endpoints: served without the session stack (core/machine.py).
        register_machine_path("/mobilejkn/", "garda.queueing.mobilejkn.machine_urls")

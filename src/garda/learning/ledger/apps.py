from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "garda.learning.ledger"
    label = "ledger"
    verbose_name = _("Buku JP")

    def ready(self) -> None:
        # The compliance counts follow the registry and the unit tree, which sit below this
        # app and announce their changes (decision 0019).
        from garda.core.org.events import units  # app registry must be ready first
        from garda.learning.ledger.services.tallies import on_placements, unit_moved
        from garda.people.events import placements

        placements.subscribe(on_placements)
        units.subscribe(unit_moved)

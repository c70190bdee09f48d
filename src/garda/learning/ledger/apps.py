from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "garda.learning.ledger"
    label = "ledger"
    verbose_name = _("Buku JP")

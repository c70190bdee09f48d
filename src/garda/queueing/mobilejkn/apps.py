from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobileJknConfig(AppConfig):
    name = "garda.queueing.mobilejkn"
    label = "mobilejkn"
    verbose_name = _("Jembatan Mobile JKN")

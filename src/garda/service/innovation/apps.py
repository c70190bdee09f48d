from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "garda.service.innovation"
    label = "innovation"
    verbose_name = _("Inovasi Pelayanan")

    def ready(self) -> None:
        # The measures and the open dataset reach into other apps' selectors: importable only
        # once the registry is ready.
        from garda.service.innovation import measures_builtin, opendata, skm_link

        measures_builtin.register_all()
        opendata.register()
        skm_link.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencyConfig(AppConfig):
    name = "garda.competency"
    label = "competency"
    verbose_name = _("Kompetensi")

    def ready(self) -> None:
        # The heat map's kept counts follow an ASN moved to another unit; the registry sits
        # below this app and announces it (decision 0024, as the JP counts do in 0019).
        from garda.competency.services.tallies import on_placements  # registry must be ready
        from garda.people.events import placements

        placements.subscribe(on_placements)

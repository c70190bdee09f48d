"""The competency dictionary (8 manajerial + Perekat Bangsa, levels 1–5), the two JPM band
tables, the JPM setting and the non-classical development options, from dictionary_data."""

from decimal import Decimal

from django.db import migrations

from garda.competency import dictionary_data as data


def load(apps, schema_editor):
    Competency = apps.get_model("competency", "Competency")
    CompetencyLevel = apps.get_model("competency", "CompetencyLevel")
    JpmBand = apps.get_model("competency", "JpmBand")
    CompetencySetting = apps.get_model("competency", "CompetencySetting")
    DevelopmentOption = apps.get_model("competency", "DevelopmentOption")
    LearningForm = apps.get_model("ledger", "LearningForm")
    for order, (code, name, kind, definition, levels) in enumerate(data.COMPETENCIES, start=1):
        competency, _created = Competency.objects.get_or_create(
            code=code, instansi=None,
            defaults={"name": name, "kind": kind, "description": definition,
                      "edition": data.DICTIONARY_EDITION, "order": order},
        )  # fmt: skip
        for level, text in enumerate(levels, start=1):
            CompetencyLevel.objects.get_or_create(
                competency=competency, level=level, defaults={"description": text}
            )
    for scheme, code, label, lowest in data.JPM_BANDS:
        JpmBand.objects.get_or_create(
            scheme=scheme, code=code,
            defaults={"label": label, "min_jpm": Decimal(lowest), "edition": data.BAND_EDITION},
        )  # fmt: skip
    CompetencySetting.objects.get_or_create(
        pk=1, defaults={"jpm_capped": False, "edition": "capacity.md §1 [?]: default tidak dibatasi"}
    )
    for order, (form_code, title, jp, cost) in enumerate(data.DEVELOPMENT_OPTIONS, start=1):
        form = LearningForm.objects.filter(code=form_code).first()
        if form is not None:
            DevelopmentOption.objects.get_or_create(
                form=form,
                defaults={"title": title, "jp": jp, "cost": cost, "order": order,
                          "edition": data.OPTION_EDITION},
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("competency", "0001_initial"), ("ledger", "0002_seed_learning_forms")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

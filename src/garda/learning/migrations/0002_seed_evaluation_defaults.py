"""The Kirkpatrick-3 delays in use (asn.md): 4 months after technical training, 12 after
managerial. Rows an admin edits; a new program copies the value for its kind."""

from django.db import migrations

DEFAULTS = [
    ("teknis", "Pelatihan teknis/fungsional", 4),
    ("manajerial", "Pelatihan manajerial/kepemimpinan", 12),
]


def seed(apps, schema_editor):
    model = apps.get_model("learning", "EvaluationDefault")
    for key, name, months in DEFAULTS:
        model.objects.get_or_create(key=key, defaults={"name": name, "months": months})


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Who heads a unit moves off the unit row into people.UnitHead, so the unit tree can live in
core without knowing about employees (docs/decisions/0007). Existing heads are copied over."""

import django.db.models.deletion
from django.db import migrations, models


def copy_heads(apps, schema_editor):
    Unit = apps.get_model("people", "Unit")
    UnitHead = apps.get_model("people", "UnitHead")
    UnitHead.objects.bulk_create(
        UnitHead(unit_id=unit_id, employee_id=head_id)
        for unit_id, head_id in Unit.objects.filter(head__isnull=False).values_list("pk", "head_id")
    )


def copy_heads_back(apps, schema_editor):
    Unit = apps.get_model("people", "Unit")
    UnitHead = apps.get_model("people", "UnitHead")
    for unit_id, employee_id in UnitHead.objects.values_list("unit_id", "employee_id"):
        Unit.objects.filter(pk=unit_id).update(head_id=employee_id)


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_employee_name_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitHead",
            fields=[
                (
                    "unit",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="head_post",
                        serialize=False,
                        to="people.unit",
                        verbose_name="unit",
                    ),
                ),
                (
                    "employee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="headed_units",
                        to="people.employee",
                        verbose_name="kepala unit",
                    ),
                ),
            ],
            options={"verbose_name": "kepala unit", "verbose_name_plural": "kepala unit"},
        ),
        migrations.RunPython(copy_heads, copy_heads_back),
        migrations.RemoveField(model_name="unit", name="head"),
    ]

"""The unit tree now belongs to core (core 0005); people lets go of it in Django's state.
The tables are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0004_unit_head"),
        ("core", "0005_org_tree"),
        ("learning", "0003_units_in_core"),
        ("queueing", "0005_units_in_core"),
        ("transparency", "0002_units_in_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="employee",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="employees",
                        to="core.unit",
                        verbose_name="unit kerja",
                    ),
                ),
                migrations.AlterField(
                    model_name="unithead",
                    name="unit",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="head_post",
                        serialize=False,
                        to="core.unit",
                        verbose_name="unit",
                    ),
                ),
                migrations.RemoveField(model_name="unit", name="parent"),
                migrations.DeleteModel(name="UnitHistory"),
                migrations.DeleteModel(name="Unit"),
            ],
            database_operations=[],
        ),
    ]

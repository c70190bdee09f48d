"""Copies of the employee's name, NIP and unit on each search word (decision 0020, revision),
filled for the words already stored, and the covering index a search is read from."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """One UPDATE with correlated lookups by primary key: the same SQL on both databases."""
    Employee = apps.get_model("people", "Employee")
    EmployeeWord = apps.get_model("people", "EmployeeWord")
    quote = schema_editor.quote_name
    words = quote(EmployeeWord._meta.db_table)
    employees = quote(Employee._meta.db_table)
    match = f"e.{quote('id')} = {words}.{quote('employee_id')}"
    columns = ", ".join(
        f"{quote(c)} = (SELECT e.{quote(c)} FROM {employees} e WHERE {match})"  # noqa: S608  # names from the models
        for c in ("name", "nip", "unit_id")
    )
    schema_editor.execute(f"UPDATE {words} SET {columns}")  # noqa: S608  # names from the models
    if schema_editor.connection.vendor == "postgresql":
        # The UPDATE queued the deferred foreign-key checks of the rows it touched; PostgreSQL
        # refuses the ALTER TABLE steps below while such events are pending in the transaction
        # (a restore of an older archive migrates with rows present). Run the checks now and
        # defer again, as Django's own check_constraints() does.
        schema_editor.connection.check_constraints()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_org_tree"),
        ("people", "0007_employee_word"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="employeeword", name="employee_word_word"),
        migrations.AddField(
            model_name="employeeword",
            name="name",
            field=models.CharField(default="", max_length=150, verbose_name="nama"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="employeeword",
            name="nip",
            field=models.CharField(default="", max_length=18, verbose_name="NIP / NI PPPK"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="employeeword",
            name="unit",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="core.unit",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="employeeword",
            name="unit",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="core.unit",
            ),
        ),
        migrations.AddIndex(
            model_name="employeeword",
            index=models.Index(
                fields=["word", "unit", "name", "nip", "employee"], name="employee_word_cover"
            ),
        ),
    ]

"""The words employees are found by (people.search, decision 0020), filled for the employees
already stored. On PostgreSQL the word column gets the "C" collation, so that its B-tree orders
words by code point as SQLite and Python do, and a prefix is one range of the index."""

import django.db.models.deletion
from django.db import migrations, models

from garda.people.search import employee_word_rows

CHUNK = 5000


def c_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("people", "EmployeeWord")._meta.db_table)
    schema_editor.execute(
        f'ALTER TABLE {table} ALTER COLUMN "word" TYPE varchar(40) COLLATE "C"'
    )


def fill(apps, schema_editor):
    Employee = apps.get_model("people", "Employee")
    EmployeeWord = apps.get_model("people", "EmployeeWord")
    people = Employee.objects.order_by("pk").values_list(
        "pk", "name", "gelar_depan", "gelar_belakang"
    )
    rows = employee_word_rows(people.iterator(chunk_size=CHUNK))
    EmployeeWord.objects.bulk_create(
        [EmployeeWord(employee_id=pk, word=word) for pk, word in rows], batch_size=CHUNK
    )


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0006_canonical_identity'),
    ]

    operations = [
        migrations.CreateModel(
            name='EmployeeWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=40, verbose_name='kata')),
                ('employee', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.employee')),
            ],
            options={
                'verbose_name': 'kata pencarian pegawai',
                'verbose_name_plural': 'kata pencarian pegawai',
                'indexes': [models.Index(fields=['word', 'employee'], name='employee_word_word')],
                'constraints': [models.UniqueConstraint(fields=('employee', 'word'), name='employee_word_unique')],
            },
        ),
        migrations.RunPython(c_collation, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

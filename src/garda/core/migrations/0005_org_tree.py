"""The unit tree moves from people to core (docs/decisions/0007). Its tables keep their names
(people_unit, people_unithistory), so this changes Django's state only, not the database."""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_calendar'),
        ('people', '0004_unit_head'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Unit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diubah')),
                        ('code', models.CharField(max_length=40, unique=True, verbose_name='kode')),
                        ('name', models.CharField(max_length=200, verbose_name='nama')),
                        ('kind', models.CharField(choices=[('instansi', 'Instansi'), ('opd', 'OPD'), ('bidang', 'Bidang/Bagian'), ('upt', 'UPT'), ('puskesmas', 'Puskesmas'), ('lainnya', 'Lainnya')], max_length=16, verbose_name='jenis')),
                        ('path', models.CharField(db_index=True, default='', editable=False, max_length=255, verbose_name='jalur')),
                        ('active_from', models.DateField(blank=True, null=True, verbose_name='aktif sejak')),
                        ('active_until', models.DateField(blank=True, null=True, verbose_name='aktif sampai')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='core.unit', verbose_name='induk')),
                    ],
                    options={
                        'verbose_name': 'unit kerja',
                        'verbose_name_plural': 'unit kerja',
                        'db_table': 'people_unit',
                        'ordering': ['path'],
                    },
                ),
                migrations.AlterField(
                    model_name='user',
                    name='unit',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='users', to='core.unit', verbose_name='unit kerja'),
                ),
                migrations.CreateModel(
                    name='UnitHistory',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=40, verbose_name='kode')),
                        ('name', models.CharField(max_length=200, verbose_name='nama')),
                        ('valid_until', models.DateField(verbose_name='berlaku sampai')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='dicatat')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.unit')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='core.unit')),
                    ],
                    options={
                        'verbose_name': 'riwayat unit',
                        'verbose_name_plural': 'riwayat unit',
                        'db_table': 'people_unithistory',
                        'ordering': ['unit', '-recorded_at'],
                    },
                ),
                migrations.AddIndex(
                    model_name='unit',
                    index=models.Index(django.db.models.functions.text.Lower('name'), name='unit_name_lower'),
                ),
                migrations.AddConstraint(
                    model_name='unit',
                    constraint=models.CheckConstraint(condition=models.Q(('active_until__isnull', True), ('active_from__isnull', True), ('active_until__gte', models.F('active_from')), _connector='OR'), name='unit_active_dates_ordered'),
                ),
            ],
            database_operations=[],
        ),
    ]

"""The unit tree moved to core with its tables unchanged: only Django's state follows it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_org_tree'),
        ('transparency', '0001_ppid'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='budgetline',
                    name='instansi',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.unit', verbose_name='instansi'),
                ),
                migrations.AlterField(
                    model_name='budgetline',
                    name='opd',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.unit', verbose_name='OPD'),
                ),
                migrations.AlterField(
                    model_name='budgetline',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.unit', verbose_name='unit'),
                ),
                migrations.AlterField(
                    model_name='informationitem',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ppid_information_items', to='core.unit', verbose_name='instansi/OPD'),
                ),
                migrations.AlterField(
                    model_name='informationrequest',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ppid_requests', to='core.unit', verbose_name='instansi/OPD tujuan'),
                ),
            ],
            database_operations=[],
        ),
    ]

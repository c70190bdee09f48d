"""The unit tree moved to core with its tables unchanged: only Django's state follows it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_org_tree'),
        ('queueing', '0004_late_arrivals'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='facility',
                    name='kabupaten',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='queue_facilities_in_area', to='core.unit', verbose_name='kabupaten/kota'),
                ),
                migrations.AlterField(
                    model_name='facility',
                    name='unit',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='queue_facilities', to='core.unit', verbose_name='unit kerja'),
                ),
            ],
            database_operations=[],
        ),
    ]

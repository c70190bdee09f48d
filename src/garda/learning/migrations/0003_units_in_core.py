"""The unit tree moved to core with its tables unchanged: only Django's state follows it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_org_tree'),
        ('learning', '0002_seed_evaluation_defaults'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='batch',
                    name='organiser_unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='training_batches', to='core.unit', verbose_name='unit penyelenggara'),
                ),
                migrations.AlterField(
                    model_name='batchunitquota',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='core.unit', verbose_name='OPD'),
                ),
                migrations.AlterField(
                    model_name='program',
                    name='owner_unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='training_programs', to='core.unit', verbose_name='unit pemilik'),
                ),
            ],
            database_operations=[],
        ),
    ]

from django.db import migrations, models

import garda.core.dataversion


class Migration(migrations.Migration):
    dependencies = [("core", "0006_audit_version")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("name", models.CharField(max_length=32, primary_key=True, serialize=False, verbose_name="nama")),
                ("version", models.BigIntegerField(default=1, verbose_name="versi")),
                ("stamp", models.CharField(default=garda.core.dataversion.new_stamp, max_length=32, verbose_name="cap")),
                ("changed_at", models.DateTimeField(auto_now=True, verbose_name="diubah")),
            ],
            options={"verbose_name": "versi data", "verbose_name_plural": "versi data"},
        ),
    ]

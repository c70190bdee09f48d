"""Audit entries keep the version they were written in (docs/security.md, "The public audit
log"): every entry written so far is version 1, new ones version 2 (credentials as a keyed
digest). The version is part of the hashed bytes, so old entries still verify as written."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0005_org_tree"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="version",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="versi"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="version",
            field=models.PositiveSmallIntegerField(default=2, verbose_name="versi"),
        ),
    ]

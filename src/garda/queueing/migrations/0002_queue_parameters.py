"""Province-wide queue settings as rows an admin_provinsi edits."""

from typing import Any

from django.db import migrations

PARAMETERS = [
    (
        "retention_days",
        90,
        "Data pribadi tiket (nama, NIK, nomor kartu, nomor HP) dihapus setelah sekian hari; "
        "statistik anonim tetap disimpan.",
    ),
    (
        "waiting_standard_minutes",
        60,
        "Standar waktu tunggu rawat jalan (Kepmenkes 129/2008), dipakai di analitik.",
    ),
]


def seed(apps: Any, schema_editor: Any) -> None:
    QueueParameter = apps.get_model("queueing", "QueueParameter")
    for key, value, description in PARAMETERS:
        QueueParameter.objects.get_or_create(
            key=key, defaults={"value": value, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("queueing", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

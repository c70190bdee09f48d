from django.db import migrations


def seed(apps, schema_editor):
    LearningForm = apps.get_model("ledger", "LearningForm")
    SiasnMapping = apps.get_model("ledger", "SiasnMapping")
    for form in LearningForm.objects.all():
        # Leadership training is SIASN's riwayat diklat struktural; everything else a kursus.
        SiasnMapping.objects.get_or_create(
            form=form,
            defaults={
                "kind": "diklat" if form.is_leadership else "kursus",
                "jenis_kursus": "" if form.is_leadership else form.name[:80],
                "jenis_kompetensi": "Manajerial" if form.is_leadership else "",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("ledger", "0005_siasn")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Stored card, NIK and KK numbers of Mobile JKN patients in their canonical form
(core.identity, decision 0010); a card number another patient of the same facility already
holds in canonical form is left as stored and reported."""

from django.db import migrations

from garda.core.identity_migrations import canonicalise_field


def _card_conflict(model, pk, canonical):
    facility_id = model.objects.filter(pk=pk).values_list("facility_id", flat=True).get()
    return (
        model.objects.filter(facility_id=facility_id, card_number=canonical)
        .exclude(pk=pk)
        .exists()
    )


def forwards(apps, schema_editor):
    Patient = apps.get_model("mobilejkn", "Patient")
    canonicalise_field(Patient, "card_number", conflicts=_card_conflict)
    canonicalise_field(Patient, "nik")
    canonicalise_field(Patient, "family_card")


class Migration(migrations.Migration):
    dependencies = [("mobilejkn", "0002_delete_benchrow")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

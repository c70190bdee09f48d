"""Entries keep the JP their source stated, so a rule can be applied again (`jp_recompute`).

Backfill: a Garda training and a history import always wrote the figure they were given, so
that figure is what they stated; an approved submission stated what the ASN entered (or
nothing, when its form converts by day, session, semester or activity)."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    Entry = apps.get_model("ledger", "LedgerEntry")
    Submission = apps.get_model("ledger", "ExternalLearning")
    Entry.objects.filter(source_kind__in=["training", "import"]).update(stated_jp=models.F("jp"))
    for entry_id, stated in Submission.objects.filter(
        entry__isnull=False, stated_jp__isnull=False
    ).values_list("entry_id", "stated_jp"):
        Entry.objects.filter(pk=entry_id).update(stated_jp=stated)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0008_seed_ledger_stamp")]

    operations = [
        migrations.AddField(
            model_name="ledgerentry",
            name="stated_jp",
            field=models.DecimalField(
                blank=True, decimal_places=1, max_digits=5, null=True, verbose_name="JP tercantum"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]

"""Stored NIK and BPJS card numbers of tickets in their canonical form (core.identity,
decision 0010). An active ticket whose canonical number another active ticket of the same
poli and day already holds (one person booked twice by typing other digits) keeps its stored
value and is reported; it is not cancelled here, because a migration writes no audit entry
and the patient may be at the counter. Staff see both tickets and cancel one by hand."""

from django.db import migrations

from garda.core.identity_migrations import canonicalise_field

# TicketStatus values that hold a place (queueing.models.ACTIVE_STATUSES when written).
ACTIVE = ("booked", "checked_in", "called", "serving")


def _active_conflict(field):
    def conflicts(model, pk, canonical):
        ticket = model.objects.filter(pk=pk).values("poli_id", "service_date", "status").get()
        if ticket["status"] not in ACTIVE:
            return False
        return model.objects.filter(
            poli_id=ticket["poli_id"], service_date=ticket["service_date"],
            status__in=ACTIVE, **{field: canonical},
        ).exclude(pk=pk).exists()  # fmt: skip

    return conflicts


def forwards(apps, schema_editor):
    Ticket = apps.get_model("queueing", "Ticket")
    for field in ("nik", "card_number"):
        canonicalise_field(Ticket, field, conflicts=_active_conflict(field))


class Migration(migrations.Migration):
    dependencies = [("queueing", "0005_units_in_core")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

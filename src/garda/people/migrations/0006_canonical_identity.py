"""Stored NIP and NIK in their canonical form (core.identity, decision 0010).

The sign-in NIP on core's users table is done here too: it is the same number as the
employee's, and core's own migration numbers are left to the organisation-tree move."""

from django.db import migrations

from garda.core.identity_migrations import canonicalise_field, unique_conflict


def forwards(apps, schema_editor):
    Employee = apps.get_model("people", "Employee")
    for field in ("nip", "nik"):
        canonicalise_field(Employee, field, conflicts=unique_conflict(field))
    User = apps.get_model("core", "User")
    canonicalise_field(User, "nip", conflicts=unique_conflict("nip"))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_units_in_core"),
        ("core", "0005_org_tree"),
    ]

    # Backwards: nothing to undo, the canonical form is what every path now writes.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

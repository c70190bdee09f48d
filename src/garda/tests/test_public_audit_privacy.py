"""The public audit log over the whole demo: what every app writes stays masked when published."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from garda.core.audit.models import AuditEntry
from garda.core.audit.tree import tree_head_sign
from garda.people.models import Employee


@pytest.mark.django_db
def test_published_entries_hold_no_unmasked_personal_field() -> None:
    """Every entry of the demo data, as `entri/<seq>.json` publishes it: no value of any
    model's `personal_fields` appears unmasked (identity numbers, phones and emails anywhere;
    dates, names, places and addresses, which other records share by chance, in the entries
    about their own record). Employees' names are not personal fields and do appear: the
    canonical bytes carry them (object_label, after.name), as the public page says."""

    call_command("seed_demo", "--quiet-accounts", verbosity=0)
    head = tree_head_sign()
    entries = list(AuditEntry.objects.filter(seq__lte=head.tree_size))
    published = b"\n".join(entry.canonical() for entry in entries).decode()
    anywhere: set[str] = set()
    own: dict[tuple[str, str], set[str]] = {}
    for model in apps.get_models():
        fields = getattr(model, "personal_fields", frozenset())
        names = [f.attname for f in model._meta.concrete_fields if f.name in fields]
        for pk, *values in model._default_manager.values_list("pk", *names) if names else []:
            for value in values:
                text = value.isoformat() if hasattr(value, "isoformat") else str(value or "")
                if len(text) < 6:
                    continue
                if text.isdigit() or "@" in text:  # identity numbers, phones, emails: unique
                    anywhere.add(text)
                else:  # dates, names, places, addresses: shared by chance with other records
                    own.setdefault((model._meta.label_lower, str(pk)), set()).add(text)
    assert len(anywhere) > 500
    assert sum(map(len, own.values())) > 500
    assert [secret for secret in anywhere if secret in published] == []
    leaks = [
        (entry.seq, value)
        for entry in entries
        for value in own.get((entry.object_type, entry.object_id), set())
        if value in entry.canonical().decode()
    ]
    assert leaks == []
    someone = Employee.objects.order_by("pk").first()
    assert someone is not None
    assert f'"object_label":"{someone.name}"' in published

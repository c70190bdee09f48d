"""garda audit_rotate_exposed_codes: replace every credential that an audit entry of version 1
published and that still opens something (queue booking codes, PPID tracking codes), and tell
each holder. Run once after upgrading to audit version 2; running it again changes nothing."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from garda.core.audit.credentials import exposed_code_rotators, exposed_credentials
from garda.core.audit.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Ganti kode (booking antrean, pelacakan PPID) yang pernah tampil di log audit publik "
        "dan masih berlaku; pemegangnya diberi tahu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="hitung saja, tanpa mengganti")

    def handle(self, *args: Any, **options: Any) -> None:
        rotators = exposed_code_rotators()
        exposed: dict[tuple[str, str], set[str]] = defaultdict(set)
        old = AuditEntry.objects.filter(version=1, object_type__in=list(rotators))
        for object_type, object_id, before, after in old.values_list(
            "object_type", "object_id", "before", "after"
        ).iterator():
            codes = exposed_credentials(before) | exposed_credentials(after)
            if codes:
                exposed[(object_type, object_id)] |= codes
        rotated = 0
        with transaction.atomic():
            for (object_type, object_id), codes in sorted(exposed.items()):
                rotated += bool(rotators[object_type](object_id, frozenset(codes)))
            if options["dry_run"]:
                transaction.set_rollback(True)
        verb = "akan diganti" if options["dry_run"] else "diganti"
        self.stdout.write(
            f"{len(exposed)} catatan pernah menampilkan kodenya di log audit; "
            f"{rotated} kode yang masih berlaku {verb}."
        )

"""`garda rebuild_asn_search`: write the search words of every employee again (decision 0020).

Every employee write keeps the words itself; this is for data changed behind the services'
back (a restore of an older archive, a manual SQL fix)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from garda.people.services.search_index import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Tulis ulang kata pencarian semua pegawai ASN. / Rebuild the search words of every "
        "employee."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        stored = search_index_rebuild(actor=None)
        self.stdout.write(f"{stored} kata pencarian ditulis. / {stored} search words written.")

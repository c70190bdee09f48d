"""`{% employee_rows page %}`: the rows of the ASN list, written by one Python function.

The same 50 rows through the template engine (a loop of seven variables, two defaults and a
condition per row) cost 0.9 to 1.2 ms of a list page's 7 to 10 ms of CPU at Jambi size
(bench/registry_profile.py; decision 0020, revision 3). Every value is escaped here with the
standard library's `html.escape`, as Django's own `escape` does it.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from garda.people.models import EmployeeStatus
from garda.people.selectors import EmployeeRow

register = template.Library()

_ROW = (
    '<tr><td><a href="{url}">{name}</a></td>'
    '<td class="font-monospace small">{nip}</td>'
    '<td class="d-none d-md-table-cell">{golongan}</td>'
    '<td class="d-none d-md-table-cell small">{jabatan}</td>'
    '<td class="d-none d-lg-table-cell small">{unit}</td>'
    '<td><span class="badge text-bg-{badge}">{status}</span></td></tr>\n'
)
_NONE = "—"  # an empty golongan or jabatan


@register.simple_tag
def employee_rows(rows: Iterable[EmployeeRow]) -> SafeString:
    html = "".join(
        _ROW.format(
            url=escape(row.detail_url),
            name=escape(row.full_name),
            nip=escape(row.nip),
            golongan=escape(row.golongan_code or _NONE),
            jabatan=escape(row.jabatan_name or _NONE),
            unit=escape(row.unit),
            badge="success" if row.status == EmployeeStatus.AKTIF else "secondary",
            status=escape(row.status_label),
        )
        for row in rows
    )
    return mark_safe(html)  # noqa: S308  # every value escaped above

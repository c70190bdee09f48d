"""The ASN list's rows written in Python (people/templatetags/people_list.py) are the markup
the template loop wrote, escaping included."""

from __future__ import annotations

import re

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st

from garda.people.selectors import EmployeeRow
from garda.people.templatetags.people_list import employee_rows

# The loop the tag replaced, kept here as the reference it must match.
_TEMPLATE_LOOP = """{% for e in rows %}
    <tr>
      <td><a href="{{ e.detail_url }}">{{ e.full_name }}</a></td>
      <td class="font-monospace small">{{ e.nip }}</td>
      <td class="d-none d-md-table-cell">{{ e.golongan_code|default:"—" }}</td>
      <td class="d-none d-md-table-cell small">{{ e.jabatan_name|default:"—" }}</td>
      <td class="d-none d-lg-table-cell small">{{ e.unit }}</td>
      <td><span class="badge text-bg-{% if e.status == 'aktif' %}success{% else %}secondary{% endif %}">{{ e.status_label }}</span></td>
    </tr>
{% endfor %}"""  # noqa: E501  (the markup as the template had it)


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


_text = st.text(alphabet=st.sampled_from("aZ ,.'\"&<>—éÜ0"), max_size=12)
_rows = st.lists(
    st.builds(
        EmployeeRow,
        pk=st.integers(1, 10**6),
        nip=st.text(alphabet="0123456789", min_size=18, max_size=18),
        full_name=_text,
        golongan_code=st.one_of(st.none(), st.just(""), _text),
        jabatan_name=st.one_of(st.just(""), _text),
        unit=_text,
        status=st.sampled_from(["aktif", "pensiun", "cltn"]),
        status_label=_text,
        detail_url=st.builds(lambda pk: f"/pegawai/{pk}/?a=1&b=<", st.integers(1, 99)),
    ),
    max_size=5,
)


@settings(max_examples=60, deadline=None)
@given(rows=_rows)
def test_rows_are_the_markup_of_the_template_loop(rows: list[EmployeeRow]) -> None:
    expected = engines["django"].from_string(_TEMPLATE_LOOP).render({"rows": rows})
    assert _squeezed(employee_rows(rows)) == _squeezed(expected)


def test_a_name_with_markup_is_shown_as_text() -> None:
    row = EmployeeRow(1, "1" * 18, '<b>Siti "S" & Co</b>', None, "", "Dinas", "aktif", "Aktif")
    html = employee_rows([row])
    assert "&lt;b&gt;Siti &quot;S&quot; &amp; Co&lt;/b&gt;" in html
    assert "<b>" not in html
    assert 'class="d-none d-md-table-cell">—</td>' in html

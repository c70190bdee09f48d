"""ASN search (decision 0020): one meaning on SQLite and PostgreSQL, the same rows on the page,
the API and the selector, scope kept, and the word index kept by every employee write."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from garda.core.identity import make_nip
from garda.core.models import Unit
from garda.core.roles import Role
from garda.core.testing import UnitFactory, login_client, make_user
from garda.people import selectors
from garda.people.models import Employee, EmployeeWord, Golongan, JabatanKind
from garda.people.search import document_words, fold, prefix_bound, query_words
from garda.people.selectors import (
    employee_list,
    employee_list_is_narrowed,
    employee_ordered,
    employee_search,
    employee_search_ids,
)
from garda.people.services import employee_create, employee_update
from garda.people.services.asn_import import employee_import
from garda.people.services.search_index import search_index_rebuild
from garda.people.tests.test_import import row as import_row
from garda.people.tests.test_import import write_csv

pytestmark = pytest.mark.django_db

# --- Folding: pure functions --------------------------------------------------------------------


def test_fold_removes_case_and_accents() -> None:
    assert fold("RENÉE Ñandú") == "renee nandu"
    full_width = "".join(chr(0xFF00 + ord(c) - 0x20) for c in "SITI")  # some keyboards type it
    assert fold(full_width) == "siti"


def test_words_of_names_and_titles() -> None:
    assert document_words("Siti Rahmawati", "", "S.Kom., M.M.") == {
        "siti", "rahmawati", "skom", "s", "kom", "mm", "m",
    }  # fmt: skip
    assert document_words("Abdul-Rahman", "dr.", None) == {"abdulrahman", "abdul", "rahman", "dr"}
    assert query_words("  S.Kom.  siti SITI ") == ["skom", "siti"]
    assert query_words("... -") == []
    assert document_words("x" * 50) == {"x" * 40}
    assert query_words("x" * 50) == ["x" * 40]


def test_prefix_bound_is_the_first_string_after_the_prefix() -> None:
    assert prefix_bound("siti") == "sitj"
    assert "siti" <= "sitinah" < prefix_bound("siti")
    assert prefix_bound("siti") <= "sitj"


# --- The meaning, on the database under test ----------------------------------------------------


@pytest.fixture
def two_agencies() -> dict[str, Unit]:
    a = UnitFactory(code="S15", kind="instansi", name="Pemprov Uji")
    b = UnitFactory(code="S16", kind="instansi", name="Pemkab Uji")
    return {
        "a": a,
        "opd_a": UnitFactory(code="S15.A", kind="opd", name="Dinas Alpha", parent=a),
        "b": b,
        "opd_b": UnitFactory(code="S16.B", kind="opd", name="Dinas Beta", parent=b),
    }


def _person(unit: Unit, name: str, seq: int, **extra: Any) -> Employee:
    born = dt.date(1985, 1, 1) + dt.timedelta(days=seq * 37)
    return employee_create(
        actor=None, nip=make_nip(born, 2010, 3, "L", seq), kind="pns", name=name,
        birth_date=born, gender="L", unit_id=unit.pk,
        golongan_id=Golongan.objects.get(kind="pns", code="III/a").pk,
        tmt_golongan=dt.date(2010, 3, 1),
        jabatan_kind_id=JabatanKind.objects.get(code="pelaksana").pk, **extra,
    )  # fmt: skip


@pytest.fixture
def people(two_agencies: dict[str, Unit]) -> dict[str, Employee]:
    opd = two_agencies["opd_a"]
    return {
        "siti": _person(opd, "Siti Rahmawati", 1, gelar_belakang="S.Kom."),
        "sitinah": _person(opd, "Sitinah Lubis", 2),
        "rahmat": _person(opd, "Rahmat Hidayat", 3, gelar_depan="dr."),
        "nurrahman": _person(opd, "Nurrahman Saputra", 4),
        "renee": _person(opd, "Renée Putri", 5, gelar_belakang="S.E., M.M."),
        "abdul": _person(opd, "Abdul-Rahman Harahap", 6),
    }


# (query, keys of `people` it finds): the documented semantics, one line each.
MEANING = [
    ("siti", {"siti", "sitinah"}),  # the start of a word, not the whole word
    ("SITI", {"siti", "sitinah"}),  # case does not count
    ("rahma", {"siti", "rahmat", "abdul"}),  # any word of the name; "Nurrahman" is no start
    ("siti rahma", {"siti"}),  # every word must start a word (AND)
    ("rahma siti", {"siti"}),  # in any order
    ("siti hidayat", set()),
    ("S.Kom.", {"siti"}),  # a title, typed as printed
    ("skom", {"siti"}),  # or without its dots
    ("kom", {"siti"}),  # or a part of it
    ("dr.", {"rahmat"}),  # a title before the name
    ("m.m. putri", {"renee"}),
    ("renee", {"renee"}),  # accents do not count, either way
    ("Renée", {"renee"}),
    ("abdul-rahman", {"abdul"}),  # a hyphenated name as typed, or its parts
    ("rahman", {"abdul"}),
    ("ahma", set()),  # the inside of a word finds nothing
    ("...", set()),  # no letter or digit: nothing to start
]


def _found(queryset: Any, people: dict[str, Employee]) -> set[str]:
    ids = set(queryset.values_list("pk", flat=True))
    return {key for key, employee in people.items() if employee.pk in ids}


@pytest.mark.parametrize(("query", "expected"), MEANING)
def test_search_means_word_starts(
    people: dict[str, Employee], query: str, expected: set[str]
) -> None:
    assert _found(employee_search(Employee.objects.all(), query), people) == expected


def test_a_number_is_the_start_of_a_nip(people: dict[str, Employee]) -> None:
    nip = people["rahmat"].nip
    everyone = Employee.objects.all()
    assert _found(employee_search(everyone, nip[:8]), people) == {"rahmat"}
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"  # as printed on a card
    assert _found(employee_search(everyone, spaced), people) == {"rahmat"}
    assert _found(employee_search(everyone, nip[:6]), people) == {
        key for key, e in people.items() if e.nip.startswith(nip[:6])
    }
    assert _found(employee_search(everyone, "9999"), people) == set()
    assert _found(employee_search(everyone, nip[1:9]), people) == set()  # the start only


def _page_names(client: Client, query: str) -> set[str]:
    html = client.get("/pegawai/", {"q": query}).content.decode()
    return set(re.findall(r'href="/pegawai/(\d+)/"', html))


def _api_ids(client: Client, query: str) -> set[str]:
    answer = client.get("/api/v1/employees/", {"search": query, "page_size": 200}).json()
    return {str(item["id"]) for item in answer["results"]}


def test_page_api_and_selector_return_the_same_rows(
    people: dict[str, Employee], two_agencies: dict[str, Unit]
) -> None:
    client = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=two_agencies["a"]))
    for query, expected in [*MEANING, (people["rahmat"].nip[:8], {"rahmat"})]:
        ids = {str(people[key].pk) for key in expected}
        assert _page_names(client, query) == ids, query
        assert _api_ids(client, query) == ids, query


# --- Scope --------------------------------------------------------------------------------------


def test_search_never_reaches_outside_the_viewers_scope(
    people: dict[str, Employee], two_agencies: dict[str, Unit]
) -> None:
    other = _person(two_agencies["opd_b"], "Siti Aminah", 7, gelar_belakang="S.Kom.")
    inside = {str(people["siti"].pk), str(people["sitinah"].pk)}
    admin_b = login_client(make_user(role=Role.ADMIN_INSTANSI, unit=two_agencies["b"]))
    admin_a = login_client(make_user(role=Role.ADMIN_INSTANSI, unit=two_agencies["a"]))
    for query in ["siti", "s.kom", other.nip[:10]]:
        assert _page_names(admin_b, query) <= {str(other.pk)}
        assert _api_ids(admin_b, query) <= {str(other.pk)}
        assert str(other.pk) not in _page_names(admin_a, query) | _api_ids(admin_a, query)
    assert _page_names(admin_a, "siti") == _api_ids(admin_a, "siti") == inside
    assert _api_ids(admin_b, "siti") == {str(other.pk)}
    # An ASN finds itself and no one else, whatever it types.
    user = make_user(role=Role.ASN, unit=two_agencies["opd_a"])
    employee_update(actor=None, employee=people["siti"], values={"user_id": user.pk})
    asn = login_client(user)
    assert _api_ids(asn, "siti") == {str(people["siti"].pk)}
    assert _api_ids(asn, "rahmat") == set()


# --- Every write path keeps the words -----------------------------------------------------------


def _finds(query: str) -> set[int]:
    return set(employee_search(Employee.objects.all(), query).values_list("pk", flat=True))


def test_record_form_and_api_keep_the_words(
    people: dict[str, Employee], two_agencies: dict[str, Unit]
) -> None:
    admin = make_user(role=Role.ADMIN_PROVINSI, unit=two_agencies["a"])
    client = login_client(admin)
    siti = people["siti"]
    answer = client.patch(
        f"/api/v1/employees/{siti.pk}/",
        {"name": "Siti Wulandari", "gelar_belakang": "S.Pd."},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert _finds("wulan") == {siti.pk}
    assert _finds("rahmawati") == set()
    assert _finds("spd") == {siti.pk}
    assert _finds("skom") == set()
    # The self-service profile changes no searched field and leaves the words alone.
    before = set(EmployeeWord.objects.filter(employee=siti).values_list("word", flat=True))
    employee_update(actor=None, employee=siti, values={"phone": "0812"}, self_service=True)
    after = set(EmployeeWord.objects.filter(employee=siti).values_list("word", flat=True))
    assert before == after == {"siti", "wulandari", "spd", "s", "pd"}


def test_import_and_its_command_keep_the_words(tmp_path: Path) -> None:
    first = write_csv(tmp_path / "asn.csv", [import_row(name="Budi Santoso", sequence=1)])
    assert employee_import(actor=None, source=first, filename="asn.csv").ok
    budi = Employee.objects.get(name="Budi Santoso")
    assert _finds("budi sant") == {budi.pk}
    assert _finds("s.t.") == {budi.pk}  # the template row's gelar belakang
    renamed = write_csv(tmp_path / "asn2.csv", [import_row(name="Budiman Santosa", sequence=1)])
    assert employee_import(actor=None, source=renamed, filename="asn2.csv").ok
    assert _finds("budiman santosa") == {budi.pk}
    assert _finds("santoso") == set()
    command = write_csv(tmp_path / "asn3.csv", [import_row(name="Yusuf Akbar", sequence=2)])
    call_command("import_asn", str(command))
    assert _finds("akbar yus") == {Employee.objects.get(name="Yusuf Akbar").pk}


def test_employees_are_written_only_where_the_words_are_written() -> None:
    """The enumeration of write paths: any code outside people.services.employees that writes
    the employee table (an ORM save/update/create or the bulk table) would skip the words."""
    source = Path(__file__).resolve().parents[2]
    writes = re.compile(
        r"Employee\.objects\.[\w().=\[\], ]*?\.?(update|create|bulk_create|bulk_update)\("
        r"|EmployeeTable\(\)\.(create|update)|\bemployee\.save\("
    )
    writers = {
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if "tests" not in path.parts and writes.search(path.read_text(encoding="utf-8"))
    }
    assert writers == {"people/services/employees.py"}
    text = (source / "people/services/employees.py").read_text(encoding="utf-8")
    for writer in ("def employees_create", "def employees_update_changed", "def employee_update"):
        body = text.split(writer, 1)[1].split("\ndef ", 1)[0]
        assert "search_index_write(" in body, writer


def test_rebuild_restores_words_after_a_write_behind_the_services(
    people: dict[str, Employee],
) -> None:
    Employee.objects.filter(pk=people["siti"].pk).update(name="Siti Marlina")
    assert _finds("marlina") == set()  # written behind the services' back: not indexed
    call_command("rebuild_asn_search")
    assert _finds("marlina") == {people["siti"].pk}
    assert _finds("rahmawati") == set()
    assert search_index_rebuild(actor=None) == EmployeeWord.objects.count()


def test_scoped_list_search_and_count(two_agencies: dict[str, Unit]) -> None:
    """A search through the scoped list keeps the viewer's scope (the selector, no page)."""
    mine = _person(two_agencies["opd_a"], "Wulan Sari", 8)
    _person(two_agencies["opd_b"], "Wulan Dewi", 9)
    admin = make_user(role=Role.ADMIN_INSTANSI, unit=two_agencies["a"])
    scoped = employee_search(employee_list(user=admin), "wulan")
    assert list(scoped.values_list("pk", flat=True)) == [mine.pk]


def test_word_column_orders_by_code_point_on_postgresql() -> None:
    """The prefix range needs the index in code-point order, as SQLite and Python order."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # SQLite compares text by its bytes (BINARY)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = 'word'",
            [EmployeeWord._meta.db_table],
        )
        assert cursor.fetchone() == ("C",)


# --- The word index alone gives the same rows, in the same order (decision 0020, revision) -----


def _by_employee_table(user: Any, query: str, within: list[Unit]) -> list[int]:
    """The list's ids as the employee table gives them: scope, search, subtree, name order."""
    rows = employee_search(employee_list(user=user), query)
    for unit in within:
        rows = rows.filter(unit__path__startswith=unit.path)
    return list(employee_ordered(rows, narrowed=True).values_list("pk", flat=True))


def test_the_word_index_alone_gives_the_employee_tables_rows_in_order(
    people: dict[str, Employee], two_agencies: dict[str, Unit]
) -> None:
    _person(two_agencies["opd_b"], "Siti Aminah", 7, gelar_belakang="S.Kom.")
    _person(two_agencies["opd_b"], "Siti Aminah", 8)  # the same name: the NIP orders them
    viewers = [
        make_user(role=Role.ADMIN_PROVINSI, unit=two_agencies["a"]),
        make_user(role=Role.ADMIN_INSTANSI, unit=two_agencies["a"]),
        make_user(role=Role.ADMIN_INSTANSI, unit=two_agencies["b"]),
    ]
    asn = make_user(role=Role.ASN, unit=two_agencies["opd_a"])
    employee_update(actor=None, employee=people["renee"], values={"user_id": asn.pk})
    viewers.append(asn)
    queries = [query for query, _expected in MEANING] + ["s", "siti s", "m"]
    for viewer in viewers:
        for within in ([], [two_agencies["opd_a"]], [two_agencies["b"]]):
            for query in queries:
                ids = employee_search_ids(user=viewer, text=query, within=within)
                assert ids is not None, query
                assert list(ids) == _by_employee_table(viewer, query, within), (viewer, query)
                assert ids.count() == len(_by_employee_table(viewer, query, within))
    # A NIP (or nothing) is not words: the employee table answers it.
    assert employee_search_ids(user=viewers[0], text=people["siti"].nip[:8]) is None
    assert employee_search_ids(user=viewers[0], text="  ") is None


def test_word_rows_follow_a_move_a_new_nip_and_a_rename(
    people: dict[str, Employee], two_agencies: dict[str, Unit]
) -> None:
    siti = people["siti"]
    admin_b = make_user(role=Role.ADMIN_INSTANSI, unit=two_agencies["b"])
    assert list(employee_search_ids(user=admin_b, text="siti") or []) == []
    employee_update(actor=None, employee=siti, values={"unit_id": two_agencies["opd_b"].pk})
    assert list(employee_search_ids(user=admin_b, text="siti") or []) == [siti.pk]
    employee_update(actor=None, employee=siti, values={"name": "Aisyah Rahmawati"})
    stored = set(EmployeeWord.objects.filter(employee=siti).values_list("name", "nip", "unit_id"))
    assert stored == {("Aisyah Rahmawati", siti.nip, two_agencies["opd_b"].pk)}
    rebuilt = search_index_rebuild(actor=None)
    assert rebuilt == EmployeeWord.objects.count()
    assert (
        set(EmployeeWord.objects.filter(employee=siti).values_list("name", "nip", "unit_id"))
        == stored
    )


def test_page_and_api_page_through_the_word_index(
    people: dict[str, Employee], two_agencies: dict[str, Unit]
) -> None:
    """Page 2 and the API's exact count come from the word rows, in the list's order."""
    admin = make_user(role=Role.ADMIN_PROVINSI, unit=two_agencies["a"])
    client = login_client(admin)
    names = [f"Wulan {chr(ord('A') + i % 26)}{i:02d}" for i in range(55)]
    made = {_person(two_agencies["opd_a"], name, 10 + i).pk: name for i, name in enumerate(names)}
    order = [pk for pk, _name in sorted(made.items(), key=lambda item: item[1])]
    first = client.get("/pegawai/", {"q": "wulan"}).content.decode()
    second = client.get("/pegawai/", {"q": "wulan", "page": 2}).content.decode()
    shown = [int(pk) for pk in re.findall(r'href="/pegawai/(\d+)/"', first + second)]
    assert shown == order
    answer = client.get("/api/v1/employees/", {"search": "wulan", "page": 2}).json()
    assert answer["count"] == 55
    assert [item["id"] for item in answer["results"]] == order[50:]
    # Another menu (kind) reads the employee rows instead, and agrees.
    both = client.get("/api/v1/employees/", {"search": "wulan", "kind": "pns", "page": 2}).json()
    assert [item["id"] for item in both["results"]] == order[50:]


def test_dense_words_page_through_the_name_index_with_the_same_rows(
    people: dict[str, Employee], two_agencies: dict[str, Unit], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word so frequent that the name index is walked instead (DENSE_WORD_ROWS, lowered
    here to what the test data makes dense) finds the same rows in the same order."""
    admin = make_user(role=Role.ADMIN_PROVINSI, unit=two_agencies["a"])
    client = login_client(admin)

    def rows(query: str) -> list[str]:
        html = client.get("/pegawai/", {"q": query}).content.decode()
        return re.findall(r'href="/pegawai/(\d+)/"', html)

    before = {query: rows(query) for query in ("s", "s r", "siti")}
    assert len(before["s"]) == 4  # Siti, Sitinah, (Nurrahman) Saputra, (Renée) S.E.
    monkeypatch.setattr(selectors, "DENSE_WORD_ROWS", 2)
    assert employee_search_ids(user=admin, text="s") is None
    assert employee_search_ids(user=admin, text="s", within=[two_agencies["a"]]) is not None
    assert not employee_list_is_narrowed(user=admin, params={"q": "s"})
    assert employee_list_is_narrowed(user=admin, params={"q": "renee"})  # one row: not dense
    for query, page in before.items():
        assert rows(query) == page, query


# --- The page's rows as plain values (decision 0020, Revision 2) ---------------------------------


def test_list_rows_show_what_the_model_instances_showed(
    people: dict[str, Employee], two_agencies: dict[str, Unit]
) -> None:
    """`employee_rows` gives, per id and in the ids' order, the columns the list shows as the
    employee instances (with their unit, golongan and status) gave them."""
    _person(two_agencies["opd_b"], "Siti Aminah", 7, status="cuti")
    batin = _person(two_agencies["b"], "Siti Batin", 8)  # in a government itself
    employee_update(actor=None, employee=batin, values={"golongan_id": None})  # no golongan
    admin = make_user(role=Role.ADMIN_PROVINSI, unit=two_agencies["a"])
    for query in ("siti", "s", "rahma siti", "ahma"):
        ids = list(employee_search_ids(user=admin, text=query) or [])
        rows = selectors.employee_rows(ids)
        instances = {e.pk: e for e in employee_list(user=admin).filter(pk__in=ids)}
        assert [row.pk for row in rows] == ids
        for row in rows:
            employee = instances[row.pk]
            assert (
                row.nip, row.full_name, row.golongan_code, row.jabatan_name, row.unit,
                row.status, row.status_label,
            ) == (
                employee.nip, employee.full_name, getattr(employee.golongan, "code", None),
                employee.jabatan_name, str(employee.unit), employee.status,
                employee.status_label,
            ), query  # fmt: skip
    labels = {row.unit for row in selectors.employee_rows(list(employee_search_ids(
        user=admin, text="siti") or []))}  # fmt: skip
    assert labels == {"Dinas Alpha — Pemprov Uji", "Dinas Beta — Pemkab Uji", "Pemkab Uji"}
    assert selectors.employee_rows([]) == []


def test_list_page_and_api_page_read_rows_in_a_fixed_number_of_queries(
    people: dict[str, Employee],
    two_agencies: dict[str, Unit],
    django_assert_max_num_queries: Any,
) -> None:
    """The rows are read in one query per page, not one per row: a field the API shows but
    `EMPLOYEE_LIST_COLUMNS` forgot would be a deferred load per employee."""
    for i in range(30):
        _person(two_agencies["opd_a"], f"Wulan {i:02d}", 20 + i)
    client = login_client(make_user(role=Role.ADMIN_PROVINSI, unit=two_agencies["a"]))
    client.get("/pegawai/", {"q": "wulan"})  # warm: session, caches, density
    client.get("/api/v1/employees/", {"search": "wulan"})
    with django_assert_max_num_queries(12):
        page = client.get("/pegawai/", {"q": "wulan"}).content.decode()
    assert len(re.findall(r'href="/pegawai/\d+/"', page)) == 30
    with django_assert_max_num_queries(12):
        answer = client.get("/api/v1/employees/", {"search": "wulan"}).json()
    assert len(answer["results"]) == 30
    first = answer["results"][0]
    assert (first["unit_name"], first["golongan_code"]) == ("Dinas Alpha", "III/a")
    assert (first["full_name"], first["jabatan_kind"] is not None) == ("Wulan 00", True)

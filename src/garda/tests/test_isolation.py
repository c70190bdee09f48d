"""Two agencies, and two OPDs inside one: a user never receives another's records.

The role-matrix test proves each view refuses the wrong role; it cannot see a leak between
agencies, because all its users sit in one unit. Here instansi A (OPDs A1 and A2, each with
a puskesmas) and instansi B (OPD B1 with a puskesmas) each get a user of every scoped role
and records of their own: employees, JP entries, an external-learning submission, an
enrolment, queue tickets, PPID requests. Once every object a route needs has been made
(the role matrix's sample parameters, called with each side's user, so a URL naming an
object names that side's object), everything personal in an area is renamed to carry the
area's marker word, and each area's NIPs are markers too.

Then every named URL (pages, lists, exports, API) is fetched by both users of a pair in
both orders with the cache cleared before each order, so the second visitor meets a cache
warmed by the first, and each body (an .xlsx unzipped, a PDF's text extracted) must hold no
marker of an area its reader may not see. Where the URL names the other side's object the
reader must get a refusal or a body without that object's markers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db.models import F
from django.test import Client

from garda.competency.testing import approved_plan, assess, set_standard, tagged_program
from garda.core.models import Unit, User
from garda.core.roles import Role
from garda.core.testing import (
    RoleMatrix,
    Route,
    UnitFactory,
    login_client,
    make_user,
    response_text,
)
from garda.learning.ledger.models import ExternalLearning, LearningForm
from garda.learning.ledger.services import ledger_record_training
from garda.learning.ledger.testing import make_employee, make_submission
from garda.learning.testing import sample_enrollment
from garda.people.models import Employee, EmployeeWord, JabatanKind
from garda.people.services import employee_update
from garda.queueing.models import Ticket
from garda.queueing.services import ticket_issue
from garda.queueing.testing import _matrix_facility
from garda.talent.testing import sample_talent
from garda.tests.test_role_matrix import MATRIX_SKIP, matrix_params
from garda.transparency.ppid.models import InformationRequest
from garda.transparency.ppid.testing import sample_request

pytestmark = pytest.mark.django_db

SCOPED_ROLES = (
    Role.ADMIN_INSTANSI,
    Role.ADMIN_OPD,
    Role.ATASAN,
    Role.ASN,
    Role.PETUGAS_FASKES,
    Role.PPID,
    Role.ASESOR,
)
# Roles whose scope is a whole instansi (they see both OPDs of instansi A).
INSTANSI_WIDE = (Role.ADMIN_INSTANSI, Role.ASESOR)
WORDS = {"A1": "Penandaalfa", "A2": "Penandagama", "B": "Penandabeta"}

# Public pages allowed to show a record of any agency to anyone, and why. Each is published
# on purpose; every other public page (budget portal, open data, PPID statistics, queue
# boards) is checked like the rest: totals and masked values carry no marker.
PUBLISHED: dict[str, str] = {
    "studies:verify": (
        "decree verification by its secret code: shows the holder's name and masked NIP so a "
        "reader of the printed SK can check it (the code is printed on the SK)"
    ),
    "learning:verify": (
        "certificate verification by its secret code: shows the holder's name so a reader "
        "of the certificate can check it (the code is printed on the certificate)"
    ),
}
# Pages that hold no record of anyone whoever asks: fetched once, not per role and order.
NO_RECORDS: dict[str, str] = {
    "api:schema": "the OpenAPI document describes endpoints; generating it takes ~0.5 s",
}
# A public page is the same page for every role; two roles of different kinds of scope (a
# subtree, and the user alone) are enough to catch a cache keyed without the viewer.
PUBLIC_READERS = (Role.ADMIN_INSTANSI, Role.ASN)


@dataclass
class World:
    units: dict[str, Unit]
    users: dict[tuple[str, str], User]  # (side, role) -> user
    markers: dict[str, list[str]] = field(default_factory=dict)  # area -> marker strings

    def visible_areas(self, side: str, role: str) -> set[str]:
        if role in INSTANSI_WIDE:
            return {"A1", "A2"} if side == "A1" else {"B"}
        return {side}

    def forbidden(self, side: str, role: str) -> list[tuple[str, str]]:
        visible = self.visible_areas(side, role)
        return [(area, m) for area, marks in self.markers.items() if area not in visible
                for m in marks]  # fmt: skip

    def pairs(self, role: str) -> Iterator[tuple[str, str]]:
        yield "A1", "B"
        if role not in INSTANSI_WIDE:
            yield "A1", "A2"  # two OPDs of one instansi; its admin_instansi sees both


def _area_units(root: Unit) -> list[int]:
    return list(Unit.objects.filter(path__startswith=root.path).values_list("pk", flat=True))


def _unit(kind: str, name: str, parent: Unit | None = None) -> Unit:
    unit = UnitFactory(kind=kind, name=name, parent=parent)  # type: ignore[no-untyped-call]  # factory_boy
    assert isinstance(unit, Unit)
    return unit


def _build() -> World:
    units: dict[str, Unit] = {}
    for name in ("A", "B"):
        instansi = _unit("instansi", f"Instansi {name}")
        units[name] = instansi
        for area in ("A1", "A2") if name == "A" else ("B",):
            opd = _unit("opd", f"Dinas {area}", instansi)
            units[area] = opd
            units[f"{area}-pkm"] = _unit("puskesmas", f"Puskesmas {area}", opd)
    users: dict[tuple[str, str], User] = {}
    for side in ("A1", "A2", "B"):
        for role in SCOPED_ROLES:
            if role in INSTANSI_WIDE:
                if side == "A2":
                    continue
                unit = units["A" if side == "A1" else "B"]
            elif role == Role.PETUGAS_FASKES:
                unit = units[f"{side}-pkm"]
            else:
                unit = units[side]
            users[side, role] = make_user(role=role, unit=unit)
        make_employee(unit=units[side], user=users[side, Role.ASN])
    world = World(units=units, users=users)
    year = dt.date.today().year  # noqa: DTZ011  # a year with no time zone question
    for side in ("A1", "A2", "B"):
        opd = units[side]
        below = make_employee(unit=opd)
        done = make_employee(unit=opd)
        make_employee(unit=units[f"{side}-pkm"])
        ledger_record_training(
            actor=None, employee_id=done.pk, form_id=LearningForm.objects.get(code="teknis").pk,
            title="Pelatihan Uji", provider="BPSDM", started_on=dt.date(year, 1, 5),
            finished_on=dt.date(year, 1, 7), jp=Decimal("24"), certificate_number="",
            source_key=f"isolasi:{side}",
        )  # fmt: skip
        make_submission(employee=below)
        sample_enrollment(users[side, Role.ADMIN_OPD])
        facility = _matrix_facility(users[side, Role.PETUGAS_FASKES])
        for poli in facility.polis.all():
            ticket_issue(
                actor=None, poli_id=poli.pk, service_date=dt.date.today(),  # noqa: DTZ011
                channel="web", name="Pasien", nik="1571015503900001", phone="081234567890",
            )  # fmt: skip
        sample_request(users[side, Role.PPID])
        instansi = units["A" if side != "B" else "B"]
        set_standard(instansi, "pelaksana", "M.1", 3)
        pelaksana = JabatanKind.objects.get(code="pelaksana").pk
        for employee in (below, done):
            # Through the registry's service, as the record form would: history, search
            # words and the data version are what the app itself keeps.
            employee_update(actor=None, employee=employee, values={"jabatan_kind_id": pelaksana})
        assess(below, {"M.1": 1})
        approved_plan(done, tagged_program({"M.1": 3}, owner_unit=opd))
        sample_talent(opd, year)
    return world


def _mark(world: World) -> None:
    """Rename everything personal in each area after its word, and collect the markers."""
    for area, word in WORDS.items():
        ids = _area_units(world.units[area])
        for n, employee in enumerate(Employee.objects.filter(unit_id__in=ids).order_by("pk")):
            # Renamed by the registry's service, which rewrites the search words
            # (EmployeeWord) too: a QuerySet.update would leave them naming the old names.
            employee_update(actor=None, employee=employee, values={"name": f"{word} Pegawai {n}"})
        User.objects.filter(unit_id__in=ids).update(last_name=word)
        Ticket.objects.filter(facility__unit_id__in=ids).update(name=f"{word} Pasien")
        InformationRequest.objects.filter(unit_id__in=ids).update(requester_name=f"{word} Pemohon")
        nips = list(Employee.objects.filter(unit_id__in=ids).values_list("nip", flat=True))
        world.markers[area] = [word.lower(), *nips]
    assert ExternalLearning.objects.exists()
    # The search words carry the names pages sort and scope by: none may lag behind.
    assert not EmployeeWord.objects.exclude(name=F("employee__name")).exists()


@dataclass
class Walk:
    world: World
    matrix: RoleMatrix
    clients: dict[tuple[str, str], Client]
    urls: dict[tuple[str, str, str], str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    pdf_routes: set[str] = field(default_factory=set)
    anonymous: set[str] = field(default_factory=set)
    fetches: int = 0

    def url(self, route: Route, side: str, role: str) -> str:
        key = (route.name, side, role)
        if key not in self.urls:
            self.urls[key] = self.matrix.url(route, self.world.users[side, role])
        return self.urls[key]

    def fetch(self, route: Route, client: Client | None, url: str, reader: str) -> Any:
        self.fetches += 1
        try:
            return (client or Client()).get(url)
        except Exception as error:  # reported as a failure, walk goes on
            self.failures.append(f"{route.name} {url} as {reader}: raised {error!r}")
            return None

    def check(self, route: Route, response: Any, reader: str, forbidden: Any, own: bool) -> None:
        if response is None or response.status_code >= 300:
            return
        text = response_text(response)
        if text is None:
            self.pdf_routes.add(route.name)
            if not own:
                self.failures.append(
                    f"{route.name} as {reader}: a PDF of another area's object "
                    f"({response.status_code})"
                )
            return
        lowered = text.lower()
        found = sorted({area for area, marker in forbidden if marker.lower() in lowered})
        if found:
            self.failures.append(f"{route.name} as {reader}: shows records of {found}")

    def pair(self, route: Route, role: str, x: str, y: str) -> None:
        clients, world = self.clients, self.world
        per_user = callable(self.matrix.params.get(route.name))
        for owner, other in ((y, x), (x, y)):
            url = self.url(route, owner, role)
            cache.clear()
            for side in (owner, other):  # the owner warms the cache, the other reads it
                own = side == owner or not per_user
                if route.name in self.pdf_routes and own:
                    continue  # its text cannot be read; only a refusal can be checked
                reader = f"{role}@{side}"
                response = self.fetch(route, clients[side, role], url, reader)
                forbidden = [] if route.name in PUBLISHED else world.forbidden(side, role)
                self.check(route, response, reader, forbidden, own)
            if route.access is not None and route.access.public and url not in self.anonymous:
                self.anonymous.add(url)
                response = self.fetch(route, None, url, "anonymous")
                if route.name not in PUBLISHED:
                    every = [(a, m) for a, marks in world.markers.items() for m in marks]
                    self.check(route, response, "anonymous", every, own=True)


def test_no_user_receives_another_agencys_records(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = _build()
    matrix = RoleMatrix(params=matrix_params(_unit("opd", "Unit Matriks")), skip=MATRIX_SKIP)
    routes = [r for r in matrix.routes() if r.access is not None and r.name not in MATRIX_SKIP]
    walk = Walk(world, matrix, {key: login_client(user) for key, user in world.users.items()})
    for route in routes:  # every object a URL names exists before the renaming
        if route.params and route.name not in matrix.params:
            continue
        for side, role in world.users:
            walk.url(route, side, role)
    _mark(world)
    walked = set()
    for route in routes:
        if route.params and route.name not in matrix.params:
            continue
        assert route.access is not None
        readers = PUBLIC_READERS if route.access.public else SCOPED_ROLES
        for role in readers:
            if not (route.access.public or role in route.access.roles):
                continue
            walked.add(route.name)
            for x, y in world.pairs(role):
                walk.pair(route, role, x, y)
                if route.name in NO_RECORDS:
                    break
            if route.name in NO_RECORDS:
                break
    assert len(walked) > 100, walked  # the walk reached the project's pages
    assert walk.failures == [], "\n".join(walk.failures)


def test_employee_filter_menus_list_only_the_viewers_units() -> None:
    """The employee list's instansi/OPD menus were cached once for everybody; they now come
    from the units the viewer sees, cached under the viewer's scope."""
    from django.urls import reverse

    cache.clear()
    a, b = _unit("instansi", "Instansi Menualfa"), _unit("instansi", "Instansi Menubeta")
    _unit("opd", "Dinas Menualfa", a)
    _unit("opd", "Dinas Menubeta", b)
    first = login_client(make_user(role=Role.ADMIN_INSTANSI, unit=a))
    second = login_client(make_user(role=Role.ADMIN_INSTANSI, unit=b))
    body_a = first.get(reverse("people:employee_list")).content.decode()
    body_b = second.get(reverse("people:employee_list")).content.decode()
    assert "Dinas Menualfa" in body_a
    assert "Dinas Menubeta" not in body_a
    assert "Dinas Menubeta" in body_b
    assert "Dinas Menualfa" not in body_b

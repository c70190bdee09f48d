"""Test machinery every app uses: factories, signed-in clients, the role matrix, and
declarative per-model tests (list, detail, create, permission) in the NetBox manner."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import quote

import factory
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from garda.core.models import User
from garda.core.org.services import unit_create
from garda.core.permissions import Access
from garda.core.roles import ADMIN_ROLES, ALL_ROLES, Role

TEST_PASSWORD = "uji-sandi-garda-2026"  # noqa: S105  # only ever used by test users


class UnitFactory(factory.django.DjangoModelFactory):
    """Units made through the service so `path` is right, as in production."""

    class Meta:
        model = "core.Unit"

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Unit Uji {n}")
    kind = "opd"
    parent = None

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:

        return unit_create(actor=None, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = "Uji"
    last_name = factory.Sequence(lambda n: f"Pengguna {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@uji.garda.id")
    role = Role.ASN
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _saved(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            obj.save()


def make_user(**kwargs: Any) -> User:
    """UserFactory with a typed result."""
    user = UserFactory(**kwargs)
    assert isinstance(user, User)
    return user


def login_client(user: User, *, verified: bool = True) -> Client:
    """A client signed in as `user`; admin roles get a confirmed TOTP device when verified."""
    client = Client()
    client.force_login(user)
    if verified and user.role in ADMIN_ROLES:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="uji", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


# --- The role matrix --------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str
    access: Access | None
    params: tuple[str, ...]


def _view_access(callback: Callable[..., Any]) -> Access | None:
    access = getattr(callback, "garda_access", None)
    if access is None:
        # A DRF @action may declare its own access (`@action(..., access=...)`), which the
        # router passes to the view as an init kwarg, ahead of the viewset's own.
        access = getattr(callback, "initkwargs", {}).get("access")
    if access is None:
        view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        access = getattr(view_class, "access", None)
    return access


def walk_routes(
    resolver: URLResolver | None = None, namespace: str = "", prefix: str = ""
) -> Iterator[Route]:
    """Every named URL of the project with the access its view declares."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk_routes(entry, full_ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            params = tuple(entry.pattern.regex.groupindex)
            yield Route(name, prefix + str(entry.pattern), _view_access(entry.callback), params)


class RoleMatrix:
    """Walk every named URL with every role and the anonymous public.

    A view that declares no access fails (nothing is open by accident). For a route with
    parameters, `params` must give sample values, or the route is listed in `skip` with why.
    Expected: allowed roles get a non-error answer; signed-in roles without access get 403
    (or 404 for an object outside their scope); strangers are sent to the login page.
    """

    # Django's own plumbing that needs no declaration.
    ignored_prefixes: ClassVar[tuple[str, ...]] = ("set_language", "api:api-root")

    def __init__(
        self,
        *,
        params: Mapping[str, Mapping[str, Any] | Callable[[User | None], Mapping[str, Any]]]
        | None = None,
        skip: Mapping[str, str] | None = None,
        users: Mapping[str, User] | None = None,
    ) -> None:
        self.params = dict(params or {})
        self.skip = dict(skip or {})
        self.users = dict(users or {})

    def routes(self) -> list[Route]:
        return [
            r
            for r in walk_routes()
            if not r.name.startswith(self.ignored_prefixes) and "format" not in r.params
        ]

    def undeclared(self) -> list[str]:
        return [r.name for r in self.routes() if r.access is None and r.name not in self.skip]

    def url(self, route: Route, user: User | None) -> str:
        """The route's URL with its sample parameters (made for `user` when callable)."""
        return self._url(route, user)

    def _url(self, route: Route, user: User | None) -> str:
        params = self.params.get(route.name)
        if callable(params):
            params = params(user)  # an object of this user's own, e.g. its job
        return reverse(route.name, kwargs=dict(params) if params else None)

    def run(self, user_for_role: Callable[[str], User]) -> list[str]:
        """Return every mismatch as a line; an empty list means the matrix holds.

        A callable in `params` is called with each role's user, so an object-scoped route
        is tried with an object that user may see (and must still be refused by role)."""
        failures: list[str] = []
        users = {role: user_for_role(role) for role in ALL_ROLES}
        clients = {role: login_client(user) for role, user in users.items()}
        anonymous = Client()
        for route in self.routes():
            if route.name in self.skip or route.access is None:
                continue
            if route.params and route.name not in self.params:
                failures.append(f"{route.name}: needs sample params or a skip reason")
                continue
            for role, client in clients.items():
                url = self._url(route, users[role])
                status = client.get(url).status_code
                allowed = route.access.public or role in route.access.roles
                if allowed and status >= 400 and status != 405:
                    failures.append(f"{route.name} ({url}) as {role}: {status}, expected success")
                if not allowed and status not in {403, 404}:
                    failures.append(f"{route.name} ({url}) as {role}: {status}, expected 403")
            url = self._url(route, None)
            status = anonymous.get(url).status_code
            if route.access.public and status >= 400 and status != 405:
                failures.append(f"{route.name} ({url}) anonymous: {status}, expected success")
            if not route.access.public and status not in {302, 401, 403}:
                failures.append(f"{route.name} ({url}) anonymous: {status}, expected login")
        return failures


def response_text(response: Any) -> str | None:
    """What a person receiving `response` can read: the body as text, the text of every
    part of an .xlsx (or any zip), the text of every page of a PDF (pypdf)."""
    raw: bytes = b"".join(response.streaming_content) if response.streaming else response.content
    if raw.startswith(b"%PDF-"):
        try:
            return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
        except (PdfReadError, ValueError):
            pass  # an uploaded file that only starts like a PDF: read its bytes as they are
    if raw.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return raw.decode("utf-8", "replace")


# --- Declarative model tests ------------------------------------------------------------------


class ModelViewTestCase:
    """Subclass per model, set the attributes, inherit the tests (pytest collects them).

    make_record: staticmethod making one record (visible to an admin_provinsi and an auditor).
    list_url / detail_url_name: the page names; api_list_url the API's list name.
    allowed_roles: who may open the list; every other role must get 403.
    create_url / create_data: a page form to post, when the model is created from a page.
    search_param: the list's text search, so the record is found whatever page it sorts to.
    Tests whose attribute is not set are not generated (rather than passing without a check).
    """

    make_record: ClassVar[Callable[[], Any]]
    list_url: ClassVar[str]
    detail_url_name: ClassVar[str | None] = None
    api_list_url: ClassVar[str | None] = None
    allowed_roles: ClassVar[frozenset[str]] = frozenset(ALL_ROLES)
    create_url: ClassVar[str | None] = None
    create_data: ClassVar[Callable[[], dict[str, Any]] | None] = None
    label_field: ClassVar[str] = "name"
    search_param: ClassVar[str] = "q"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.detail_url_name is None:
            cls.test_detail_shows_record = None  # type: ignore[assignment]  # hides the test
        if cls.api_list_url is None:
            cls.test_api_lists_record = None  # type: ignore[assignment]  # hides the test
        if cls.create_url is None or cls.create_data is None:
            cls.test_create_from_page = None  # type: ignore[assignment]  # hides the test

    def _label(self, record: Any) -> str:
        return str(getattr(record, self.label_field))

    def test_list_shows_record(self, client_for: Callable[..., Client]) -> None:
        record = type(self).make_record()
        response = client_for(Role.ADMIN_PROVINSI).get(
            reverse(self.list_url), {self.search_param: self._label(record)}
        )
        assert response.status_code == 200
        assert self._label(record) in response.content.decode()

    def test_detail_shows_record(self, client_for: Callable[..., Client]) -> None:
        assert self.detail_url_name is not None
        record = type(self).make_record()
        response = client_for(Role.ADMIN_PROVINSI).get(
            reverse(self.detail_url_name, kwargs={"pk": record.pk})
        )
        assert response.status_code == 200
        assert self._label(record) in response.content.decode()

    def test_api_lists_record(self, client_for: Callable[..., Client]) -> None:
        assert self.api_list_url is not None
        record = type(self).make_record()
        response = client_for(Role.AUDITOR).get(
            reverse(self.api_list_url), {"search": self._label(record), "page_size": "200"}
        )
        assert response.status_code == 200
        ids = [row["id"] for row in response.json()["results"]]
        assert record.pk in ids

    def test_list_permission(self, client_for: Callable[..., Client]) -> None:
        for role in ALL_ROLES:
            status = client_for(role).get(reverse(self.list_url)).status_code
            assert status == (200 if role in self.allowed_roles else 403), role

    def test_create_from_page(self, client_for: Callable[..., Client]) -> None:
        make_data = type(self).create_data
        assert self.create_url is not None
        assert make_data is not None
        response = client_for(Role.ADMIN_PROVINSI).post(reverse(self.create_url), make_data())
        assert response.status_code == 302, response.content.decode()[:2000]


def database_url_for_subprocess() -> str:
    """The test database as a DATABASE_URL, for a Garda command started as another process
    (the test must be `django_db(transaction=True)` so what it wrote is committed)."""

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = db["HOST"] or "localhost"
    return f"postgres://{user}@{host}:{db['PORT'] or 5432}/{db['NAME']}"

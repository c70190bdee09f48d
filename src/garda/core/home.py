"""What the home page shows a signed-in user: what waits for them, and their own figures.

Each app declares, in its `nav` module beside `MENU`:

- `WAITING`: `Waiting` items, each a count of things that wait for this user's decision or
  work (approvals, verifications, requests due, patients at the counter) with the one page
  where they are handled;
- `PANELS`: `Panel` items, blocks with the user's own figures (JP this year, the next
  session, certificates), each a template and a function giving its context.

Core finds them in INSTALLED_APPS order, as it finds menus; it imports no app by name, so a
new app's approvals appear on the home page without editing it. A count or a panel is shown
only to users its `access` allows; a count of zero is shown too ("nothing waits" is news).

A count or panel that declares a `cache_seconds` is cached per user (`core.cache.user_scope`:
never shared, not even between two users of one unit) and per day, for at most that long.
One that also names the data versions it is made from (`versions`, see core.dataversion)
shows a write to them on the next request; a live count no version can follow (patients
checking in all day) declares only a short `cache_seconds`. Without it an item is computed on
every visit (decision 0022). When every count and panel a user sees declares its
`cache_seconds`, the home page's whole content block is kept the same way (`home_content`)."""

from __future__ import annotations

import functools
import importlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

from garda.core.cache import cached, user_scope
from garda.core.models import User
from garda.core.permissions import Access

T = TypeVar("T")


@dataclass(frozen=True)
class Waiting:
    """Things that wait for the user: `count(user)` of them, handled at `url_name`."""

    label: str | Promise
    url_name: str
    access: Access
    count: Callable[[User], int]
    order: int = 100
    versions: tuple[str, ...] = ()
    cache_seconds: int = 0


@dataclass(frozen=True)
class Panel:
    """A block of the home page: `template` rendered with `context(user)`; a context of None
    means the block has nothing for this user (an admin without an employee record)."""

    key: str
    template: str
    access: Access
    context: Callable[[User], Mapping[str, Any] | None]
    order: int = 100
    versions: tuple[str, ...] = ()
    cache_seconds: int = 0


@dataclass(frozen=True)
class WaitingCount:
    label: str | Promise
    url: str
    count: int


@dataclass(frozen=True)
class PanelBlock:
    key: str
    html: SafeString


@functools.cache
def _declared() -> tuple[tuple[Waiting, ...], tuple[Panel, ...]]:
    waiting: list[Waiting] = []
    panels: list[Panel] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.nav"
        if importlib.util.find_spec(name) is not None:
            module = importlib.import_module(name)
            waiting.extend(getattr(module, "WAITING", ()))
            panels.extend(getattr(module, "PANELS", ()))
    return (
        tuple(sorted(waiting, key=lambda item: item.order)),
        tuple(sorted(panels, key=lambda item: item.order)),
    )


def declared_waiting() -> tuple[Waiting, ...]:
    return _declared()[0]


def declared_panels() -> tuple[Panel, ...]:
    return _declared()[1]


def _kept(
    user: User, item: Waiting | Panel, parts: tuple[object, ...], compute: Callable[[], T]
) -> T:
    """`compute()`, cached for this user when `item` declares how long it may be kept."""
    if item.cache_seconds <= 0:
        return compute()
    today = timezone.localdate().isoformat()
    return cached(
        user_scope(user),
        ("home", *parts, today),
        compute,
        timeout=item.cache_seconds,
        versions=item.versions,
    )


def waiting_for(user: User) -> list[WaitingCount]:
    return [
        WaitingCount(
            item.label,
            reverse(item.url_name),
            _kept(user, item, ("waiting", item.url_name), functools.partial(item.count, user)),
        )
        for item in declared_waiting()
        if item.access.allows(user)
    ]


def panels_for(request: HttpRequest, user: User) -> list[PanelBlock]:
    """Each panel rendered with its own context (a template include cannot spread one)."""
    blocks: list[PanelBlock] = []
    for panel in declared_panels():
        if not panel.access.allows(user):
            continue
        render = functools.partial(_render, request, user, panel)
        html = _kept(user, panel, ("panel", panel.key), render)
        if html:
            blocks.append(PanelBlock(panel.key, mark_safe(html)))  # noqa: S308  # rendered here
    return blocks


def _render(request: HttpRequest, user: User, panel: Panel) -> str:
    """The panel's HTML; "" when it has nothing for this user (kept in the cache as such).
    Panel templates show the user's records and links, never a form: a CSRF token in a
    cached block would belong to the browser that filled the cache."""
    context = panel.context(user)
    if context is None:
        return ""
    return str(render_to_string(panel.template, dict(context), request=request))


CONTENT_TEMPLATE = "core/_home_content.html"


def home_content(request: HttpRequest, user: User) -> SafeString:
    """The signed-in home page's content: greeting, what waits, the panels and the menu cards.

    When every count and panel this user sees declares how long it may be kept, the whole
    block is kept for this user under all of their versions, for the shortest lifetime, and
    per day and name: one cache read instead of one per item and the block's rendering (a
    fifth of the page). Otherwise it is composed on every visit. The block holds links only,
    never a form, so nothing of one browser (a CSRF token) is kept."""
    items: list[Waiting | Panel] = [
        *(item for item in declared_waiting() if item.access.allows(user)),
        *(panel for panel in declared_panels() if panel.access.allows(user)),
    ]
    render = functools.partial(_render_content, request, user)
    if not items or any(item.cache_seconds <= 0 for item in items):
        return render()
    html = cached(
        user_scope(user),
        ("home-content", request.path, user.get_full_name(), timezone.localdate().isoformat()),
        render,
        timeout=min(item.cache_seconds for item in items),
        versions=tuple(sorted({name for item in items for name in item.versions})),
    )
    return mark_safe(html)  # noqa: S308  # rendered by _render_content


def _render_content(request: HttpRequest, user: User) -> SafeString:
    context = {"waiting": waiting_for(user), "panels": panels_for(request, user)}
    return mark_safe(render_to_string(CONTENT_TEMPLATE, context, request=request))  # noqa: S308  # rendered here

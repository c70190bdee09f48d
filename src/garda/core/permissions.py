"""How a view says who may open it. The role-matrix test reads these declarations, so a view
without one fails the suite instead of silently being open."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, ClassVar, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from garda.core.models import User
from garda.core.roles import ALL_ROLES, PUBLIC

F = TypeVar("F", bound=Callable[..., HttpResponseBase])


@dataclass(frozen=True)
class Access:
    """`roles` may open the view; `public` means anyone, signed in or not."""

    roles: frozenset[str]
    public: bool = False

    def allows(self, user: Any) -> bool:
        if self.public:
            return True
        if not user.is_authenticated:
            return False
        return bool(user.is_superuser or user.role in self.roles)


def access_for(*roles: str) -> Access:
    if PUBLIC in roles:
        return Access(roles=frozenset(ALL_ROLES), public=True)
    return Access(roles=frozenset(roles))


SIGNED_IN = access_for(*ALL_ROLES)


def check_access(request: HttpRequest, access: Access) -> HttpResponse | None:
    """None when allowed; otherwise the login page for strangers and 403 for the rest."""
    if access.allows(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def signed_in_user(request: HttpRequest) -> User:
    """The request's user as a User, for views whose access already demanded a sign-in."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def require_access(access: Access) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            denied = check_access(request, access)
            return denied if denied is not None else view(request, *args, **kwargs)

        wrapped.garda_access = access  # type: ignore[attr-defined]  # read by the role matrix
        return wrapped  # type: ignore[return-value]  # same signature as the view it wraps

    return decorator


class AccessMixin:
    """For class-based views: set `access` on the class."""

    access: ClassVar[Access]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        denied = check_access(request, self.access)
        if denied is not None:
            return denied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc, no-any-return]


class HasRole(BasePermission):
    """DRF permission reading the same declaration: set `access` on the viewset."""

    def has_permission(self, request: Request, view: Any) -> bool:
        access: Access | None = getattr(view, "access", None)
        if access is None:
            return False
        return access.allows(request.user)


def roles(*names: Iterable[str] | str) -> tuple[str, ...]:
    flat: list[str] = []
    for name in names:
        flat.extend([name] if isinstance(name, str) else list(name))
    return tuple(flat)

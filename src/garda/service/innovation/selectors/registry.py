"""Reads of the registry: scoped lists for staff, the public showcase, aksi perubahan that may
become innovations, and the yearly checks waiting for an answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from garda.core.errors import NotFound
from garda.core.models import Unit, UnitKind, User
from garda.learning.models import ChangeProject
from garda.service.innovation import policy
from garda.service.innovation.models import ActivityCheck, Innovation, Stage, Status


def innovation_list(*, user: User | AnonymousUser) -> QuerySet[Innovation]:
    return policy.innovations_visible(user).select_related("unit", "instansi")


def innovation_get(*, user: User | AnonymousUser, innovation_id: int) -> Innovation:
    innovation = innovation_list(user=user).filter(pk=innovation_id).first()
    if innovation is None:
        raise NotFound
    return innovation


def published() -> QuerySet[Innovation]:
    return Innovation.objects.filter(status=Status.PUBLISHED).select_related("unit", "instansi")


def innovations_readable(*, user: User | AnonymousUser) -> QuerySet[Innovation]:
    """Published innovations for everyone, and those the user may see in its scope (API)."""
    if not user.is_authenticated:
        return published()
    own = innovation_list(user=user).values("pk")
    readable = Innovation.objects.filter(Q(status=Status.PUBLISHED) | Q(pk__in=own))
    return readable.select_related("unit", "instansi")


@dataclass(frozen=True)
class ShowcaseQuery:
    text: str = ""
    instansi_id: int | None = None
    sector: str = ""
    stage: str = ""


def showcase(query: ShowcaseQuery) -> QuerySet[Innovation]:
    found = published()
    if query.text:
        found = found.filter(
            Q(title__icontains=query.text)
            | Q(problem__icontains=query.text)
            | Q(idea__icontains=query.text)
            | Q(unit__name__icontains=query.text)
        )
    if query.instansi_id:
        found = found.filter(instansi_id=query.instansi_id)
    if query.sector:
        found = found.filter(sector=query.sector)
    if query.stage:
        found = found.filter(stage=query.stage)
    return found.order_by("title", "pk")


def published_get(*, innovation_id: int) -> Innovation:
    innovation = published().filter(pk=innovation_id).first()
    if innovation is None:
        raise NotFound
    return innovation


def regions() -> QuerySet[Unit]:
    """The kabupaten/kota governments (instansi with a regional code below the province's)."""
    return Unit.objects.filter(kind=UnitKind.INSTANSI, code__regex=r"^\d\d\.\d\d$").order_by("code")


def published_counts_by_region() -> dict[int, int]:
    rows = (
        published()
        .values("instansi_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("instansi_id", "n")
    )
    return dict(rows)


def change_projects_open(*, user: User) -> QuerySet[ChangeProject]:
    """Aksi perubahan the user wrote, or of employees in its scope, not yet an innovation."""
    own = Q(enrollment__employee__user=user)
    visible = Q(enrollment__employee__unit__in=policy.units_for_placing(user))
    return (
        ChangeProject.objects.filter(own | visible, innovation__isnull=True)
        .select_related("enrollment__employee", "enrollment__batch__program")
        .order_by("-created_at")
    )


def checks_waiting(*, user: User) -> QuerySet[ActivityCheck]:
    return (
        ActivityCheck.objects.filter(
            answered_at__isnull=True,
            innovation__in=policy.innovations_visible(user).values("pk"),
        )
        .select_related("innovation")
        .order_by("innovation__title")
    )


STAGE_ORDER = [Stage.INISIATIF, Stage.UJI_COBA, Stage.PENERAPAN]

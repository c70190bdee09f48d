"""Reads of the dictionary and standards, scoped: an instansi's technical competencies and
standards are seen by the users whose scope reaches that instansi."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from garda.competency.lookup import instansi_of
from garda.competency.models import Competency, JpmBand, ProgramTag, Standard
from garda.core.access import sees_everything, units_visible_to
from garda.core.models import Unit, User


def visible_instansi(*, user: User | AnonymousUser) -> QuerySet[Unit]:
    """The instansi whose standards a user may read: all for province-wide roles; otherwise
    the instansi of the user's own unit."""
    if sees_everything(user):
        return Unit.objects.filter(kind="instansi").order_by("code")
    unit_id = getattr(user, "unit_id", None)
    if not user.is_authenticated or unit_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(pk=instansi_of(unit_id))


def competency_list(*, user: User | AnonymousUser) -> QuerySet[Competency]:
    """National competencies, and the technical ones of the instansi the user may read."""
    if sees_everything(user):
        return Competency.objects.select_related("instansi").prefetch_related("levels")
    own = visible_instansi(user=user).values("pk")
    return (
        Competency.objects.filter(Q(instansi__isnull=True) | Q(instansi__in=own))
        .select_related("instansi")
        .prefetch_related("levels")
    )


def standard_list(*, user: User | AnonymousUser, instansi_id: int | None) -> QuerySet[Standard]:
    queryset = Standard.objects.select_related("instansi", "jabatan_kind", "competency")
    if sees_everything(user):
        return queryset.filter(instansi_id=instansi_id) if instansi_id else queryset
    allowed = visible_instansi(user=user)
    if instansi_id is not None:
        allowed = allowed.filter(pk=instansi_id)
    return queryset.filter(instansi__in=allowed.values("pk"))


def band_list() -> QuerySet[JpmBand]:
    return JpmBand.objects.all()


def tags_of_program(program_id: int) -> QuerySet[ProgramTag]:
    return ProgramTag.objects.filter(program_id=program_id).select_related("competency")


def may_read_instansi(*, user: User | AnonymousUser, instansi_id: int) -> bool:
    return visible_instansi(user=user).filter(pk=instansi_id).exists() or (
        user.is_authenticated and units_visible_to(user).filter(pk=instansi_id).exists()
    )

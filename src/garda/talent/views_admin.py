"""BKD pages: calibration sessions (open, move an ASN with a reason, lock), critical posts with
their succession pools, and the discipline records (never public, BKD roles and auditors)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from garda.core.errors import NotFound
from garda.core.formflow import act, act_with_form, submit
from garda.core.models import Unit, User
from garda.core.pagination import CappedPaginator
from garda.core.params import id_from
from garda.core.permissions import require_access, signed_in_user
from garda.people.selectors import employee_by_nip
from garda.talent import policy, services
from garda.talent.forms import (
    ChangeForm,
    CriticalPostForm,
    CutoffForm,
    PotensialCutoffForm,
    SessionOpenForm,
)
from garda.talent.models_ninebox import CalibrationSession
from garda.talent.selectors import sanction_list
from garda.talent.selectors.ninebox import (
    critical_posts,
    instansi_visible,
    kinerja_cuts,
    potensial_cuts,
    session_is_locked,
    sessions,
    succession_pool,
)
from garda.talent.views import year_from


@require_access(policy.CALIBRATE)
def calibration_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = SessionOpenForm(request.POST or None, user=user)
    done = submit(
        request, form,
        service=lambda data: services.calibration_open(
            actor=user, instansi=data["instansi"], year=data["year"]),
        success=_("Sesi kalibrasi dibuka."),
        then=lambda session: redirect("talent:calibration_detail", pk=session.pk),
    )  # fmt: skip
    if done is not None:
        return done
    return render(
        request, "talent/calibration_list.html", {"sessions": sessions(user)[:100], "form": form}
    )


def _session(request: HttpRequest, pk: int) -> CalibrationSession:
    found = sessions(signed_in_user(request)).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@require_access(policy.CALIBRATE)
def calibration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    changes = session.changes.select_related("employee", "changed_by").order_by("-updated_at")
    return render(
        request,
        "talent/calibration_detail.html",
        {
            "session": session,
            "locked": session_is_locked(session),
            "changes": changes,
            "form": ChangeForm(),
            "placed": session.placements.count(),
        },
    )


@require_access(policy.CALIBRATE)
@require_POST
def calibration_change(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    session = _session(request, pk)
    back = reverse("talent:calibration_detail", args=[pk])

    def change(data: Mapping[str, Any]) -> Any:
        employee = employee_by_nip(user=user, nip=data["nip"], within=session.instansi)
        if employee is None:
            raise NotFound(
                "NIP tidak ditemukan di instansi ini.", "NIP not found in this instansi."
            )
        return services.calibration_change(
            actor=user, session=session, employee=employee, box=data["box"],
            reason=data["reason"],
        )  # fmt: skip

    return act_with_form(
        request, ChangeForm(request.POST),
        service=change, success=_("Perubahan kotak dicatat."), then=back,
        invalid=gettext_lazy("Isi NIP, kotak dan alasan."),
    )  # fmt: skip


@require_access(policy.CALIBRATE)
@require_POST
def calibration_lock(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    session = _session(request, pk)
    return act(
        request,
        service=lambda: services.calibration_lock(actor=user, session=session),
        success=lambda n: _("Sesi dikunci; %(n)s ASN ditempatkan.") % {"n": n},
        then=reverse("talent:calibration_detail", args=[pk]),
    )


@require_access(policy.DASHBOARD)
def succession(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    year = year_from(request)
    can_add = policy.RECORDS_WRITE.allows(user)
    form = CriticalPostForm(request.POST or None, user=user) if can_add else None
    if form is not None:
        done = submit(
            request, form,
            service=lambda data: services.critical_post_create(
                actor=user, unit=data["unit"], name=data["name"],
                jabatan_kind=data["jabatan_kind"]),
            success=_("Jabatan kritikal ditambahkan."),
            then=reverse("talent:succession") + f"?tahun={year}",
        )  # fmt: skip
        if done is not None:
            return done
    posts = [
        (post, succession_pool(post=post, year=year, user=user)[:10])
        for post in critical_posts(user)[:30]
    ]
    return render(request, "talent/succession.html", {"posts": posts, "year": year, "form": form})


@require_access(policy.DISCIPLINE_READ)
def sanctions(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    page = CappedPaginator(sanction_list(user), 50).get_page(request.GET.get("page"))
    may_import = policy.DISCIPLINE_WRITE.allows(user)
    return render(request, "talent/sanctions.html", {"page": page, "may_import": may_import})


def _cutoff_instansi(request: HttpRequest) -> tuple[QuerySet[Unit], Unit | None]:
    """The instansi the BKD admin may set cut-offs for, and the one asked for (or the first)."""
    choices = instansi_visible(signed_in_user(request))
    wanted = id_from(request.GET.get("instansi"))
    found = choices.filter(pk=wanted).first() if wanted is not None else None
    return choices, found or choices.first()


def _cutoff_page(
    request: HttpRequest,
    *,
    template: str,
    url_name: str,
    table: Mapping[int | None, Any],
    make_form: Callable[[Any], Any],
    save: Callable[[User, Unit, int, Any], None],
    saved: str,
) -> HttpResponse:
    """One axis's cut-offs for an instansi and year: its own table, or the default until it
    saves one. The kinerja and potential pages differ only in their table, form and service."""
    user = signed_in_user(request)
    year = year_from(request)
    choices, instansi = _cutoff_instansi(request)
    if instansi is None:  # nothing of kind instansi in the user's subtree
        return render(request, template, {"instansi": None, "year": year})
    form = make_form(table.get(instansi.pk) or table.get(None) or {})
    here = reverse(url_name) + f"?instansi={instansi.pk}&tahun={year}"
    done = submit(
        request, form,
        service=lambda _data: save(user, instansi, year, form.mapping()),
        success=saved, then=here,
    )  # fmt: skip
    if done is not None:
        return done
    return render(
        request, template,
        {"form": form, "instansi": instansi, "year": year, "choices": choices,
         "local": instansi.pk in table},
    )  # fmt: skip


@require_access(policy.CALIBRATE)
def potensial_cutoffs(request: HttpRequest) -> HttpResponse:
    """An instansi's potential axis for a year: the lowest JPM of each potential level, for
    ASN without an imported potential (the default table until the instansi saves its own)."""
    return _cutoff_page(
        request,
        template="talent/potensial_cutoffs.html",
        url_name="talent:potensial_cutoffs",
        table=potensial_cuts(year_from(request)),
        make_form=lambda current: PotensialCutoffForm(
            request.POST or None, initial_cuts=dict(current)
        ),
        save=lambda user, instansi, year, mapping: services.potensial_cuts_set(
            actor=user, instansi=instansi, year=year, mapping=mapping
        ),
        saved=_("Batas sumbu potensial disimpan."),
    )


@require_access(policy.CALIBRATE)
def cutoffs(request: HttpRequest) -> HttpResponse:
    """An instansi's kinerja axis for a year: which SKP predikat counts as above, meeting or
    below expectations (the default table until the instansi saves its own)."""
    return _cutoff_page(
        request,
        template="talent/cutoffs.html",
        url_name="talent:cutoffs",
        table=kinerja_cuts(year_from(request)),
        make_form=lambda current: CutoffForm(request.POST or None, initial_cuts=current),
        save=lambda user, instansi, year, mapping: services.kinerja_cuts_set(
            actor=user, instansi=instansi, year=year, mapping=mapping
        ),
        saved=_("Batas sumbu kinerja disimpan."),
    )

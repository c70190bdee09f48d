"""Attendance pages: the organiser's rotating QR (refreshed by htmx), the live list, manual
marks, CSV import; and the participant's check-in page the QR opens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from garda.core.errors import GardaError
from garda.core.params import id_from
from garda.core.permissions import require_access, signed_in_user
from garda.core.qr import qr_svg
from garda.learning import selectors
from garda.learning.access import ADMIN_READ, ADMIN_WRITE, SIGNED_IN_ACCESS
from garda.learning.models import Attendance, Session
from garda.learning.services import attendance


def _live(session: Session) -> dict[str, object]:
    present = {
        a.enrollment_id: a
        for a in Attendance.objects.filter(session=session).select_related("enrollment")
    }
    people = list(
        selectors.participants(batch=session.batch).filter(status__in=attendance.PRESENT_STATUSES)
    )
    return {
        "session": session,
        "people": [(p, present.get(p.pk)) for p in people],
        "present_count": len(present),
        "total": len(people),
    }


@require_access(ADMIN_READ)
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=signed_in_user(request), session_id=pk)
    context = _live(session) | {"running": attendance.session_is_running(session)}
    return render(request, "learning/session_attendance.html", context)


@require_access(ADMIN_READ)
def session_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR as an SVG fragment; the page swaps it in every few seconds."""
    session = selectors.session_get(user=signed_in_user(request), session_id=pk)
    running = attendance.session_is_running(session)
    # The host the organiser's screen uses is the one participants' phones reach.
    url = request.build_absolute_uri(attendance.checkin_path(session.pk))
    svg = qr_svg(url, border=4) if running else ""
    response = render(
        request, "learning/_session_qr.html", {"svg": svg, "url": url, "running": running}
    )
    response["Cache-Control"] = "no-store"
    return response


@require_access(ADMIN_READ)
def session_live(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=signed_in_user(request), session_id=pk)
    response = render(request, "learning/_attendance_list.html", _live(session))
    response["Cache-Control"] = "no-store"
    return response


@require_access(ADMIN_WRITE)
def session_mark(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    session = selectors.session_get(user=user, session_id=pk)
    if request.method == "POST":
        enrollment_id = id_from(request.POST.get("enrollment"))
        if enrollment_id is not None:
            try:
                attendance.attendance_mark(
                    actor=user, session_id=session.pk, enrollment_id=enrollment_id,
                    present=request.POST.get("present", "1") == "1",
                )  # fmt: skip
            except GardaError as error:
                messages.error(request, error.message)
        if request.headers.get("HX-Request"):
            return render(request, "learning/_attendance_list.html", _live(session))
    return redirect("learning:session_attendance", pk=session.pk)


@require_access(ADMIN_WRITE)
def session_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    session = selectors.session_get(user=user, session_id=pk)
    upload = request.FILES.get("file")
    if request.method == "POST" and upload is not None:
        try:
            count = attendance.attendance_import(
                actor=user, session_id=session.pk, content=upload.read(2_000_000)
            )
            messages.success(request, _("%(n)s kehadiran diimpor.") % {"n": count})
        except GardaError as error:
            for problem in error.errors[:20] or [{"message": error.message}]:
                messages.error(request, problem["message"])
    return redirect("learning:session_attendance", pk=session.pk)


@require_access(SIGNED_IN_ACCESS)
def checkin(request: HttpRequest, session_pk: int, slot: int, token: str) -> HttpResponse:
    """The page the QR opens. GET shows the session and a button; POST records presence
    (a GET that writes would be triggered by link previews)."""
    user = signed_in_user(request)
    session = Session.objects.select_related("batch__program").filter(pk=session_pk).first()
    context: dict[str, object] = {"session": session, "done": None, "error": ""}
    if session is None:
        context["error"] = _("Sesi tidak ditemukan.")
    elif request.method == "POST":
        try:
            context["done"] = attendance.attendance_checkin(
                actor=user, session_id=session.pk, slot=slot, token=token
            )
        except GardaError as error:
            context["error"] = error.message
    return render(request, "learning/checkin.html", context)

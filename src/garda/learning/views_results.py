"""Participants' results pages: pre/post test, reaction survey, aksi perubahan, the
Kirkpatrick-3 follow-up; organisers' completion and question bank."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from garda.core.formflow import act
from garda.core.params import number_from
from garda.core.permissions import require_access, signed_in_user
from garda.learning import policy, selectors
from garda.learning.access import ADMIN_WRITE, SIGNED_IN_ACCESS
from garda.learning.forms import bootstrap
from garda.learning.models import FollowUp, Question, TestAttempt, TestKind
from garda.learning.services import results as results_services

RATING = [(n, str(n)) for n in range(1, 6)]


@require_access(SIGNED_IN_ACCESS)
def take_test(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = signed_in_user(request)
    enrollment = selectors.enrollment_get(user=user, enrollment_id=pk)
    if kind not in TestKind.values or enrollment.employee.user_id != user.pk:
        return redirect("learning:enrollment", pk=pk)
    if kind == TestKind.POST and not results_services.post_test_open(enrollment):
        opens_on = results_services.post_test_opens_on(enrollment)
        messages.info(
            request, _("Post-test dibuka mulai %(day)s.") % {"day": date_format(opens_on, "j F Y")}
        )
        return redirect("learning:enrollment", pk=pk)
    questions = list(results_services.questions_for(enrollment))
    if request.method == "POST":
        answers = {
            q.pk: value
            for q in questions
            if (value := number_from(request.POST.get(f"q{q.pk}"), maximum=999)) is not None
        }

        def scored(attempt: TestAttempt) -> str:
            text = _("Nilai Anda %(score)s.") % {"score": attempt.score}
            if kind == TestKind.POST:
                text += " " + (_("Lulus.") if attempt.passed else _("Belum lulus."))
            return text

        return act(
            request,
            service=lambda: results_services.test_submit(
                actor=user, enrollment_id=pk, kind=kind, answers=answers
            ),
            success=scored,
            then=reverse("learning:enrollment", args=[pk]),
        )
    context = {"enrollment": enrollment, "questions": questions, "kind": TestKind(kind)}
    return render(request, "learning/test.html", context)


class SurveyForm(forms.Form):
    content = forms.TypedChoiceField(label=gettext_lazy("Materi"), choices=RATING, coerce=int)
    instructor = forms.TypedChoiceField(label=gettext_lazy("Pengajar"), choices=RATING, coerce=int)
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Penyelenggaraan"), choices=RATING, coerce=int
    )
    comment = forms.CharField(
        label=gettext_lazy("Saran"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ChangeProjectForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Judul aksi perubahan"), max_length=300)
    outcome = forms.CharField(
        label=gettext_lazy("Hasil/manfaat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowUpForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Seberapa jauh hasil pelatihan diterapkan di tempat kerja? (1-5)"),
        choices=RATING, coerce=int,
    )  # fmt: skip
    comment = forms.CharField(
        label=gettext_lazy("Contoh penerapan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _form_page(request: HttpRequest, form: forms.Form, title: str, back_pk: int) -> HttpResponse:
    bootstrap(form)
    return render(
        request,
        "learning/form.html",
        {"form": form, "title": title, "back_url": back_pk, "back_kind": "enrollment"},
    )


@require_access(SIGNED_IN_ACCESS)
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    enrollment = selectors.enrollment_get(user=user, enrollment_id=pk)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return act(
            request,
            service=lambda: results_services.survey_submit(
                actor=user, enrollment_id=enrollment.pk, **form.cleaned_data
            ),
            success=_("Terima kasih atas penilaian Anda."),
            then=reverse("learning:enrollment", args=[pk]),
        )
    return _form_page(request, form, _("Survei reaksi"), pk)


@require_access(SIGNED_IN_ACCESS)
def change_project(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    enrollment = selectors.enrollment_get(user=user, enrollment_id=pk)
    existing = getattr(enrollment, "change_project", None)
    initial = {"title": existing.title, "outcome": existing.outcome} if existing else None
    form = ChangeProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        return act(
            request,
            service=lambda: results_services.change_project_save(
                actor=user, enrollment_id=enrollment.pk, **form.cleaned_data
            ),
            success=_("Aksi perubahan tersimpan."),
            then=reverse("learning:enrollment", args=[pk]),
        )
    return _form_page(request, form, _("Aksi perubahan"), pk)


@require_access(SIGNED_IN_ACCESS)
def followup(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    item = (
        FollowUp.objects.filter(
            pk=pk, pk__in=results_services.followups_for(user=user).values("pk")
        )
        .select_related("enrollment__batch__program", "enrollment__employee")
        .first()
    )
    if item is None:
        messages.info(request, _("Evaluasi ini sudah dijawab atau belum waktunya."))
        return redirect("learning:my")
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return act(
            request,
            service=lambda: results_services.followup_answer(
                actor=user, followup_id=item.pk, **form.cleaned_data
            ),
            success=_("Terima kasih, evaluasi tersimpan."),
            then="learning:my",
        )
    bootstrap(form)
    return render(request, "learning/followup.html", {"form": form, "item": item})


@require_access(ADMIN_WRITE)
def questions(request: HttpRequest, pk: int) -> HttpResponse:
    """The question bank: one question per block, options one per line, the right one
    marked with a leading `*`."""
    user = signed_in_user(request)
    program = selectors.program_get(user=user, program_id=pk)
    if request.method == "POST" and policy.can_manage_program(user, program):
        return act(
            request,
            service=lambda: results_services.questions_replace(
                actor=user, program_id=program.pk, text=request.POST.get("bank", "")
            ),
            success=lambda count: _("%(n)s soal tersimpan.") % {"n": count},
            then=reverse("learning:questions", args=[pk]),
        )
    bank = "\n\n".join(
        q.text
        + "\n"
        + "\n".join(("*" if i == q.correct else "") + str(o) for i, o in enumerate(q.options))
        for q in Question.objects.filter(program=program).order_by("pk")
    )
    return render(request, "learning/questions.html", {"program": program, "bank": bank})

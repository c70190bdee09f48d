"""Forms of SKM: the questionnaire (built from the edition's elements, so its texts are data),
the paper entry (the same plus the date), surveys, follow-up plan and responses."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from garda.core.models import Unit
from garda.service.skm.models import (
    ELEMENT_CODES,
    ActionStatus,
    AgeBand,
    Education,
    Element,
    ExtraElement,
    Occupation,
    PeriodKind,
    Sex,
    Survey,
    TagKind,
)
from garda.service.skm.selectors import Questionnaire
from garda.service.skm.services import AnswerInput

SCORE_CHOICES = [(4, "4"), (3, "3"), (2, "2"), (1, "1")]
EMPTY: list[tuple[str, Any]] = [("", "—")]


def _question_fields(
    elements: Iterable[Element], extras: Iterable[ExtraElement]
) -> dict[str, forms.Field]:
    """The fields of a questionnaire's questions, in their order."""
    fields: dict[str, forms.Field] = {}
    for element in elements:
        name = element.code.lower()
        fields[name] = forms.TypedChoiceField(
            label=element.question, choices=element.answers, coerce=int,
            widget=forms.RadioSelect, error_messages={"required": _("Pilih satu jawaban.")},
        )  # fmt: skip
        fields[f"tag_{name}"] = forms.ChoiceField(
            label=_("Catatan"), choices=[("", _("Tidak ada")), *TagKind.choices],
            required=False, widget=forms.RadioSelect,
        )  # fmt: skip
    for extra in extras:
        fields[f"x_{extra.code.lower()}"] = forms.TypedChoiceField(
            label=extra.question, choices=SCORE_CHOICES, coerce=int, required=False,
            widget=forms.RadioSelect,
        )  # fmt: skip
    return fields


class AnswerForm(forms.Form):
    """Nine required questions, an optional tag each, the unit's own questions, the optional
    profile and a suggestion. Field names are stable (u1..u9, tag_u1.., x_<code>).

    Built either per instance from `elements` and `extras` (the paper form), or as the
    class `answer_form_for` prepares once per questionnaire (the public pages)."""

    age_band = forms.ChoiceField(label=_("Usia"), choices=EMPTY + AgeBand.choices, required=False)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=EMPTY + Sex.choices, required=False)
    education = forms.ChoiceField(
        label=_("Pendidikan"), choices=EMPTY + Education.choices, required=False
    )
    occupation = forms.ChoiceField(
        label=_("Pekerjaan"), choices=EMPTY + Occupation.choices, required=False
    )
    suggestion = forms.CharField(
        label=_("Saran dan masukan (tanpa menyebut nama)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    elements: Sequence[Element] = ()
    extra_elements: Sequence[ExtraElement] = ()

    def __init__(
        self, *args: Any, elements: Iterable[Element] | None = None,
        extras: Iterable[ExtraElement] = (), **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        if elements is not None:
            self.elements = list(elements)
            self.extra_elements = list(extras)
            self.fields.update(_question_fields(self.elements, self.extra_elements))

    def questions(self) -> list[tuple[Element, Any, Any]]:
        """(element, its answer field, its tag field) for the template, in element order."""
        return [(e, self[e.code.lower()], self[f"tag_{e.code.lower()}"]) for e in self.elements]

    def profile_fields(self) -> list[Any]:
        return [self[name] for name in ("age_band", "sex", "education", "occupation")]

    def extra_fields(self) -> list[Any]:
        return [self[f"x_{extra.code.lower()}"] for extra in self.extra_elements]

    def answered_on(self) -> dt.date:
        return timezone.localdate()

    def answer_input(self) -> AnswerInput:
        data = self.cleaned_data
        return AnswerInput(
            scores={code: data[code.lower()] for code in ELEMENT_CODES},
            answered_on=self.answered_on(),
            profile={key: data.get(key) or "" for key in ("age_band", "sex", "education",
                                                          "occupation")},
            tags={code: data[f"tag_{code.lower()}"] for code in ELEMENT_CODES
                  if data.get(f"tag_{code.lower()}")},
            extras={extra.code: data[f"x_{extra.code.lower()}"] for extra in self.extra_elements
                    if data.get(f"x_{extra.code.lower()}")},
            suggestion=data.get("suggestion") or "",
        )  # fmt: skip


class _SharedFields(dict[str, forms.Field]):
    """A prepared form's fields, shared by all its instances. Django deep-copies a form's
    fields for each instance so that one may change its own (choices, attributes); building
    and copying these ~23 choice fields was a seventh of a phone answer's CPU. Nothing
    changes them once built, so every instance gets the same field objects."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return dict(self)


@functools.lru_cache(maxsize=256)
def answer_form_for(questionnaire: Questionnaire) -> type[AnswerForm]:
    """The form class of a questionnaire, its fields built once (choices normalised once)
    for every answer to it in this process. Keyed by the questionnaire object, which
    selectors.open_questionnaire replaces whenever the survey or its questions change."""

    class QuestionnaireForm(AnswerForm):
        elements = questionnaire.elements
        extra_elements = questionnaire.extras

    QuestionnaireForm.base_fields = _SharedFields(
        {**AnswerForm.base_fields, **_question_fields(questionnaire.elements, questionnaire.extras)}
    )
    return QuestionnaireForm


class PaperForm(AnswerForm):
    """A paper questionnaire typed by staff: the date written on it comes first."""

    date = forms.DateField(
        label=_("Tanggal pengisian"), widget=forms.DateInput(attrs={"type": "date"})
    )

    field_order = ["date"]

    def answered_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["date"]
        return value


class SurveyForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit layanan"), queryset=Unit.objects.none())
    period_kind = forms.ChoiceField(label=_("Periode"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=_("Ke- (triwulan 1-4, semester 1-2, tahunan 1)"), min_value=1, max_value=4, initial=1
    )
    population = forms.IntegerField(
        label=_("Populasi (kosongkan: dihitung dari antrean dan PPID periode sebelumnya)"),
        min_value=0, max_value=100_000_000, required=False,
    )  # fmt: skip

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["year"].initial = timezone.localdate().year


class ImportForm(forms.Form):
    """The paper-questionnaire upload: the unit the answers belong to, the file, and whether
    the good rows go in when some are wrong."""

    unit = forms.ModelChoiceField(
        label=_("Unit layanan"), queryset=Unit.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip
    file = forms.FileField(
        label=_("Berkas .xlsx atau .csv"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )
    skip_invalid = forms.BooleanField(
        required=False, label=_("Impor baris yang valid saja (lewati baris bermasalah)"),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )  # fmt: skip

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]  # a ModelChoiceField


class SurveyEditForm(forms.ModelForm):  # type: ignore[type-arg]  # django-stubs generic
    class Meta:
        model = Survey
        fields = ["is_open", "population"]


class ExtraElementForm(forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=4, initial="X1")
    name = forms.CharField(label=_("Unsur"), max_length=120)
    question = forms.CharField(label=_("Pertanyaan"), max_length=300)
    weight = forms.DecimalField(label=_("Bobot"), min_value=0, max_value=1, decimal_places=3)


class ActionForm(forms.Form):
    element_code = forms.CharField(label=_("Unsur (U1-U9 atau unsur tambahan)"), max_length=4)
    action = forms.CharField(
        label=_("Rencana tindak lanjut"), widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.CharField(label=_("Penanggung jawab"), max_length=200)
    due_on = forms.DateField(
        label=_("Target selesai"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_element_code(self) -> str:
        return str(self.cleaned_data["element_code"]).strip().upper()


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class ResponseForm(forms.Form):
    response = forms.CharField(label=_("Tanggapan"), widget=forms.Textarea(attrs={"rows": 4}))

"""Forms of the learning pages. They check shape; services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from garda.core.forms import ModelMultipleChoiceField, date_input, datetime_input
from garda.core.models import Unit
from garda.core.params import number_from
from garda.learning.models import Batch, CertificateSignatory, Program, Session


def bootstrap(form: forms.BaseForm) -> None:
    """Bootstrap's classes on every widget, so templates render `{{ field }}` as is."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class StyledModelForm(forms.ModelForm):  # type: ignore[type-arg]  # each subclass names its model
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def fields_for_service(self) -> dict[str, Any]:
        names: list[str] = list(self._meta.fields or [])
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


DATE = date_input()
DATETIME = datetime_input()


class ProgramForm(StyledModelForm):
    class Meta:
        model = Program
        fields = [
            "code", "title", "description", "form", "jp", "competencies", "mode", "provider",
            "provider_name", "cost_per_participant", "prerequisites", "prerequisite_notes",
            "target_jabatan_kinds", "target_golongan", "needs_atasan", "needs_admin_opd",
            "needs_bpsdm", "needs_surat_tugas", "min_attendance_percent", "post_test_required",
            "pass_mark", "evaluation_delay_months", "is_published", "owner_unit",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "competencies": forms.Textarea(attrs={"rows": 2}),
                   "prerequisite_notes": forms.Textarea(attrs={"rows": 2})}  # fmt: skip
        field_classes = {  # ids beyond any key are refused, not queried (core.forms)
            "prerequisites": ModelMultipleChoiceField,
            "target_jabatan_kinds": ModelMultipleChoiceField,
            "target_golongan": ModelMultipleChoiceField,
        }

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evaluation_delay_months"].required = False
        self.fields["evaluation_delay_months"].help_text = _(
            "Kosongkan untuk memakai nilai baku: 4 bulan teknis, 12 bulan manajerial."
        )
        if units is not None:
            self.fields["owner_unit"].queryset = units  # type: ignore[attr-defined]  # a ModelChoiceField
        if self.instance.pk:
            self.fields["prerequisites"].queryset = Program.objects.exclude(pk=self.instance.pk)  # type: ignore[attr-defined]  # a ModelMultipleChoiceField


def _formfield(field: Any, **kwargs: Any) -> Any:
    """Links typed without a scheme are https (Django 6's default, chosen now)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class BatchForm(StyledModelForm):
    class Meta:
        model = Batch
        formfield_callback = _formfield
        fields = [
            "program", "name", "organiser_unit", "place", "online_link", "instructors", "seats",
            "registration_opens", "registration_closes", "starts_on", "ends_on", "status",
            "cost", "budget_line",
        ]  # fmt: skip
        widgets = {"registration_opens": DATE, "registration_closes": DATE, "starts_on": DATE,
                   "ends_on": DATE, "instructors": forms.Textarea(attrs={"rows": 2})}  # fmt: skip

    def __init__(self, *args: Any, units: Any = None, programs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["organiser_unit"].queryset = units  # type: ignore[attr-defined]  # a ModelChoiceField
        if programs is not None:
            self.fields["program"].queryset = programs  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["cost"].required = False
        self.fields["cost"].help_text = _("Kosongkan untuk kuota dikali biaya per peserta.")

    def clean_cost(self) -> int:
        return int(self.cleaned_data.get("cost") or 0)


class SessionForm(StyledModelForm):
    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "place", "instructor"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


class NominateForm(forms.Form):
    nip = forms.CharField(label=_("NIP pegawai"), max_length=18, min_length=18)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Surat tugas (PDF/JPG/PNG, maks. 5 MB)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class QuotaForm(forms.Form):
    """One line per OPD: "kode-unit=kuota"."""

    quotas = forms.CharField(
        label=_("Kuota per OPD"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu baris per OPD: kode unit=kuota, mis. 15.BPSDM=5."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean_quotas(self) -> list[tuple[int, int]]:
        rows: list[tuple[int, int]] = []
        for number, line in enumerate(self.cleaned_data["quotas"].splitlines(), start=1):
            if not line.strip():
                continue
            code, _sep, seats = line.partition("=")
            unit = Unit.objects.filter(code=code.strip()).first()
            quota = number_from(seats, maximum=100_000)
            if unit is None or quota is None:
                raise forms.ValidationError(
                    _("Baris %(n)s: tulis kode unit=kuota."), params={"n": number}
                )
            rows.append((unit.pk, quota))
        return rows


class SignatoryForm(StyledModelForm):
    class Meta:
        model = CertificateSignatory
        fields = ["unit", "government", "institution", "address", "place", "position", "name",
                  "pangkat", "nip", "emblem"]  # fmt: skip

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["government"].help_text = _("Contoh: Pemerintah Provinsi Jambi")
        self.fields["position"].help_text = _("Contoh: Kepala BPSDM Provinsi Jambi")
        self.fields["emblem"].help_text = _("Kosongkan untuk memakai lambang contoh yang netral.")

"""Forms of the competency pages; the API uses serializers calling the same services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from garda.competency.models import Competency
from garda.core.models import Unit
from garda.people.models import JabatanKind

INPUT = {"class": "form-control"}
SELECT = {"class": "form-select"}
LEVELS = [(n, str(n)) for n in range(1, 6)]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={**INPUT, "accept": ".xlsx,.csv"}),
    )
    skip_invalid = forms.BooleanField(
        label=_("Lewati baris yang salah dan impor sisanya"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class StandardsUploadForm(UploadForm):
    instansi = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args: Any, instansi: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = instansi  # type: ignore[attr-defined]  # a ModelChoiceField


class StandardForm(forms.Form):
    instansi = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    jabatan_kind = forms.ModelChoiceField(
        label=_("Jenis jabatan"),
        queryset=JabatanKind.objects.all(),
        widget=forms.Select(attrs=SELECT),
    )
    jabatan_name = forms.CharField(
        label=_("Jabatan"),
        max_length=200,
        required=False,
        help_text=_("Kosongkan untuk standar bawaan semua jabatan jenis ini."),
        widget=forms.TextInput(attrs=INPUT),
    )
    competency = forms.ModelChoiceField(
        label=_("Kompetensi"), queryset=Competency.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    level = forms.TypedChoiceField(
        label=_("Level standar"), choices=LEVELS, coerce=int, widget=forms.Select(attrs=SELECT)
    )

    def __init__(
        self, *args: Any, instansi: QuerySet[Unit], competencies: QuerySet[Competency], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["instansi"].queryset = instansi  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["competency"].queryset = competencies  # type: ignore[attr-defined]  # a ModelChoiceField


class TechnicalCompetencyForm(forms.Form):
    instansi = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Unit.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    code = forms.CharField(label=_("Kode"), max_length=20, widget=forms.TextInput(attrs=INPUT))
    name = forms.CharField(label=_("Nama"), max_length=150, widget=forms.TextInput(attrs=INPUT))
    description = forms.CharField(
        label=_("Deskripsi"), required=False, widget=forms.Textarea(attrs={**INPUT, "rows": 2})
    )

    def __init__(self, *args: Any, instansi: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = instansi  # type: ignore[attr-defined]  # a ModelChoiceField


class AssessmentForm(forms.Form):
    nip = forms.CharField(label=_("NIP"), max_length=24, widget=forms.TextInput(attrs=INPUT))
    competency = forms.ModelChoiceField(
        label=_("Kompetensi"), queryset=Competency.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    level = forms.TypedChoiceField(
        label=_("Level capaian"), choices=LEVELS, coerce=int, widget=forms.Select(attrs=SELECT)
    )
    assessed_on = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={**INPUT, "type": "date"})
    )
    method = forms.CharField(label=_("Metode"), max_length=120, widget=forms.TextInput(attrs=INPUT))
    institution = forms.CharField(
        label=_("Lembaga"), max_length=200, required=False, widget=forms.TextInput(attrs=INPUT)
    )

    def __init__(self, *args: Any, competencies: QuerySet[Competency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = competencies  # type: ignore[attr-defined]  # a ModelChoiceField


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={**INPUT, "rows": 2})
    )


class PlanBatchForm(forms.Form):
    name = forms.CharField(
        label=_("Nama angkatan"), max_length=120, widget=forms.TextInput(attrs=INPUT)
    )
    seats = forms.IntegerField(
        label=_("Kuota peserta"),
        min_value=1,
        max_value=10000,
        widget=forms.NumberInput(attrs=INPUT),
    )
    registration_opens = forms.DateField(
        label=_("Pendaftaran dibuka"), widget=forms.DateInput(attrs={**INPUT, "type": "date"})
    )
    registration_closes = forms.DateField(
        label=_("Pendaftaran ditutup"), widget=forms.DateInput(attrs={**INPUT, "type": "date"})
    )
    starts_on = forms.DateField(
        label=_("Tanggal mulai"), widget=forms.DateInput(attrs={**INPUT, "type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Tanggal selesai"), widget=forms.DateInput(attrs={**INPUT, "type": "date"})
    )
    place = forms.CharField(
        label=_("Tempat"), max_length=200, required=False, widget=forms.TextInput(attrs=INPUT)
    )
    budget_line: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Sub kegiatan anggaran"),
        queryset=None,
        required=False,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, budget_lines: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = budget_lines  # type: ignore[attr-defined]  # a ModelChoiceField


class BandForm(forms.Form):
    band = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    label = forms.CharField(label=_("Nama"), max_length=80)
    min_jpm = forms.DecimalField(
        label=_("JPM minimal"), max_digits=5, decimal_places=2, min_value=0, max_value=999
    )


class SettingForm(forms.Form):
    jpm_capped = forms.BooleanField(
        label=_("Batasi JPM pada 100"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

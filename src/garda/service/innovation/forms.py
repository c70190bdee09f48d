"""Forms of the innovation pages: they parse and validate; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from garda.core.models import Unit
from garda.learning.forms import DATE, StyledModelForm, bootstrap
from garda.service.innovation.measures import measure_choices
from garda.service.innovation.models import EvidenceKind, Innovation, Sector, Stage
from garda.service.innovation.services.registry import EDITABLE_FIELDS


class InnovationForm(StyledModelForm):
    class Meta:
        model = Innovation
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "idea": forms.Textarea(attrs={"rows": 3}),
            "change": forms.Textarea(attrs={"rows": 3}),
            "beneficiaries": forms.Textarea(attrs={"rows": 2}),
            "initiated_on": DATE,
            "trial_on": DATE,
            "applied_on": DATE,
        }


class InnovationCreateForm(InnovationForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]  # a ModelChoiceField
        bootstrap(self)


class TeamMemberForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=200)
    role = forms.CharField(label=_("Peran dalam tim"), max_length=100, required=False)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    url = forms.URLField(label=_("Tautan"), required=False, assume_scheme="https")
    upload = forms.FileField(label=_("Berkas"), required=False)


class ReplicationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit yang mereplikasi"), queryset=Unit.objects.all())
    replicated_on = forms.DateField(label=_("Tanggal replikasi"), widget=DATE)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)


class ImpactForm(forms.Form):
    measure = forms.ChoiceField(label=_("Ukuran"), choices=())
    go_live = forms.DateField(label=_("Mulai berlaku"), widget=DATE)
    window_days = forms.IntegerField(
        label=_("Panjang pembanding (hari)"), min_value=7, max_value=366, initial=84
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = measure_choices()  # type: ignore[attr-defined]  # a ChoiceField
        bootstrap(self)


class CheckForm(forms.Form):
    is_running = forms.TypedChoiceField(
        label=_("Masih berjalan?"),
        choices=[("1", _("Ya")), ("0", _("Tidak"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)


class ShowcaseForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    wilayah = forms.ModelChoiceField(
        label=_("Kabupaten/kota"), queryset=Unit.objects.none(), required=False
    )
    urusan = forms.ChoiceField(
        label=_("Urusan"), choices=[("", _("Semua urusan")), *Sector.choices], required=False
    )
    tahap = forms.ChoiceField(
        label=_("Tahapan"), choices=[("", _("Semua tahapan")), *Stage.choices], required=False
    )

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = regions  # type: ignore[attr-defined]  # a ModelChoiceField
        bootstrap(self)


PARAMETERS = [(1, "1"), (2, "2"), (3, "3")]


class IndicatorForm(forms.Form):
    indicator = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    parameter = forms.TypedChoiceField(label=_("Parameter"), choices=PARAMETERS, coerce=int)
    evidence_note = forms.CharField(label=_("Bukti"), max_length=300, required=False)
    evidence_url = forms.URLField(label=_("Tautan bukti"), required=False, assume_scheme="https")


class SpdForm(forms.Form):
    indicator = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    parameter = forms.TypedChoiceField(label=_("Parameter"), choices=PARAMETERS, coerce=int)
    evidence_note = forms.CharField(label=_("Bukti"), max_length=300, required=False)


class KippForm(forms.Form):
    criterion = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    narrative = forms.CharField(label=_("Narasi"), max_length=8000, widget=forms.Textarea)
    evidence_url = forms.URLField(label=_("Tautan bukti"), required=False, assume_scheme="https")

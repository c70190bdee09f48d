"""Forms of the JP ledger pages. The API uses serializers with the same services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from garda.core.forms import date_input
from garda.learning.ledger.models import ConversionRule, LearningForm

INPUT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class ExternalLearningForm(forms.Form):
    form = forms.ModelChoiceField(
        label=_("Bentuk pembelajaran"),
        queryset=LearningForm.objects.filter(active=True),
        widget=forms.Select(attrs=SELECT),
    )
    title = forms.CharField(
        label=_("Nama kegiatan"), max_length=250, widget=forms.TextInput(attrs=INPUT)
    )
    provider = forms.CharField(
        label=_("Penyelenggara"), max_length=200, widget=forms.TextInput(attrs=INPUT)
    )
    started_on = forms.DateField(label=_("Tanggal mulai"), widget=date_input(**INPUT))
    finished_on = forms.DateField(label=_("Tanggal selesai"), widget=date_input(**INPUT))
    quantity = forms.IntegerField(
        label=_("Jumlah sesi/hari/semester"),
        min_value=0,
        max_value=999,
        required=False,
        help_text=_("Untuk coaching/mentoring: jumlah sesi. Kosongkan bila dihitung dari tanggal."),
        widget=forms.NumberInput(attrs=INPUT),
    )
    stated_jp = forms.DecimalField(
        label=_("JP pada sertifikat"),
        min_value=0,
        max_value=9999,
        decimal_places=1,
        required=False,
        help_text=_("Wajib untuk pelatihan klasikal, e-learning dan belajar mandiri."),
        widget=forms.NumberInput(attrs={**INPUT, "step": "0.1"}),
    )
    abroad = forms.BooleanField(
        label=_("Dilaksanakan di luar negeri"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    certificate_number = forms.CharField(
        label=_("Nomor sertifikat"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs=INPUT),
    )
    evidence = forms.FileField(
        label=_("Bukti (PDF/JPG/PNG, maks. 5 MB)"),
        widget=forms.ClearableFileInput(attrs={**INPUT, "accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "form_id": data["form"].pk,
            "title": data["title"],
            "provider": data["provider"],
            "started_on": data["started_on"],
            "finished_on": data["finished_on"],
            "quantity": data["quantity"] or 0,
            "stated_jp": data["stated_jp"],
            "abroad": data["abroad"],
            "certificate_number": data["certificate_number"],
            "evidence": data["evidence"],
        }


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=300,
        widget=forms.Textarea(attrs={**INPUT, "rows": 2}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas riwayat diklat (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={**INPUT, "accept": ".xlsx,.csv"}),
    )
    skip_invalid = forms.BooleanField(
        label=_("Lewati baris yang salah dan impor sisanya"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class TargetForm(forms.Form):
    """A yearly JP target of one employee kind, valid from a year on (page and command)."""

    employee_kind = forms.ChoiceField(
        label=_("Jenis pegawai"), choices=[("pns", "PNS"), ("pppk", "PPPK")],
        widget=forms.Select(attrs=SELECT),
    )  # fmt: skip
    valid_from_year = forms.IntegerField(
        label=_("Berlaku mulai tahun"), min_value=2000, max_value=2100,
        widget=forms.NumberInput(attrs=INPUT),
    )  # fmt: skip
    target_jp = forms.DecimalField(
        label=_("Target JP"), min_value=0, max_digits=5, decimal_places=1,
        widget=forms.NumberInput(attrs={**INPUT, "step": "0.5"}),
    )  # fmt: skip
    max_jp = forms.DecimalField(
        label=_("Paling banyak JP"), min_value=0, max_digits=5, decimal_places=1, required=False,
        help_text=_("Isi bila peraturan menetapkan batas JP setahun (PPPK: 24 JP)."),
        widget=forms.NumberInput(attrs={**INPUT, "step": "0.5"}),
    )  # fmt: skip
    basis = forms.CharField(
        label=_("Dasar hukum"), max_length=200, widget=forms.TextInput(attrs=INPUT)
    )


class ConversionRuleForm(forms.ModelForm[ConversionRule]):
    class Meta:
        model = ConversionRule
        fields = ["unit", "jp_per_unit", "cap_per_day", "cap_sessions_per_month",
                  "abroad_bonus_percent", "note"]  # fmt: skip
        widgets = {
            "unit": forms.Select(attrs=SELECT),
            "jp_per_unit": forms.NumberInput(attrs={**INPUT, "step": "0.5"}),
            "cap_per_day": forms.NumberInput(attrs={**INPUT, "step": "0.5"}),
            "cap_sessions_per_month": forms.NumberInput(attrs=INPUT),
            "abroad_bonus_percent": forms.NumberInput(attrs={**INPUT, "step": "0.5"}),
            "note": forms.TextInput(attrs=INPUT),
        }

"""Forms of PPID's pages. They check shape; the services check the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from garda.core.forms import date_input
from garda.core.models import Unit
from garda.transparency.ppid import selectors
from garda.transparency.ppid.intake import RequestInput
from garda.transparency.ppid.models import (
    CopyDelivery,
    Decision,
    ExemptionArticle,
    InformationCategory,
    InformationItem,
    ObjectionOutcome,
    ObjectionReason,
    ObtainMethod,
    RequesterKind,
)

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _blank_first(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "---------"), *choices]


class MarksInvalid:
    """Bootstrap's red border on every field with an error, from validation or a service."""

    fields: dict[str, forms.Field]

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]  # a form's method
        names = [field] if field else list(error) if isinstance(error, dict) else []
        for name in names:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class RequestForm(MarksInvalid, forms.Form):
    """The fields e-PPID systems ask (transparency.md)."""

    unit = forms.TypedChoiceField(
        label=_("Instansi/OPD tujuan"), coerce=int, widget=forms.Select(attrs=SELECT)
    )
    requester_kind = forms.ChoiceField(
        label=_("Jenis pemohon"),
        choices=RequesterKind.choices,
        initial=RequesterKind.INDIVIDUAL,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    requester_name = forms.CharField(
        label=_("Nama lengkap"), max_length=200,
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "name"}),
    )  # fmt: skip
    requester_nik = forms.CharField(
        label=_("NIK"),
        max_length=16,
        required=False,
        help_text=_("16 digit, wajib untuk pemohon perorangan."),
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "pattern": "[0-9]{16}"}),
    )
    organisation = forms.CharField(
        label=_("Nama badan hukum/kelompok"),
        max_length=200,
        required=False,
        help_text=_("Wajib untuk badan hukum atau kelompok orang."),
        widget=forms.TextInput(attrs=TEXT),
    )
    address = forms.CharField(
        label=_("Alamat"),
        widget=forms.Textarea(attrs={**TEXT, "rows": 2, "autocomplete": "street-address"}),
    )
    phone = forms.CharField(
        label=_("Telepon/WhatsApp"), max_length=30, required=False,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "tel", "autocomplete": "tel"}),
    )  # fmt: skip
    email = forms.EmailField(
        label=_("Email"), required=False,
        help_text=_("Pemberitahuan setiap tahap dikirim ke alamat ini."),
        widget=forms.EmailInput(attrs={**TEXT, "autocomplete": "email"}),
    )  # fmt: skip
    details = forms.CharField(
        label=_("Rincian informasi yang dibutuhkan"),
        widget=forms.Textarea(attrs={**TEXT, "rows": 4}),
    )
    purpose = forms.CharField(
        label=_("Tujuan penggunaan informasi"),
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    obtain_method = forms.ChoiceField(
        label=_("Cara memperoleh informasi"),
        choices=ObtainMethod.choices,
        initial=ObtainMethod.COPY,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    copy_delivery = forms.ChoiceField(
        label=_("Cara mendapatkan salinan"),
        choices=_blank_first(CopyDelivery.choices),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.TypedChoiceField)  # noqa: S101  # declared above
        unit_field.choices = _blank_first(selectors.target_choices(units))
        # Required for some requesters only (the help text says which): no "(opsional)".
        for name in ("requester_nik", "organisation", "copy_delivery"):
            setattr(self.fields[name], "conditional", True)  # noqa: B010  # read by _field.html

    def request_input(self) -> RequestInput:
        data = self.cleaned_data
        return RequestInput(
            unit_id=data["unit"], requester_kind=data["requester_kind"],
            requester_name=data["requester_name"], address=data["address"],
            details=data["details"], purpose=data["purpose"],
            obtain_method=data["obtain_method"], copy_delivery=data["copy_delivery"],
            requester_nik=data["requester_nik"], organisation=data["organisation"],
            phone=data["phone"], email=data["email"],
        )  # fmt: skip


class PublicRequestForm(RequestForm):
    consent = forms.BooleanField(
        label=_(
            "Saya menyatakan data di atas benar dan menyetujui penggunaannya untuk memproses "
            "permohonan ini sesuai UU 14/2008 dan UU 27/2022 tentang Pelindungan Data Pribadi."
        ),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class PaperRequestForm(RequestForm):
    received_on = forms.DateField(
        label=_("Tanggal diterima"),
        help_text=_("Tanggal permohonan tertulis sampai di meja PPID."),
        widget=date_input(**TEXT),
    )

    def clean_received_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal diterima tidak boleh di masa depan."))
        return value


class TrackForm(MarksInvalid, forms.Form):
    code = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=30,
        widget=forms.TextInput(
            attrs={**TEXT, "autocapitalize": "characters", "autocomplete": "off",
                   "placeholder": "PPID-XXXXX-XXXXX"}
        ),
    )  # fmt: skip


class ExtendForm(MarksInvalid, forms.Form):
    reason = forms.CharField(
        label=_("Alasan perpanjangan"),
        help_text=_("Disampaikan tertulis kepada pemohon."),
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )


class DecideForm(MarksInvalid, forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=_blank_first(Decision.choices),
        widget=forms.Select(attrs=SELECT),
    )
    answer = forms.CharField(
        label=_("Jawaban tertulis"), widget=forms.Textarea(attrs={**TEXT, "rows": 5})
    )
    exemption_article = forms.ChoiceField(
        label=_("Pasal pengecualian"),
        choices=_blank_first(ExemptionArticle.choices),
        required=False,
        help_text=_("Wajib bila ditolak atau dikabulkan sebagian."),
        widget=forms.Select(attrs=SELECT),
    )
    consequence_test = forms.CharField(
        label=_("Uji konsekuensi"),
        required=False,
        help_text=_("Akibat yang timbul bila informasi dibuka, dan mengapa menutupnya lebih "
                    "melindungi kepentingan yang lebih besar."),
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )  # fmt: skip
    attachment = forms.FileField(
        label=_("Lampiran jawaban"),
        required=False,
        widget=forms.ClearableFileInput(attrs=TEXT),
    )


class ObjectionForm(MarksInvalid, forms.Form):
    reason = forms.ChoiceField(
        label=_("Alasan keberatan"),
        choices=ObjectionReason.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    statement = forms.CharField(
        label=_("Uraian keberatan"), widget=forms.Textarea(attrs={**TEXT, "rows": 4})
    )


class ObjectionDecideForm(MarksInvalid, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Hasil"),
        choices=_blank_first(ObjectionOutcome.choices),
        widget=forms.Select(attrs=SELECT),
    )
    response = forms.CharField(
        label=_("Tanggapan tertulis"), widget=forms.Textarea(attrs={**TEXT, "rows": 4})
    )


ITEM_FORM_FIELDS = [
    "unit", "title", "summary", "category", "responsible", "form", "period", "retention", "link",
    "exemption_article", "legal_basis", "consequence_test", "exempt_until", "is_published",
]  # fmt: skip


class InformationItemForm(MarksInvalid, forms.ModelForm[InformationItem]):
    link = forms.URLField(label=_("Tautan"), required=False, assume_scheme="https")
    attachment = forms.FileField(
        label=_("Dokumen"),
        required=False,
        help_text=_("PDF, dokumen kantor, gambar, atau ZIP; paling besar 20 MB."),
    )

    class Meta:
        model = InformationItem
        fields = ITEM_FORM_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "consequence_test": forms.Textarea(attrs={"rows": 3}),
            "exempt_until": date_input(),
        }

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        if isinstance(unit_field, forms.ModelChoiceField):
            unit_field.queryset = units
        category = self.fields["category"]
        if isinstance(category, forms.ChoiceField):
            category.choices = InformationCategory.choices
        for name, field in self.fields.items():
            if name == "is_published":
                field.widget.attrs.setdefault("class", "form-check-input")
                continue
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")

    def service_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in ITEM_FORM_FIELDS:
            value = self.cleaned_data[name]
            if name == "unit":
                values["unit_id"] = value.pk if isinstance(value, Unit) else None
            else:
                values[name] = value
        return values

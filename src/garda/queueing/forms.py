"""Forms of the queue's pages. They check shape; the services check the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from garda.core.forms import date_input
from garda.queueing.models import Facility, Priority

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class IdentityKind:
    NIK = "nik"
    BPJS = "bpjs"
    CHOICES = [(NIK, _("NIK (KTP/KK)")), (BPJS, _("Nomor kartu BPJS/KIS"))]


class BookingForm(forms.Form):
    poli = forms.TypedChoiceField(label=_("Poli"), coerce=int, widget=forms.Select(attrs=SELECT))
    service_date = forms.DateField(
        label=_("Tanggal periksa"),
        widget=date_input(**TEXT),
    )
    identity_kind = forms.ChoiceField(
        label=_("Identitas"),
        choices=IdentityKind.CHOICES,
        initial=IdentityKind.NIK,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    identity_number = forms.CharField(
        label=_("Nomor identitas"),
        max_length=20,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("NIK 16 digit atau nomor kartu BPJS 13 digit."),
    )
    name = forms.CharField(
        label=_("Nama pasien"),
        max_length=200,
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Nomor HP (WhatsApp/SMS)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Untuk pemberitahuan saat giliran Anda sudah dekat."),
    )
    email = forms.EmailField(
        label=_("Surel (boleh kosong)"),
        required=False,
        widget=forms.EmailInput(attrs={**TEXT, "autocomplete": "email"}),
    )
    priority = forms.ChoiceField(
        label=_("Kelompok prioritas"),
        choices=Priority.choices,
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    complaint = forms.CharField(
        label=_("Keluhan (boleh kosong)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )

    def __init__(self, *args: Any, facility: Facility, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        polis = facility.polis.filter(is_active=True, bookable=True).order_by("bpjs_code")
        self.fields["poli"].choices = [(p.pk, p.name) for p in polis]  # type: ignore[attr-defined]
        today = timezone.localdate()
        widget = self.fields["service_date"].widget
        widget.attrs["min"] = today.isoformat()
        widget.attrs["max"] = (today + dt.timedelta(days=facility.booking_horizon_days)).isoformat()
        self.fields["service_date"].initial = today

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        # Checked and canonicalised by the service (core.identity), as on every other path.
        number = data["identity_number"]
        is_nik = data["identity_kind"] == IdentityKind.NIK
        return {
            "poli_id": data["poli"],
            "service_date": data["service_date"],
            "name": data["name"],
            "nik": number if is_nik else "",
            "card_number": "" if is_nik else number,
            "phone": data["phone"],
            "email": data["email"],
            "priority": data["priority"] or "",
            "complaint": data["complaint"],
        }


class CodeForm(forms.Form):
    """A booking code typed, or scanned: a QR scanner types the status page's address, so
    the code is the last part of whatever was read."""

    code = forms.CharField(
        label=_("Kode booking"),
        max_length=200,
        widget=forms.TextInput(
            attrs={
                **TEXT,
                "class": "form-control form-control-lg text-uppercase font-monospace",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self) -> str:
        raw = str(self.cleaned_data["code"]).strip().rstrip("/")
        return raw.rsplit("/", 1)[-1].upper()[:12]


class WalkInForm(forms.Form):
    poli = forms.TypedChoiceField(label=_("Poli"), coerce=int)
    priority = forms.ChoiceField(
        label=_("Kelompok prioritas"), choices=Priority.choices, required=False
    )

    def __init__(self, *args: Any, facility: Facility, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        polis = facility.polis.filter(is_active=True, bookable=True)
        self.fields["poli"].choices = [(p.pk, p.name) for p in polis]  # type: ignore[attr-defined]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan (boleh kosong)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )


class StaffTicketForm(WalkInForm):
    """A patient registered at the loket by staff (no kiosk, or helped by a petugas)."""

    name = forms.CharField(label=_("Nama pasien (boleh kosong)"), max_length=200, required=False)
    card_number = forms.CharField(
        label=_("Nomor kartu BPJS (boleh kosong)"), max_length=20, required=False
    )
    nik = forms.CharField(label=_("NIK (boleh kosong)"), max_length=20, required=False)

    def __init__(self, *args: Any, facility: Facility, **kwargs: Any) -> None:
        super().__init__(*args, facility=facility, **kwargs)
        self.fields["poli"].choices = [  # type: ignore[attr-defined]
            (p.pk, p.name) for p in facility.polis.filter(is_active=True).order_by("bpjs_code")
        ]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-select form-select-sm"
                if name in {"poli", "priority"}
                else "form-control form-control-sm"
            )

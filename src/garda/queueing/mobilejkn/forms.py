from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CredentialsForm(forms.Form):
    username = forms.CharField(label=_("Nama pengguna Mobile JKN"), max_length=100)
    password = forms.CharField(
        label=_("Kata sandi baru"),
        widget=forms.PasswordInput,
        min_length=10,
        help_text=_("Minimal 10 karakter. Token yang sudah diberikan langsung tidak berlaku."),
    )


class OutboundForm(forms.Form):
    enabled = forms.BooleanField(label=_("Kirim antrean ke BPJS"), required=False)
    base_url = forms.URLField(
        label=_("Alamat WS Antrean FKTP BPJS"), required=False, assume_scheme="https"
    )
    cons_id = forms.CharField(label=_("Cons-id"), max_length=50, required=False)
    secret = forms.CharField(
        label=_("Secret key"),
        widget=forms.PasswordInput,
        required=False,
        help_text=_("Kosongkan untuk memakai yang tersimpan."),
    )
    user_key = forms.CharField(
        label=_("User key"),
        widget=forms.PasswordInput,
        required=False,
        help_text=_("Kosongkan untuk memakai yang tersimpan."),
    )

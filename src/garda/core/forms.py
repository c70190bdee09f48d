from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from garda.core.services import password_reset_complete


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username atau NIP"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("Username/NIP atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif."),
    }


class TotpForm(forms.Form):
    token = forms.CharField(
        label=_("Kode 6 digit dari aplikasi autentikator"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "pattern": "[0-9]{6}",
            }
        ),
    )


class ResetPasswordForm(SetPasswordForm):  # type: ignore[type-arg]  # the user model is core.User
    """The new password from the e-mailed link; setting it also lifts a sign-in lockout."""

    def save(self, commit: bool = True) -> Any:

        user = super().save(commit=commit)
        if commit:
            password_reset_complete(user=user)
        return user

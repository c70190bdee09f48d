from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.db import models
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


# The widest integer primary key a database holds (bigint).
_PK_MIN, _PK_MAX = -(2**63), 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # any model
    """Django's field, refusing ids no integer key can hold before it queries them: Django keeps
    `pk = <huge>` from failing (Django 5.0) but not `pk IN (<huge>)`, which SQLite answers with
    OverflowError (a 500) for a posted "999...9". Use it for every many-to-many in a form
    (`Meta.field_classes`)."""

    def clean(self, value: Any) -> Any:
        meta = self.queryset.model._meta  # type: ignore[union-attr]  # a queryset is always set
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(key, models.IntegerField | models.AutoField):
            for item in value if isinstance(value, list | tuple) else []:
                try:
                    number = int(str(item))
                except ValueError:
                    continue  # Django's own check names it as an invalid choice
                if not _PK_MIN <= number <= _PK_MAX:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": str(item)[:40]},
                    )
        return super().clean(value)


def date_input(**attrs: Any) -> forms.DateInput:
    """A browser date picker. `<input type="date">` accepts only YYYY-MM-DD as its value; the
    widget's default is the language's format (17/08/2026 in Indonesian), which the browser
    drops, so an edited form showed an empty date (the calendar page did)."""
    return forms.DateInput(attrs={**attrs, "type": "date"}, format="%Y-%m-%d")


def datetime_input(**attrs: Any) -> forms.DateTimeInput:
    """`<input type="datetime-local">`, whose value must read YYYY-MM-DDTHH:MM."""
    return forms.DateTimeInput(attrs={**attrs, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

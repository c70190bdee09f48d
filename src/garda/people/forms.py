from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from garda.core.access import units_visible_to
from garda.core.forms import date_input
from garda.core.models import User
from garda.people.models import Employee

EMPLOYEE_FORM_FIELDS = [
    "name", "gelar_depan", "gelar_belakang", "kind", "birth_place", "birth_date", "gender",
    "golongan", "tmt_golongan", "jabatan_name", "jabatan_kind", "unit", "education_level",
    "education_major", "education_institution", "email", "phone", "status",
]  # fmt: skip


class EmployeeForm(forms.ModelForm[Employee]):
    class Meta:
        model = Employee
        fields = EMPLOYEE_FORM_FIELDS
        widgets = {
            "birth_date": date_input(),
            "tmt_golongan": date_input(),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An admin may move a person only within the units it administers.
        unit_field = self.fields["unit"]
        if isinstance(unit_field, forms.ModelChoiceField):
            unit_field.queryset = units_visible_to(user)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")

    def service_values(self) -> dict[str, Any]:
        """cleaned_data in the shape the service takes: foreign keys as *_id."""
        values: dict[str, Any] = {}
        for name in EMPLOYEE_FORM_FIELDS:
            value = self.cleaned_data[name]
            field = Employee._meta.get_field(name)
            if field.is_relation:
                values[f"{name}_id"] = value.pk if value is not None else None
            else:
                values[name] = value
        return values


class SelfProfileForm(forms.Form):
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=20, required=False)

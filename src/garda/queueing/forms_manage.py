"""Forms of the set-up pages. ModelForms check shape and uniqueness; the services in
services/configure.py write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from garda.core.access import sees_everything, units_visible_to
from garda.core.forms import date_input
from garda.core.models import Unit, UnitKind
from garda.queueing.models import (
    ClosedDate,
    Counter,
    Doctor,
    Facility,
    Poli,
    Weekday,
)

TEXT = {"class": "form-control"}
TIME = {"class": "form-control", "type": "time"}


class StyledModelForm(forms.ModelForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}


class FacilityForm(StyledModelForm):
    class Meta:
        model = Facility
        fields = [
            "code", "name", "kabupaten", "unit", "address", "booking_horizon_days",
            "priority_every", "late_places", "is_active",
        ]  # fmt: skip
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kabupaten = Unit.objects.filter(kind=UnitKind.INSTANSI).exclude(code="15")
        units = Unit.objects.filter(kind=UnitKind.PUSKESMAS)
        if not sees_everything(user):
            visible = units_visible_to(user)
            kabupaten = kabupaten.filter(pk__in=visible.values("pk"))
            units = units.filter(pk__in=visible.values("pk"))
        self.fields["kabupaten"].queryset = kabupaten.order_by("code")  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units.order_by("name")  # type: ignore[attr-defined]
        self.fields["unit"].help_text = _(
            "Petugas puskesmas pada unit ini menjalankan konsol antreannya."
        )


class PoliForm(StyledModelForm):
    class Meta:
        model = Poli
        fields = [
            "bpjs_code", "name", "prefix", "quota_online", "quota_onsite",
            "default_service_minutes", "bookable", "is_active",
        ]  # fmt: skip


class FacilityPartForm(StyledModelForm):
    """Counters and doctors choose among the facility's own polis."""

    def __init__(self, *args: Any, facility: Facility, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["poli"].queryset = facility.polis.order_by("bpjs_code")  # type: ignore[attr-defined]


class CounterForm(FacilityPartForm):
    class Meta:
        model = Counter
        fields = ["poli", "name", "is_open"]


class DoctorForm(FacilityPartForm):
    class Meta:
        model = Doctor
        fields = ["poli", "bpjs_code", "name", "practice_start", "practice_end", "is_active"]
        widgets = {
            "practice_start": forms.TimeInput(attrs=TIME),
            "practice_end": forms.TimeInput(attrs=TIME),
        }


class ClosedDateForm(StyledModelForm):
    class Meta:
        model = ClosedDate
        fields = ["date", "reason"]
        widgets = {"date": date_input()}

    def __init__(self, *args: Any, facility: Facility, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


HOUR = forms.TimeInput(attrs=TIME, format="%H:%M")


class HoursForm(forms.Form):
    """Seven rows: an empty pair closes that weekday."""

    def __init__(self, *args: Any, facility: Facility, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {h.weekday: h for h in facility.hours.all()}
        for day, label in Weekday.choices:
            row = current.get(day)
            self.fields[f"opens_{day}"] = forms.TimeField(
                label=_("%(day)s buka") % {"day": label}, required=False,
                initial=row.opens if row else None, widget=HOUR,
            )  # fmt: skip
            self.fields[f"closes_{day}"] = forms.TimeField(
                label=_("%(day)s tutup") % {"day": label}, required=False,
                initial=row.closes if row else None, widget=HOUR,
            )  # fmt: skip

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (str(label), self[f"opens_{d}"], self[f"closes_{d}"]) for d, label in Weekday.choices
        ]

    def hours(self) -> dict[int, Any]:
        result: dict[int, Any] = {}
        for day, _label in Weekday.choices:
            opens = self.cleaned_data.get(f"opens_{day}")
            closes = self.cleaned_data.get(f"closes_{day}")
            result[day] = (opens, closes) if opens and closes else None
        return result


class RuleForm(forms.Form):
    people_ahead = forms.IntegerField(
        label=_("Beri tahu saat tersisa N orang di depan"), min_value=0, max_value=50,
        widget=forms.NumberInput(attrs=TEXT),
    )  # fmt: skip
    minutes_before = forms.IntegerField(
        label=_("atau M menit sebelum perkiraan panggilan"), min_value=0, max_value=240,
        widget=forms.NumberInput(attrs=TEXT),
    )  # fmt: skip
    enabled = forms.BooleanField(
        label=_("Pemberitahuan aktif"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )  # fmt: skip


class ParameterForm(forms.Form):
    value = forms.IntegerField(label=_("Nilai"), min_value=0, widget=forms.NumberInput(attrs=TEXT))

"""core.forms.ModelMultipleChoiceField: an id no integer key can hold is an invalid choice,
not a query that SQLite answers with OverflowError (found by the fuzz, garda/tests)."""

from __future__ import annotations

import pytest
from django import forms

from garda.core.forms import ModelMultipleChoiceField
from garda.core.models import Unit
from garda.core.testing import UnitFactory

pytestmark = pytest.mark.django_db


class UnitsForm(forms.Form):
    units = ModelMultipleChoiceField(queryset=Unit.objects.all())


@pytest.mark.parametrize("value", ["9" * 40, "-" + "9" * 40, str(2**63)])
def test_an_id_beyond_any_key_is_an_invalid_choice(value: str) -> None:
    unit = UnitFactory()
    form = UnitsForm({"units": [str(unit.pk), value]})
    assert not form.is_valid()
    error = form.errors.as_data()["units"][0]
    assert error.code == "invalid_choice"
    assert value[:40] in form.errors["units"][0]


def test_ordinary_ids_still_work_and_unknown_ones_are_refused() -> None:
    first, second = UnitFactory(), UnitFactory()
    form = UnitsForm({"units": [str(first.pk), str(second.pk)]})
    assert form.is_valid()
    assert set(form.cleaned_data["units"]) == {first, second}
    form = UnitsForm({"units": [str(2**63 - 1)]})
    assert not form.is_valid()
    form = UnitsForm({"units": ["abc"]})
    assert not form.is_valid()

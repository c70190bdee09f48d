"""When things are due: the one place that turns the regulation's numbers (kept as data in
RegulationParameter) and the working-day calendar into dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from garda.core.calendar import WorkingCalendar
from garda.core.errors import GardaError
from garda.transparency.ppid.models import (
    InformationRequest,
    ParameterKey,
    RegulationParameter,
    RequestStatus,
)


class ParameterMissing(GardaError):
    code = "ppid_parameter_missing"
    http_status = 500
    message_id = "Parameter regulasi PPID belum diisi; hubungi admin provinsi."
    message_en = "A PPID regulation parameter is missing; contact the province admin."


def parameter(key: ParameterKey | str) -> int:
    """The number of working days the regulation gives for `key`."""
    value = RegulationParameter.objects.filter(key=key).values_list("value", flat=True).first()
    if value is None:
        raise ParameterMissing
    return int(value)


def parameters() -> dict[str, int]:
    return dict(RegulationParameter.objects.values_list("key", "value"))


def due_on_for(received_on: dt.date, *, calendar: WorkingCalendar | None = None) -> dt.date:
    """The last day to answer a request received on `received_on` (day 1 = the next working
    day)."""
    return (calendar or WorkingCalendar()).add(received_on, parameter(ParameterKey.RESPONSE_DAYS))


def extended_due_on(due_on: dt.date) -> dt.date:
    return WorkingCalendar().add(due_on, parameter(ParameterKey.EXTENSION_DAYS))


def objection_answer_due_on(filed_on: dt.date) -> dt.date:
    return WorkingCalendar().add(filed_on, parameter(ParameterKey.OBJECTION_ANSWER_DAYS))


def dispute_until(objection_decided_on: dt.date) -> dt.date:
    """Last day to take the matter to the Komisi Informasi after the superior's answer."""
    return WorkingCalendar().add(objection_decided_on, parameter(ParameterKey.DISPUTE_WINDOW_DAYS))


@dataclass(frozen=True)
class ObjectionWindow:
    """When an objection about a request may be filed. `opens_on` None: not yet (the request
    is neither answered nor past its deadline)."""

    opens_on: dt.date | None
    closes_on: dt.date | None

    def is_open(self, today: dt.date) -> bool:
        return (
            self.opens_on is not None
            and self.closes_on is not None
            and self.opens_on <= today <= self.closes_on
        )


def objection_window(request: InformationRequest, *, today: dt.date) -> ObjectionWindow:
    """Within N working days of the answer, or of the deadline the PPID let pass."""
    if request.status == RequestStatus.DECIDED and request.decided_on is not None:
        start = request.decided_on
    elif today > request.due_on:
        start = request.due_on
    else:
        return ObjectionWindow(None, None)
    closes = WorkingCalendar().add(start, parameter(ParameterKey.OBJECTION_WINDOW_DAYS))
    return ObjectionWindow(start, closes)


def working_days_left(due_on: dt.date, *, today: dt.date) -> int:
    """Working days from today to the deadline; 0 on the last day, negative when past it."""
    return WorkingCalendar().between(today, due_on)

"""What a citizen is offered once a public service is finished (a survey after a puskesmas
visit or an answered PPID request), without the service's app knowing who offers it.

The queue and PPID sit below the apps that offer follow-ups (the satisfaction survey is in
`garda.service`), so those apps register a provider here from their `AppConfig.ready()`; the
ticket and tracking pages ask `followups_for` and render `core/_followups.html`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from garda.core.qr import qr_svg


@dataclass(frozen=True)
class FinishedService:
    """A finished service: `kind` ("queue" or "ppid"), the code its holder keeps (booking
    or tracking code, a secret: providers must not put it in a link), the unit that served."""

    kind: str
    code: str
    unit_id: int | None
    finished_on: dt.date


@dataclass(frozen=True)
class FollowUp:
    label: str
    path: str  # a local path, made absolute for the QR code
    note: str = ""


@dataclass(frozen=True)
class ShownFollowUp:
    label: str
    url: str
    note: str
    qr_svg: str


Provider = Callable[[FinishedService], FollowUp | None]
_providers: list[Provider] = []


def register_followup(provider: Provider) -> None:
    """Register once (from an AppConfig.ready); a second registration is ignored."""
    if provider not in _providers:
        _providers.append(provider)


def followups_for(request: HttpRequest, service: FinishedService) -> list[ShownFollowUp]:
    shown: list[ShownFollowUp] = []
    for provider in list(_providers):
        offer = provider(service)
        if offer is None:
            continue
        url = request.build_absolute_uri(offer.path)
        qr = qr_svg(url, scale=3, scalable=False)
        shown.append(ShownFollowUp(offer.label, url, offer.note, qr))
    return shown

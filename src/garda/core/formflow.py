"""The one shape of a page that writes: bind the form, call one service, flash, redirect.

About fifty views repeated the same dozen lines by hand. Views now call `submit` (a page
with a form shown again on error) or `act` (a POST-only button whose outcome is a flash
message on the page it returns to); both call exactly one service, so the view stays
"parse, authorize, call, render"."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise

from garda.core.errors import GardaError

T = TypeVar("T")

Message = str | Promise | Callable[[Any], str | Promise]
Destination = str | Callable[[Any], HttpResponse]


def add_error_from(form: forms.BaseForm, error: GardaError) -> None:
    """Put a service's error beside the field it names, or above the form."""
    fields = [e.get("field") for e in error.errors if e.get("field") in form.fields]
    form.add_error(fields[0] if fields else None, error.message)


def _finish(request: HttpRequest, result: Any, success: Message, then: Destination) -> HttpResponse:
    text = success(result) if callable(success) else success
    if text:
        messages.success(request, str(text))
    return then(result) if callable(then) else redirect(then)


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    service: Callable[[Mapping[str, Any]], T],
    success: Message,
    then: Destination,
) -> HttpResponse | None:
    """On a POST whose form is valid, call `service(cleaned_data)`; on success flash
    `success` and answer the redirect `then` (a URL or a function of the result). Answers None
    when the page should (re)render the form: a GET, an invalid form, or a refusal by the
    service, which is shown beside the field it names."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except GardaError as error:
        add_error_from(form, error)
        return None
    return _finish(request, result, success, then)


def act(
    request: HttpRequest,
    *,
    service: Callable[[], T],
    success: Message,
    then: Destination,
    failed_to: Destination | None = None,
) -> HttpResponse:
    """A POST-only action (a button): call the service, flash its outcome, redirect. A refusal
    is flashed as an error and goes to `failed_to` (default: the same place as `then`)."""
    try:
        result = service()
    except GardaError as error:
        messages.error(request, error.message)
        target = failed_to or then
        return target(None) if callable(target) else redirect(target)
    return _finish(request, result, success, then)


def act_with_form(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    service: Callable[[Mapping[str, Any]], T],
    success: Message,
    then: Destination,
    invalid: str | Promise,
) -> HttpResponse:
    """`act` for a small POST-only form (no page of its own): an invalid form is flashed as
    `invalid` and the user goes back to `then`."""
    if not form.is_valid():
        messages.error(request, str(invalid))
        return then(None) if callable(then) else redirect(then)
    return act(request, service=lambda: service(form.cleaned_data), success=success, then=then)

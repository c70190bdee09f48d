"""The form-and-service flow every writing page uses."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpRequest
from django.test import RequestFactory

from garda.core.errors import ValidationFailed
from garda.core.formflow import act, act_with_form, submit


class NameForm(forms.Form):
    name = forms.CharField(max_length=10)


def _request(method: str, data: dict[str, str] | None = None) -> HttpRequest:
    factory = RequestFactory()
    request = factory.post("/", data or {}) if method == "POST" else factory.get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _refuse(_: Any = None) -> Any:
    raise ValidationFailed(
        "Nama sudah dipakai.", "Name taken.", code="taken", errors=[{"field": "name"}]
    )


def test_a_get_renders_the_form_without_calling_the_service() -> None:
    calls: list[Any] = []
    form = NameForm(None)
    response = submit(_request("GET"), form, service=calls.append, success="ok", then="/x/")
    assert response is None
    assert calls == []


def test_a_valid_post_calls_the_service_once_flashes_and_redirects() -> None:
    calls: list[Any] = []
    request = _request("POST", {"name": "Jambi"})
    form = NameForm(request.POST)
    response = submit(
        request, form, service=lambda data: calls.append(data["name"]) or 7,
        success=lambda result: f"Disimpan {result}", then=lambda result: _redirect(result),
    )  # fmt: skip
    assert calls == ["Jambi"]
    assert response is not None
    assert response["Location"] == "/hasil/7/"
    assert [str(m) for m in get_messages(request)] == ["Disimpan 7"]


def _redirect(result: int) -> Any:
    from django.shortcuts import redirect

    return redirect(f"/hasil/{result}/")


def test_a_refusal_lands_beside_the_field_it_names() -> None:
    request = _request("POST", {"name": "Jambi"})
    form = NameForm(request.POST)
    assert submit(request, form, service=_refuse, success="ok", then="/x/") is None
    assert form.errors["name"] == ["Nama sudah dipakai."]


def test_an_invalid_form_never_reaches_the_service() -> None:
    request = _request("POST", {"name": "x" * 11})
    form = NameForm(request.POST)
    assert submit(request, form, service=_refuse, success="ok", then="/x/") is None
    assert "name" in form.errors


@pytest.mark.parametrize(("service", "level"), [(lambda: 1, "success"), (_refuse, "error")])
def test_an_action_flashes_its_outcome_and_redirects(service: Any, level: str) -> None:
    request = _request("POST")
    response = act(request, service=service, success="Selesai.", then="/kembali/")
    assert response["Location"] == "/kembali/"
    [message] = list(get_messages(request))
    assert message.level_tag == level


def test_an_action_form_that_does_not_validate_is_flashed() -> None:
    request = _request("POST", {"name": ""})
    response = act_with_form(
        request, NameForm(request.POST), service=_refuse, success="ok", then="/k/",
        invalid="Periksa isian.",
    )  # fmt: skip
    assert response["Location"] == "/k/"
    assert [str(m) for m in get_messages(request)] == ["Periksa isian."]

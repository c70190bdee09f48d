"""The two ceilings: a small JSON document, and one row inserted in its own transaction (as a
service writes) answered as JSON."""

from django.db import transaction
from django.http import HttpRequest, JsonResponse

from ceiling.models import Row


def bare_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True, "metadata": {"message": "Ok.", "code": 200}})


def bare_insert(request: HttpRequest) -> JsonResponse:
    with transaction.atomic():
        row = Row.objects.create(text=request.body.decode(errors="replace")[:200] or "x")
    return JsonResponse({"ok": True, "id": row.pk})

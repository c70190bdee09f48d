"""The ceiling benchmarks compare against: the cheapest Django view that returns JSON."""

from django.http import HttpRequest, JsonResponse


def bare_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})

"""The ceilings benchmarks compare against: the cheapest Django view that returns JSON, and
the cheapest one that inserts one row (in its own transaction, as a service would) and
answers JSON. Served only when GARDA_BENCH_VIEWS is on."""

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from garda.bench.models import BenchRow


def bare_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


@csrf_exempt
def bare_insert(request: HttpRequest) -> JsonResponse:
    with transaction.atomic():
        row = BenchRow.objects.create(value=1)
    return JsonResponse({"ok": True, "id": row.pk})

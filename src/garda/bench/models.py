from django.db import models


class BenchRow(models.Model):
    """Only written by the one-row-insert view of the benches (GARDA_BENCH_VIEWS): the ceiling
    a ticket's throughput is compared with. Empty on every real server."""

    created_at = models.DateTimeField(auto_now_add=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"bench row {self.pk}"

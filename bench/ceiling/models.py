from django.db import models


class Row(models.Model):
    """One row with one text field: what the insert ceiling writes."""

    text = models.TextField()

    class Meta:
        db_table = "bench_ceiling_row"

    def __str__(self) -> str:
        return self.text

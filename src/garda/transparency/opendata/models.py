"""Models of transparency.opendata (to be written)."""

__all__: list[str] = []

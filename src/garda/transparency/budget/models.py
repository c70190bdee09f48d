"""Models of transparency.budget (to be written)."""

__all__: list[str] = []

"""Models of transparency.ppid (to be written)."""

__all__: list[str] = []

"""This app's viewsets on the project's /api/v1/ router (called from garda/api_urls.py)."""

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Add this app's routes; nothing yet."""

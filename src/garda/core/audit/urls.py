"""Public audit pages and proof endpoints (filled in by the public-audit work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

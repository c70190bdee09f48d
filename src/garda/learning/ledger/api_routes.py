"""This app's viewsets on the project's /api/v1/ router (called from garda/api_urls.py)."""

from rest_framework.routers import DefaultRouter

from garda.learning.ledger import api


def register(router: DefaultRouter) -> None:

    router.register("jp-ledger", api.LedgerEntryViewSet, basename="jp-ledger")
    router.register("jp-compliance", api.ComplianceViewSet, basename="jp-compliance")
    router.register("jp-external", api.ExternalLearningViewSet, basename="jp-external")

"""This app's viewsets on the project's /api/v1/ router (called from garda/api_urls.py)."""

from rest_framework.routers import DefaultRouter

from garda.learning import api


def register(router: DefaultRouter) -> None:

    router.register("programs", api.ProgramViewSet, basename="program")
    router.register("batches", api.BatchViewSet, basename="batch")
    router.register("enrollments", api.EnrollmentViewSet, basename="enrollment")

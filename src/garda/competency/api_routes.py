"""This app's viewsets on the project's /api/v1/ router (called from garda/api_urls.py)."""

from rest_framework.routers import DefaultRouter

from garda.competency import api


def register(router: DefaultRouter) -> None:
    router.register("competencies", api.CompetencyViewSet, basename="competency")
    router.register("competency-standards", api.StandardViewSet, basename="competency-standard")
    router.register(
        "competency-assessments", api.AssessmentViewSet, basename="competency-assessment"
    )
    router.register("competency-gaps", api.GapViewSet, basename="competency-gap")
    router.register("development-plans", api.DevelopmentPlanViewSet, basename="development-plan")
    router.register("competency-plan", api.PlanLineViewSet, basename="competency-plan")

"""Everything under /api/v1/: one router, the schema and its Swagger UI from local files."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from garda.competency import api_routes as competency_routes
from garda.core import api as core_api
from garda.learning import api_routes as learning_routes
from garda.learning.ledger import api_routes as ledger_routes
from garda.people import api as people_api
from garda.queueing import api_routes as queueing_routes
from garda.queueing.mobilejkn import api_routes as mobilejkn_routes
from garda.service.innovation import api_routes as innovation_routes
from garda.service.skm import api as skm_api
from garda.studies import api as studies_api
from garda.talent import api_routes as talent_routes
from garda.transparency.budget import api as budget_api
from garda.transparency.opendata import api as opendata_api
from garda.transparency.ppid import api as ppid_api

router = DefaultRouter()
router.register("jobs", core_api.JobViewSet, basename="job")
router.register("audit/entries", core_api.AuditEntryViewSet, basename="audit-entry")
router.register("audit/tree-heads", core_api.TreeHeadViewSet, basename="tree-head")
router.register("units", people_api.UnitViewSet, basename="unit")
router.register("employees", people_api.EmployeeViewSet, basename="employee")
router.register("budget/lines", budget_api.BudgetLineViewSet, basename="budget-line")
router.register("opendata/datasets", opendata_api.DatasetViewSet, basename="dataset")
router.register(
    "information-requests", ppid_api.InformationRequestViewSet, basename="information-request"
)
for app_routes in (
    learning_routes,
    ledger_routes,
    queueing_routes,
    mobilejkn_routes,
    competency_routes,
    skm_api,
    innovation_routes,
    talent_routes,
    studies_api,
):
    app_routes.register(router)

urlpatterns = [
    path("me/", core_api.MeView.as_view(), name="me"),
    path("schema/", core_api.SchemaView.as_view(), name="schema"),
    path("docs/", core_api.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]

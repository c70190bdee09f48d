"""/api/v1/skm/...: anyone reads published surveys and their results (aggregates only); staff
read the surveys of their scope, create surveys and enter paper questionnaires. Reads go
through the selectors the pages use, writes through the same services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from garda.core.params import id_from
from garda.core.permissions import HasRole, access_for
from garda.core.roles import PUBLIC
from garda.service.skm import selectors, services
from garda.service.skm.models import ELEMENT_CODES, Channel, PeriodKind, Survey
from garda.service.skm.views_staff import STAFF_WRITE

if TYPE_CHECKING:
    from rest_framework.permissions import _SupportsHasPermission


class SurveySerializer(serializers.ModelSerializer[Survey]):
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    period = serializers.CharField(source="period_label", read_only=True)
    respondents = serializers.IntegerField(read_only=True)
    published = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id", "unit", "unit_code", "unit_name", "period_kind", "year", "number", "period",
            "starts_on", "ends_on", "population", "is_open", "published", "respondents",
        ]  # fmt: skip
        read_only_fields = fields

    def get_published(self, obj: Survey) -> bool:
        return obj.published_at is not None


class SurveyCreateSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField(min_value=1)
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    number = serializers.IntegerField(min_value=1, max_value=4, default=1)
    population = serializers.IntegerField(
        min_value=0, max_value=100_000_000, required=False, allow_null=True
    )


class PaperAnswerSerializer(serializers.Serializer[Any]):
    answered_on = serializers.DateField()
    scores = serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=4))
    age_band = serializers.CharField(required=False, allow_blank=True, max_length=6)
    sex = serializers.CharField(required=False, allow_blank=True, max_length=1)
    education = serializers.CharField(required=False, allow_blank=True, max_length=8)
    occupation = serializers.CharField(required=False, allow_blank=True, max_length=10)
    suggestion = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SurveyViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Survey]
):
    """Published surveys for everyone; staff also see the unpublished ones of their scope."""

    access = access_for(PUBLIC)  # reading; writes declare or check STAFF_WRITE
    lookup_value_regex = r"[0-9]{1,18}"
    serializer_class = SurveySerializer
    queryset = Survey.objects.none()

    def get_permissions(self) -> Sequence[_SupportsHasPermission]:
        if self.action in ("list", "retrieve", "results"):
            return [AllowAny()]
        return [HasRole()]  # `answers` declares STAFF_WRITE; `create` checks it below

    def get_queryset(self) -> Any:
        return selectors.surveys_readable(self.request.user)

    @extend_schema(request=SurveyCreateSerializer, responses={201: SurveySerializer})
    def create(self, request: Request) -> Response:
        if not STAFF_WRITE.allows(request.user):
            self.permission_denied(request)
        data = SurveyCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        survey = services.survey_create(
            actor=request.user, unit_id=values["unit"], period_kind=values["period_kind"],
            year=values["year"], number=values["number"],
            population_count=values.get("population"),
        )  # fmt: skip
        shown = self.get_queryset().get(pk=survey.pk)
        return Response(SurveySerializer(shown).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: dict[str, Any]})
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        """NRR per element, IKM, converted value, grade (numbers, rounded as published)."""
        survey = self.get_object()
        result = selectors.survey_results(survey)
        document = {
            **result.as_report(),
            "nrr": {code: float(value) for code, value in result.nrr.items()},
            "ikm": None if result.ikm is None else float(result.ikm),
            "ikm_converted": None if result.ikm_converted is None else float(result.ikm_converted),
            "extras": {code: float(value) for code, value in result.extras.items()},
            "weakest": result.weakest,
            "suggestions": selectors.suggestion_counts([survey.pk]),
        }
        return Response(document)

    @extend_schema(request=PaperAnswerSerializer, responses={201: None})
    @action(detail=True, methods=["post"], access=STAFF_WRITE)
    def answers(self, request: Request, pk: str | None = None) -> Response:
        """Enter one paper questionnaire (staff of the unit)."""
        survey = selectors.survey_get(request.user, id_from(pk) or 0)
        data = PaperAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        scores = {code: values["scores"].get(code) for code in ELEMENT_CODES}
        profile = {k: values.get(k, "") for k in ("age_band", "sex", "education", "occupation")}
        answer = services.answer_submit(
            actor=request.user, survey=survey, channel=Channel.PAPER,
            data=services.AnswerInput(
                scores=scores,  # a missing code (None) is refused by the service
                answered_on=values["answered_on"], profile=profile,
                suggestion=values.get("suggestion", ""),
            ),
        )  # fmt: skip
        return Response({"id": answer.pk}, status=status.HTTP_201_CREATED)


def register(router: Any) -> None:
    router.register("skm/surveys", SurveyViewSet, basename="skm-survey")

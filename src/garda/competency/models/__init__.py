"""The competency app's tables: the dictionary and standards (`dictionary`), assessment
results and the gaps kept from them (`assessment`), development plans (`plans`)."""

from garda.competency.models.assessment import Assessment, CurrentGap, GapTally
from garda.competency.models.dictionary import (
    Competency,
    CompetencyKind,
    CompetencyLevel,
    CompetencySetting,
    JpmBand,
    ProgramTag,
    Standard,
)
from garda.competency.models.plans import (
    DevelopmentOption,
    DevelopmentPlan,
    PlanBatch,
    PlanItem,
    PlanStatus,
)

__all__ = [
    "Assessment",
    "Competency",
    "CompetencyKind",
    "CompetencyLevel",
    "CompetencySetting",
    "CurrentGap",
    "DevelopmentOption",
    "DevelopmentPlan",
    "GapTally",
    "JpmBand",
    "PlanBatch",
    "PlanItem",
    "PlanStatus",
    "ProgramTag",
    "Standard",
]

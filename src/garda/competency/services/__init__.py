"""Every write of the competency app, one module per concept."""

from garda.competency.services.assessments import assessment_record
from garda.competency.services.dictionary import (
    band_update,
    program_tags_set,
    setting_update,
    standard_delete,
    standard_save,
    technical_competency_create,
)
from garda.competency.services.gaps import gaps_recompute, gaps_refresh
from garda.competency.services.importing import assessment_import, standards_import
from garda.competency.services.plans import (
    plan_approve,
    plan_batch_create,
    plan_draft,
    plan_item_add,
    plan_item_remove,
    plan_return,
    plan_submit,
)

__all__ = [
    "assessment_import",
    "assessment_record",
    "band_update",
    "gaps_recompute",
    "gaps_refresh",
    "plan_approve",
    "plan_batch_create",
    "plan_draft",
    "plan_item_add",
    "plan_item_remove",
    "plan_return",
    "plan_submit",
    "program_tags_set",
    "setting_update",
    "standard_delete",
    "standard_save",
    "standards_import",
    "technical_competency_create",
]

"""Every write of the innovation app (one module per concept)."""

from garda.service.innovation.services.assessment import (
    impact_link_remove,
    impact_link_set,
    indicator_score_set,
    kipp_narrative_set,
    spd_score_set,
)
from garda.service.innovation.services.registry import (
    activity_check_answer,
    activity_checks_open,
    evidence_add,
    innovation_create,
    innovation_from_change_project,
    innovation_publish,
    innovation_update,
    replication_add,
    team_member_add,
)

__all__ = [
    "activity_check_answer",
    "activity_checks_open",
    "evidence_add",
    "impact_link_remove",
    "impact_link_set",
    "indicator_score_set",
    "innovation_create",
    "innovation_from_change_project",
    "innovation_publish",
    "innovation_update",
    "kipp_narrative_set",
    "replication_add",
    "spd_score_set",
    "team_member_add",
]

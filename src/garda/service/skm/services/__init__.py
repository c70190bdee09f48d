"""Every write of SKM (one module per concept; the public services are re-exported here)."""

from garda.service.skm.services.importing import answers_import
from garda.service.skm.services.surveys import (
    AnswerInput,
    action_create,
    action_set_status,
    answer_submit,
    answers_store,
    extra_element_add,
    suggestion_respond,
    survey_create,
    survey_publish,
    survey_update,
)

__all__ = [
    "AnswerInput",
    "action_create",
    "action_set_status",
    "answer_submit",
    "answers_import",
    "answers_store",
    "extra_element_add",
    "suggestion_respond",
    "survey_create",
    "survey_publish",
    "survey_update",
]

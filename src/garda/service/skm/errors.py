"""Refusals of the survey, each with its code and both languages."""

from __future__ import annotations

from garda.core.errors import Conflict, NotFound, ValidationFailed


class AlreadyAnswered(Conflict):
    code = "skm_already_answered"
    message_id = "Survei untuk kunjungan/permohonan ini sudah diisi. Terima kasih."
    message_en = "The survey for this visit or request has already been answered. Thank you."


class SurveyClosed(ValidationFailed):
    code = "skm_survey_closed"
    message_id = "Survei ini tidak sedang menerima jawaban."
    message_en = "This survey is not accepting answers."


class InvitationInvalid(NotFound):
    code = "skm_invitation_invalid"
    message_id = "Tautan survei tidak berlaku atau sudah kedaluwarsa."
    message_en = "The survey link is not valid or has expired."


class SurveyExists(Conflict):
    code = "skm_survey_exists"
    message_id = "Unit ini sudah punya survei untuk periode tersebut."
    message_en = "This unit already has a survey for that period."


class WeightsTooHigh(ValidationFailed):
    code = "skm_extra_weights"
    message_id = "Jumlah bobot unsur tambahan tidak boleh lebih dari 1."
    message_en = "The weights of the extra elements may not add up to more than 1."

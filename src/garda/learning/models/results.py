"""What a batch produces: attendance per session, pre/post tests, the reaction survey
(Kirkpatrick 1), the follow-up on the job (Kirkpatrick 3) and the aksi perubahan."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel
from garda.learning.models.catalog import Program, Session
from garda.learning.models.enrolment import Enrollment


class AttendanceMethod(models.TextChoices):
    QR = "qr", _("Pindai QR")
    MANUAL = "manual", _("Dicatat panitia")
    IMPORT = "import", _("Impor CSV")


class Attendance(BaseModel):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendances")
    method = models.CharField(_("cara"), max_length=8, choices=AttendanceMethod.choices)
    recorded_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["session", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="learning_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} @ {self.session}"


class Question(BaseModel):
    """A multiple-choice question of a program's bank, used by its pre- and post-test."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("pertanyaan"))
    options: models.JSONField[Any] = models.JSONField(_("pilihan jawaban"))
    correct = models.PositiveSmallIntegerField(_("jawaban benar (nomor pilihan, mulai 0)"))

    class Meta:
        verbose_name = _("soal")
        verbose_name_plural = _("bank soal")
        ordering = ["program", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class TestKind(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class TestAttempt(BaseModel):
    """The last attempt of one test by one participant (a post-test retake replaces it)."""

    __test__ = False  # not a pytest class, whatever its name says

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="tests")
    kind = models.CharField(_("jenis"), max_length=4, choices=TestKind.choices)
    answers: models.JSONField[Any] = models.JSONField(_("jawaban"), default=dict)
    score = models.PositiveSmallIntegerField(_("nilai"))
    passed = models.BooleanField(_("lulus"))

    class Meta:
        verbose_name = _("hasil tes")
        verbose_name_plural = _("hasil tes")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "kind"], name="learning_test_once"),
            models.CheckConstraint(condition=Q(score__lte=100), name="learning_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.score}"


class ReactionSurvey(BaseModel):
    """Kirkpatrick level 1, only from participants who attended."""

    personal_fields: ClassVar[frozenset[str]] = frozenset({"comment"})

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="reaction")
    content_rating = models.PositiveSmallIntegerField(_("materi"))
    instructor_rating = models.PositiveSmallIntegerField(_("pengajar"))
    organisation_rating = models.PositiveSmallIntegerField(_("penyelenggaraan"))
    comment = models.TextField(_("saran"), blank=True)

    class Meta:
        verbose_name = _("survei reaksi")
        verbose_name_plural = _("survei reaksi")
        constraints = [
            models.CheckConstraint(
                condition=Q(content_rating__range=(1, 5))
                & Q(instructor_rating__range=(1, 5))
                & Q(organisation_rating__range=(1, 5)),
                name="learning_reaction_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.enrollment)


class FollowUpRespondent(models.TextChoices):
    PARTICIPANT = "participant", _("Peserta")
    SUPERVISOR = "supervisor", _("Atasan")


class FollowUp(BaseModel):
    """Kirkpatrick level 3: is the training applied on the job? Asked after the program's
    delay, of the participant and of the supervisor; reminders until answered."""

    personal_fields: ClassVar[frozenset[str]] = frozenset({"comment"})

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="followups")
    respondent = models.CharField(_("responden"), max_length=12, choices=FollowUpRespondent.choices)
    due_on = models.DateField(_("diminta mulai"))
    application_rating = models.PositiveSmallIntegerField(
        _("penerapan di tempat kerja (1-5)"), null=True, blank=True
    )
    comment = models.TextField(_("contoh penerapan"), blank=True)
    answered_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminders_sent = models.PositiveSmallIntegerField(_("pengingat terkirim"), default=0)
    last_reminded_on = models.DateField(_("pengingat terakhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluasi pasca pelatihan")
        verbose_name_plural = _("evaluasi pasca pelatihan")
        ordering = ["due_on"]
        indexes = [models.Index(fields=["answered_at", "due_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "respondent"], name="learning_followup_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} ({self.get_respondent_display()})"


class ChangeProject(BaseModel):
    """Aksi perubahan of a leadership training participant, with its outcome."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="change_project"
    )
    title = models.CharField(_("judul aksi perubahan"), max_length=300)
    outcome = models.TextField(_("hasil/manfaat"), blank=True)

    class Meta:
        verbose_name = _("aksi perubahan")
        verbose_name_plural = _("aksi perubahan")

    def __str__(self) -> str:
        return self.title

"""Surveys, their elements and anonymous answers (PermenPANRB 14/2017).

What the regulation fixes (the nine elements with their 1-4 answer texts, the grade bands,
the Krejcie-Morgan constants of the minimum sample) is data of an `Edition`, seeded by a data
migration and editable by an admin, never constants in code.

An answer holds no NIK, no phone, no time of day and no reference to the ticket or request it
came from: only the day, the scores, the optional profile and a keyed hash of the ticket or
tracking code (`source_hash`), unique, so one finished visit answers once."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from garda.core.models import BaseModel

ELEMENT_COUNT = 9
SCORE_FIELDS = tuple(f"u{n}" for n in range(1, ELEMENT_COUNT + 1))
ELEMENT_CODES = tuple(f"U{n}" for n in range(1, ELEMENT_COUNT + 1))


class Edition(BaseModel):
    """One edition of the survey rules: its elements, its grade bands, its sample constants."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    regulation = models.CharField(_("dasar hukum"), max_length=200)
    is_current = models.BooleanField(_("berlaku"), default=False)
    # Krejcie-Morgan: S = X2 N P(1-P) / (d2 (N-1) + X2 P(1-P)).
    sample_chi_square = models.DecimalField(
        _("chi-kuadrat (X²)"), max_digits=6, decimal_places=3, default="3.841"
    )
    sample_proportion = models.DecimalField(
        _("proporsi populasi (P)"), max_digits=4, decimal_places=3, default="0.500"
    )
    sample_margin = models.DecimalField(
        _("tingkat kesalahan (d)"), max_digits=4, decimal_places=3, default="0.050"
    )
    # IKM x this = the converted value (25 turns 1-4 into 25-100).
    conversion_factor = models.DecimalField(
        _("faktor konversi"), max_digits=6, decimal_places=2, default="25.00"
    )

    class Meta:
        verbose_name = _("edisi SKM")
        verbose_name_plural = _("edisi SKM")
        ordering = ["-is_current", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="skm_one_current_edition"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Element(BaseModel):
    """One of the nine elements (U1-U9) of an edition, with its question and answer texts."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edisi"), on_delete=models.CASCADE, related_name="elements"
    )
    code = models.CharField(_("kode"), max_length=4)
    position = models.PositiveSmallIntegerField(
        _("urutan"), validators=[MinValueValidator(1), MaxValueValidator(ELEMENT_COUNT)]
    )
    name = models.CharField(_("unsur"), max_length=120)
    question = models.CharField(_("pertanyaan"), max_length=300)
    answer_1 = models.CharField(_("jawaban 1"), max_length=80)
    answer_2 = models.CharField(_("jawaban 2"), max_length=80)
    answer_3 = models.CharField(_("jawaban 3"), max_length=80)
    answer_4 = models.CharField(_("jawaban 4"), max_length=80)

    class Meta:
        verbose_name = _("unsur SKM")
        verbose_name_plural = _("unsur SKM")
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="skm_element_code_unique"),
            models.UniqueConstraint(
                fields=["edition", "position"], name="skm_element_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def score_field(self) -> str:
        return f"u{self.position}"

    @property
    def answers(self) -> list[tuple[int, str]]:
        return [(4, self.answer_4), (3, self.answer_3), (2, self.answer_2), (1, self.answer_1)]


class GradeBand(BaseModel):
    """Mutu pelayanan: a converted value at or above `minimum` earns `grade`."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edisi"), on_delete=models.CASCADE, related_name="grades"
    )
    grade = models.CharField(_("mutu"), max_length=1)
    minimum = models.DecimalField(_("nilai konversi minimal"), max_digits=5, decimal_places=2)
    label = models.CharField(_("kinerja unit"), max_length=40)

    class Meta:
        verbose_name = _("mutu pelayanan")
        verbose_name_plural = _("mutu pelayanan")
        ordering = ["edition", "-minimum"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "grade"], name="skm_grade_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.grade} ({self.label})"


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Triwulan")
    SEMESTER = "semester", _("Semester")
    YEAR = "year", _("Tahunan")


class Survey(BaseModel):
    """One unit's survey over one period."""

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit layanan"), on_delete=models.PROTECT,
        related_name="skm_surveys",
    )  # fmt: skip
    edition = models.ForeignKey(Edition, verbose_name=_("edisi"), on_delete=models.PROTECT)
    period_kind = models.CharField(_("periode"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    number = models.PositiveSmallIntegerField(
        _("ke-"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    # Users of the previous period (queue, PPID, or typed by staff): the sample's population.
    population = models.PositiveIntegerField(
        _("populasi (pengguna periode sebelumnya)"), null=True, blank=True,
        validators=[MaxValueValidator(100_000_000)],
    )  # fmt: skip
    is_open = models.BooleanField(_("menerima jawaban"), default=True)
    published_at = models.DateTimeField(_("diumumkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("survei")
        verbose_name_plural = _("survei")
        ordering = ["-starts_on", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_kind", "year", "number"], name="skm_survey_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="skm_survey_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"SKM {self.unit} {self.period_label}"

    @property
    def period_label(self) -> str:
        if self.period_kind == PeriodKind.YEAR:
            return str(self.year)
        word = "Triwulan" if self.period_kind == PeriodKind.QUARTER else "Semester"
        roman = ["I", "II", "III", "IV"][self.number - 1]
        return f"{word} {roman} {self.year}"


class ExtraElement(BaseModel):
    """An element of the unit's own, reported beside the index (never mixed into it)."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survei"), on_delete=models.CASCADE, related_name="extras"
    )
    code = models.CharField(_("kode"), max_length=4)
    name = models.CharField(_("unsur"), max_length=120)
    question = models.CharField(_("pertanyaan"), max_length=300)
    weight = models.DecimalField(
        _("bobot"), max_digits=4, decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )  # fmt: skip

    class Meta:
        verbose_name = _("unsur tambahan")
        verbose_name_plural = _("unsur tambahan")
        ordering = ["survey", "code"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="skm_extra_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Channel(models.TextChoices):
    QUEUE = "queue", _("Tiket antrean")
    PPID = "ppid", _("Permohonan informasi")
    LINK = "link", _("Tautan/poster")
    PAPER = "paper", _("Kuesioner kertas")
    IMPORT = "import", _("Impor berkas")


class AgeBand(models.TextChoices):
    UNDER_20 = "lt20", _("< 20 tahun")
    FROM_20 = "20-29", _("20-29 tahun")
    FROM_30 = "30-39", _("30-39 tahun")
    FROM_40 = "40-49", _("40-49 tahun")
    FROM_50 = "50-59", _("50-59 tahun")
    FROM_60 = "ge60", _("≥ 60 tahun")


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Education(models.TextChoices):
    SD = "sd", _("SD ke bawah")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    DIPLOMA = "diploma", _("D1-D4")
    S1 = "s1", _("S1")
    S2 = "s2", _("S2 ke atas")


class Occupation(models.TextChoices):
    PNS = "pns", _("PNS/TNI/Polri")
    PRIVATE = "swasta", _("Pegawai swasta")
    SELF = "wirausaha", _("Wirausaha")
    STUDENT = "pelajar", _("Pelajar/mahasiswa")
    HOME = "rumah", _("Mengurus rumah tangga")
    OTHER = "lainnya", _("Lainnya")


def _score() -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])


class Answer(models.Model):
    """One respondent's questionnaire. No timestamp beyond the day, no link to its source."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    answered_on = models.DateField(_("tanggal"))
    channel = models.CharField(_("cara mengisi"), max_length=8, choices=Channel.choices)
    source_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    u1 = _score()
    u2 = _score()
    u3 = _score()
    u4 = _score()
    u5 = _score()
    u6 = _score()
    u7 = _score()
    u8 = _score()
    u9 = _score()
    age_band = models.CharField(_("usia"), max_length=6, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    education = models.CharField(
        _("pendidikan"), max_length=8, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("pekerjaan"), max_length=10, choices=Occupation.choices, blank=True
    )

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        indexes = [models.Index(fields=["survey", "answered_on"], name="skm_answer_survey_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{field}__gte": 1}) & Q(**{f"{field}__lte": 4}),
                name=f"skm_answer_{field}_range",
            )
            for field in SCORE_FIELDS
        ]

    def __str__(self) -> str:
        return f"Jawaban {self.pk}"


class ExtraScore(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="extra_scores")
    element = models.ForeignKey(ExtraElement, on_delete=models.CASCADE, related_name="scores")
    value = _score()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "element"], name="skm_extra_score_unique"),
            models.CheckConstraint(
                condition=Q(value__gte=1) & Q(value__lte=4), name="skm_extra_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element_id}={self.value}"


class TagKind(models.TextChoices):
    GOOD = "good", _("Sudah baik")
    IMPROVE = "improve", _("Perlu diperbaiki")


class AnswerTag(models.Model):
    """A respondent's mark on one element: what went well or what to improve."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="tags")
    element_code = models.CharField(max_length=4)
    kind = models.CharField(max_length=8, choices=TagKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "element_code"], name="skm_tag_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.element_code}:{self.kind}"


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("Baru")
    ANSWERED = "answered", _("Ditanggapi")


class Suggestion(BaseModel):
    """A free suggestion, kept apart from the scores (no link back to the answer), routed to
    the head of the survey's unit, who answers it."""

    personal_fields = frozenset({"text"})  # free text a citizen typed may name anyone

    survey = models.ForeignKey(
        Survey, verbose_name=_("survei"), on_delete=models.CASCADE, related_name="suggestions"
    )
    received_on = models.DateField(_("tanggal"))
    text = models.TextField(_("saran"))
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.NEW
    )
    response = models.TextField(_("tanggapan"), blank=True)
    responded_on = models.DateField(_("tanggal tanggapan"), null=True, blank=True)
    responded_by = models.ForeignKey(
        "core.User", verbose_name=_("ditanggapi oleh"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("saran")
        verbose_name_plural = _("saran")
        ordering = ["status", "-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="new") | (~Q(response="") & Q(responded_on__isnull=False)),
                name="skm_suggestion_answered_has_response",
            )
        ]

    def __str__(self) -> str:
        return f"Saran {self.pk}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    ONGOING = "ongoing", _("Sedang dikerjakan")
    DONE = "done", _("Selesai")


class FollowUpAction(BaseModel):
    """Rencana tindak lanjut: what the unit will do about an element, published with results."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survei"), on_delete=models.CASCADE, related_name="actions"
    )
    element_code = models.CharField(_("unsur"), max_length=4)
    action = models.TextField(_("rencana tindak lanjut"))
    responsible = models.CharField(_("penanggung jawab"), max_length=200)
    due_on = models.DateField(_("target selesai"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )

    class Meta:
        verbose_name = _("rencana tindak lanjut")
        verbose_name_plural = _("rencana tindak lanjut")
        ordering = ["survey", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.element_code}: {self.action[:40]}"

"""Demo data of SKM, called by `garda seed_demo` (idempotent).

Puskesmas Demo's unit gets two semesters of 2026 around the online queue's go-live on
1 July 2026 (the date the innovation demo uses): semester I before it, with waiting time (U3)
the weakest element and a follow-up plan, published; semester II after it, with U3 clearly
better, still collecting. PPID (the demo ppid's unit) gets a yearly survey, published. Answers
are plain rows written in bulk (as the import writes them), with one audit entry per survey."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from garda.core.audit.services import audit_record
from garda.core.demo import DemoSeeded
from garda.core.models import Unit
from garda.service.skm import services
from garda.service.skm.models import ELEMENT_CODES, AgeBand, Channel, Education, Sex, Survey

PUSKESMAS_UNIT = "15.71.DINKES.PKM-PUTRIAYU"
PPID_UNIT = "15.KOMINFO"
GO_LIVE = dt.date(2026, 7, 1)  # the online queue of Puskesmas Demo (innovation demo)

# Mean score per element (U1..U9) before and after the online queue.
BEFORE = [3.2, 3.0, 2.5, 3.9, 3.1, 3.2, 3.3, 2.8, 2.9]
AFTER = [3.3, 3.4, 3.3, 3.9, 3.2, 3.3, 3.4, 3.0, 3.0]
PPID_MEANS = [3.3, 3.1, 2.9, 4.0, 3.2, 3.4, 3.5, 3.0, 3.2]
SUGGESTIONS = [
    "Ruang tunggu panas, mohon tambah kipas angin.",
    "Antrean daring sangat membantu, terima kasih.",
    "Petugas loket ramah, tetapi nomor antrean sering tidak terdengar.",
    "Mohon informasi jadwal dokter gigi dipasang di depan.",
]


def _score(rng: random.Random, mean: float) -> int:
    value = round(rng.gauss(mean, 0.55))
    return max(1, min(4, value))


def _answers(
    rng: random.Random, means: list[float], start: dt.date, end: dt.date, count: int
) -> list[services.AnswerInput]:
    days = (end - start).days
    rows = []
    for n in range(count):
        scores = {code: _score(rng, mean) for code, mean in zip(ELEMENT_CODES, means, strict=True)}
        tags = {}
        weakest = min(scores, key=lambda code: scores[code])
        if scores[weakest] <= 2 and rng.random() < 0.5:
            tags[weakest] = "improve"
        if rng.random() < 0.2:
            tags["U7"] = "good"
        profile = {
            "age_band": rng.choice(AgeBand.values) if rng.random() < 0.7 else "",
            "sex": rng.choice(Sex.values) if rng.random() < 0.8 else "",
            "education": rng.choice(Education.values) if rng.random() < 0.5 else "",
        }
        rows.append(
            services.AnswerInput(
                scores=scores, answered_on=start + dt.timedelta(days=rng.randint(0, days)),
                profile=profile, tags=tags,
                suggestion=SUGGESTIONS[n % len(SUGGESTIONS)] if n % 23 == 0 else "",
            )
        )  # fmt: skip
    return rows


def _survey(
    unit: Unit, kind: str, year: int, number: int, population: int | None,
    rng: random.Random, means: list[float], count: int,
) -> Survey:  # fmt: skip
    survey = services.survey_create(
        actor=None, unit_id=unit.pk, period_kind=kind, year=year, number=number,
        population_count=population,
    )  # fmt: skip
    end = min(survey.ends_on, timezone.localdate())
    if end < survey.starts_on:
        return survey
    with transaction.atomic():
        rows = _answers(rng, means, survey.starts_on, end, count)
        channels = [Channel.QUEUE, Channel.PAPER, Channel.LINK]
        for channel in channels:
            part = rows[channels.index(channel) :: len(channels)]
            services.answers_store(survey=survey, rows=part, channel=channel)
        audit_record(
            actor=None, action="skm.demo_answers", target=survey, after={"answers": len(rows)}
        )
    return survey


def seed_demo(*, size: str) -> DemoSeeded:
    puskesmas = Unit.objects.filter(code=PUSKESMAS_UNIT).first()
    if puskesmas is None or Survey.objects.filter(unit=puskesmas).exists():
        return DemoSeeded()
    rng = random.Random(1507)  # noqa: S311  # demo figures, repeatable
    before = _survey(puskesmas, "semester", 2026, 1, 2400, rng, BEFORE, 340)
    services.action_create(
        actor=None, survey=before, element_code="U3",
        action="Antrean daring (web dan Mobile JKN) dengan perkiraan waktu panggil, mulai "
        "1 Juli 2026.",
        responsible="Kepala Puskesmas", due_on=GO_LIVE,
    )  # fmt: skip
    services.action_set_status(actor=None, item=before.actions.get(), status="done")
    services.action_create(
        actor=None, survey=before, element_code="U9",
        action="Tambah kursi dan kipas angin di ruang tunggu poli umum.",
        responsible="Kepala Tata Usaha", due_on=dt.date(2026, 9, 30),
    )  # fmt: skip
    services.survey_publish(actor=None, survey=before, publish=True)
    _survey(puskesmas, "semester", 2026, 2, 2600, rng, AFTER, 330)
    ppid = Unit.objects.filter(code=PPID_UNIT).first()
    if ppid is not None:
        survey = _survey(ppid, "year", 2026, 1, None, rng, PPID_MEANS, 60)
        services.survey_publish(actor=None, survey=survey, publish=True)
    return DemoSeeded(created=True, summary="SKM: 2 semester Puskesmas Demo, 1 tahun PPID")

"""Seed the edition in force: PermenPANRB 14/2017 (elements, answer texts, grade bands)."""

from typing import Any

from django.db import migrations

from garda.service.skm.editions import EDITION_2017, ELEMENTS_2017, GRADES_2017


def seed(apps: Any, schema_editor: Any) -> None:
    Edition = apps.get_model("skm", "Edition")
    Element = apps.get_model("skm", "Element")
    GradeBand = apps.get_model("skm", "GradeBand")
    if Edition.objects.filter(code=EDITION_2017["code"]).exists():
        return
    edition = Edition.objects.create(is_current=True, **EDITION_2017)
    for position, (code, name, question, answers) in enumerate(ELEMENTS_2017, start=1):
        Element.objects.create(
            edition=edition, code=code, position=position, name=name, question=question,
            answer_1=answers[0], answer_2=answers[1], answer_3=answers[2], answer_4=answers[3],
        )  # fmt: skip
    for grade, minimum, label in GRADES_2017:
        GradeBand.objects.create(edition=edition, grade=grade, minimum=minimum, label=label)


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("skm", "Edition").objects.filter(code=EDITION_2017["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [("skm", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

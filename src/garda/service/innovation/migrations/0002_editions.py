"""The IID editions 2023 and 2026 and the KIPP 2025 criteria, as data an admin can edit."""

from decimal import Decimal
from typing import Any

from django.db import migrations

from garda.service.innovation import editions_data as data


def load(apps: Any, schema_editor: Any) -> None:
    edition_model = apps.get_model("innovation", "IidEdition")
    indicator_model = apps.get_model("innovation", "IidIndicator")
    criterion_model = apps.get_model("innovation", "KippCriterion")
    for code, values in data.EDITIONS.items():
        name, source, k, spd, sid, count, very, innovative, current = values
        edition, _created = edition_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name, "source": source, "divisor_minimum": k, "spd_share": Decimal(spd),
                "sid_share": Decimal(sid), "count_share": Decimal(count),
                "very_innovative_from": Decimal(very), "innovative_from": Decimal(innovative),
                "is_current": current,
            },
        )
        for scope, rows in (("sid", data.SID_INDICATORS), ("spd", data.SPD_INDICATORS)):
            for position, (indicator, label, weight) in enumerate(rows, start=1):
                indicator_model.objects.get_or_create(
                    edition=edition, code=indicator,
                    defaults={"scope": scope, "name": label, "weight": weight,
                              "position": position},
                )
    for position, (code, name, question) in enumerate(data.KIPP_CRITERIA, start=1):
        criterion_model.objects.get_or_create(
            edition=data.KIPP_EDITION, code=code,
            defaults={"name": name, "question": question, "position": position,
                      "passing_grade": data.KIPP_PASSING_GRADE,
                      "minimum_operating_days": data.KIPP_MINIMUM_DAYS},
        )


class Migration(migrations.Migration):
    dependencies = [("innovation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

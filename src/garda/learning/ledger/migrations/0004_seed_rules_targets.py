from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    from garda.learning.ledger.rules_data import ABROAD_BONUS_PERCENT, CONVERSION, TARGETS

    LearningForm = apps.get_model("ledger", "LearningForm")
    ConversionRule = apps.get_model("ledger", "ConversionRule")
    JPTarget = apps.get_model("ledger", "JPTarget")
    for form in LearningForm.objects.all():
        unit, per_unit, cap_day, cap_sessions = CONVERSION.get(form.code, ("stated", None, None, None))
        ConversionRule.objects.update_or_create(
            form=form,
            defaults={
                "unit": unit,
                "jp_per_unit": Decimal(per_unit) if per_unit else None,
                "cap_per_day": Decimal(cap_day) if cap_day else None,
                "cap_sessions_per_month": cap_sessions,
                "abroad_bonus_percent": Decimal(ABROAD_BONUS_PERCENT),
                "note": "Peraturan LAN 10/2018",
            },
        )
    for kind, year, target, most, basis in TARGETS:
        JPTarget.objects.update_or_create(
            employee_kind=kind,
            valid_from_year=year,
            defaults={
                "target_jp": Decimal(target),
                "max_jp": Decimal(most) if most else None,
                "basis": basis,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_ledger_rules_external")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

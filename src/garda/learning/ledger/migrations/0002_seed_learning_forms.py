from django.db import migrations


def seed(apps, schema_editor):
    from garda.learning.ledger.forms_data import LEARNING_FORMS

    LearningForm = apps.get_model("ledger", "LearningForm")
    for order, (code, name, category, is_leadership) in enumerate(LEARNING_FORMS, start=1):
        LearningForm.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "is_leadership": is_leadership,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_learning_forms")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

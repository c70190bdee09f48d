"""Golongan, jabatan kinds, education levels, the 12 instansi of Jambi and their main OPD."""

from django.db import migrations


def load(apps, schema_editor):
    from garda.people import reference_data as ref

    Golongan = apps.get_model("people", "Golongan")
    JabatanKind = apps.get_model("people", "JabatanKind")
    EducationLevel = apps.get_model("people", "EducationLevel")
    Unit = apps.get_model("people", "Unit")

    for rank, (code, pangkat) in enumerate(ref.GOLONGAN_PNS, start=1):
        Golongan.objects.get_or_create(kind="pns", code=code, defaults={"pangkat": pangkat, "rank": rank})
    for rank, code in enumerate(ref.GOLONGAN_PPPK, start=1):
        Golongan.objects.get_or_create(kind="pppk", code=code, defaults={"rank": rank})
    for rank, (code, name, group, category) in enumerate(ref.JABATAN_KINDS, start=1):
        JabatanKind.objects.get_or_create(
            code=code, defaults={"name": name, "group": group, "category": category, "rank": rank}
        )
    for rank, (code, name) in enumerate(ref.EDUCATION_LEVELS, start=1):
        EducationLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})

    def add(code, name, kind, parent):
        unit, created = Unit.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": parent}
        )
        if created or not unit.path:
            unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
            unit.save(update_fields=["path"])
        return unit

    for code, name in ref.INSTANSI:
        instansi = add(code, name, "instansi", None)
        opds = ref.PROVINCE_OPD if code == "15" else ref.REGENCY_OPD
        for opd_code, opd_name in opds:
            add(f"{code}.{opd_code}", opd_name, "opd", instansi)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

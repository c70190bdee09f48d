"""Seed the IP ASN edition of PermenPANRB 38/2018 and the 9-box of PermenPANRB 3/2020
(../shared/domain/capacity.md §2-3) as editable rows."""

from decimal import Decimal
from typing import Any

from django.db import migrations

from garda.talent import defaults


def seed(apps: Any, schema_editor: Any) -> None:
    edition_model = apps.get_model("talent", "IpEdition")
    values = dict(defaults.IP_EDITION)
    values["technical_min_jp"] = Decimal(values["technical_min_jp"])
    edition = edition_model.objects.create(**values)
    apps.get_model("talent", "IpPoint").objects.bulk_create(
        apps.get_model("talent", "IpPoint")(
            edition=edition, dimension=dimension, key=key, points=Decimal(points)
        )
        for dimension, key, points in defaults.IP_POINTS
    )
    apps.get_model("talent", "IpCategory").objects.bulk_create(
        apps.get_model("talent", "IpCategory")(edition=edition, code=code, min_total=Decimal(low))
        for code, low in defaults.IP_CATEGORIES
    )
    apps.get_model("talent", "IpFormIndicator").objects.bulk_create(
        apps.get_model("talent", "IpFormIndicator")(
            edition=edition, form_code=form, indicator=indicator
        )
        for form, indicator in defaults.IP_FORM_INDICATORS
    )
    apps.get_model("talent", "IpJabatanRule").objects.bulk_create(
        apps.get_model("talent", "IpJabatanRule")(
            edition=edition, jabatan_kind_code=kind, group=group, leadership_form_code=form
        )
        for kind, group, form in defaults.IP_JABATAN_RULES
    )
    apps.get_model("talent", "KinerjaCut").objects.bulk_create(
        apps.get_model("talent", "KinerjaCut")(predikat=predikat, kinerja=kinerja)
        for predikat, kinerja in defaults.KINERJA_DEFAULT
    )
    apps.get_model("talent", "NineBoxCell").objects.bulk_create(
        apps.get_model("talent", "NineBoxCell")(
            edition=defaults.NINEBOX_EDITION["code"], kinerja=kinerja, potensial=potensial,
            box=box, recommendation=text, succession=succession, tugas_belajar=tb,
        )
        for kinerja, potensial, box, text, succession, tb in defaults.NINEBOX_CELLS
    )  # fmt: skip


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("talent", "IpEdition").objects.filter(
        code=defaults.IP_EDITION["code"]
    ).delete()
    apps.get_model("talent", "KinerjaCut").objects.filter(instansi__isnull=True).delete()
    apps.get_model("talent", "NineBoxCell").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("talent", "0002_cutoffs_ipasn_ninebox")]

    operations = [migrations.RunPython(seed, unseed)]

"""PPID writes about the list of public information (Daftar Informasi Publik) and the
regulation's deadlines, kept apart from a request's life in `requests`."""

from __future__ import annotations

from typing import Any

from django.core.files import File
from django.db import transaction

from garda.core.audit.services import audit_record, snapshot
from garda.core.errors import NotAllowed
from garda.core.models import Unit, User
from garda.transparency.ppid import policy
from garda.transparency.ppid.intake import check_attachment, problem
from garda.transparency.ppid.models import (
    ExemptionArticle,
    InformationCategory,
    InformationItem,
    ParameterKey,
    RegulationParameter,
)

ITEM_FIELDS = (
    "unit_id", "title", "summary", "category", "responsible", "form", "period", "retention",
    "link", "exemption_article", "legal_basis", "consequence_test", "exempt_until",
    "is_published",
)  # fmt: skip


def _apply_item(item: InformationItem, values: dict[str, Any], actor: User) -> None:
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in values.items():
        setattr(item, name, value)
    unit = Unit.objects.filter(pk=item.unit_id).first()
    if unit is None or not policy.can_work_unit(actor, unit):
        raise NotAllowed
    if item.category not in InformationCategory.values:
        raise problem("category", "Pilih kategori.", "Choose a category.")
    if not item.title.strip():
        raise problem("title", "Judul wajib diisi.", "A title is required.")
    if item.category == InformationCategory.DIKECUALIKAN:
        if item.exemption_article not in ExemptionArticle.values:
            raise problem(
                "exemption_article",
                "Informasi dikecualikan wajib menyebut pasal pengecualiannya.",
                "Exempt information must name its exemption.",
            )
        if not item.consequence_test.strip():
            raise problem(
                "consequence_test",
                "Informasi dikecualikan wajib disertai uji konsekuensi.",
                "Exempt information needs a consequence test.",
            )
    else:
        item.exemption_article = ""
        item.consequence_test = ""
        item.exempt_until = None


def _attach_document(item: InformationItem, document: File[bytes] | None) -> None:
    """The document checked as an answer's attachment is (type, size); exempt information
    never carries one, whatever was sent."""
    if document is None:
        return
    if item.category == InformationCategory.DIKECUALIKAN:
        raise problem(
            "attachment",
            "Informasi yang dikecualikan tidak dilampiri dokumen.",
            "Exempt information carries no document.",
        )
    item.document.save(check_attachment(document), document, save=False)


@transaction.atomic
def information_item_create(
    *, actor: User, values: dict[str, Any], document: File[bytes] | None = None
) -> InformationItem:
    item = InformationItem()
    _apply_item(item, values, actor)
    _attach_document(item, document)
    item.save()
    audit_record(actor=actor, action="ppid.item.create", target=item, after=snapshot(item))
    return item


@transaction.atomic
def information_item_update(
    *,
    actor: User,
    item: InformationItem,
    values: dict[str, Any],
    document: File[bytes] | None = None,
) -> InformationItem:
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    unit = Unit.objects.get(pk=item.unit_id)
    if not policy.can_work_unit(actor, unit):
        raise NotAllowed
    before = snapshot(item)
    _apply_item(item, values, actor)
    if item.category == InformationCategory.DIKECUALIKAN and item.document:
        item.document = ""  # an empty name clears the file field
    _attach_document(item, document)
    item.save()
    audit_record(
        actor=actor, action="ppid.item.update", target=item, before=before, after=snapshot(item)
    )
    return item


@transaction.atomic
def regulation_parameter_set(*, actor: User, key: str, value: int) -> RegulationParameter:
    """Change a deadline of the regulation. Deadlines already given keep their dates."""
    if not policy.PARAMETER_ACCESS.allows(actor):
        raise NotAllowed
    if key not in ParameterKey.values:
        raise problem("key", "Parameter tidak dikenal.", "Unknown parameter.")
    if not 1 <= value <= 365:
        raise problem("value", "Isi 1 sampai 365 hari kerja.", "Give 1 to 365 working days.")
    parameter = RegulationParameter.objects.select_for_update().filter(key=key).first()
    if parameter is None:
        parameter = RegulationParameter.objects.create(key=key, value=value)
        audit_record(actor=actor, action="ppid.parameter.set", target=parameter,
                     after=snapshot(parameter))  # fmt: skip
        return parameter
    before = snapshot(parameter)
    parameter.value = value
    parameter.save(update_fields=["value", "updated_at"])
    audit_record(
        actor=actor, action="ppid.parameter.set", target=parameter,
        before=before, after=snapshot(parameter),
    )  # fmt: skip
    return parameter

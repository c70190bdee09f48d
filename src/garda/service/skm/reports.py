"""The report document of `garda skm_report` and the API: JSON with exact decimals (numbers,
not strings, written with the places the regulation publishes) and its CSV twin."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from garda.core.models import Unit
from garda.core.spreadsheets.export import write_csv
from garda.service.skm.models import ELEMENT_CODES
from garda.service.skm.selectors import SkmResult


def report_document(unit: Unit, result: SkmResult) -> dict[str, Any]:
    return {"unit": unit.code, "unit_name": unit.name, **result.as_report(), "unit_id": unit.pk}


def exact_json(document: Any) -> str:
    """json.dumps, with each Decimal written as its exact digits ("3.2500" stays 3.2500)."""
    found: list[str] = []

    def swap(value: Any) -> Any:
        if isinstance(value, Decimal):
            found.append(str(value))
            return f"\x00{len(found) - 1}\x00"
        if isinstance(value, dict):
            return {key: swap(item) for key, item in value.items()}
        if isinstance(value, list):
            return [swap(item) for item in value]
        return value

    text = json.dumps(swap(document), ensure_ascii=False)
    for n, digits in enumerate(found):
        text = text.replace(f'"\\u0000{n}\\u0000"', digits, 1)
    return text


CSV_HEADER = ["unit", "from", "to", "respondents", *ELEMENT_CODES, "ikm", "ikm_converted", "grade"]


def write_report_csv(out: Any, document: dict[str, Any]) -> None:
    nrr = document["nrr"]
    row = [
        document["unit"], document["from"], document["to"], document["respondents"],
        *[nrr.get(code, "") for code in ELEMENT_CODES],
        document["ikm"] if document["ikm"] is not None else "",
        document["ikm_converted"] if document["ikm_converted"] is not None else "",
        document["grade"] or "",
    ]  # fmt: skip
    write_csv(out, CSV_HEADER, [row])

"""The machinery of test_fuzz: find every form a page offers and every API operation that takes
a body, post hostile values field by field, and scan the database for stored garbage.

Forms are read from the pages themselves (the HTML a user's browser would submit), so a new
form is fuzzed the moment a page shows it; API operations come from the OpenAPI document
drf-spectacular generates, so a new endpoint is fuzzed the moment it is routed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.db import models
from django.urls import Resolver404, resolve
from drf_spectacular.generators import SchemaGenerator

# Each field in turn gets each of these (None: the field is left out of a form, null in JSON).
HOSTILE: tuple[str | None, ...] = (
    "０１２３٤٥६७",  # Unicode digits: str.isdigit() says yes, int() accepts some of them
    "²",  # a digit to str.isdigit(), not to int()
    "x" * 100_000,
    "9" * 40,  # past a 64-bit integer
    "-9" * 20,
    "\x00",
    "",
    None,
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "../../etc/passwd",
)

# Most privileged first: the fuzz posts as the first of these a view lets in.
PRIVILEGE = (
    "admin_provinsi", "admin_instansi", "admin_opd", "ppid", "petugas_faskes", "atasan", "asn",
    "auditor",
)  # fmt: skip

NUL = "\x00"


def describe(value: str | None) -> str:
    if value is None:
        return "None"
    return repr(value) if len(value) <= 40 else f"{value[:8]!r}...({len(value)} chars)"


# --- forms on pages -------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> the value a browser sends
    files: list[str] = field(default_factory=list)


class _FormParser(HTMLParser):
    """The POST forms of a page with what a browser would submit untouched: text and hidden
    inputs with their value, checked boxes and radios, the selected (or first) option of a
    select, a textarea's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_has_value = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = (
                Form(a.get("action", "")) if a.get("method", "").lower() == "post" else None
            )
            if self._form is not None:
                self.forms.append(self._form)
            return
        form, name = self._form, a.get("name", "")
        if form is None or (not name and tag != "option"):
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "file":
                form.files.append(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in a or (kind == "radio" and name not in form.fields):
                    form.fields[name] = a.get("value", "on")
            elif kind not in {"submit", "button", "reset", "image"}:
                form.fields[name] = a.get("value", "")
        elif tag == "select":
            self._select, self._select_has_value = name, False
        elif tag == "option" and self._select is not None:
            if "selected" in a or not self._select_has_value:
                value = a.get("value", "")
                if value or "selected" in a:
                    form.fields[self._select] = value
                    self._select_has_value = True
        elif tag == "textarea":
            self._textarea = name
            form.fields[name] = ""
        elif tag == "button" and a.get("value"):
            form.fields.setdefault(name, a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea is not None:
            self._form.fields[self._textarea] += data


def post_forms(html: str, page_url: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        form.action = urlsplit(form.action or page_url).path or urlsplit(page_url).path
    return parser.forms


def view_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


# A form or body with more fields than this gets each value in several fields at once, so
# the run stays bounded (the 24-field program form alone took 20 s one field at a time).
# Every field still meets every value; the groups change from value to value, so a field
# refused early does not always hide the same neighbour. Form and serializer validation check
# every field whatever the others hold, so a crash in a field's own checks is still found.
MAX_GROUPS = 6


def groups(names: list[str], turn: int) -> list[list[str]]:
    """`names` split into at most MAX_GROUPS groups, shuffled differently on each turn."""
    count = min(MAX_GROUPS, len(names))
    if count == 0:
        return []
    split: list[list[str]] = [[] for _ in range(count)]
    for index, name in enumerate(names):
        split[(index + turn * (index // count)) % count].append(name)
    return [group for group in split if group]


def form_payloads(form: Form) -> Iterator[tuple[str, str | None, dict[str, str]]]:
    """(fields, hostile value, payload): every field of the form, every value."""
    names = [name for name in form.fields if name != "csrfmiddlewaretoken"]
    for turn, value in enumerate(HOSTILE):
        for group in groups(names, turn):
            payload = dict(form.fields)
            for name in group:
                if value is None:
                    payload.pop(name)
                else:
                    payload[name] = value
            yield ",".join(group), value, payload


# --- the API --------------------------------------------------------------------------------


@dataclass
class Operation:
    path: str  # OpenAPI template, /api/v1/units/{id}/
    method: str
    properties: dict[str, dict[str, Any]]
    required: list[str]
    multipart: bool = False

    def matches(self, concrete: str) -> bool:
        pattern = re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(self.path))
        return re.fullmatch(pattern, concrete) is not None


def _resolve_ref(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema and "properties" not in schema:
            merged: dict[str, Any] = {"properties": {}, "required": []}
            for part in schema[key]:
                part = _resolve_ref(part, components)
                merged["properties"].update(part.get("properties", {}))
                merged["required"] += part.get("required", [])
            return merged
    return schema


def api_operations() -> list[Operation]:
    """Every POST, PUT and PATCH of the OpenAPI document with the fields its body takes."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})
    found: list[Operation] = []
    for path, item in schema["paths"].items():
        for method in ("post", "put", "patch"):
            if method not in item:
                continue
            content = item[method].get("requestBody", {}).get("content", {})
            multipart = bool(content) and "application/json" not in content
            body = content.get("application/json", next(iter(content.values()), {}))
            body = body.get("schema", {})
            body = _resolve_ref(body, components) if body else {}
            properties = {
                name: _resolve_ref(spec, components)
                for name, spec in body.get("properties", {}).items()
                if not spec.get("readOnly")
            }
            required = list(body.get("required", []))
            found.append(Operation(path, method, properties, required, multipart))
    return found


def sample(spec: dict[str, Any]) -> Any:
    """A plausible value of a schema, so the other fields do not fail first."""
    if spec.get("enum"):
        return next((v for v in spec["enum"] if v not in {None, ""}), spec["enum"][0])
    kind, fmt = spec.get("type", "string"), spec.get("format", "")
    if kind == "integer":
        return 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    if kind == "array":
        return []
    if kind == "object":
        return {}
    formats = {"date": "2025-01-02", "date-time": "2025-01-02T08:00:00+07:00",
               "email": "uji@example.go.id", "uri": "https://example.go.id/"}  # fmt: skip
    return formats.get(fmt, "uji")


def api_payloads(operation: Operation) -> Iterator[tuple[str, str | None, dict[str, Any]]]:
    base = {name: sample(spec) for name, spec in operation.properties.items()}
    for turn, value in enumerate(HOSTILE):
        for group in groups(list(operation.properties), turn):
            yield ",".join(group), value, {**base, **dict.fromkeys(group, value)}


# --- stored garbage -------------------------------------------------------------------------


def _nul_inside(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_nul_inside(k) or _nul_inside(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_nul_inside(v) for v in value)
    return False


def stored_garbage() -> list[str]:
    """Every stored string with a NUL in it, and every CharField value longer than its
    max_length (SQLite stores it; PostgreSQL would refuse it with a 500), model by model."""
    problems: list[str] = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        text = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not text:
            continue
        names = [f.attname for f in text]
        for row in model._default_manager.values_list("pk", *names).iterator():
            pk, values = row[0], row[1:]
            for f, value in zip(text, values, strict=True):
                label = f"{model._meta.label}.{f.name} (pk {pk})"
                if _nul_inside(value):
                    problems.append(f"{label}: holds a NUL")
                limit = getattr(f, "max_length", None)
                if isinstance(f, models.CharField) and limit and value and len(value) > limit:
                    problems.append(f"{label}: {len(value)} chars, max_length {limit}")
    return problems

"""The English catalogue: complete, compiled, in step with the code, and used by the pages.

Source strings (msgids) are Bahasa Indonesia; src/garda/locale/en/LC_MESSAGES/django.po turns
them into English. src/garda/locale/README.md says how to update it.
"""

from __future__ import annotations

import gettext
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

import garda

PACKAGE_DIR = Path(garda.__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
PO_FILE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")

UPDATE_COMMANDS = (
    "cd src/garda\n"
    "../../.venv/bin/garda makemessages -l en --no-location --no-obsolete\n"
    "# fill every empty msgstr in locale/en/LC_MESSAGES/django.po, remove '#, fuzzy'\n"
    "../../.venv/bin/garda compilemessages -l en"
)
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")


# --- A small .po parser -------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)  # "#: file:line" comments
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(text: str, where: str) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{where}: expected a quoted string, got {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Entries in file order, header included; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    field_name: str | None = None
    plural_index = 0
    pending_flags: set[str] = set()
    pending_references: list[str] = []

    def finish() -> None:
        nonlocal current, field_name
        if current is not None:
            entries.append(current)
        current, field_name = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        where = f"{path.name}:{number}"
        if not line or line.startswith("#~"):
            if current is not None and current.msgstr:
                finish()
            if line.startswith("#~"):
                pending_flags, pending_references = set(), []  # they belong to the obsolete entry
            continue
        if line.startswith("#"):
            if current is not None and current.msgstr:
                finish()
            if line.startswith("#,"):
                pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            elif line.startswith("#:"):
                pending_references += line[2:].split()
            continue
        if line.startswith('"'):
            if current is None or field_name is None:
                raise ValueError(f"{where}: string continuation outside an entry")
            text = _unquote(line, where)
            if field_name == "msgstr":
                current.msgstr[plural_index] += text
            else:
                setattr(current, field_name, (getattr(current, field_name) or "") + text)
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise ValueError(f"{where}: cannot read {raw!r}")
        keyword, index, quoted = match.groups()
        text = _unquote(quoted, where)
        if keyword in {"msgctxt", "msgid"} and current is not None and current.msgstr:
            finish()
        if current is None:
            current = Entry(flags=pending_flags, references=pending_references, line=number)
            pending_flags, pending_references = set(), []
        if keyword.startswith("msgstr"):
            field_name, plural_index = "msgstr", int(index or 0)
            current.msgstr[plural_index] = text
        else:
            field_name = keyword
            setattr(current, keyword, text)
    finish()
    return entries


def _context(key: tuple[str | None, str]) -> str:
    return f" [context {key[0]!r}]" if key[0] is not None else ""


def _sort_key(key: tuple[str | None, str]) -> tuple[str, str]:
    return (key[0] or "", key[1])


def _label(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid!r}{_context(entry.key)}"


def _messages(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if not entry.is_header]


def _header(entries: list[Entry]) -> dict[str, str]:
    header = next(entry for entry in entries if entry.is_header)
    pairs = (line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}


@pytest.fixture(scope="module")
def po_entries() -> list[Entry]:
    assert PO_FILE.exists(), f"{PO_FILE} is missing. Create it with:\n{UPDATE_COMMANDS}"
    return parse_po(PO_FILE)


# --- The catalogue itself -----------------------------------------------------------------------


def test_parser_reads_plurals_contexts_and_continuations(tmp_path: Path) -> None:
    po = tmp_path / "sample.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        "#: a.html:3 b.py:7\n#, fuzzy, python-format\n"
        'msgctxt "tombol"\nmsgid ""\n"Satu "\n"\\"dua\\""\n'
        'msgstr "One \\"two\\""\n\n'
        'msgid "%(n)s berkas"\nmsgid_plural "%(n)s berkas"\n'
        'msgstr[0] "%(n)s file"\nmsgstr[1] "%(n)s files"\n\n'
        '#~ msgid "Lama"\n#~ msgstr "Old"\n',
        encoding="utf-8",
    )
    header, first, second = parse_po(po)
    assert header.is_header
    assert first.key == ("tombol", 'Satu "dua"')
    assert first.msgstr == {0: 'One "two"'}
    assert first.flags == {"fuzzy", "python-format"}
    assert first.references == ["a.html:3", "b.py:7"]
    assert second.msgid_plural == "%(n)s berkas"
    assert second.msgstr == {0: "%(n)s file", 1: "%(n)s files"}


def test_header_is_english_with_english_plural_forms(po_entries: list[Entry]) -> None:
    header_entry = next(entry for entry in po_entries if entry.is_header)
    assert "fuzzy" not in header_entry.flags
    header = _header(po_entries)
    assert header.get("Language") == "en"
    assert header.get("Content-Type") == "text/plain; charset=UTF-8"
    assert header.get("Plural-Forms", "").replace(" ", "") == "nplurals=2;plural=(n!=1);"


def test_every_message_is_translated_and_not_fuzzy(po_entries: list[Entry]) -> None:
    messages = _messages(po_entries)
    assert messages, "the catalogue has no messages"
    problems = [f"{_label(entry)}: fuzzy" for entry in messages if "fuzzy" in entry.flags]
    problems += [
        f"{_label(entry)}: no English msgstr"
        for entry in messages
        if not entry.msgstr or any(not text.strip() for text in entry.msgstr.values())
    ]
    assert not problems, (
        "Every entry needs a checked English msgstr and no '#, fuzzy' flag:\n"
        + "\n".join(problems)
        + f"\n\nThen compile:\n{UPDATE_COMMANDS}"
    )


def test_no_message_is_listed_twice(po_entries: list[Entry]) -> None:
    keys = [entry.key for entry in _messages(po_entries)]
    assert len(keys) == len(set(keys))


_PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[sdr]|\{[^{}]*\}")


def test_placeholders_survive_translation(po_entries: list[Entry]) -> None:
    wrong = []
    for entry in _messages(po_entries):
        expected = sorted(_PLACEHOLDER.findall(entry.msgid))
        for index, text in entry.msgstr.items():
            found = sorted(_PLACEHOLDER.findall(text))
            if entry.msgid_plural is None:
                ok = found == expected
            else:
                # The singular form may leave the count out ("One file"); the others may not.
                plural = set(_PLACEHOLDER.findall(entry.msgid_plural))
                ok = set(found) <= plural | set(expected) and (index == 0 or set(found) == plural)
            if not ok:
                wrong.append(f"{_label(entry)}: msgstr[{index}] has {found}, expected {expected}")
    assert not wrong, "Placeholders changed in translation:\n" + "\n".join(wrong)


def test_compiled_catalogue_matches_the_po(po_entries: list[Entry]) -> None:
    assert MO_FILE.exists(), f"{MO_FILE} is missing; compile it:\n{UPDATE_COMMANDS}"
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in _messages(po_entries):
        if "fuzzy" in entry.flags or not all(entry.msgstr.values()):
            continue  # msgfmt leaves these out; the test above reports them
        if entry.msgid_plural is not None:
            got = {0: compiled.ngettext(entry.msgid, entry.msgid_plural, 1)}
            got[1] = compiled.ngettext(entry.msgid, entry.msgid_plural, 2)
            want = {0: entry.msgstr.get(0), 1: entry.msgstr.get(1)}
        elif entry.msgctxt is not None:
            got = {0: compiled.pgettext(entry.msgctxt, entry.msgid)}
            want = {0: entry.msgstr.get(0)}
        else:
            got = {0: compiled.gettext(entry.msgid)}
            want = {0: entry.msgstr.get(0)}
        if got != want:
            stale.append(f"{_label(entry)}: .mo gives {got}, .po says {want}")
    assert not stale, (
        "django.mo is older than django.po; run `garda compilemessages -l en` from src/garda "
        "and commit the .mo:\n" + "\n".join(stale)
    )


# --- In step with the code ----------------------------------------------------------------------


def test_catalogue_has_every_string_the_code_marks(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch, po_entries: list[Entry]
) -> None:
    """Extract the strings exactly as `makemessages` does, from a copy of the package, and
    compare them with the committed catalogue (the real locale directory is never touched)."""
    absent = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if absent:
        pytest.skip(f"GNU gettext tools not installed ({', '.join(absent)}); CI installs gettext")
    copy = tmp_path / "garda"
    shutil.copytree(
        PACKAGE_DIR,
        copy,
        ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc", ".*"),
    )
    settings.LOCALE_PATHS = [str(copy / "locale")]
    monkeypatch.chdir(copy)
    # With locations, so that a failure can say where each missing string is used.
    call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)

    extracted = {
        entry.key: entry for entry in _messages(parse_po(copy / PO_FILE.relative_to(PACKAGE_DIR)))
    }
    committed = {entry.key for entry in _messages(po_entries)}
    missing = sorted((key for key in extracted if key not in committed), key=_sort_key)
    stale = sorted((key for key in committed if key not in extracted), key=_sort_key)
    if missing:
        listed = "\n".join(
            f"{key[1]!r}{_context(key)} used at {', '.join(extracted[key].references)}"
            for key in missing
        )
        unused = "\n".join(f"{key[1]!r}{_context(key)}" for key in stale) or "(none)"
        pytest.fail(
            f"{len(missing)} translatable string(s) are not in {PO_FILE.relative_to(PACKAGE_DIR)}:"
            f"\n{listed}\n\nEntries no longer used by the code (dropped by --no-obsolete):\n"
            f"{unused}\n\nUpdate and compile the catalogue:\n{UPDATE_COMMANDS}"
        )


# --- The pages use it ---------------------------------------------------------------------------


@pytest.fixture
def _restore_language() -> Iterator[None]:
    """LocaleMiddleware leaves the last request's language active; give the next test back
    the default."""
    yield
    translation.deactivate()


@pytest.mark.django_db
@pytest.mark.usefixtures("_restore_language")
def test_home_page_is_indonesian_by_default() -> None:
    html = Client().get("/").content.decode()
    assert '<html lang="id">' in html
    assert "Masuk" in html
    assert "Sign in" not in html


@pytest.mark.django_db
@pytest.mark.usefixtures("_restore_language")
def test_home_page_switches_to_english() -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert ">Masuk<" not in html

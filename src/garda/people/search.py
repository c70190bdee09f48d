"""What an ASN search means, in one place (decision 0020).

A query is split on spaces. If what was typed is a number (digits, with the spaces, dots and
dashes people put in a NIP), it is the start of a NIP. Otherwise each of its words must be the
start of a word of the employee's name or of one of their academic titles (gelar), all of
them (AND), in any order; case and accents do not count ("rahma" finds "Rahmawati" and
"Rahmat", "sitI" finds "Siti", "jose" finds "José").

A *word* of a name or title is a space-separated piece with its punctuation removed, and also
each run of letters and digits inside it: "S.Kom." is the words "skom", "s" and "kom", so
"S.Kom", "skom" and "kom" all find it; "Abdul-Rahman" is "abdulrahman", "abdul" and "rahman".
A query word is folded the same way, its punctuation removed ("S.Kom." asks for "skom").

The words are stored, folded, in `EmployeeWord` (one row per employee and word) and a query
word is a range on its B-tree index (`word >= w AND word < w'`, w' being w with its last
character moved one on), so SQLite and PostgreSQL answer the same rows by construction. The
rows are written by `people.services.search_index`, in the transaction of every employee
write. This module only folds text; it reads and writes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Longest word kept; a longer word (or query word) is cut to this length on both sides, so a
# long query word still finds what it starts.
WORD_LENGTH = 40
# Fields an employee is found by, besides the NIP.
SEARCHED_FIELDS = ("name", "gelar_depan", "gelar_belakang")

_RUNS = re.compile(r"[^\W_]+")  # letters and digits of any script


def fold(text: str) -> str:
    """Case and accents removed: NFKD, combining marks dropped, casefolded, NFKC again."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", bare.casefold())


def _piece_words(piece: str) -> list[str]:
    runs = _RUNS.findall(piece)
    whole = "".join(runs)
    words = [whole] if whole else []
    if len(runs) > 1:
        words.extend(runs)
    return [word[:WORD_LENGTH] for word in words]


def document_words(*texts: str | None) -> set[str]:
    """The words an employee is found by, from their name and titles."""
    words: set[str] = set()
    for text in texts:
        for piece in fold(text or "").replace(",", " ").split():
            words.update(_piece_words(piece))
    return words


def query_words(text: str) -> list[str]:
    """The folded words a query asks for (each the start of a stored word), in order, once."""
    words: list[str] = []
    for piece in fold(text).split():
        word = "".join(_RUNS.findall(piece))[:WORD_LENGTH]
        if word and word not in words:
            words.append(word)
    return words


def prefix_bound(prefix: str) -> str:
    """The first string after every string that starts with `prefix` (binary order)."""
    after = ord(prefix[-1]) + 1
    if 0xD800 <= after <= 0xDFFF:  # surrogates cannot be stored; the next character can
        after = 0xE000
    return prefix[:-1] + chr(after)


def employee_word_rows(
    employees: Iterable[tuple[int, str | None, str | None, str | None]],
) -> list[tuple[int, str]]:
    """(employee id, word) rows for (id, name, gelar_depan, gelar_belakang) tuples."""
    return [(pk, word) for pk, *texts in employees for word in sorted(document_words(*texts))]

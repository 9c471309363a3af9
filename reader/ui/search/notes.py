"""The search's notes ("the query could not be parsed; …") in the interface's language.

The notes are written by the core's search (``reader.search.notes`` holds the clauses),
which runs in the search process and knows no Qt, as lower-case English clauses joined
by "; ". Importing that module costs nothing, unlike the query parser (0.1 s). The
clauses the core can write are recognised here, by their text or a pattern for those
that carry a value, and said in the interface's language; a clause not known here (a
rare repair report) is shown as written rather than hidden.
"""

from __future__ import annotations

import re

from reader.search.notes import CUT_NOTE, MAX_QUERY_CHARS, NOTHING_NOTE, WORDS_NOTE
from reader.ui.i18n import QT_TRANSLATE_NOOP, current, number, translate

CONTEXT = "SearchNotes"

KNOWN = {
    WORDS_NOTE: QT_TRANSLATE_NOOP(
        "SearchNotes", "The query could not be parsed; searched for its words instead"
    ),
    NOTHING_NOTE: QT_TRANSLATE_NOOP("SearchNotes", "Nothing to search for"),
    CUT_NOTE: QT_TRANSLATE_NOOP("SearchNotes", "The query was cut to its first {n} characters"),
}
_DAMAGE = re.compile(
    r"the search index was missing or damaged \((?P<what>.*?)\) and has been repaired"
)
DAMAGE = QT_TRANSLATE_NOOP(
    "SearchNotes", "The search index was missing or damaged ({what}) and has been repaired"
)


def _clauses(note: str) -> list[str]:
    """*note* cut into the core's clauses: a known one whole (one holds "; " itself),
    anything else up to the next "; "."""
    clauses: list[str] = []
    rest = note
    while rest:
        known = next((k for k in KNOWN if rest.startswith(k)), None)
        damage = _DAMAGE.match(rest)
        if known is not None:
            clause = known
        elif damage is not None:
            clause = damage.group(0)
        else:
            clause = rest.split("; ", 1)[0]
        clauses.append(clause)
        rest = rest[len(clause) :].removeprefix(";").lstrip()
    return clauses


def note_text(note: str) -> str:
    """*note* (the core's clauses) as one sentence or more in the interface's language."""
    parts: list[str] = []
    for clause in _clauses(note):
        damage = _DAMAGE.fullmatch(clause)
        if clause in KNOWN:
            parts.append(translate(CONTEXT, KNOWN[clause]).format(n=number(MAX_QUERY_CHARS)))
        elif damage is not None:
            parts.append(translate(CONTEXT, DAMAGE).format(what=damage["what"]))
        else:
            parts.append(clause[:1].upper() + clause[1:])
    chinese = current() != "en"
    end = "。" if chinese else "."
    return ("" if chinese else " ").join(p.rstrip(".。") + end for p in parts)

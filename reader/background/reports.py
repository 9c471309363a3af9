"""The sentences a background job ends with, kept as templates and values so the window
can say them in its own language.

The job runs in a child process that never loads Qt, so it cannot translate; and a
finished English paragraph cannot be translated afterwards. A job's outcome therefore
carries its sentences as ``[template, values]`` pairs (they cross the process boundary as
JSON): the English text (``english``) is what logs and the command line read, and the
window (``reader.ui.window.job_reports``) looks each template up in its translations.
Every template is a constant here, listed in ``TEMPLATES``; the window's table must hold
each one (``tests/test_job_reports.py``).

A value is a string, a number, or a list of fragments (more ``[template, values]``
pairs) that is joined with ", " in English: the import's counts are such a list, since
which counts appear depends on what happened.
"""

from __future__ import annotations

import re
from typing import Any

Sentence = list[Any]
"""``[template, {name: value}]``: a list rather than a tuple, as it is after JSON."""

# Titles (the status report's Details window and the log).
IMPORT_FINISHED = "Import finished"
IMPORT_CANCELLED = "Import cancelled"
FOLDERS_RESCANNED = "Folders re-scanned"
FOLDER_REMOVED = "Folder removed"
FOLDER_NOT_REMOVED = "Folder not removed"
JOB_STOPPED = "{job} stopped"
JOB_FAILED = "{job} failed"

# Sentences.
CANCELLED_WAITING = "Cancelled while waiting for another import to finish; nothing was changed."
# A cancelled import's folder is remembered from its start (``import_paths``): say how
# the rest comes in.
RESUMES = "The folder is remembered: Re-scan Folders (F5), or the next start, imports the rest."
IMPORTED_FOLDERS = "{folders}: {counts} in {seconds} s."
IMPORT_CANCELLED_FOLDERS = "{folders}: import cancelled after {counts} in {seconds} s."
RESCANNED = "Folders re-scanned: {counts} in {seconds} s."
SKIPPED = "Skipped: {names} (Details… says why)."
SKIPPED_MORE = "Skipped: {names} and {n} more (Details… says why)."
ORPHANED = (
    "%n highlight(s) could no longer be found in the changed text: kept, and listed as "
    "no longer in the text."
)
INDEX_LATER = "Indexing was left for later: {reason}"
INDEX_CANCELLED = "Indexing was cancelled; it resumes the next time the app starts."
INDEX_REBUILT = "The search index was damaged (or from another version) and has been rebuilt."
NOT_AVAILABLE = "Not available, so not re-scanned (their articles stay): {folders}."
FOLDER_GONE = (
    "{folder} is no longer in the library: %n article(s) removed from it (the files are "
    "still on disk; highlights and bookmarks are kept and come back if you add the folder "
    "again)."
)
STOPPED_UNEXPECTEDLY = (
    "{job} stopped unexpectedly (exit status {code}). What it finished is kept; it resumes "
    "the next time the app starts."
)
AS_WRITTEN = "{text}"
"""A sentence from elsewhere (an error's own message), shown as it was written."""

# Fragments of the import's counts (``{counts}`` above).
N_IMPORTED = "{n} imported"
N_UPDATED = "{n} updated"
N_UNCHANGED = "{n} unchanged"
N_MOVED = "{n} moved"
N_REMOVED = "{n} removed (no longer on disk)"
N_SKIPPED = "{n} skipped"

TEMPLATES = (
    IMPORT_FINISHED,
    IMPORT_CANCELLED,
    FOLDERS_RESCANNED,
    FOLDER_REMOVED,
    FOLDER_NOT_REMOVED,
    JOB_STOPPED,
    JOB_FAILED,
    CANCELLED_WAITING,
    RESUMES,
    IMPORTED_FOLDERS,
    IMPORT_CANCELLED_FOLDERS,
    RESCANNED,
    SKIPPED,
    SKIPPED_MORE,
    ORPHANED,
    INDEX_LATER,
    INDEX_CANCELLED,
    INDEX_REBUILT,
    NOT_AVAILABLE,
    FOLDER_GONE,
    STOPPED_UNEXPECTEDLY,
    N_IMPORTED,
    N_UPDATED,
    N_UNCHANGED,
    N_MOVED,
    N_REMOVED,
    N_SKIPPED,
)

_PLURAL = re.compile(r"\(s\)")


def say(template: str, **values: Any) -> Sentence:
    """One sentence (or fragment) of a report."""
    return [template, values]


def fill(sentence: Sentence, lookup: Any = None, joiner: str = ", ") -> str:
    """*sentence* as text: its template passed through *lookup* (``(template, n) ->
    text``; None: the English as written), ``%n`` replaced by the value ``n``, English
    ``(s)`` resolved by it, and list values joined by *joiner* after filling each."""
    template, values = sentence[0], dict(sentence[1])
    n = values.get("n")
    count = n if isinstance(n, int) else -1
    text = lookup(template, count) if lookup is not None else template
    if count >= 0:
        text = text.replace("%n", str(count))
        text = _PLURAL.sub("" if count == 1 else "s", text)
    for name, value in values.items():
        if isinstance(value, list):
            values[name] = joiner.join(fill(part, lookup, joiner) for part in value)
        elif isinstance(value, float):
            values[name] = f"{value:.1f}"
    return text.format(**values)


def english(sentences: list[Sentence]) -> str:
    """The sentences as one English paragraph (logs, tests, the command line)."""
    return " ".join(fill(s) for s in sentences)

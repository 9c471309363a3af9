"""A background job's report in the interface's language.

The job ends in a child process that cannot translate, so its outcome carries its
sentences as templates and values (``reader.background.reports``); this module says them
in the window's language. Each template is listed below for ``pyside6-lupdate``
(``tests/test_job_reports.py`` checks the list against the core's ``TEMPLATES``). An
outcome without sentences (an older child, a job run in a thread) is shown as written.
"""

from __future__ import annotations

import logging

from reader.background.jobs import JobOutcome
from reader.background.reports import Sentence, fill
from reader.ui.error_text import detail_text, message_text, paragraph
from reader.ui.i18n import QT_TRANSLATE_NOOP, current, translate
from reader.ui.window.status_widgets import job_text

log = logging.getLogger(__name__)

CONTEXT = "JobReports"

TEMPLATES = (
    QT_TRANSLATE_NOOP("JobReports", "Import finished"),
    QT_TRANSLATE_NOOP("JobReports", "Import cancelled"),
    QT_TRANSLATE_NOOP("JobReports", "Folders re-scanned"),
    QT_TRANSLATE_NOOP("JobReports", "Folder removed"),
    QT_TRANSLATE_NOOP("JobReports", "Folder not removed"),
    QT_TRANSLATE_NOOP("JobReports", "{job} stopped"),
    QT_TRANSLATE_NOOP("JobReports", "{job} failed"),
    QT_TRANSLATE_NOOP(
        "JobReports",
        "Cancelled while waiting for another import to finish; nothing was changed.",
    ),
    QT_TRANSLATE_NOOP(
        "JobReports",
        "The folder is remembered: Re-scan Folders (F5), or the next start, imports the rest.",
    ),
    QT_TRANSLATE_NOOP("JobReports", "{folders}: {counts} in {seconds} s."),
    QT_TRANSLATE_NOOP("JobReports", "{folders}: import cancelled after {counts} in {seconds} s."),
    QT_TRANSLATE_NOOP("JobReports", "Folders re-scanned: {counts} in {seconds} s."),
    QT_TRANSLATE_NOOP("JobReports", "Skipped: {names} (Details… says why)."),
    QT_TRANSLATE_NOOP("JobReports", "Skipped: {names} and {n} more (Details… says why)."),
    QT_TRANSLATE_NOOP(
        "JobReports",
        "%n highlight(s) could no longer be found in the changed text: kept, and listed as "
        "no longer in the text.",
    ),
    QT_TRANSLATE_NOOP("JobReports", "Indexing was left for later: {reason}"),
    QT_TRANSLATE_NOOP(
        "JobReports", "Indexing was cancelled; it resumes the next time the app starts."
    ),
    QT_TRANSLATE_NOOP(
        "JobReports",
        "The search index was damaged (or from another version) and has been rebuilt.",
    ),
    QT_TRANSLATE_NOOP(
        "JobReports", "Not available, so not re-scanned (their articles stay): {folders}."
    ),
    QT_TRANSLATE_NOOP(
        "JobReports",
        "{folder} is no longer in the library: %n article(s) removed from it (the files are "
        "still on disk; highlights and bookmarks are kept and come back if you add the folder "
        "again).",
    ),
    QT_TRANSLATE_NOOP(
        "JobReports",
        "{job} stopped unexpectedly (exit status {code}). What it finished is kept; it resumes "
        "the next time the app starts.",
    ),
    QT_TRANSLATE_NOOP("JobReports", "{n} imported"),
    QT_TRANSLATE_NOOP("JobReports", "{n} updated"),
    QT_TRANSLATE_NOOP("JobReports", "{n} unchanged"),
    QT_TRANSLATE_NOOP("JobReports", "{n} moved"),
    QT_TRANSLATE_NOOP("JobReports", "{n} removed (no longer on disk)"),
    QT_TRANSLATE_NOOP("JobReports", "{n} skipped"),
)
AS_WRITTEN = "{text}"  # a core message as written: translated by message_text
# Values that hold a core message (``reader.messages``), translated before they are put in.
MESSAGE_VALUES = frozenset({"text", "reason"})


def _chinese() -> bool:
    return current() != "en"


def _lookup(template: str, n: int) -> str:
    if template == AS_WRITTEN:
        return template
    return translate(CONTEXT, template, None, n)


def _say(sentence: Sentence) -> str:
    """One sentence translated; the English one if the translation does not fit its
    values (a placeholder it lost or invented), never an exception in the status bar."""
    joiner = "，" if _chinese() else ", "
    template, values = sentence[0], dict(sentence[1])
    for name in MESSAGE_VALUES & values.keys():
        if isinstance(values[name], str):
            values[name] = message_text(values[name])
    try:
        return fill([template, values], _lookup, joiner)
    except (KeyError, IndexError, ValueError):
        log.warning("translation of %r does not fit its values", sentence[0])
        return fill(sentence)


def outcome_text(outcome: JobOutcome) -> str:
    """The report's text (its error when it failed) in the interface's language."""
    if not outcome.sentences:
        return message_text(outcome.error or outcome.message)
    return paragraph(_say(s) for s in outcome.sentences)


def outcome_details(outcome: JobOutcome) -> list[str]:
    """The report's detail lines (skipped files and why) in the interface's language."""
    return [detail_text(line) for line in outcome.details]


def outcome_title(outcome: JobOutcome) -> str:
    """The report's title in the interface's language (a job's name in it translated)."""
    if not outcome.sentences:
        return outcome.title
    template = outcome.title_template
    if not template:
        return outcome.title
    values = {name: job_text(value) for name, value in outcome.title_values.items()}
    try:
        return translate(CONTEXT, template).format(**values)
    except (KeyError, IndexError, ValueError):
        return outcome.title

"""The core's messages (``reader.messages``) in the interface's language.

A core message reaches the window as English text: an exception's message, a job's
error or a skipped file's reason that crossed a process boundary as JSON. Each is made
from a template in ``reader.messages``; ``message_text`` recognises which (the template's
fixed text around its fields, the longest template first), translates that template and
puts the fields' text back, translating the fields that hold fragments (the "stopped"
and "kept" parts of a full disk's message, a skipped file's reason) in turn. Paths,
numbers and the system's own words are put back as they were. A message that matches
no template is shown as written: untranslated, never lost, never an exception.

The table below is ``reader.messages.TEMPLATES`` written out for ``pyside6-lupdate``
(``tests/ui/test_error_text.py`` checks the two agree).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

from reader import messages as m
from reader.background.jobs import describe_error
from reader.ui.i18n import QT_TRANSLATE_NOOP, current, translate

log = logging.getLogger(__name__)

CONTEXT = "CoreMessages"

# Fields whose text is another template's sentence (or may be): translated in turn.
# Every other field (a path, a number, an exception's class) is put back unchanged.
FRAGMENT_FIELDS = frozenset(
    {
        "where",
        "stopped",
        "kept",
        "then",
        "cannot",
        "why",
        "restore",
        "reason",
        "what",
        "kind",
        "note",
    }
)
_FIELD = re.compile(r"\{(\w+)\}")
_LETTER = re.compile(r"[^\W\d_]")
_DEPTH = 4  # fragments inside fragments: a full disk's "where" is the deepest (2)

TEMPLATES = (
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the automatic backup in {folder} could not be written ({why}); the change itself is "
        "saved in the library.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "the backup of bookmarks and notes was not written"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no space left for the automatic backup in {folder}; the change itself is saved in "
        "the library. Free some space: the next change (or 'reader annotations backup') "
        "writes the backup.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "binary data, not text or HTML"),
    QT_TRANSLATE_NOOP("CoreMessages", "broken symbolic link (its target does not exist)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} cannot be used ({why})."),
    QT_TRANSLATE_NOOP("CoreMessages", "The catalogue {path} cannot be opened ({error})."),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot be read: {why}"),
    QT_TRANSLATE_NOOP("CoreMessages", "this change cannot be saved"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the catalogue {path} could not be read or written ({error}): the disk may be failing"
        " or was disconnected. Nothing was changed; check the disk, then try again.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "the change was not saved"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the catalogue {path} cannot be opened: it is damaged ({detail}). Besides the "
        "articles it holds your bookmarks, highlights, notes and reading state, so do not "
        "delete it: move it aside, import the archive again to rebuild the library, and "
        "{restore}.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "the file holds a date but no title or text"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file disappeared while importing"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{what} could not be read or written (input/output error): the disk may be failing or"
        " was disconnected. Check it, then try again.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "the file is empty"),
    QT_TRANSLATE_NOOP("CoreMessages", "This HTML file is empty: there is no article text in it."),
    QT_TRANSLATE_NOOP("CoreMessages", "file is {size}; only the first {read} were read"),
    QT_TRANSLATE_NOOP("CoreMessages", "permission denied: the file cannot be read"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{path} is over {mb} MB: too big to be an annotation file; nothing was imported.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} cannot be read ({why})."),
    QT_TRANSLATE_NOOP("CoreMessages", "folder cannot be read: {why}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Another import is running on this library; try again when it has finished.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Another Archive Reader process is indexing this library; search works meanwhile and "
        "indexing resumes later.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The search index of this library is damaged ({reason}), and it cannot be rebuilt on "
        "a read-only library.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The search index keeps failing its checks; the disk that holds {folder} may be failing.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The search index of this library is missing, and it cannot be rebuilt on a read-only"
        " library.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The search index must be rebuilt, but another Archive Reader process is writing it; "
        "try again when it has finished.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The search index is being written by another Archive Reader process; try again when "
        "it has finished.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "is a folder, not a file"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This file is not an annotation file: its JSON is nested too deeply to read.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "This file is not usable JSON ({error})."),
    QT_TRANSLATE_NOOP("CoreMessages", "a block device"),
    QT_TRANSLATE_NOOP("CoreMessages", "a character device"),
    QT_TRANSLATE_NOOP("CoreMessages", "a named pipe (FIFO)"),
    QT_TRANSLATE_NOOP("CoreMessages", "a socket"),
    QT_TRANSLATE_NOOP("CoreMessages", "a special file"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the library at {folder} is busy: another Archive Reader process kept it locked for "
        "too long. Try again when it has finished.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Another Archive Reader process is using this library."),
    QT_TRANSLATE_NOOP("CoreMessages", "symbolic link loop"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "symbolic link to {target}, outside the folders being imported: not followed",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The library folder {folder} is read-only ({why}); nothing can be changed in it.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The catalogue {path} was written by a newer version of this app.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Note: {note}"),
    QT_TRANSLATE_NOOP("CoreMessages", "nothing was lost"),
    QT_TRANSLATE_NOOP("CoreMessages", "nothing saved before was lost"),
    QT_TRANSLATE_NOOP("CoreMessages", "This file is not JSON ({error}, line {line})."),
    QT_TRANSLATE_NOOP("CoreMessages", "could not be parsed ({detail})"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a regular file"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "could not be stored in the library ({kind}: {error}); skipped",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{path} is not UTF-8 text (byte 0x{byte} at offset {offset}); annotation files are "
        "JSON-LD in UTF-8.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This file is not a W3C annotation file (no annotations in it).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        'This file is not a W3C annotation file ("first" is {value}, not an annotation page).',
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        'This file is not a W3C annotation file (a page\'s "items" is {value}, not a list of '
        "annotations).",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "No annotation with id {id}."),
    QT_TRANSLATE_NOOP("CoreMessages", "{path}: no annotations could be read ({first})."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{path}: no annotations could be read ({first}; {n} more skipped).",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "No article with id {id}. 'reader list' shows the ids."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This HTML page has no article text (only markup, scripts or navigation).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "there is no backup of bookmarks and notes in {folder}, so keep the moved file: what "
        "it holds may still be recoverable",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "There is no database at {path}."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no space left on {where}: {stopped}, and {kept}. Free some space on that disk, then "
        "{then}.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{path}: no such file"),
    QT_TRANSLATE_NOOP("CoreMessages", "{path}: no such file or folder"),
    QT_TRANSLATE_NOOP("CoreMessages", "no title or text found"),
    QT_TRANSLATE_NOOP("CoreMessages", "open it again"),
    QT_TRANSLATE_NOOP("CoreMessages", "open the library again"),
    QT_TRANSLATE_NOOP("CoreMessages", "the process parsing it ended ({detail}); skipped"),
    QT_TRANSLATE_NOOP("CoreMessages", "{path}: permission denied"),
    QT_TRANSLATE_NOOP("CoreMessages", "a README/LICENSE file, not an article"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the library at {folder} is read-only: {cannot}. Reading, listing and searching it "
        "still work.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "its folders are not re-scanned, and reading state, bookmarks and highlights cannot "
        "be saved",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the library at {folder} is read-only ({why}): {cannot}. Reading, listing and "
        "searching it still work.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "then restore bookmarks, highlights and notes with 'reader annotations import "
        "{backup}' (the newest backup in {folder})",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "its name, as shown, is the same name as another file in the library (one of them is "
        "not UTF-8); skipped: rename one of them",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "they are saved in the library itself"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The search process stopped unexpectedly; it starts again with the next search.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{path}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "… and {n} more"),
    QT_TRANSLATE_NOOP("CoreMessages", "Something went wrong ({kind}: {error})."),
    QT_TRANSLATE_NOOP("CoreMessages", "{kind}, not a regular file"),
    QT_TRANSLATE_NOOP("CoreMessages", "A tag cannot be empty."),
    QT_TRANSLATE_NOOP("CoreMessages", "A tag is text, not {tag}."),
    QT_TRANSLATE_NOOP("CoreMessages", "A tag cannot contain , ; ， 、 or ； ({tag})."),
    QT_TRANSLATE_NOOP("CoreMessages", "the library"),
    QT_TRANSLATE_NOOP("CoreMessages", "took longer than {seconds} s to read and parse; skipped"),
    QT_TRANSLATE_NOOP("CoreMessages", "try again"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot be decoded as text (tried {encoding})"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the library was not closed cleanly and its latest changes, in {wal}, cannot be read "
        "here ({why}), so they may be missing from what is shown. They are not lost: open the"
        " library once where it is writable and has free space to see them.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The upgrade of {path} was cancelled."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "it must first be upgraded for this version of the app, which needs space",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "it must first be upgraded for this version of the app, which writes to it",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Cancelled while waiting for another process."),
    QT_TRANSLATE_NOOP("CoreMessages", "the disk that holds {path}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the library's disk"),
    QT_TRANSLATE_NOOP("CoreMessages", "it cannot be written"),
    QT_TRANSLATE_NOOP("CoreMessages", "no permission to write there"),
    QT_TRANSLATE_NOOP("CoreMessages", "no space left on its disk"),
    QT_TRANSLATE_NOOP("CoreMessages", "read-only file system"),
)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each template as a pattern matching the whole of a message made from it, most
    specific (longest fixed text) first: "{path}: {reason}" must not claim "cannot
    be read: {why}"."""
    patterns = []
    for template in TEMPLATES:
        if not _LETTER.search(_FIELD.sub("", template)):
            continue  # "{path}: {reason}" would claim any text with a colon: detail_text
        parts = _FIELD.split(template)
        regex, seen = [], set()
        for i, part in enumerate(parts):
            if i % 2 == 0:
                regex.append(re.escape(part))
            elif part in seen:
                regex.append(f"(?P={part})")
            else:
                seen.add(part)
                regex.append(f"(?P<{part}>.*?)")
        patterns.append((re.compile("".join(regex) + r"\Z", re.DOTALL), template))
    patterns.sort(key=lambda item: -len(_FIELD.sub("", item[1])))
    return patterns


def _fill(target: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda field: values[field.group(1)], target)


def _translated(text: str, depth: int) -> str | None:
    """*text* translated when it is made from one of the templates, else None."""
    for pattern, template in _patterns():
        found = pattern.match(text)
        if found is None:
            continue
        values = found.groupdict()
        for name, value in values.items():
            if name in FRAGMENT_FIELDS and depth < _DEPTH:
                values[name] = _translated(value, depth + 1) or value
        return _put_back(template, values)
    return None


def _put_back(template: str, values: dict[str, str]) -> str:
    """*template* translated, with *values* in its fields (the English template when the
    translation lost or invented a field: never an exception in the status bar)."""
    target = translate(CONTEXT, template)
    if set(_FIELD.findall(target)) != set(values):
        log.warning("translation of %r does not fit its fields", template)
        target = template
    return _fill(target, values)


def message_text(text: str) -> str:
    """A core message (English, as the core wrote it) in the interface's language."""
    if current() == "en" or not text:
        return text
    found = _translated(text, 0)
    if found is None and text[:1].isupper():
        # describe_error capitalises a message that starts a sentence in lower case.
        found = _translated(text[:1].lower() + text[1:], 0)
    return text if found is None else found


def detail_text(line: str) -> str:
    """A line of a job's details: "PATH: REASON" (``messages.SKIPPED_FILE``), where the
    path may hold ": " itself, so each split is tried from the left until the rest is a
    known reason; any other line as ``message_text`` says it."""
    if current() == "en":
        return line
    start = 0
    while (colon := line.find(": ", start)) != -1:
        reason = _translated(line[colon + 2 :], 1)
        if reason is not None:
            return _put_back(m.SKIPPED_FILE, {"path": line[:colon], "reason": reason})
        start = colon + 1
    return message_text(line)


def error_text(exc: BaseException) -> str:
    """What to tell a person about *exc* (``describe_error``), in their language."""
    return message_text(describe_error(exc))


def sentences_text(sentences: list[str]) -> str:
    """Several core sentences as one paragraph: Chinese ones are not spaced."""
    return paragraph(message_text(sentence) for sentence in sentences)


def paragraph(sentences: Iterable[str]) -> str:
    """Sentences already in the interface's language as one paragraph: English ones
    are separated by a space, Chinese ones are not."""
    return ("" if current() != "en" else " ").join(sentences)

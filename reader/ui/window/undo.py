"""Edit › Undo for bookmarks and annotations: each change as a QUndoCommand.

A command is pushed once the store has made the change (the write runs in the
annotation thread and can fail with a clear message; a command for a change that never
happened would undo nothing, or worse). So the first ``redo()``, which QUndoStack calls
on push, does nothing; later ones redo through the store again. Undoing a deletion puts
back exactly what was deleted (same id, times and position: ``restore_annotation``).
A tag renamed or deleted on every bookmark is one command too (``tag_changed``): undo
puts back each bookmark's previous tags (``restore_tags``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from reader.annotations.model import Annotation, Bookmark
from reader.ui.i18n import translate
from reader.ui.qt import QUndoCommand


class Applier(Protocol):
    """What the commands ask of the window's annotation controller."""

    def apply_restore(self, annotation: Annotation) -> None: ...
    def apply_delete(self, annotation: Annotation) -> None: ...
    def apply_edit(self, annotation: Annotation, *, note: str | None, color: str) -> None: ...
    def apply_bookmark(self, article_id: int, bookmark: Bookmark | None) -> None: ...


PreviousTags = dict[str, tuple[str, ...]]  # reader.annotations.bookmarks.PreviousTags


class TagApplier(Protocol):
    """What a tag command asks of Manage Tags (``reader.ui.annotations.tag_manager``)."""

    def apply_tag_change(self, old: str, new: str | None) -> None: ...
    def apply_restore_tags(self, previous: PreviousTags) -> None: ...


def _quoted(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


class DoneCommand(QUndoCommand):
    """A change already made: the first redo() is the change itself, already done."""

    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._redo = redo
        self._undo = undo
        self._fresh = True

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()


def added(applier: Applier, annotation: Annotation) -> DoneCommand:
    text = (
        translate("Undo", "Note {quote}")
        if annotation.note
        else translate("Undo", "Highlight {quote}")
    )
    return DoneCommand(
        text.format(quote=_quoted(annotation.quote)),
        lambda: applier.apply_restore(annotation),
        lambda: applier.apply_delete(annotation),
    )


def deleted(applier: Applier, annotation: Annotation) -> DoneCommand:
    return DoneCommand(
        translate("Undo", "Delete {quote}").format(quote=_quoted(annotation.quote)),
        lambda: applier.apply_delete(annotation),
        lambda: applier.apply_restore(annotation),
    )


def edited(applier: Applier, before: Annotation, after: Annotation) -> DoneCommand:
    text = (
        translate("Undo", "Color of {quote}")
        if before.note == after.note
        else translate("Undo", "Note of {quote}")
    )
    return DoneCommand(
        text.format(quote=_quoted(after.quote)),
        lambda: applier.apply_edit(after, note=after.note, color=after.color),
        lambda: applier.apply_edit(before, note=before.note, color=before.color),
    )


def bookmark_changed(
    applier: Applier,
    article_id: int,
    before: Bookmark | None,
    after: Bookmark | None,
    *,
    title: str | None = None,
) -> DoneCommand:
    if before is None:
        text = translate("Undo", "Bookmark {title}")
    elif after is None:
        text = translate("Undo", "Remove Bookmark {title}")
    else:
        text = translate("Undo", "Bookmark Tags {title}")
    text = text.format(title=_quoted(title) if title else "").strip()
    return DoneCommand(
        text,
        lambda: applier.apply_bookmark(article_id, after),
        lambda: applier.apply_bookmark(article_id, before),
    )


def tag_changed(
    applier: TagApplier, old: str, new: str | None, previous: PreviousTags
) -> DoneCommand:
    """*old* renamed to *new* (None: deleted) on the bookmarks *previous* names."""
    text = (
        translate("Undo", "Rename Tag {tag}")
        if new is not None
        else translate("Undo", "Delete Tag {tag}")
    ).format(tag=_quoted(old))
    return DoneCommand(
        text,
        lambda: applier.apply_tag_change(old, new),
        lambda: applier.apply_restore_tags(previous),
    )


def articles_removed(
    remove_again: Callable[[], None], put_back: Callable[[], None], count: int, title: str | None
) -> DoneCommand:
    """Remove from Library (never from disk): undo imports the files again."""
    text = (
        translate("Undo", "Remove {title} from Library").format(title=_quoted(title))
        if count == 1 and title
        else translate("Undo", "Remove %Ln Article(s) from Library", "", count)
    )
    return DoneCommand(text, remove_again, put_back)

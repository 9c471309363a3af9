"""Bookmarks and annotations for the window, read and written in a thread of their own.

Every call goes to ``reader.annotations.AnnotationStore`` (one transaction per change),
on a catalogue connection this thread owns. Not the GUI thread: a write waits for the
write lock while an import's transaction holds it (seconds, at worst), and even a read of
an article's annotations may write (re-anchoring after the text changed, re-attaching
after a file came back). Answers come back to the GUI thread through the callbacks, in
the order the calls were made, so an undo right after an edit always sees the edit.

The store and its export and backup modules are imported in the thread, on its first
call: the window is built before them, and its first paint need not wait for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from reader.annotations.model import Annotation, Bookmark
from reader.catalogue import Catalogue
from reader.errors import ReaderError
from reader.paths import catalogue_path
from reader.ui.i18n import translate
from reader.ui.window.workers import TaskThread

if TYPE_CHECKING:
    from reader.annotations.store import AnnotationStore, MergeSummary

T = TypeVar("T")
ExportFormat = Literal["md", "json"]
Done = Callable[[T], None]
Failed = Callable[[BaseException], None]
BookmarkChange = tuple[Bookmark | None, Bookmark | None]
PreviousTags = dict[str, tuple[str, ...]]  # reader.annotations.bookmarks.PreviousTags
BACKUP_FOLDER = "backups"  # reader.annotations.backup.BACKUP_FOLDER, without importing it


class _Unchanged:
    """Sentinel for ``edit``: leave this field as it is (None clears it)."""


UNCHANGED = _Unchanged()


@dataclass(slots=True)
class ArticleAnnotations:
    """One article's bookmark and annotations (reading order, orphaned last)."""

    article_id: int
    annotations: list[Annotation]
    bookmark: Bookmark | None


@dataclass(slots=True)
class ExportResult:
    path: Path
    annotations: int
    bookmarks: int


class _Context:
    def __init__(self, data_dir: Path) -> None:
        from reader.annotations.store import AnnotationStore

        self.catalogue = Catalogue(catalogue_path(data_dir))
        self.store = AnnotationStore(self.catalogue)

    def close(self) -> None:
        self.catalogue.close()


def _export(
    store: AnnotationStore, path: Path, fmt: ExportFormat, article_id: int | None
) -> ExportResult:
    from reader.annotations import backup, export

    text = (
        export.export_markdown(store, article_id)
        if fmt == "md"
        else export.export_jsonld(store, article_id)
    )
    if article_id is None:
        counts = (store.count(), len(store.all_bookmarks()))
    else:
        counts = (
            len(store.annotations_for(article_id)),
            int(store.get_bookmark(article_id) is not None),
        )
    try:
        backup.write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise ReaderError(
            translate("Annotations", "{path} could not be written ({reason}).").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    return ExportResult(path, *counts)


class AnnotationService:
    def __init__(self, data_dir: Path, on_error: Failed) -> None:
        self.data_dir = data_dir
        self._on_error = on_error
        self._thread: TaskThread[_Context] = TaskThread(
            "annotations", lambda: _Context(data_dir), lambda ctx: ctx.close()
        )

    def _run(
        self,
        fn: Callable[[AnnotationStore], T],
        on_done: Done[T] | None = None,
        on_error: Failed | None = None,
        lane: str | None = None,
    ) -> None:
        self._thread.submit(
            lambda ctx: fn(ctx.store),
            on_done=on_done,
            on_error=on_error or self._on_error,
            lane=lane,
        )

    # -- reading -------------------------------------------------------------------------

    def article(
        self, article_id: int, on_done: Done[ArticleAnnotations], on_error: Failed | None = None
    ) -> None:
        """The article's bookmark and annotations (re-anchored if its text changed)."""
        self._run(
            lambda store: ArticleAnnotations(
                article_id, store.annotations_for(article_id), store.get_bookmark(article_id)
            ),
            on_done,
            on_error,
            lane=f"article:{article_id}",
        )

    def list_all(
        self,
        on_done: Done[list[Annotation]],
        *,
        query: str | None = None,
        color: str | None = None,
        limit: int | None = None,
    ) -> None:
        """Every annotation, newest first, filtered (the global view); latest wins."""
        self._run(
            lambda store: store.list_annotations(query=query or None, color=color, limit=limit),
            on_done,
            lane="all",
        )

    def tags(self, on_done: Done[list[tuple[str, int]]]) -> None:
        self._run(lambda store: store.tags(), on_done, lane="tags")

    # -- bookmarks -----------------------------------------------------------------------

    def bookmark(
        self, article_id: int, tags: str | tuple[str, ...] | None, on_done: Done[Bookmark]
    ) -> None:
        self._run(lambda store: store.bookmark(article_id, tags), on_done)

    def unbookmark(self, article_id: int, on_done: Done[Bookmark | None]) -> None:
        self._run(lambda store: store.unbookmark(article_id), on_done)

    def restore_bookmark(self, bookmark: Bookmark, on_done: Done[Bookmark]) -> None:
        self._run(lambda store: store.restore_bookmark(bookmark), on_done)

    def toggle_bookmark(self, article_id: int, on_done: Done[BookmarkChange]) -> None:
        """Bookmark, or remove the bookmark; answers (before, after) for undo."""

        def run(store: AnnotationStore) -> BookmarkChange:
            before = store.get_bookmark(article_id)
            if before is not None:
                store.unbookmark(article_id)
                return before, None
            return None, store.bookmark(article_id)

        self._run(run, on_done)

    def bookmark_many(
        self, article_ids: list[int], on: bool, on_done: Done[list[tuple[int, BookmarkChange]]]
    ) -> None:
        """Bookmark (*on*) or un-bookmark every article of a selection, leaving those
        already so alone; answers each change, (id, (before, after)), for undo."""

        def run(store: AnnotationStore) -> list[tuple[int, BookmarkChange]]:
            changes: list[tuple[int, BookmarkChange]] = []
            for article_id in article_ids:
                before = store.get_bookmark(article_id)
                if on and before is None:
                    changes.append((article_id, (None, store.bookmark(article_id))))
                elif not on and before is not None:
                    store.unbookmark(article_id)
                    changes.append((article_id, (before, None)))
            return changes

        self._run(run, on_done)

    def set_tags(
        self, article_id: int, tags: tuple[str, ...], on_done: Done[BookmarkChange]
    ) -> None:
        """Replace the tags (bookmarking the article if it was not); (before, after)."""

        def run(store: AnnotationStore) -> BookmarkChange:
            before = store.get_bookmark(article_id)
            return before, store.bookmark(article_id, tags)

        self._run(run, on_done)

    def put_bookmark(
        self, article_id: int, bookmark: Bookmark | None, on_done: Done[Bookmark | None]
    ) -> None:
        """Make the article's bookmark exactly *bookmark* (None: none): undo and redo."""

        def run(store: AnnotationStore) -> Bookmark | None:
            if bookmark is None:
                store.unbookmark(article_id)
                return None
            return store.restore_bookmark(bookmark)

        self._run(run, on_done)

    # -- tags on every bookmark ----------------------------------------------------------

    def tag_counts(self, on_done: Done[list[tuple[str, int]]]) -> None:
        """Every tag with how many bookmarks carry it, by name (Manage Tags); latest wins."""
        self._run(lambda store: store.tag_counts(), on_done, lane="tag_counts")

    def change_tag(self, old: str, new: str | None, on_done: Done[PreviousTags]) -> None:
        """Rename *old* to *new* on every bookmark, or remove it (*new* None), in one
        transaction; answers the changed bookmarks' previous tags (for undo)."""
        self._run(lambda store: store.change_tag(old, new), on_done)

    def restore_tags(self, previous: PreviousTags, on_done: Done[int]) -> None:
        """Put back what ``change_tag`` answered: undo."""
        self._run(lambda store: store.restore_tags(previous), on_done)

    # -- annotations ---------------------------------------------------------------------

    def add(
        self,
        article_id: int,
        start: int,
        end: int,
        on_done: Done[Annotation],
        *,
        note: str | None = None,
        color: str | None = None,
    ) -> None:
        self._run(
            lambda store: store.add_annotation(article_id, start, end, note=note, color=color),
            on_done,
        )

    def edit(
        self,
        annotation_id: str,
        on_done: Done[tuple[Annotation, Annotation]],
        *,
        note: str | None | _Unchanged = UNCHANGED,
        color: str | None | _Unchanged = UNCHANGED,
    ) -> None:
        """Change a note or color; answers (before, after)."""

        def run(store: AnnotationStore) -> tuple[Annotation, Annotation]:
            before = store.get_annotation(annotation_id)
            if before is None:
                raise ReaderError(
                    translate(
                        "Annotations", "That highlight is no longer there (deleted meanwhile)."
                    )
                )
            changes: dict[str, str | None] = {}
            if not isinstance(note, _Unchanged):
                changes["note"] = note
            if not isinstance(color, _Unchanged):
                changes["color"] = color
            return before, store.edit_annotation(annotation_id, **changes)

        self._run(run, on_done)

    def delete(self, annotation_id: str, on_done: Done[Annotation]) -> None:
        self._run(lambda store: store.delete_annotation(annotation_id), on_done)

    def restore(self, annotation: Annotation, on_done: Done[Annotation]) -> None:
        self._run(lambda store: store.restore_annotation(annotation), on_done)

    # -- files ---------------------------------------------------------------------------

    def export(
        self,
        path: Path,
        fmt: ExportFormat,
        article_id: int | None,
        on_done: Done[ExportResult],
        on_error: Failed | None = None,
    ) -> None:
        """Markdown or JSON-LD, of everything or one article, written atomically."""
        self._run(lambda store: _export(store, path, fmt, article_id), on_done, on_error)

    def import_file(
        self, path: Path, on_done: Done[MergeSummary], on_error: Failed | None = None
    ) -> None:
        """Merge a JSON-LD file (an export or a backup) in; never duplicates."""

        def run(store: AnnotationStore) -> MergeSummary:
            from reader.annotations.export import import_jsonld

            return import_jsonld(store, path)

        self._run(run, on_done, on_error)

    def backup(self, on_done: Done[Path | None] | None = None) -> None:
        """Write a backup if anything changed since the newest one."""

        def run(store: AnnotationStore) -> Path | None:
            from reader.annotations.backup import write_backup

            return write_backup(store)

        self._run(run, on_done, lane="backup")

    def backup_folder(self) -> Path:
        return self.data_dir / BACKUP_FOLDER

    def call(self, fn: Callable[[AnnotationStore], Any], on_done: Done[Any]) -> None:
        """Anything else the store answers (tests, rare reads)."""
        self._run(fn, on_done)

    def wait_idle(self, timeout: float = 20.0) -> bool:
        return self._thread.wait_idle(timeout)

    def stop(self) -> None:
        self._thread.stop()

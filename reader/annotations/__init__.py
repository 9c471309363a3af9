"""Bookmarks, highlights and notes: the reader's own data, kept safe and portable.

- ``anchoring``: W3C TextQuote/TextPosition selectors and re-anchoring after text changes
  (``fuzzy`` is its approximate matcher);
- ``store``: ``AnnotationStore``, the tables in the catalogue and every query the GUI,
  the CLI and search call;
- ``export``: Markdown and W3C Web Annotation JSON-LD out, JSON-LD back in;
- ``backup``: rotated, atomically written JSON-LD backups in the data folder;
- ``marks``: the two reads the GUI's list makes per page of rows.

No Qt here, and no search index: the GUI and search build on these calls. The store's
names load on first use: the window reads ``model`` and ``marks`` before its first
paint, and the store with the anchoring it imports cost ~20 ms more there.
"""

from typing import Any

from reader.annotations.model import (
    COLORS,
    Annotation,
    ArticleRef,
    Bookmark,
    NoteDocument,
    ReanchorSummary,
)

_FROM_STORE = ("KEEP", "AnnotationStore", "MergeSummary")


def __getattr__(name: str) -> Any:
    if name in _FROM_STORE:
        from reader.annotations import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COLORS",
    "KEEP",
    "Annotation",
    "AnnotationStore",
    "ArticleRef",
    "Bookmark",
    "MergeSummary",
    "NoteDocument",
    "ReanchorSummary",
]

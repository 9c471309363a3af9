"""Bookmarks, highlights and notes: the reader's own data, kept safe and portable.

- ``anchoring``: W3C TextQuote/TextPosition selectors and re-anchoring after text changes
  (``fuzzy`` is its approximate matcher);
- ``store``: ``AnnotationStore``, the tables in the catalogue and every query the GUI,
  the CLI and search call;
- ``export``: Markdown and W3C Web Annotation JSON-LD out, JSON-LD back in;
- ``backup``: rotated, atomically written JSON-LD backups in the data folder.

No Qt here, and no search index: the GUI and search build on these calls.
"""

from reader.annotations.model import (
    COLORS,
    Annotation,
    ArticleRef,
    Bookmark,
    NoteDocument,
    ReanchorSummary,
)
from reader.annotations.store import KEEP, AnnotationStore, MergeSummary

__all__ = [
    "COLORS", "KEEP", "Annotation", "AnnotationStore", "ArticleRef", "Bookmark",
    "MergeSummary", "NoteDocument", "ReanchorSummary",
]

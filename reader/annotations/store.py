"""Bookmarks and annotations in the catalogue: the calls the GUI, the CLI and search use.

User data, unlike everything else in the catalogue, cannot be rebuilt from the archive, so:

- every change is one transaction on the catalogue's connection (WAL): a crash leaves
  each change wholly there or wholly absent;
- nothing is keyed on an article id alone. An annotation hangs on an *annotation target*
  (``targets.py``) that remembers the article's path, source URL, title and file hash.
  When the file leaves the library the target is only detached (a trigger in the
  catalogue's migration 3); when a file with the same path, URL or bytes is imported the
  target is attached to it again (another trigger, inside the import's transaction), and
  reads attach leftovers (a file renamed *and* edited: a new article with the old URL);
- when an article's cleaned text changed, its annotations are re-anchored
  (``reader.annotations.anchoring``) when next read, and the new position is stored. One
  that cannot be placed is marked orphaned and kept with its quote, never deleted.

Deletions return what they deleted, and ``restore_*`` puts exactly that back: the GUI's
undo. No Qt, no search index: search calls ``bookmarked_ids``, ``ids_with_tag`` and
``note_documents`` and indexes what it likes.

``AnnotationStore`` is the one class callers use; its calls live in one module per job,
each a mixin built on the ones it calls:

- ``store_base``: the catalogue, its connection, an article's text and its targets;
- ``rows``: the columns selected and the model objects built from them;
- ``bookmarks``: bookmarks and their tags, and the list's per-page marks;
- ``annotation_writes``: highlight, edit, delete, restore (``KEEP``);
- ``annotation_reads``: one annotation, an article's, the global list;
- ``search_feed``: what the ``in:notes`` index reads;
- ``reanchor``: placing annotations again in changed text;
- ``merge``: merging what a file holds (``MergeSummary``);
- ``dump``: everything at once, for export and backups.
"""

from __future__ import annotations

from reader.annotations.annotation_reads import AnnotationReadsMixin
from reader.annotations.annotation_writes import KEEP, AnnotationWritesMixin
from reader.annotations.bookmarks import BookmarksMixin
from reader.annotations.dump import DumpMixin
from reader.annotations.merge import MergeMixin, MergeSummary
from reader.annotations.reanchor import Progress, ReanchorMixin
from reader.annotations.search_feed import SearchFeedMixin

__all__ = ["KEEP", "AnnotationStore", "MergeSummary", "Progress"]


class AnnotationStore(
    # A mixin comes before the ones it builds on (merge writes; writes and the search
    # feed read; reads re-anchor), all on ``StoreBase``.
    BookmarksMixin,
    MergeMixin,
    AnnotationWritesMixin,
    SearchFeedMixin,
    AnnotationReadsMixin,
    ReanchorMixin,
    DumpMixin,
):
    """Bookmarks and annotations of one catalogue. Cheap to create; holds no state."""

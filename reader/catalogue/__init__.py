"""The SQLite catalogue: what was imported, its cleaned text and its links.

The only package that writes the database. WAL mode, so the GUI can read while an import
writes; every change runs in a transaction. It knows nothing of the search index (which is
derived data and rebuilt from here) nor of Qt.

Related links are resolved when read, by joining on a normalised URL key (then on exact
title), so a link stays correct whichever of the two articles was imported first and
whatever was deleted since; no stored target ids can go stale.

Other modules import from here (``from reader.catalogue import Catalogue``), not from the
modules inside, which are:

- ``schema``: the tables, migrations, annotation triggers and secondary indexes;
- ``storage``: what a failing disk means (``storage_error``) and reading where nothing
  can be written (``connect_readonly``);
- ``records``: an article as the row values it is stored as; what is known of a file;
- ``connection``: opening, closing, schema upkeep and transactions (the base class);
- ``importing``, ``reading``, ``search_feed``, ``desktop``: the groups of queries, one
  class each, that ``core.Catalogue`` combines;
- ``scan``: one import's comparison of the disk with the catalogue (``FileScan``);
- ``copies``: copies of one story, their signatures and groups (``CopyStore``, issue 14).
"""

from reader.catalogue.connection import pending_upgrade
from reader.catalogue.copies import CopyStore, GroupingSummary, collapse_ids, store_signature
from reader.catalogue.core import Catalogue
from reader.catalogue.records import ArticleRecord, FileState, prepare_record
from reader.catalogue.scan import FileScan, ScanItem
from reader.catalogue.schema import BULK_DROPPABLE, SCHEMA_VERSION, SECONDARY_INDEXES
from reader.catalogue.storage import connect_readonly, damaged_message, storage_error

__all__ = [
    "BULK_DROPPABLE",
    "SCHEMA_VERSION",
    "SECONDARY_INDEXES",
    "ArticleRecord",
    "Catalogue",
    "CopyStore",
    "FileScan",
    "FileState",
    "GroupingSummary",
    "ScanItem",
    "collapse_ids",
    "connect_readonly",
    "damaged_message",
    "pending_upgrade",
    "prepare_record",
    "storage_error",
    "store_signature",
]

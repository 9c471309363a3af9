"""``Catalogue``, the one class the rest of the app opens: the connection plus every group
of queries, each in its own module of this package (see ``__init__``).
"""

from __future__ import annotations

from reader.catalogue.desktop import DesktopQueries
from reader.catalogue.importing import ImportWrites
from reader.catalogue.reading import ArticleQueries
from reader.catalogue.search_feed import SearchFeed


class Catalogue(ImportWrites, DesktopQueries, ArticleQueries, SearchFeed):
    """One open catalogue database. Use as a context manager or call ``close()``."""

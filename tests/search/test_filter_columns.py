"""The article-id column is read in one piece per segment (issue 16): it must equal what
Whoosh's own value-by-value reader gives, across segments and articles indexed again
(their earlier records stay), and ``site:`` must keep finding exactly the site's
articles."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.search.sync import open_engine, search_library, sync_index
from reader.search.whoosh_engine import column_ints
from tests.search.test_index import write_articles


def whoosh_ids(reader: object) -> np.ndarray:
    """The column as Whoosh itself reads it (one value at a time, through Python)."""
    column = reader.column_reader("aid")  # type: ignore[attr-defined]
    count = reader.doc_count_all()  # type: ignore[attr-defined]
    return np.fromiter((int(v or 0) for v in column), dtype=np.int64, count=count)


def test_the_id_column_read_whole_equals_whoosh_s_reading(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    catalogue = Catalogue(tmp_path / "data" / "catalogue.sqlite3")
    engine = open_engine(tmp_path / "data")
    seen_segments = set()
    for start in (0, 30, 60):  # three imports: three Whoosh segments at least
        write_articles(archive, 30, start)
        import_paths(catalogue, [archive], workers=1)
        sync_index(catalogue, engine, workers=1)
        reader = engine._whoosh_searcher().reader()
        seen_segments.add(len(list(reader.leaf_readers())))
        assert np.array_equal(column_ints(reader, "aid"), whoosh_ids(reader))
    # changed articles are indexed again (Whoosh keeps their earlier records)
    for i in range(0, 90, 7):
        path = archive / f"a{i:05d}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    import_paths(catalogue, [archive], workers=1)
    sync_index(catalogue, engine, workers=1)
    reader = engine._whoosh_searcher().reader()
    fast = column_ints(reader, "aid")
    assert np.array_equal(fast, whoosh_ids(reader))
    assert fast.size > len(set(catalogue.ids())), "no article was indexed again"
    assert max(seen_segments) > 1, "the test never had several segments"
    live = set(catalogue.ids())
    assert live <= set(fast.tolist())  # every article has its record
    hits = search_library(catalogue, engine, "site:跨境电商资讯", limit=1000).hits
    assert sorted(h.id for h in hits) == sorted(live)
    engine.close()
    catalogue.close()

"""What the catalogue database looks like, and how an older one is brought up to date.

Kept apart from the code that reads and writes it so the whole schema reads in one
place: the tables of every version, the annotation triggers that re-attach notes to a
re-imported article, and the secondary indexes a large import drops and rebuilds. The
connection (``connection.py``) runs ``MIGRATIONS`` on open; nothing else here runs.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 7

FOLD_FUNCTION = "reader_fold"
"""The SQL name of ``folded``, registered on every writing connection before the
migrations run (``register_functions``): migration 5 fills ``article_folded`` with it."""


def folded(text: str | None) -> str | None:
    """*text* as the search folds it (``reader.search.analysis.fold``: case, width,
    accents, Traditional to Simplified, one character for one), for the list's filter.

    Imported here, not at the top: the analysis module loads NumPy and OpenCC's tables
    (0.2 s), which a window's start-up or a ``reader list`` must not pay for."""
    if text is None:
        return None
    from reader.search.analysis import fold

    return fold(text)


SORT_KEY_FUNCTION = "reader_sort_key"
"""The SQL name of ``sortkey.title_sort_key``, registered beside ``reader_fold``:
migration 6 fills ``article_sort`` with it."""


def sort_key(title: str | None) -> str | None:
    """*title*'s list sort key (``reader.catalogue.sortkey``: pinyin for Han characters,
    folded Latin); imported here, not at the top, as ``folded`` is."""
    from reader.catalogue.sortkey import title_sort_key

    return title_sort_key(title)


def register_functions(db: sqlite3.Connection) -> None:
    """Make ``folded`` and ``sort_key`` callable from SQL as ``reader_fold`` and
    ``reader_sort_key`` on *db* (the migrations use them; nothing else in the schema does,
    so other tools can still open the file)."""
    db.create_function(FOLD_FUNCTION, 1, folded, deterministic=True)
    db.create_function(SORT_KEY_FUNCTION, 1, sort_key, deterministic=True)


MIGRATIONS: list[str] = [
    # 1: articles, links, roots
    """
    CREATE TABLE IF NOT EXISTS roots (
        path TEXT PRIMARY KEY,
        added_at REAL NOT NULL,
        scanned_at REAL
    );
    CREATE TABLE IF NOT EXISTS articles (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        hash TEXT NOT NULL,
        kind TEXT NOT NULL,
        encoding TEXT,
        title TEXT NOT NULL,
        date TEXT,
        site TEXT,
        source_url TEXT,
        url_key TEXT,
        language TEXT,
        byline TEXT,
        blocks BLOB NOT NULL,
        warnings TEXT,
        imported_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE IF NOT EXISTS links (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        url TEXT NOT NULL,
        url_key TEXT,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;
    """,
    # 2: the desktop app's reading state (read/unread, where each article was left), and
    # a covering index so the list can sort 100,000 rows by site without a table scan
    # (measured: 0.5 s scanning the table, ~30 ms on this index).
    """
    CREATE TABLE IF NOT EXISTS reading_state (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        read_at REAL,
        position INTEGER NOT NULL DEFAULT 0,
        updated_at REAL NOT NULL
    );
    CREATE INDEX IF NOT EXISTS articles_site_list
        ON articles(site COLLATE NOCASE, date DESC, id DESC);
    """,
    # 3: bookmarks and annotations (reader/annotations/store.py). User data, so nothing
    # here cascades from articles: an article leaving the library (its file deleted)
    # only detaches its annotation target; the triggers re-attach it when an article
    # with the same path, URL or bytes comes back, inside the importer's transaction.
    """
    CREATE TABLE IF NOT EXISTS annotation_targets (
        id INTEGER PRIMARY KEY,
        article_id INTEGER,
        source_url TEXT,
        url_key TEXT,
        path TEXT,
        title TEXT,
        file_hash TEXT
    );
    CREATE UNIQUE INDEX IF NOT EXISTS annotation_targets_article
        ON annotation_targets(article_id) WHERE article_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS annotation_targets_detached_path
        ON annotation_targets(path) WHERE article_id IS NULL;
    CREATE INDEX IF NOT EXISTS annotation_targets_detached_url
        ON annotation_targets(url_key) WHERE article_id IS NULL;
    CREATE INDEX IF NOT EXISTS annotation_targets_detached_hash
        ON annotation_targets(file_hash) WHERE article_id IS NULL;
    CREATE TABLE IF NOT EXISTS bookmarks (
        target_id INTEGER PRIMARY KEY REFERENCES annotation_targets(id),
        uid TEXT NOT NULL UNIQUE,
        tags TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS annotations (
        id TEXT PRIMARY KEY,
        target_id INTEGER NOT NULL REFERENCES annotation_targets(id),
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start_pos INTEGER,
        end_pos INTEGER,
        orphaned INTEGER NOT NULL DEFAULT 0,
        text_hash TEXT,
        file_hash TEXT,
        note TEXT,
        color TEXT,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS annotations_target ON annotations(target_id, start_pos);
    CREATE INDEX IF NOT EXISTS annotations_created ON annotations(created);
    CREATE TRIGGER IF NOT EXISTS annotation_targets_attach AFTER INSERT ON articles
    WHEN EXISTS (SELECT 1 FROM annotation_targets WHERE article_id IS NULL)
    BEGIN
        UPDATE OR IGNORE annotation_targets SET article_id = NEW.id
        WHERE id = (SELECT id FROM annotation_targets
                    WHERE article_id IS NULL AND path = NEW.path ORDER BY id LIMIT 1);
        UPDATE OR IGNORE annotation_targets SET article_id = NEW.id
        WHERE NEW.url_key IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM annotation_targets WHERE article_id = NEW.id)
          AND id = (SELECT id FROM annotation_targets
                    WHERE article_id IS NULL AND url_key = NEW.url_key ORDER BY id LIMIT 1);
        UPDATE OR IGNORE annotation_targets SET article_id = NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM annotation_targets WHERE article_id = NEW.id)
          AND id = (SELECT id FROM annotation_targets
                    WHERE article_id IS NULL AND file_hash = NEW.hash ORDER BY id LIMIT 1);
        UPDATE annotation_targets SET path = NEW.path, url_key = NEW.url_key,
            source_url = NEW.source_url, title = NEW.title, file_hash = NEW.hash
        WHERE article_id = NEW.id;
    END;
    CREATE TRIGGER IF NOT EXISTS annotation_targets_detach AFTER DELETE ON articles
    WHEN EXISTS (SELECT 1 FROM annotation_targets WHERE article_id = OLD.id)
    BEGIN
        UPDATE annotation_targets SET article_id = NULL WHERE article_id = OLD.id;
    END;
    CREATE TRIGGER IF NOT EXISTS annotation_targets_follow AFTER UPDATE ON articles
    WHEN OLD.path IS NOT NEW.path OR OLD.url_key IS NOT NEW.url_key
      OR OLD.source_url IS NOT NEW.source_url OR OLD.title IS NOT NEW.title
      OR OLD.hash IS NOT NEW.hash
    BEGIN
        UPDATE annotation_targets SET path = NEW.path, url_key = NEW.url_key,
            source_url = NEW.source_url, title = NEW.title, file_hash = NEW.hash
        WHERE article_id = NEW.id;
    END;
    """,
    # 4: file names that are not UTF-8 (reader/filenames.py). ``path`` holds the display
    # form (what SQLite, JSON and people can read); the real bytes, kept only when they
    # differ, let a re-scan find the file again. Side tables rather than ALTER TABLE: this
    # script stays safe to run twice, as the earlier ones are.
    """
    CREATE TABLE IF NOT EXISTS article_path_bytes (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        raw BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS root_path_bytes (
        path TEXT PRIMARY KEY REFERENCES roots(path) ON DELETE CASCADE,
        raw BLOB NOT NULL
    );
    """,
    # 5: the list's quick filter matches titles and sites the way search matches text:
    # 電商 and 电商 alike, 衛生, 衞生 (a Hong Kong form) and 卫生 alike, ＥＣ and ec
    # alike. The folded forms live in a side table of their own, written with the article
    # (``upsert_article``) and filled here for the articles already there (1.2-1.5 s per
    # 100,000, once, when the library is first opened). Why not fold at query time with a
    # Python SQL function: measured at 100,000 articles, calling ``fold`` on every title
    # and site took 0.95 s per keystroke, scanning this table 17-30 ms (the old LIKE scans
    # of the two covering indexes: 12-44 ms). If ``fold`` ever changes, a new migration
    # must fill it again.
    """
    CREATE TABLE IF NOT EXISTS article_folded (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        site TEXT
    );
    INSERT OR IGNORE INTO article_folded(article_id, title, site)
        SELECT id, reader_fold(title), reader_fold(site) FROM articles;
    """,
    # 6: what readers expect. Articles removed from the library (never from disk) leave
    # their path in ``excluded_paths``, so no re-scan brings them back (``include_paths``
    # undoes it; importing the file by name does too). Titles sort by their key in
    # ``article_sort`` (``sortkey.py``: pinyin for Chinese, folded Latin), written with
    # the article (``upsert_article``) and filled here for those already there; the
    # index ``article_sort_title`` (a secondary index, below) gives the list 100,000 ids
    # in order without a sort. A side table, as in 5, not a column: filling it rewrites
    # no article row (their text is in them), and the script stays safe to run twice.
    """
    CREATE TABLE IF NOT EXISTS excluded_paths (
        path TEXT PRIMARY KEY,
        excluded_at TEXT
    );
    CREATE TABLE IF NOT EXISTS article_sort (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        title TEXT NOT NULL
    );
    INSERT OR IGNORE INTO article_sort(article_id, title)
        SELECT id, reader_sort_key(title) FROM articles;
    """,
    # 7: the same story saved twice (reader/duplicates.py, reader/catalogue/copies.py).
    # Each article's MinHash signature (written with the article by the importer),
    # how many shingles it holds, the keys of its paragraphs' openings, and its story:
    # ``group_id`` is the id of the story's first copy (the lowest), NULL for one with no
    # other copy. ``checked`` = 0 marks a signature the grouping has not seen yet (or a
    # group that lost a member). A side table as in 5 and 6; nothing is computed here:
    # the signatures of articles already there are computed by the library's grouping
    # pass after the next import or re-scan, behind its progress bar, not in this
    # script (which the window's upgrade dialog runs before the window opens).
    """
    CREATE TABLE IF NOT EXISTS article_copies (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        signature BLOB,
        shingles INTEGER NOT NULL DEFAULT 0,
        openings BLOB,
        group_id INTEGER,
        checked INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS article_copies_group
        ON article_copies(group_id) WHERE group_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS article_copies_unchecked
        ON article_copies(checked) WHERE checked = 0;
    """,
]

# Secondary indexes are kept apart from the tables: a large import drops them and builds
# them again at the end (one sort instead of a million random B-tree inserts; measured:
# SQLite was 70% of a 100,000-article import), and every open re-creates any missing.
SECONDARY_INDEXES = {
    "articles_url_key": "articles(url_key)",
    "articles_title": "articles(title)",
    "article_sort_title": "article_sort(title)",
    "articles_date": "articles(date)",
    "links_url_key": "links(url_key)",
    "links_title": "links(title)",
}
BULK_DROPPABLE = ("articles_title", "article_sort_title", "links_url_key", "links_title")

"""Copies of one story in the catalogue: their signatures, their groups, and the pass that
groups them (schema 7's ``article_copies``; the comparing is ``reader.duplicates``).

The importer writes each article's signature inside its own transaction
(``store_signature``), marked unchecked. After the import the library runs ``regroup``:
it computes the signatures an older library lacks (in batches, committed, so a cancel
keeps them), then groups every signature at once from arrays (2-4 s at 110,000
articles, 74 MB traced at the peak: 256 bytes a signature, the rest a band at a time) and
writes only the group ids that changed. Grouping everything each time, rather than
only the new articles against an index, keeps it simple and exact: a changed article
can leave its story or split it, and a new one can join two.

Removing an article re-points its story at once (``delete_articles`` calls
``repoint_groups`` in the same transaction): the next copy becomes the first, a story
left with one copy is no longer a story, and the survivors are marked unchecked so the
next pass looks at whether the story still holds together without it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.catalogue.records import decode_blocks

if TYPE_CHECKING:
    from reader.article import Article
    from reader.catalogue.core import Catalogue
    from reader.duplicates import CopySignature

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

BACKFILL_BATCH = 200  # signatures computed and committed together for an older library
OTHER_COPIES_SHOWN = 20  # the reader pane's list; a story re-posted 200 times says "and N more"
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=\.)\s+|\n+")
_NOT_WORD = re.compile(r"[\W_]+")


def _none(done: int, total: int) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(slots=True)
class GroupingSummary:
    """What one ``regroup`` did."""

    signed: int = 0  # signatures computed for articles that had none (an older library)
    articles: int = 0  # signatures compared
    candidates: int = 0  # pairs verified
    stories: int = 0  # groups of two or more copies
    in_groups: int = 0  # articles in them
    changed: int = 0  # articles whose group changed
    seconds: float = 0.0
    cancelled: bool = False


@dataclass(slots=True)
class CopyDifference:
    """How another copy differs from the one being read, for the reader pane."""

    chars: int  # its length in characters (body)
    ratio: float  # its length over this one's
    only_there: str = ""  # the first sentence it has that this one lacks (a footer, an edit)
    only_here: str = ""  # the first sentence this one has that it lacks


def store_signature(
    db: sqlite3.Connection, article_id: int, signature: CopySignature | None
) -> None:
    """Write *article_id*'s signature (None: too short to compare) inside the caller's
    transaction, unchecked; its group stays until the next ``regroup``."""
    if signature is None:
        values: tuple[Any, ...] = (article_id, None, 0, None)
    else:
        values = (article_id, signature.to_bytes(), signature.shingles, signature.openings_bytes())
    db.execute(
        "INSERT INTO article_copies(article_id, signature, shingles, openings, checked)"
        " VALUES (?, ?, ?, ?, 0) ON CONFLICT(article_id) DO UPDATE SET"
        " signature = excluded.signature, shingles = excluded.shingles,"
        " openings = excluded.openings, checked = 0",
        values,
    )


def groups_touched(db: sqlite3.Connection, ids: Sequence[int]) -> set[int]:
    """The stories *ids* belong to (call before deleting them)."""
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in db.execute(
                "SELECT DISTINCT group_id FROM article_copies"
                f" WHERE article_id IN ({marks}) AND group_id IS NOT NULL",
                chunk,
            )
        )
    return found


def repoint_groups(db: sqlite3.Connection, groups: Iterable[int]) -> None:
    """After copies left: each of *groups* is named after its lowest remaining id, or
    is no story at all with one copy left; the remaining copies are marked unchecked."""
    for group in groups:
        members = [
            r[0]
            for r in db.execute(
                "SELECT article_id FROM article_copies WHERE group_id = ? ORDER BY article_id",
                (group,),
            )
        ]
        new = members[0] if len(members) > 1 else None
        db.execute(
            "UPDATE article_copies SET group_id = ?, checked = 0 WHERE group_id = ?",
            (new, group),
        )


def body_of_blocks(raw: bytes) -> str:
    """The body text the signature is taken of, from stored blocks."""
    from reader.article import Article
    from reader.duplicates import body_text

    return body_text(Article(title="", blocks=decode_blocks(raw)))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _sentence_key(sentence: str) -> str:
    """A sentence compared as copies differ: case and punctuation aside. Not the search's
    folding (``normalise``): this runs when the window opens an article, and the folding
    table costs 0.2-0.3 s to build the first time; a Traditional re-post of a Simplified
    story therefore shows its first sentence as differing, which it does, in script."""
    return _NOT_WORD.sub("", sentence.casefold())


def describe_difference(this: Article, other: Article) -> CopyDifference:
    """What *other* has that *this* lacks and the reverse (the first such sentence of
    each, case and punctuation aside), and its length against this one's: a re-post's
    footer, a teaser's missing end, an edit."""
    from reader.duplicates import body_text

    here_text, there_text = body_text(this), body_text(other)
    here = _sentences(here_text)
    there = _sentences(there_text)
    here_keys = {_sentence_key(s) for s in here}
    there_keys = {_sentence_key(s) for s in there}
    only_there = next((s for s in there if _sentence_key(s) not in here_keys), "")
    only_here = next((s for s in here if _sentence_key(s) not in there_keys), "")
    chars = len(there_text)
    return CopyDifference(
        chars=chars,
        ratio=chars / max(1, len(here_text)),
        only_there=only_there,
        only_here=only_here,
    )


class CopyStore:
    """The copies' side of one open ``Catalogue`` (its connection and transactions)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    @property
    def _db(self) -> sqlite3.Connection:
        return self.catalogue.connection

    # -- reading -------------------------------------------------------------------------

    def group_of(self, article_id: int) -> int | None:
        """The id of *article_id*'s story's first copy; None when it has no other copy."""
        row = self._db.execute(
            "SELECT group_id FROM article_copies WHERE article_id = ?", (article_id,)
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def copies_of(self, article_id: int) -> list[int]:
        """The ids of *article_id*'s other copies, first copy first ([]: none)."""
        group = self.group_of(article_id)
        if group is None:
            return []
        return [
            r[0]
            for r in self._db.execute(
                "SELECT article_id FROM article_copies WHERE group_id = ? ORDER BY article_id",
                (group,),
            )
            if r[0] != article_id
        ]

    def groups(self, ids: Sequence[int] | None = None) -> dict[int, int]:
        """Article id -> its story's first copy, for every article that has another copy
        (or for those of *ids*). Read from the partial index on group_id: only grouped
        articles are read, however large the library."""
        if ids is None:
            return dict(
                self._db.execute(
                    "SELECT article_id, group_id FROM article_copies WHERE group_id IS NOT NULL"
                ).fetchall()
            )
        found: dict[int, int] = {}
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._db.execute(
                    "SELECT article_id, group_id FROM article_copies"
                    f" WHERE article_id IN ({marks}) AND group_id IS NOT NULL",
                    chunk,
                ).fetchall()
            )
        return found

    def members(self, groups: Iterable[int]) -> dict[int, list[int]]:
        """Each of *groups* (first-copy ids) -> its copies' ids, ascending."""
        out: dict[int, list[int]] = {}
        groups = list(dict.fromkeys(groups))
        for start in range(0, len(groups), 500):
            chunk = groups[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for article_id, group in self._db.execute(
                "SELECT article_id, group_id FROM article_copies"
                f" WHERE group_id IN ({marks}) ORDER BY article_id",
                chunk,
            ):
                out.setdefault(group, []).append(article_id)
        return out

    def other_copies(self, article_id: int, article: Article | None = None) -> list[dict[str, Any]]:
        """The reader pane's "Other copies": for each other copy (first copy first, at
        most ``OTHER_COPIES_SHOWN``) its id, title, date, site and how it differs
        (``describe_difference``); a last row ``{"more": N}`` counts those not shown."""
        others = self.copies_of(article_id)
        if not others:
            return []
        this = article or self.catalogue.get(article_id)
        if this is None:
            return []
        rows: list[dict[str, Any]] = []
        for other_id in others[:OTHER_COPIES_SHOWN]:
            other = self.catalogue.get(other_id)
            if other is None:
                continue
            diff = describe_difference(this, other)
            rows.append(
                {
                    "id": other_id,
                    "title": other.title,
                    "date": other.date,
                    "site": other.site,
                    "chars": diff.chars,
                    "ratio": diff.ratio,
                    "only_there": diff.only_there,
                    "only_here": diff.only_here,
                }
            )
        if len(others) > OTHER_COPIES_SHOWN:
            rows.append({"more": len(others) - OTHER_COPIES_SHOWN})
        return rows

    def needs_grouping(self) -> bool:
        """True when some signature is unchecked or some article has none yet."""
        unchecked = self._db.execute(
            "SELECT EXISTS (SELECT 1 FROM article_copies WHERE checked = 0)"
        ).fetchone()[0]
        if unchecked:
            return True
        signed = self._db.execute("SELECT count(*) FROM article_copies").fetchone()[0]
        return int(signed) != self.catalogue.count()

    # -- the grouping pass ---------------------------------------------------------------

    def regroup(
        self, *, progress: Progress = _none, cancel: Cancel = _never, force: bool = False
    ) -> GroupingSummary:
        """Sign the articles that have no signature, then group every signature and write
        the groups that changed. Nothing is done when nothing is unchecked (unless
        *force*). Cancelling keeps the signatures computed so far; the groups are then
        left as they were, to be done by the next pass."""
        import time

        started = time.perf_counter()
        summary = GroupingSummary()
        if not force and not self.needs_grouping():
            return summary
        summary.signed = self._backfill(progress, cancel)
        if cancel():
            summary.cancelled = True
            summary.seconds = time.perf_counter() - started
            return summary
        self._group(summary)
        summary.seconds = time.perf_counter() - started
        return summary

    def _backfill(self, progress: Progress, cancel: Cancel) -> int:
        """Sign the articles with no signature (a library from before schema 7) or with
        one of another size (signed before ``NUM_PERM`` went from 128 to 64: values of
        two sizes cannot be compared, so such a library is re-signed by its next pass;
        its groups stay as they were until then)."""
        from reader.duplicates import NUM_PERM, signature_of_text

        unsigned = (
            "NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = a.id"
            " AND (c.signature IS NULL OR length(c.signature) = ?))"
        )
        size = NUM_PERM * 4
        missing = int(
            self._db.execute(
                f"SELECT count(*) FROM articles a WHERE {unsigned}", (size,)
            ).fetchone()[0]
        )
        if not missing:
            return 0
        done = 0
        last = 0
        progress(0, missing)
        while not cancel():
            rows = self._db.execute(
                f"SELECT a.id, a.blocks FROM articles a WHERE a.id > ? AND {unsigned}"
                " ORDER BY a.id LIMIT ?",
                (last, size, BACKFILL_BATCH),
            ).fetchall()
            if not rows:
                break
            signed = [(i, signature_of_text(body_of_blocks(raw))) for i, raw in rows]
            with self.catalogue.transaction() as db:
                for article_id, signature in signed:
                    store_signature(db, article_id, signature)
            done += len(rows)
            last = rows[-1][0]
            progress(min(done, missing), missing)
        return done

    def _group(self, summary: GroupingSummary) -> None:
        import numpy as np

        from reader.duplicates import NUM_PERM, OPENINGS, CopySignature, group_signatures

        total = int(
            self._db.execute(
                "SELECT count(*) FROM article_copies WHERE signature IS NOT NULL"
            ).fetchone()[0]
        )
        ids = np.empty(total, dtype=np.int64)
        values = np.empty((total, NUM_PERM), dtype=np.uint32)
        shingles = np.empty(total, dtype=np.int64)
        openings = np.full((total, OPENINGS), -1, dtype=np.int64)
        cursor = self._db.execute(
            "SELECT article_id, signature, shingles, openings FROM article_copies"
            " WHERE signature IS NOT NULL ORDER BY article_id"
        )
        row = 0
        while row < total:
            chunk = cursor.fetchmany(2000)
            if not chunk:
                break
            for article_id, raw, count, keys in chunk:
                if row >= total:
                    break
                if len(raw) != NUM_PERM * 4:  # of another size: not comparable (_backfill)
                    continue
                ids[row] = article_id
                values[row] = CopySignature.values_from_bytes(raw)
                shingles[row] = count
                openings[row] = CopySignature.openings_from_bytes(keys)
                row += 1
        ids, values, shingles, openings = ids[:row], values[:row], shingles[:row], openings[:row]
        grouping = group_signatures(ids.tolist(), values, shingles, openings)
        del values
        summary.articles = row
        summary.candidates = grouping.candidates
        summary.in_groups = len(grouping.groups)
        summary.stories = len(set(grouping.groups.values()))
        current = self.groups()
        changed = [
            (grouping.groups.get(i), i)
            for i in set(current) | set(grouping.groups)
            if grouping.groups.get(i) != current.get(i)
        ]
        summary.changed = len(changed)
        with self.catalogue.transaction() as db:
            db.executemany("UPDATE article_copies SET group_id = ? WHERE article_id = ?", changed)
            db.execute("UPDATE article_copies SET checked = 1 WHERE checked = 0")


def collapse_ids(
    ids: Sequence[int], groups: dict[int, int]
) -> tuple[list[int], dict[int, list[int]]]:
    """*ids* (in display order) with the copies of one story folded into the first of
    them to appear (a list of articles or of search hits), and, for each id kept that
    stands for a story, the other copies of it among *ids*, in order. One pass, a dict
    look-up an id (about 10 ms for 100,000 ids on a quiet machine); nothing at all when
    the library has no copies."""
    if not groups:
        return list(ids), {}
    kept: list[int] = []
    shown: dict[int, int] = {}  # story -> the id standing for it
    folded: dict[int, list[int]] = {}
    get = groups.get
    append = kept.append
    for article_id in ids:
        group = get(article_id)
        if group is None:
            append(article_id)
            continue
        first = shown.get(group)
        if first is None:
            shown[group] = article_id
            append(article_id)
        else:
            folded.setdefault(first, []).append(article_id)
    return kept, folded

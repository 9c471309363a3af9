"""The query tree the evaluator walks, and how a ``whoosh.query`` object becomes one.

The evaluator (``evaluate.py``) searches a NumPy posting store, not a Whoosh index, so it
takes these few dataclasses rather than Whoosh's query classes, whose matchers it does not
use. ``to_node`` maps every query type the parser produces explicitly; any other type
(from a future plugin, or built by hand) degrades to searching its words, never raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query

from reader.search.query_syntax import (
    DEFAULT_FIELD,
    FILTER_FIELDS,
    DateTextRange,
    date_range,
)


@dataclass(slots=True)
class Text:
    """A word or phrase to match in the text (``field`` None: title or body)."""

    text: str
    field: str | None = None
    phrase: bool = False
    prefix: bool = False


@dataclass(slots=True)
class Filter:
    """A metadata filter: site, date range, language, is:/in:/tag:."""

    field: str
    value: str


@dataclass(slots=True)
class Not:
    child: Node


@dataclass(slots=True)
class And:
    children: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Or:
    children: list[Node] = field(default_factory=list)


Node = Text | Filter | Not | And | Or


def to_node(q: query.Query) -> Node | None:
    """The evaluator's tree for *q*; None when it holds nothing to search for.

    Repeats are dropped (``a a`` is ``a``, ``a OR a`` is ``a``): a pasted text repeating
    one word 600 times costs one lookup, not 600. Recursion follows the query's nesting,
    which the parser keeps within ``MAX_DEPTH`` groups."""
    if isinstance(q, DateTextRange):
        return Filter("date", q.value)
    if isinstance(q, query.Term):
        return _leaf(q.fieldname, _str(q.text))
    if isinstance(q, query.Prefix):
        return _leaf(q.fieldname, _str(q.text), prefix=True)
    if isinstance(q, query.Phrase):
        return _leaf(q.fieldname, " ".join(_str(w) for w in q.words), phrase=True)
    if isinstance(q, query.Wildcard | query.Regex | query.ExpandingTerm):
        return _leaf(q.fieldname, _str(q.text))  # no such syntax: the evaluator reads its words
    if isinstance(q, query.Not):
        child = to_node(q.query)
        return None if child is None else Not(child)
    if isinstance(q, query.AndNot):
        return _combine(And, [to_node(q.a), _negated(to_node(q.b))])
    if isinstance(q, query.AndMaybe):
        return to_node(q.a)  # b only adds to the score of what a matches
    if isinstance(q, query.Require | query.And | query.Sequence):
        return _combine(And, [to_node(s) for s in q.subqueries])
    if isinstance(q, query.Or | query.DisjunctionMax):
        return _combine(Or, [to_node(s) for s in q.subqueries])
    if isinstance(q, query.WrappingQuery):
        return to_node(q.child)
    if q is query.NullQuery or isinstance(q, query.Every):
        return None  # nothing, or everything: neither narrows a search
    return words_of(q)


def words_of(q: query.Query) -> Node | None:
    """A query of a type the syntax never produces, searched for the words it holds."""
    try:
        texts = [t for _, t in q.iter_all_terms()]
    except Exception:  # a query type without terms of its own
        return None
    return _combine(And, [Text(t) for t in dict.fromkeys(map(_str, texts)) if t])


def _str(text: object) -> str:
    """Query text as a string (Whoosh allows bytes in hand-built queries)."""
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def _leaf(
    fieldname: str | None, text: str, *, phrase: bool = False, prefix: bool = False
) -> Node | None:
    if fieldname in FILTER_FIELDS:
        value = text + "*" if prefix else text
        if fieldname == "date" and date_range(value) is None:
            return Text(f"date:{value}")  # searched as a word, like a bad date: typed
        return Filter(fieldname, value)
    if fieldname in ("title", "body"):
        return Text(text, field=fieldname, phrase=phrase, prefix=prefix)
    if fieldname not in (None, DEFAULT_FIELD):
        text = f"{fieldname}:{text}"
    return Text(text, phrase=phrase, prefix=prefix)


def _negated(node: Node | None) -> Node | None:
    return None if node is None else Not(node)


def _combine(kind: type[And] | type[Or], nodes: list[Node | None]) -> Node | None:
    kept = _distinct([n for n in nodes if n is not None])
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else kind(kept)


def _distinct(nodes: list[Node]) -> list[Node]:
    """*nodes* without repeats, in order."""
    if len(nodes) < 2:
        return nodes
    return list({repr(n): n for n in nodes}.values())

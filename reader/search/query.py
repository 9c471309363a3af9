"""Parse a search box string into a small query tree; never fails.

Syntax: words (AND by default), "exact phrases", OR, AND, NOT or -word, parentheses,
``title:``, ``body:``, ``site:``, ``lang:``, ``is:``, ``in:notes``, ``tag:``, ``date:2023``,
``date:2023-05``, ``date:2023-01..2023-06`` (open ends ``..2022``, ``2023..``), and a
trailing ``*`` for prefix search on Latin words (``logist*``). When the string does not
parse (an unbalanced quote or parenthesis, a dangling operator, a bad date, nothing but
exclusions), the text is searched as plain words instead, and ``ParsedQuery.note`` says so.

The string is parsed by ``whoosh.qparser`` with the app's plugins (``query_syntax``) into a
``whoosh.query`` object, kept as ``ParsedQuery.whoosh``, then turned into the small tree of
``query_tree`` that ``evaluate.py`` walks over the posting store.

Any string is a query, whatever was typed or pasted: lone surrogates (what undecodable
bytes in a command-line argument become) are replaced by U+FFFD first, since neither
OpenCC, jieba, Whoosh nor SQLite accept them; a query longer than ``MAX_QUERY_CHARS`` is
cut there (nobody types more, and each word costs posting lookups); parentheses nested
deeper than ``MAX_DEPTH`` make the query a syntax error (searched for its words), checked
before Whoosh sees the string, so Whoosh's recursive filters and query building, and the
evaluator's walk of the tree, stay far from Python's recursion limit.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from whoosh import query

from reader.search.notes import CUT_NOTE, MAX_QUERY_CHARS, NOTHING_NOTE, WORDS_NOTE
from reader.search.query_syntax import (
    DEFAULT_FIELD,
    FIELDS,
    QuerySyntaxError,
    date_range,
    parser,
)
from reader.search.query_tree import And, Filter, Node, Not, Or, Text, to_node

__all__ = [
    "FIELDS",
    "MAX_DEPTH",
    "MAX_QUERY_CHARS",
    "NOTHING_NOTE",
    "WORDS_NOTE",
    "And",
    "Filter",
    "Node",
    "Not",
    "Or",
    "ParsedQuery",
    "Text",
    "clean_query",
    "date_range",
    "parse_query",
]

MAX_DEPTH = 32
"""Deepest parenthesis nesting parsed as such; deeper is searched for its words."""

log = logging.getLogger(__name__)

_SURROGATE = re.compile("[\ud800-\udfff]")
_PAREN_RUN = re.compile(r"\(+|\)+")
_PHRASE_OR_PAREN = re.compile(r'"[^"]*"|[()]')  # parentheses inside a phrase are text
_WORD_SPLIT = re.compile(r"[\s()\"]+")
_OPERATORS = ("AND", "OR", "NOT")


@dataclass(slots=True)
class ParsedQuery:
    """The tree to evaluate (None: nothing to search for), why the query was not taken as
    typed if it was not, and Whoosh's parse of what was searched."""

    root: Node | None
    note: str | None = None
    whoosh: query.Query | None = None


def clean_query(text: str) -> tuple[str, str | None]:
    """*text* made safe to parse and search: lone surrogates become U+FFFD (same length)
    and the text is cut at ``MAX_QUERY_CHARS``; the note says when it was cut.

    Before cutting, a run of more parentheses than ``MAX_DEPTH`` allows is shortened to
    one still too deep (the query stays a syntax error, searched for its words), and
    whitespace runs to one space (the same query), so 100,000 ``(`` around a word still
    search for the word rather than for nothing."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if len(text) > MAX_DEPTH:
        text = _PAREN_RUN.sub(lambda m: m[0][: MAX_DEPTH + 1], text)
    text = text.strip()
    if len(text) <= MAX_QUERY_CHARS:
        return text, None
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_CHARS:
        return text, None
    return (
        text[:MAX_QUERY_CHARS].strip(),
        CUT_NOTE,
    )


def parse_query(text: str) -> ParsedQuery:
    """The query tree of *text*; never raises, whatever the string holds."""
    text, cut = clean_query(text)
    if not text:
        return ParsedQuery(None, cut)
    try:
        if _too_deep(text):
            raise QuerySyntaxError("parentheses nested too deeply")
        parsed = parser().parse(text, normalize=False)
        root = to_node(parsed)
        if root is None or _only_negative(root):
            raise QuerySyntaxError(NOTHING_NOTE)
        return ParsedQuery(root, cut, parsed)
    except QuerySyntaxError:
        pass
    except Exception:  # a Whoosh failure on some odd string: still search its words
        log.warning("query %r did not parse", text[:200], exc_info=True)
    return _as_words(text, cut)


def _too_deep(text: str) -> bool:
    """Whether parentheses outside phrases nest deeper than ``MAX_DEPTH``."""
    if text.count("(") <= MAX_DEPTH:
        return False
    depth = 0
    for m in _PHRASE_OR_PAREN.finditer(text):
        if m[0] == "(":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif m[0] == ")":
            depth = max(depth - 1, 0)
    return False


def _as_words(text: str, cut: str | None) -> ParsedQuery:
    """*text* searched as plain words: no operators, fields or phrases, ``-`` stripped."""
    found = dict.fromkeys(w.lstrip("-") for w in _WORD_SPLIT.split(text) if w not in _OPERATORS)
    terms = [query.Term(DEFAULT_FIELD, w) for w in found if w]
    if not terms:
        return ParsedQuery(None, _join(cut, NOTHING_NOTE))
    whoosh = terms[0] if len(terms) == 1 else query.And(terms)
    return ParsedQuery(to_node(whoosh), _join(cut, WORDS_NOTE), whoosh)


def _join(*messages: str | None) -> str | None:
    return "; ".join(m for m in messages if m) or None


def _only_negative(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(_only_negative(c) for c in node.children)
    return False

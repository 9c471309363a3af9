"""Parse a search box string into a small query tree; never fails.

Syntax: words (AND by default), "exact phrases", OR, AND, NOT or -word, parentheses,
``title:``, ``site:``, ``lang:``, ``date:2023``, ``date:2023-05``, ``date:2023-01..2023-06``,
and a trailing ``*`` for prefix search on Latin words (``logist*``). When the string does not
parse (an unbalanced quote or parenthesis, a dangling operator), the text is searched as
plain words instead, and ``ParsedQuery.note`` says so.

Any string is a query, whatever was typed or pasted: lone surrogates (what undecodable
bytes in a command-line argument become) are replaced by U+FFFD first, since neither
OpenCC, jieba, Whoosh nor SQLite accept them; a query longer than ``MAX_QUERY_CHARS`` is
cut there (nobody types more, and each word costs posting lookups); parentheses nested
deeper than ``MAX_DEPTH`` make the query a syntax error (searched for its words), so the
recursive descent below, and the evaluator's walk of the tree, stay far from Python's
recursion limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELDS = ("title", "body", "site", "date", "lang", "is", "in", "tag")
MAX_QUERY_CHARS = 2_000
"""Longer queries are cut here (with a note): a pasted paragraph still searches at once."""
MAX_DEPTH = 32
"""Deepest parenthesis nesting parsed as such; deeper is searched for its words."""
WORDS_NOTE = "the query could not be parsed; searched for its words instead"


@dataclass(slots=True)
class Text:
    """A word or phrase to match in the text (``field`` None: title or body)."""

    text: str
    field: str | None = None
    phrase: bool = False
    prefix: bool = False


@dataclass(slots=True)
class Filter:
    """A metadata filter: site, date range, language, and later is:/in:/tag:."""

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


@dataclass(slots=True)
class ParsedQuery:
    root: Node | None
    note: str | None = None


class _SyntaxError(Exception):
    pass


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<lparen>\()|(?P<rparen>\))|
        (?P<neg>-)?(?:(?P<field>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s()"]+))|
        (?P<quote>")
    )""",
    re.VERBOSE,
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_BLANK_REST = re.compile(r"\s*\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PAREN_RUN = re.compile(r"\(+|\)+")


def _tokens(text: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    pos = 0
    while pos < len(text):
        if _BLANK_REST.match(text, pos):  # not text[pos:].strip(): quadratic on long input
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise _SyntaxError(text[pos:])
        pos = m.end()
        if m["lparen"]:
            out.append(("(", None))
        elif m["rparen"]:
            out.append((")", None))
        elif m["quote"]:
            raise _SyntaxError("unbalanced quote")
        else:
            word = m["word"]
            phrase = m["phrase"]
            fld = (m["field"] or "").lower() or None
            if fld and fld not in FIELDS:
                # "http://..." or "note:x" is text, not a field we know
                word = f"{m['field']}:{word if word is not None else phrase}"
                fld, phrase = None, None
            if word in ("AND", "OR", "NOT") and not m["neg"] and fld is None:
                out.append((word, None))
                continue
            if phrase is not None:
                node: Node = _leaf(fld, phrase, phrase=True)
            else:
                node = _leaf(fld, word, phrase=False)
            out.append(("term", Not(node) if m["neg"] else node))
    return out


def _leaf(fld: str | None, value: str, *, phrase: bool) -> Node:
    if fld in ("site", "date", "lang", "is", "in", "tag"):
        if fld == "date" and date_range(value) is None:
            raise _SyntaxError(f"bad date {value!r}")
        return Filter(fld, value)
    prefix = not phrase and value.endswith("*") and len(value.rstrip("*")) >= 2
    text = value.rstrip("*") if prefix else value
    return Text(text, field=fld, phrase=phrase, prefix=prefix)


def date_range(value: str) -> tuple[str, str] | None:
    """``2023`` -> (2023, 2023~); ``2023-01..2023-06``; open ends ``..2023`` / ``2023..``."""

    def bound(part: str, upper: bool) -> str | None:
        if not part:
            return "0000" if not upper else "9999~"
        m = _DATE.match(part)
        if not m:
            return None
        text = m[1]
        if m[2]:
            text += f"-{int(m[2]):02d}"
            if m[3]:
                text += f"-{int(m[3]):02d}"
        return text + "~" if upper else text  # "~" sorts after every date character

    if ".." in value:
        low_text, _, high_text = value.partition("..")
    else:
        low_text = high_text = value
    low, high = bound(low_text, False), bound(high_text, True)
    if low is None or high is None:
        return None
    return low, high


def _parse_expr(tokens: list[tuple[str, object]], pos: int, depth: int = 0
                ) -> tuple[Node, int]:
    children: list[Node] = []
    alternatives: list[Node] = []
    negate_next = False
    while pos < len(tokens):
        kind, value = tokens[pos]
        if kind == ")":
            break
        pos += 1
        if kind == "AND":
            continue
        if kind == "OR":
            if not children:
                raise _SyntaxError("OR with nothing before it")
            alternatives.append(_collapse(children))
            children = []
            continue
        if kind == "NOT":
            negate_next = True
            continue
        if kind == "(":
            if depth >= MAX_DEPTH:
                raise _SyntaxError("parentheses nested too deeply")
            node, pos = _parse_expr(tokens, pos, depth + 1)
            if pos >= len(tokens) or tokens[pos][0] != ")":
                raise _SyntaxError("unbalanced parenthesis")
            pos += 1
        else:
            assert isinstance(value, (Text, Filter, Not, And, Or))
            node = value
        if negate_next:
            node = Not(node)
            negate_next = False
        children.append(node)
    if negate_next or (alternatives and not children):
        raise _SyntaxError("dangling operator")
    if alternatives:
        alternatives.append(_collapse(children))
        alternatives = _distinct(alternatives)
        return (alternatives[0] if len(alternatives) == 1 else Or(alternatives)), pos
    if not children:
        raise _SyntaxError("empty group")
    return _collapse(children), pos


def _collapse(children: list[Node]) -> Node:
    children = _distinct(children)
    return children[0] if len(children) == 1 else And(children)


def _distinct(nodes: list[Node]) -> list[Node]:
    """*nodes* without repeats (``a a`` is ``a``, ``a OR a`` is ``a``): a pasted text
    repeating one word 600 times costs one lookup, not 600."""
    if len(nodes) < 2:
        return nodes
    return list({repr(n): n for n in nodes}.values())


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
    return (text[:MAX_QUERY_CHARS].strip(),
            f"the query was cut to its first {MAX_QUERY_CHARS:,} characters")


def parse_query(text: str) -> ParsedQuery:
    """The query tree of *text*; never raises, whatever the string holds."""
    text, cut = clean_query(text)
    if not text:
        return ParsedQuery(None, cut)
    try:
        tokens = _tokens(text)
        root, pos = _parse_expr(tokens, 0)
        if pos != len(tokens):
            raise _SyntaxError("unbalanced parenthesis")
        if _only_negative(root):
            raise _SyntaxError("nothing to search for")
        return ParsedQuery(root, cut)
    except _SyntaxError:
        words = [w for w in re.split(r"[\s()\"]+", text) if w and w not in ("AND", "OR", "NOT")]
        words = [w.lstrip("-") for w in words if w.lstrip("-")]
        if not words:
            return ParsedQuery(None, _join(cut, "nothing to search for"))
        nodes: list[Node] = [Text(w) for w in dict.fromkeys(words)]
        return ParsedQuery(_collapse(nodes), _join(cut, WORDS_NOTE))


def _join(*notes: str | None) -> str | None:
    return "; ".join(n for n in notes if n) or None


def _only_negative(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(_only_negative(c) for c in node.children)
    return False

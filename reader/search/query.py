"""Parse a search box string into a small query tree; never fails.

Syntax: words (AND by default), "exact phrases", OR, AND, NOT or -word, parentheses,
``title:``, ``site:``, ``lang:``, ``date:2023``, ``date:2023-05``, ``date:2023-01..2023-06``,
and a trailing ``*`` for prefix search on Latin words (``logist*``). When the string does not
parse (an unbalanced quote or parenthesis, a dangling operator), the text is searched as
plain words instead, and ``ParsedQuery.note`` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELDS = ("title", "body", "site", "date", "lang", "is", "in", "tag")


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


def _tokens(text: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
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


def _parse_expr(tokens: list[tuple[str, object]], pos: int) -> tuple[Node, int]:
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
            node, pos = _parse_expr(tokens, pos)
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
        return Or(alternatives), pos
    if not children:
        raise _SyntaxError("empty group")
    return _collapse(children), pos


def _collapse(children: list[Node]) -> Node:
    return children[0] if len(children) == 1 else And(children)


def parse_query(text: str) -> ParsedQuery:
    text = text.strip()
    if not text:
        return ParsedQuery(None)
    try:
        tokens = _tokens(text)
        root, pos = _parse_expr(tokens, 0)
        if pos != len(tokens):
            raise _SyntaxError("unbalanced parenthesis")
        if _only_negative(root):
            raise _SyntaxError("nothing to search for")
        return ParsedQuery(root)
    except _SyntaxError:
        words = [w for w in re.split(r"[\s()\"]+", text) if w and w not in ("AND", "OR", "NOT")]
        words = [w.lstrip("-") for w in words if w.lstrip("-")]
        if not words:
            return ParsedQuery(None, "nothing to search for")
        nodes: list[Node] = [Text(w) for w in words]
        return ParsedQuery(
            _collapse(nodes), "the query could not be parsed; searched for its words instead"
        )


def _only_negative(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(_only_negative(c) for c in node.children)
    return False

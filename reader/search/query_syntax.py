"""The search box's query language as ``whoosh.qparser`` plugins.

Whoosh's ``QueryParser`` tags the string with its plugins' regular expressions, lets their
filters arrange the tagged nodes into a tree, and asks each node for its ``whoosh.query``
object. The plugins here are the app's syntax, and several replace stock ones that would
change what a query has always meant:

- ``TermPlugin`` tags a whole word (``[^\\s()"]+``) at once. Left to Whoosh, the text
  between tags is gathered one character at a time with every tagger tried at each one
  (slow on a long query), and the stock taggers match inside words: ``ab.title:x`` is
  ``ab.`` AND ``title:x`` there, one word here, as ``covid-19`` is.
- ``QuotePlugin``: a phrase is everything between two quotes, newlines included, and an
  unclosed quote is a syntax error instead of a literal ``"``.
- ``KnownFieldsPlugin``: ``title:``, ``site:``... only, case-insensitive, and only right in
  front of a value; ``http://x`` or ``note:x`` stay words, as does ``title:`` alone.
- ``FilterFieldsPlugin`` turns ``site:``, ``date:``, ``lang:``, ``is:``, ``in:``, ``tag:``
  values into filters, a date into a ``DateTextRange`` (Whoosh's ``RangePlugin`` wants
  ``[a TO b]``; the app's dates are ``2023``, ``2023-05``, ``2023-01..2023-06``).
- ``StrictGroupPlugin``: the stock one quietly accepts unbalanced parentheses.
- ``BooleanPlugin``: the stock ``OperatorsPlugin`` binds ``OR`` tighter than the implicit
  AND (``a b OR c`` is ``a (b OR c)`` there, ``(a b) OR c`` here), wants spaces around
  operators, and ``NOT NOT x`` raises IndexError inside Whoosh; ``PlusMinusPlugin``
  negates only in a flat OR query.

Every field's analyzer yields the whole string as one token (``IDTokenizer``): the
evaluator segments Chinese, folds and stems by itself and needs the text as typed, so
``跨境电商`` is one term and ``"简化出口申报"`` a phrase of one "word", the whole string.

Broken syntax raises ``QuerySyntaxError`` (a Whoosh ``QueryParserError``) from inside the
parse; the caller then searches the words. The parser is built once (``parser()``): Whoosh
would otherwise rebuild its tagger and filter lists for every query.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from whoosh import fields, query
from whoosh.analysis import IDTokenizer
from whoosh.qparser import QueryParser, syntax
from whoosh.qparser.common import QueryParserError, attach
from whoosh.qparser.plugins import (
    FieldsPlugin,
    GroupPlugin,
    PhrasePlugin,
    Plugin,
    WhitespacePlugin,
)
from whoosh.qparser.taggers import RegexTagger

from reader.search.date_filter import date_range

FIELDS = ("title", "body", "site", "date", "lang", "is", "in", "tag")
FILTER_FIELDS = frozenset(("site", "date", "lang", "is", "in", "tag"))
"""Fields whose value is a filter on the article's metadata, not words in its text."""
DEFAULT_FIELD = "text"
"""Whoosh's field for words without a field: the evaluator's ``field=None``, title or body."""

# Where a token may start: the string's start, or after a space, a parenthesis or the
# quote closing a phrase. A word runs to the next of those, so the taggers below are only
# ever tried at a token's start, right after a "-" or right after a field's colon; the
# look-behinds tell those apart.
_TOKEN_START = r"""(?<![^\s()"])"""
_TERM_START = r"""(?:(?<![^\s()"])|(?<=-))"""  # a field or word may follow a "-"


class QuerySyntaxError(QueryParserError):
    """The string does not parse as a query: it is searched for its words instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


# -- query objects -------------------------------------------------------------------------


class WholePhrase(query.Phrase):
    """A quoted phrase kept as typed: one "word", the whole string between the quotes.

    The evaluator splits a phrase itself (into CJK runs, or into Latin stems for word
    pairs); ``Phrase.normalize`` would turn a one-word phrase into a ``Term`` and forget
    that it was quoted, so normalizing keeps it as it is."""

    def normalize(self) -> WholePhrase:
        return self


class DateTextRange(query.TermRange):
    """``date:`` as a range over ``YYYY-MM-DD`` text, keeping the value as typed in
    ``value`` (the evaluator reads that, through ``date_range``).

    ``TermRange.normalize`` would rebuild a plain TermRange without ``value``."""

    def __init__(
        self, fieldname: str, value: str, start: str, end: str, boost: float = 1.0
    ) -> None:
        super().__init__(fieldname, start, end, boost=boost)
        self.value = value

    def normalize(self) -> DateTextRange:
        return self


# -- syntax nodes --------------------------------------------------------------------------


class TermNode(syntax.WordNode):
    """A word; a trailing ``*`` after two characters or more makes it a prefix."""

    def query(self, parser: QueryParser) -> query.Query:
        text: str = self.text
        stem = text.rstrip("*")
        if stem != text and len(stem) >= 2:
            fieldname = self.fieldname or parser.fieldname
            q = parser.term_query(
                fieldname, stem, query.Prefix, boost=self.boost, tokenize=False, removestops=False
            )
            return attach(q, self)
        return super().query(parser)


class FilterNode(syntax.TextNode):
    """The value of a metadata field (``site:``, ``date:``...), exactly as typed."""

    def __init__(self, fieldname: str, text: str) -> None:
        super().__init__(text)
        self.fieldname = fieldname

    def query(self, parser: QueryParser) -> query.Query:
        if self.fieldname == "date":
            bounds = date_range(self.text)
            if bounds is None:
                raise QuerySyntaxError(f"bad date {self.text!r}")
            return attach(DateTextRange("date", self.text, *bounds, boost=self.boost), self)
        return attach(query.Term(self.fieldname, self.text, boost=self.boost), self)


class OperatorNode(syntax.MarkerNode):
    """``AND``, ``OR`` or ``NOT`` as a whole word, in capitals."""

    def __init__(self, op: str) -> None:
        self.op = op

    def r(self) -> str:
        return self.op


class MinusNode(syntax.MarkerNode):
    """A ``-`` right in front of a word, phrase or field: leave out what it matches."""

    def r(self) -> str:
        return "-"


# -- plugins -------------------------------------------------------------------------------


class TermPlugin(Plugin):
    """Words: anything up to a space, parenthesis or quote. Runs after every other tagger
    (priority 200), so it takes what none of them recognised at a token's start.

    An unknown field in front of a phrase (``note:"a b"``) is one word ``note:a b``."""

    class Tagger(RegexTagger):
        def create(self, parser: QueryParser, match: re.Match[str]) -> TermNode:
            if match["phrase"] is not None:
                return TermNode(f"{match['field']}:{match['phrase']}")
            return TermNode(match[0])

    expr = _TERM_START + r"""(?P<field>[A-Za-z]+):"(?P<phrase>[^"]*)"|[^\s()"]+"""

    def taggers(self, parser: QueryParser) -> list[tuple[Any, int]]:
        return [(self.Tagger(self.expr), 200)]


class QuotePlugin(PhrasePlugin):
    """``"phrases"``: the text between two quotes, newlines included, kept whole (no
    ``~slop``); a quote that is never closed makes the query a syntax error."""

    class Tagger(RegexTagger):
        def create(self, parser: QueryParser, match: re.Match[str]) -> syntax.SyntaxNode:
            return PhrasePlugin.PhraseNode(match["text"], match.start("text"))

    class LoneQuoteTagger(RegexTagger):
        def create(self, parser: QueryParser, match: re.Match[str]) -> syntax.SyntaxNode:
            raise QuerySyntaxError("unbalanced quote")

    def __init__(self) -> None:
        super().__init__(expr=r'"(?P<text>[^"]*)"')

    def taggers(self, parser: QueryParser) -> list[tuple[Any, int]]:
        return [(self.Tagger(self.expr), 0), (self.LoneQuoteTagger('"'), 1)]


class KnownFieldsPlugin(FieldsPlugin):
    """``field:value`` for the fields in ``FIELDS`` (any case), at a token's start or
    after ``-``, and only when a word or a closed phrase follows the colon."""

    class FieldnameTagger(RegexTagger):
        def create(self, parser: QueryParser, match: re.Match[str]) -> syntax.SyntaxNode | None:
            name = match["text"].lower()
            if name not in FIELDS:
                return None  # not a field: the word tagger takes it, colon and all
            return syntax.FieldnameNode(name, match[0])

    def __init__(self) -> None:
        super().__init__(expr=_TERM_START + r"""(?P<text>[A-Za-z]+):(?=[^\s()"]|"[^"]*")""")


class FilterFieldsPlugin(Plugin):
    """Words and phrases after a metadata field become ``FilterNode`` s, after the fields
    plugin (priority 100) has given them their field."""

    def filters(self, parser: QueryParser) -> list[tuple[Any, int]]:
        return [(self.do_filters, 110)]

    def do_filters(self, parser: QueryParser, group: syntax.GroupNode) -> syntax.GroupNode:
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                self.do_filters(parser, node)
            elif node.has_text and node.fieldname in FILTER_FIELDS:
                group[i] = FilterNode(node.fieldname, node.text).set_range(
                    node.startchar, node.endchar
                )
        return group


class StrictGroupPlugin(GroupPlugin):
    """Parentheses, which must balance: Whoosh's own plugin closes what is left open and
    drops a stray ``)``, which would search something other than what was typed."""

    def do_groups(self, parser: QueryParser, group: syntax.GroupNode) -> syntax.GroupNode:
        depth = 0
        for node in group:
            if isinstance(node, self.OpenBracket):
                depth += 1
            elif isinstance(node, self.CloseBracket):
                depth -= 1
                if depth < 0:
                    raise QuerySyntaxError("unbalanced parenthesis")
        if depth:
            raise QuerySyntaxError("unbalanced parenthesis")
        return super().do_groups(parser, group)


class BooleanPlugin(Plugin):
    """``AND``, ``OR``, ``NOT`` and ``-word``, arranged as the app has always read them.

    Within a group, words are ANDed; ``OR`` splits the group into alternatives (it binds
    loosest: ``a b OR c`` is ``(a b) OR c``); ``AND`` changes nothing; ``NOT`` negates the
    next word or group (twice is still once); ``-`` negates the word, phrase or field it
    is attached to. ``OR`` with nothing before or after it, a trailing ``NOT`` and ``()``
    are syntax errors. Runs last (priority 900), on a tree without whitespace, and returns
    the top node itself (a word, a group...), which Whoosh then asks for its query."""

    class OperatorTagger(RegexTagger):
        def create(self, parser: QueryParser, match: re.Match[str]) -> OperatorNode:
            return OperatorNode(match[0])

    class MinusTagger(RegexTagger):
        def create(self, parser: QueryParser, match: re.Match[str]) -> MinusNode:
            return MinusNode()

    def taggers(self, parser: QueryParser) -> list[tuple[Any, int]]:
        return [
            (self.OperatorTagger(_TOKEN_START + r"""(?:AND|OR|NOT)(?![^\s()"])"""), 0),
            (self.MinusTagger(_TOKEN_START + r"-(?=[^\s()])"), 0),
        ]

    def filters(self, parser: QueryParser) -> list[tuple[Any, int]]:
        return [(self.do_boolean, 900)]

    def do_boolean(self, parser: QueryParser, group: syntax.GroupNode) -> syntax.SyntaxNode:
        """The tree of one group: nested groups recurse (at most ``MAX_DEPTH`` deep, which
        the caller checks before parsing)."""
        children: list[syntax.SyntaxNode] = []
        alternatives: list[syntax.SyntaxNode] = []
        negate_next = False
        nodes = list(group)
        i = 0
        while i < len(nodes):
            node = nodes[i]
            i += 1
            if isinstance(node, OperatorNode):
                if node.op == "OR":
                    if not children:
                        raise QuerySyntaxError("OR with nothing before it")
                    alternatives.append(_all_of(children))
                    children = []
                elif node.op == "NOT":
                    negate_next = True
                continue
            if isinstance(node, MinusNode):
                if i >= len(nodes) or not nodes[i].is_text():
                    raise QuerySyntaxError("- with nothing after it")
                node = syntax.NotGroup([nodes[i]])
                i += 1
            elif isinstance(node, syntax.GroupNode):
                node = self.do_boolean(parser, node)
            if negate_next:
                node = syntax.NotGroup([node])
                negate_next = False
            children.append(node)
        if negate_next or (alternatives and not children):
            raise QuerySyntaxError("dangling operator")
        if alternatives:
            alternatives.append(_all_of(children))
            return syntax.OrGroup(alternatives)
        if not children:
            raise QuerySyntaxError("empty group")
        return _all_of(children)


def _all_of(nodes: list[syntax.SyntaxNode]) -> syntax.SyntaxNode:
    return nodes[0] if len(nodes) == 1 else syntax.AndGroup(nodes)


# -- the parser ----------------------------------------------------------------------------


def _raw_field() -> fields.FieldType:
    """A field whose analyzer keeps the query text as typed (one token, not lowercased)."""
    return fields.TEXT(analyzer=IDTokenizer(), phrase=True)


SCHEMA = fields.Schema(**{name: _raw_field() for name in (DEFAULT_FIELD, *FIELDS)})
"""Only for parsing: tells the parser the field names and how (not) to analyze terms."""


class FirstWhitespacePlugin(WhitespacePlugin):
    """Whitespace, tried before every other tagger: no other matches a space, and half
    the positions the tagger visits are spaces."""

    priority = -100


class AppQueryParser(QueryParser):
    """Whoosh's parser with the app's plugins, its tagger and filter lists computed once
    (Whoosh recomputes them, and recompiles some taggers, on every parse). Do not add or
    remove plugins after construction."""

    def __init__(self) -> None:
        super().__init__(
            DEFAULT_FIELD,
            SCHEMA,
            plugins=[
                StrictGroupPlugin(),
                QuotePlugin(),
                KnownFieldsPlugin(),
                FilterFieldsPlugin(),
                BooleanPlugin(),
                TermPlugin(),
            ],
            phraseclass=WholePhrase,
        )
        self._taggers = QueryParser.taggers(self)
        self._filters = QueryParser.filters(self)

    def _add_ws_plugin(self) -> None:
        self.add_plugin(FirstWhitespacePlugin())

    def taggers(self) -> list[Any]:
        return self._taggers

    def filters(self) -> list[Any]:
        return self._filters


@functools.cache
def parser() -> AppQueryParser:
    """The one parser (stateless while parsing, so threads can share it)."""
    return AppQueryParser()

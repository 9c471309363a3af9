"""The query language as parsed by ``whoosh.qparser`` with the app's plugins: each piece of
syntax gives the tree the evaluator expects, Whoosh's query object is kept alongside, and
no string, however broken or hostile, makes the parser raise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query

from reader.search.query import (
    FIELDS,
    MAX_DEPTH,
    MAX_QUERY_CHARS,
    WORDS_NOTE,
    And,
    Filter,
    Node,
    Not,
    Or,
    ParsedQuery,
    Text,
    clean_query,
    date_range,
    parse_query,
)
from reader.search.query_syntax import DateTextRange, WholePhrase, parser
from reader.search.query_tree import to_node

NOTHING = "nothing to search for"


def parsed(text: str) -> ParsedQuery:
    """*text*'s parse, which must have gone through as typed (no note)."""
    result = parse_query(text)
    assert result.note is None, (text, result.note)
    assert isinstance(result.whoosh, query.Query), text
    return result


def tree(text: str) -> Node | None:
    return parsed(text).root


# -- words, phrases, prefixes --------------------------------------------------------------


def test_words_reach_the_evaluator_as_typed() -> None:
    # Chinese has no spaces: one run is one term, not split, lowercased or stemmed
    assert tree("跨境电商") == Text("跨境电商")
    assert parsed("跨境电商").whoosh == query.Term("text", "跨境电商")
    assert tree("跨境电商 物流") == And([Text("跨境电商"), Text("物流")])
    assert tree("Shipping") == Text("Shipping")
    assert tree("the") == Text("the")  # no stop-word removal: the evaluator decides
    assert tree("ＶＩＰ ships") == And([Text("ＶＩＰ"), Text("ships")])
    assert tree("a-b covid-19") == And([Text("a-b"), Text("covid-19")])
    assert tree("\u3000海外仓\u3000\t物流\n") == And([Text("海外仓"), Text("物流")])


def test_phrases_are_one_string() -> None:
    result = parsed('"简化出口申报"')
    assert result.root == Text("简化出口申报", phrase=True)
    assert isinstance(result.whoosh, WholePhrase)
    assert result.whoosh.words == ["简化出口申报"]
    # spacing inside the quotes is kept; the evaluator squashes it itself
    assert tree('"supply  chain"') == Text("supply  chain", phrase=True)
    assert tree('"a\nb"') == Text("a\nb", phrase=True)
    assert tree('"logist*"') == Text("logist*", phrase=True)  # no prefix inside quotes
    assert tree('""') == Text("", phrase=True)
    assert tree('a"b c"') == And([Text("a"), Text("b c", phrase=True)])
    # normalizing Whoosh's query keeps a one-word phrase a phrase
    assert result.whoosh.normalize() is result.whoosh


def test_trailing_star_is_a_prefix() -> None:
    result = parsed("logist*")
    assert result.root == Text("logist", prefix=True)
    assert result.whoosh == query.Prefix("text", "logist")
    assert tree("logist**") == Text("logist", prefix=True)
    assert tree("title:ship*") == Text("ship", field="title", prefix=True)
    # too short to be a prefix, or not trailing: the text as typed
    assert tree("a*") == Text("a*")
    assert tree("海*") == Text("海*")
    assert tree("*") == Text("*")
    assert tree("**") == Text("**")
    assert tree("a*b") == Text("a*b")


# -- fields --------------------------------------------------------------------------------


def test_text_fields() -> None:
    assert tree("title:海外仓") == Text("海外仓", field="title")
    assert parsed("title:海外仓").whoosh == query.Term("title", "海外仓")
    assert tree("body:shipping") == Text("shipping", field="body")
    assert tree("TITLE:x") == Text("x", field="title")
    assert tree('title:"a b"') == Text("a b", field="title", phrase=True)
    assert tree('title:""') == Text("", field="title", phrase=True)
    assert tree("title:x:y") == Text("x:y", field="title")
    assert tree("title:-x") == Text("-x", field="title")
    assert tree("title:OR") == Text("OR", field="title")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("site:c.example.com", Filter("site", "c.example.com")),
        ("site:亚马逊资讯", Filter("site", "亚马逊资讯")),
        ('site:"a b"', Filter("site", "a b")),
        ("site:*", Filter("site", "*")),
        ("site:ab*", Filter("site", "ab*")),
        ("lang:zh-hant", Filter("lang", "zh-hant")),
        ("is:bookmarked", Filter("is", "bookmarked")),
        ("in:notes", Filter("in", "notes")),
        ("tag:物流", Filter("tag", "物流")),
        ("Tag:Ports", Filter("tag", "Ports")),
    ],
)
def test_filter_fields(text: str, expected: Filter) -> None:
    result = parsed(text)
    assert result.root == expected
    assert result.whoosh == query.Term(expected.field, expected.value)


@pytest.mark.parametrize(
    "value", ["2023", "2023-05", "2023-5-1", "2023-01..2023-06", "..2022", "2023..", ".."]
)
def test_dates(value: str) -> None:
    result = parsed(f"date:{value}")
    assert result.root == Filter("date", value)
    bounds = date_range(value)
    assert bounds is not None
    assert isinstance(result.whoosh, DateTextRange)
    assert (result.whoosh.start, result.whoosh.end, result.whoosh.value) == (*bounds, value)


def test_date_range_values() -> None:
    assert date_range("2023") == ("2023", "2023~")
    assert date_range("2023-5") == ("2023-05", "2023-05~")
    assert date_range("2023-01..2023-06") == ("2023-01", "2023-06~")
    assert date_range("..2022") == ("0000", "2022~")
    assert date_range("2023..") == ("2023", "9999~")
    assert date_range("20x3") is None
    assert date_range("....") is None


def test_a_bad_date_searches_the_words() -> None:
    result = parse_query("海外仓 date:20x3")
    assert result.note == WORDS_NOTE
    assert result.root == And([Text("海外仓"), Text("date:20x3")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://x.example.com/a", Text("http://x.example.com/a")),
        ("foo:bar", Text("foo:bar")),
        ("note:x", Text("note:x")),
        ('note:"a b"', Text("note:a b")),
        ('-note:"a b" x', And([Not(Text("note:a b")), Text("x")])),
        ("A:B:C:D", Text("A:B:C:D")),
        ("::::", Text("::::")),
        ("title:", Text("title:")),  # a field with no value is a word
        ("title: x", And([Text("title:"), Text("x")])),
        ("title:(x)", And([Text("title:"), Text("x")])),
        ("1title:x", Text("1title:x")),
    ],
)
def test_what_is_not_a_field_stays_text(text: str, expected: Node) -> None:
    assert tree(text) == expected


def test_every_field_is_known() -> None:
    for name in FIELDS:
        root = tree(f"{name}:2023")
        assert isinstance(root, Text | Filter)
        assert root.field == name


# -- operators and groups ------------------------------------------------------------------


def test_or_binds_loosest() -> None:
    result = parsed("vip OR 超商")
    assert result.root == Or([Text("vip"), Text("超商")])
    assert isinstance(result.whoosh, query.Or)
    assert tree("a b OR c") == Or([And([Text("a"), Text("b")]), Text("c")])
    assert tree("a OR b c") == Or([Text("a"), And([Text("b"), Text("c")])])
    assert tree("a OR b OR c") == Or([Text("a"), Text("b"), Text("c")])
    assert tree("a OR b AND c") == Or([Text("a"), And([Text("b"), Text("c")])])


def test_and_is_the_default() -> None:
    assert tree("a AND b") == tree("a b") == And([Text("a"), Text("b")])
    assert tree("AND a") == Text("a")
    assert tree("ORANGE") == Text("ORANGE")
    assert tree("or and not") == And([Text("or"), Text("and"), Text("not")])


def test_negation() -> None:
    result = parsed("海外仓 -双十一")
    assert result.root == And([Text("海外仓"), Not(Text("双十一"))])
    assert isinstance(result.whoosh, query.And)
    assert isinstance(result.whoosh.subqueries[1], query.Not)
    assert tree("海外仓 NOT 双十一") == result.root
    assert tree('x -"a b"') == And([Text("x"), Not(Text("a b", phrase=True))])
    assert tree("-title:x y") == And([Not(Text("x", field="title")), Text("y")])
    assert tree("y -date:2023") == And([Text("y"), Not(Filter("date", "2023"))])
    assert tree("x NOT (a OR b)") == And([Text("x"), Not(Or([Text("a"), Text("b")]))])
    assert tree("x NOT NOT y") == And([Text("x"), Not(Text("y"))])  # twice is still once
    # "-" attached to nothing, or to a parenthesis, or doubled, is part of a word
    assert tree("x - y") == And([Text("x"), Text("-"), Text("y")])
    assert tree("x -(y)") == And([Text("x"), Text("-"), Text("y")])
    assert tree("x --y") == And([Text("x"), Not(Text("-y"))])
    assert tree("x -OR") == And([Text("x"), Not(Text("OR"))])
    assert tree("in:notes -询价") == And([Filter("in", "notes"), Not(Text("询价"))])


def test_groups() -> None:
    result = parsed("(shipping OR 海外仓) date:2023-01..2023-06")
    assert result.root == And(
        [Or([Text("shipping"), Text("海外仓")]), Filter("date", "2023-01..2023-06")]
    )
    assert tree("(a b) c") == And([And([Text("a"), Text("b")]), Text("c")])
    assert tree("((a))") == Text("a")
    assert tree("a(b)") == And([Text("a"), Text("b")])
    nested = "(" * MAX_DEPTH + "shipping OR 海外仓" + ")" * MAX_DEPTH
    assert tree(nested) == Or([Text("shipping"), Text("海外仓")])


def test_repeats_are_searched_once() -> None:
    assert tree("a a") == Text("a")
    assert tree("a OR a") == Text("a")
    assert tree("海外仓 " * 400) == Text("海外仓")  # 1,600 characters


# -- broken syntax and hostile input -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"supply chain', And([Text("supply"), Text("chain")])),
        ("(海外仓 OR", Text("海外仓")),
        ("海外仓 OR", Text("海外仓")),
        ("OR 海外仓", Text("海外仓")),
        ("a OR OR b", And([Text("a"), Text("b")])),
        ("a NOT", Text("a")),
        ("(a", Text("a")),
        ("a)", Text("a")),
        (")a(", Text("a")),
        ("() a", Text("a")),
        ("(OR) a", Text("a")),
        ('title:"unclosed x', And([Text("title:"), Text("unclosed"), Text("x")])),
    ],
)
def test_broken_syntax_searches_the_words(text: str, expected: Node) -> None:
    result = parse_query(text)
    assert result.note == WORDS_NOTE
    assert result.root == expected
    assert isinstance(result.whoosh, query.Term | query.And)


def test_purely_negative_queries_search_the_words() -> None:
    for text, expected in [
        ("-海外仓", Text("海外仓")),
        ("NOT x", Text("x")),
        ("-x -y", And([Text("x"), Text("y")])),
        ("-in:notes", Text("in:notes")),
    ]:
        result = parse_query(text)
        assert (result.root, result.note) == (expected, WORDS_NOTE), text
    assert tree("-") == Text("-")  # a lone "-" is a word (which the evaluator drops)
    assert tree("x OR -y") == Or([Text("x"), Not(Text("y"))])  # not purely negative


@pytest.mark.parametrize("text", ["", "   ", "\t\u3000\n"])
def test_empty(text: str) -> None:
    assert parse_query(text) == ParsedQuery(None, None, None)


@pytest.mark.parametrize("text", ["OR", "NOT", "AND NOT", "()", "(( ))", '-""'])
def test_nothing_to_search_for(text: str) -> None:
    result = parse_query(text)
    assert result.root is None and result.whoosh is None
    assert result.note == NOTHING


def test_lone_surrogates_become_replacement_characters() -> None:
    assert tree("海外\ud800仓") == Text("海外\ufffd仓")
    assert tree("title:\udc80海外") == Text("\ufffd海外", field="title")
    assert clean_query("a\udfffb") == ("a\ufffdb", None)


def test_long_queries_are_cut() -> None:
    result = parse_query("海外 ship " * 20_000)  # cut after 250 of them, right at a space
    assert result.note == f"the query was cut to its first {MAX_QUERY_CHARS:,} characters"
    assert result.root == And([Text("海外"), Text("ship")])
    # the cut may fall inside a word, or inside a phrase (then searched for its words)
    cut = parse_query("x " * 999 + '"abc def"')
    assert cut.root == And([Text("x"), Text("a")]) and cut.note is not None
    text, note = clean_query("a  " * 1_000)
    assert (len(text), note) == (1_999, None)  # whitespace squashed: short enough again


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
def test_deep_nesting_searches_the_words(depth: int) -> None:
    result = parse_query("(" * depth + "海外仓 OR x" + ")" * depth)
    assert result.note == WORDS_NOTE
    assert result.root == And([Text("海外仓"), Text("x")])
    assert parse_query("(" * depth + "海外仓").note == WORDS_NOTE
    assert parse_query("-(" * min(depth, 900) + "海外仓").root == Text("海外仓")
    assert parse_query("NOT (" * min(depth, 300) + "海外仓" + ")" * depth).root == Text("海外仓")


def test_parentheses_inside_a_phrase_are_text() -> None:
    phrase = "(" * (MAX_DEPTH + 1)
    assert tree(f'"{phrase}" x') == And([Text(phrase, phrase=True), Text("x")])


def test_long_runs_of_operators_do_not_nest() -> None:
    assert tree("x " + "NOT " * 400 + "y") == And([Text("x"), Not(Text("y"))])
    assert tree(" OR ".join(f"w{i}" for i in range(200))) == Or([Text(f"w{i}") for i in range(200)])


# -- Whoosh query objects the syntax never produces -----------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (query.Wildcard("text", "a?c"), Text("a?c")),
        (query.FuzzyTerm("text", "shipping"), Text("shipping")),
        (
            query.AndNot(query.Term("text", "a"), query.Term("title", "b")),
            And([Text("a"), Not(Text("b", field="title"))]),
        ),
        (query.AndMaybe(query.Term("text", "a"), query.Term("text", "b")), Text("a")),
        (
            query.Require(query.Term("text", "a"), query.Term("text", "b")),
            And([Text("a"), Text("b")]),
        ),
        (
            query.DisjunctionMax([query.Term("text", "a"), query.Term("text", "b")]),
            Or([Text("a"), Text("b")]),
        ),
        (query.ConstantScoreQuery(query.Term("site", "x")), Filter("site", "x")),
        (query.Term("date", "2023"), Filter("date", "2023")),
        (query.Term("date", "soon"), Text("date:soon")),
        (query.Term("note", "x"), Text("note:x")),
        (
            query.Phrase("body", ["supply", "chain"]),
            Text("supply chain", field="body", phrase=True),
        ),
        (query.And([query.Term("text", "a"), query.NullQuery]), Text("a")),
        (query.And([query.Term("text", "a"), query.Every()]), Text("a")),
        (query.NullQuery, None),
        (query.Every(), None),
        (query.And([]), None),
        (query.TermRange("text", "a", "b"), None),
        (query.NumericRange("n", 1, 2), None),
    ],
)
def test_other_whoosh_queries_degrade(q: query.Query, expected: Node | None) -> None:
    assert to_node(q) == expected


def test_the_parser_is_built_once() -> None:
    assert parser() is parser()


# -- any string ----------------------------------------------------------------------------

PIECES = [
    "(",
    ")",
    '"',
    ":",
    "-",
    "*",
    "OR",
    "AND",
    "NOT",
    " OR ",
    " AND ",
    " NOT ",
    " ",
    "\t",
    "\u3000",
    "..",
    "title:",
    "date:",
    "site:",
    "is:",
    "in:",
    "tag:",
    "lang:",
    "body:",
    "TITLE:",
    "foo:",
    "http://",
    "2023",
    "2023-05",
    "..2022",
    "海外仓",
    "跨境",
    "物流",
    "shipping",
    "logist*",
    "\ud800",
    "\udfff",
    "\U0002a6d6",
    "\x00",
    "\ufffd",
]
CHARS = st.characters(exclude_categories=())  # surrogates included
ANY_TEXT = st.one_of(
    st.text(CHARS, max_size=40),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(CHARS, max_size=3)), max_size=25).map(
        "".join
    ),
)


def check_tree(node: Node, depth: int = 0) -> None:
    assert depth <= 2 * MAX_DEPTH + 4
    if isinstance(node, Text):
        assert isinstance(node.text, str) and node.field in (None, "title", "body")
        assert not any("\ud800" <= c <= "\udfff" for c in node.text)
    elif isinstance(node, Filter):
        assert node.field in FIELDS and node.field not in ("title", "body")
        assert node.field != "date" or date_range(node.value) is not None  # evaluate asserts
    elif isinstance(node, Not):
        check_tree(node.child, depth + 1)
    else:
        assert isinstance(node, And | Or) and len(node.children) >= 2
        for child in node.children:
            check_tree(child, depth + 1)


@settings(max_examples=600, deadline=None)
@given(text=ANY_TEXT)
def test_any_string_parses(text: str) -> None:
    result = parse_query(text)
    assert result.note is None or isinstance(result.note, str)
    if result.root is None:
        assert result.whoosh is None
    else:
        assert isinstance(result.whoosh, query.Query)
        check_tree(result.root)


@settings(max_examples=200, deadline=None)
@given(inner=ANY_TEXT, depth=st.integers(0, 3 * MAX_DEPTH), close=st.integers(0, 3 * MAX_DEPTH))
def test_any_nesting_parses(inner: str, depth: int, close: int) -> None:
    result = parse_query("(" * depth + inner + ")" * close)
    if result.root is not None:
        check_tree(result.root)

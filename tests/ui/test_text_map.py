"""Selections on the page <-> Article.text offsets, over documents Qt really built.

Each case renders an article with ``render_article`` into a QTextDocument, as the pane
does, and checks both directions: a document range turns into the right text offsets,
and text offsets paint exactly the characters they name.
"""

from __future__ import annotations

from reader.annotations.model import Annotation, ArticleRef
from reader.article import Article, Block
from reader.ui.qt import QApplication, QTextCursor, QTextDocument
from reader.ui.reading.article_html import HEADER_BLOCKS, RelatedInfo, body_spans, render_article
from reader.ui.reading.highlight_paint import fill, segments, tooltip_html
from reader.ui.reading.text_map import BodySpan, TextMap, utf16_positions
from reader.ui.window.theme import reading_colors

ZH = [
    "商务部周一发布跨境电商出口便利化新规，涉及海关申报、退税和海外仓备案。",
    "新规要求平台在十个工作日内完成申报材料的审核，逾期未审核的视为通过。",
    "业内人士表示，新规将明显缩短卖家的回款周期，中小卖家受益最大。",
]
EN = [
    "Ports along the coast reported record volumes in the first quarter.",
    "The ministry announced new rules on customs clearance on Monday.",
]


def _render(qapp: QApplication, article: Article) -> tuple[QTextDocument, TextMap]:
    document = QTextDocument()
    document.setHtml(
        render_article(article, 1, RelatedInfo(bookmark=("trade",)), reading_colors(qapp.palette()))
    )
    return document, TextMap.build(
        document.toRawText(), body_spans(article.blocks), header_blocks=HEADER_BLOCKS
    )


def _shown(document: QTextDocument, ranges: list[tuple[int, int]]) -> str:
    out = []
    for start, end in ranges:
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        out.append(cursor.selectedText())
    return "|".join(out)


def _find(document: QTextDocument, text: str) -> tuple[int, int]:
    cursor = document.find(text)
    assert not cursor.isNull(), text
    return cursor.selectionStart(), cursor.selectionEnd()


def test_chinese_and_english_paragraphs_map_both_ways(qapp: QApplication) -> None:
    article = Article(
        title="跨境电商新规 New rules",
        language="zh-Hans",
        blocks=[
            Block("p", ZH[0]),
            Block("h", "Customs"),
            Block("p", EN[1]),
            Block("p", ZH[1]),
            Block("li", "one"),
            Block("li", ZH[2]),
        ],
        date="2024-05-01",
        site="跨境电商资讯",
    )
    document, text_map = _render(qapp, article)
    text = article.text
    assert text_map.unmapped == 0
    for quote in ("海关申报", "customs clearance", "Customs", "逾期未审核", "中小卖家受益最大"):
        found = text_map.text_range(*_find(document, quote))
        assert found is not None and text[found[0] : found[1]] == quote
        start = text.index(quote)
        assert _shown(document, text_map.doc_ranges(start, start + len(quote))) == quote
    # A selection across paragraphs is one range of the text, the "\n\n" included,
    # and paints each paragraph's part, never the break between them.
    start, _ = _find(document, "退税")
    _, end = _find(document, "十个工作日")
    found = text_map.text_range(start, end)
    assert found is not None
    quote = text[found[0] : found[1]]
    assert quote.startswith("退税") and quote.endswith("十个工作日") and "\n\nCustoms\n\n" in quote
    assert _shown(document, text_map.doc_ranges(*found)).split("|")[1] == "Customs"


def test_selection_outside_the_body_is_clipped_or_refused(qapp: QApplication) -> None:
    article = Article(title="Trade rules", blocks=[Block("p", p) for p in EN], site="Example")
    document, text_map = _render(qapp, article)
    # the title alone: no body text
    assert text_map.text_range(*_find(document, "Trade rules")) is None
    # title to the middle of the first paragraph: clipped to the body
    _, end = _find(document, "Ports along")
    found = text_map.text_range(0, end)
    assert found == (0, len("Ports along"))
    # the first paragraph into "Similar in the archive": clipped at the body's end
    start, _ = _find(document, "announced")
    _, end = _find(document, "Similar in the archive")
    found = text_map.text_range(start, end)
    assert (
        found is not None
        and article.text[found[0] : found[1]]
        == "announced new rules on customs clearance on Monday."
    )


def test_what_the_html_importer_changes_still_maps(qapp: QApplication) -> None:
    blocks = [
        Block("p", "  Leading and   inner\nspaces  "),
        Block("credit", "(图片来源:网络)"),  # shown, not in the text
        Block("p", ""),  # dropped by Qt
        Block("pre", "line one\nline two\n  indented"),
        Block("p", "Emoji 😀 and 𠀀 outside the BMP, then more"),
        Block("p", "Markup <b>&amp; stays text"),
    ]
    article = Article(title="Odd 😀 title", blocks=blocks)
    document, text_map = _render(qapp, article)
    text = article.text
    assert text_map.unmapped == 0
    for quote, shown in (
        ("inner\nspaces", "inner spaces"),
        ("line two", "line two"),
        ("indented", "indented"),
        ("😀 and 𠀀", "😀 and 𠀀"),
        ("then more", "then more"),
        ("<b>&amp;", "<b>&amp;"),
    ):
        start = text.index(quote)
        painted = _shown(document, text_map.doc_ranges(start, start + len(quote)))
        assert painted.replace("\u2029", "|") == shown
        found = text_map.text_range(*_find(document, shown))
        assert found is not None and text[found[0] : found[1]] == quote
    # across the pre block's line break: one text range with its "\n"
    start, _ = _find(document, "one")
    _, end = _find(document, "line two")
    found = text_map.text_range(start, end)
    assert found is not None and text[found[0] : found[1]] == "one\nline two"
    # the credit is not in the text: selecting it alone gives nothing
    assert text_map.text_range(*_find(document, "图片来源")) is None


def test_a_block_that_does_not_align_is_left_out_not_guessed() -> None:
    raw = "\u2029".join(["Title", "meta", "first", "SOMETHING ELSE", "third", "Similar"])
    spans = [BodySpan("first", 0), BodySpan("second", 7), BodySpan("third", 15)]
    text_map = TextMap.build(raw, spans, header_blocks=2)
    assert text_map.unmapped == 1
    assert [(r.text, r.length) for r in text_map.runs] == [(0, 5), (15, 5)]
    assert text_map.doc_ranges(7, 13) == []


def test_utf16_positions() -> None:
    assert utf16_positions("abc") is None and utf16_positions("中文") is None
    assert utf16_positions("a😀b") == [0, 1, 3, 4]


def _note(
    ident: str,
    start: int,
    end: int,
    note: str | None = None,
    created: str = "2024-01-01T00:00:00.000Z",
    color: str = "yellow",
) -> Annotation:
    return Annotation(
        ident,
        ArticleRef(1, None, None, None, None),
        "q",
        "",
        "",
        start,
        end,
        False,
        note,
        color,
        created,
        created,
    )


def test_overlapping_highlights_split_into_segments() -> None:
    sentence = _note("s", 0, 20, "the whole sentence")
    phrase = _note("p", 5, 10, "a <b>phrase</b>", color="green")
    orphan = Annotation(
        "o",
        ArticleRef(1, None, None, None, None),
        "gone",
        "",
        "",
        None,
        None,
        True,
        None,
        "blue",
        "x",
        "x",
    )
    found = segments([phrase, sentence, orphan])
    assert [(s.start, s.end, [a.id for a in s.annotations]) for s in found] == [
        (0, 5, ["s"]),
        (5, 10, ["s", "p"]),
        (10, 20, ["s"]),
    ]
    assert found[1].top.id == "p"  # the shorter one is on top
    tip = tooltip_html(found[1].annotations)
    assert tip.index("a &lt;b&gt;phrase") < tip.index("the whole sentence")
    assert "<b>phrase" not in tip
    assert fill("green", dark=False, page="#ffffff") == "#c8f0c0"
    assert fill("green", dark=True, page="#1e1f22") != "#c8f0c0"

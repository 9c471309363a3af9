"""Fonts per script, search marks that are not highlights, and "in your notes" only when
the notes hold the words: through the real window (issue 11, bugs 3, 9 and 11).

Bug 3: every font list named the CJK family first (or only Latin families this machine
lacks, then the CJK one), so English curly quotes and apostrophes came from the CJK font
at Chinese width ("Amazon’ s", "“ When") in the reader, the snippets and the titles. The
tests ask Qt which font really drew a character (``QTextLayout.glyphRuns``: the raw font
of each run) and how wide it is.

Bug 9: search marks were painted in the yellow highlight's own color (#fff3a3), so a
person could not tell a search mark from a highlight of theirs; in the dark theme the two
were close as well. The tests compare colors by their CIE76 distance, in both themes.

Bug 11: see tests/search/test_note_matches.py; here the panel's "✎ in your notes".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.annotations.model import COLORS
from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.search.sync import open_engine, sync_index
from reader.ui.qt import (
    QColor,
    QFont,
    QFontDatabase,
    Qt,
    QTextCursor,
    QTextDocument,
    QTextLayout,
)
from reader.ui.reading.article_html import HEADER_BLOCKS
from reader.ui.reading.highlight_paint import fill
from reader.ui.search.panel import HIT_ROLE, NOTE_MARK
from reader.ui.window.mainwindow import MainWindow
from reader.ui.window.services import HitRow
from tests.ui.conftest import add_article, id_of, make_window, settle
from tests.ui.test_annotations_ui import (
    EUROPE,
    find_on_page,
    open_and_wait,
    paragraphs,
    select_on_page,
    wait_shown,
)
from tests.ui.test_search import search

CURLY_TITLE = "Amazon’s “When” problem… and why sellers won’t wait"
CURLY_BODY = [
    "Amazon’s sellers said: “When the fees rise, we won’t wait for the next season.”",
    "The platform’s answer — “patience” — did not land well…",
]
WIDE = 0.6  # em: a Latin quote or apostrophe is about 0.2-0.35 em wide, a CJK one 1 em
TAG = "warehouse"  # a tag on EUROPE that its body also uses: a search for it marks the body
MIN_DISTANCE = 30.0  # CIE76: about 2 is just noticeable; the old marks were 0 and 25 away


@pytest.fixture
def prepared(library: Path) -> Path:
    """The sample library plus an English article with curly quotes, in the index too,
    and EUROPE bookmarked with a tag its body also holds."""
    add_article(library, CURLY_TITLE, [], body=CURLY_BODY, language="en")
    with Catalogue(library / "catalogue.sqlite3") as catalogue:
        engine = open_engine(library)
        sync_index(catalogue, engine)
        engine.close()
        europe = next(int(r["id"]) for r in catalogue.list_articles() if r["title"] == EUROPE)
        AnnotationStore(catalogue).bookmark(europe, TAG)
    return library


@pytest.fixture
def win(qtbot, prepared: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = make_window(prepared)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.set_theme("system")
    window.close()


# -- what drew a character --------------------------------------------------------------


def is_cjk_family(family: str) -> bool:
    systems = QFontDatabase.writingSystems(family)
    return any(
        s in systems
        for s in (
            QFontDatabase.WritingSystem.SimplifiedChinese,
            QFontDatabase.WritingSystem.TraditionalChinese,
            QFontDatabase.WritingSystem.Japanese,
        )
    )


def drawn_with(layout: QTextLayout, at: int) -> tuple[str, float]:
    """The family that draws the character at *at* of *layout*, and its advance in em."""
    runs = [r for r in layout.glyphRuns(at, 1) if len(r.glyphIndexes())]
    assert runs, f"no glyph drawn at {at}"
    raw = runs[0].rawFont()
    advance = raw.advancesForGlyphIndexes(runs[0].glyphIndexes())[0].x()
    return raw.familyName(), advance / raw.pixelSize()


def laid_out(text: str, font: QFont) -> QTextLayout:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    while layout.createLine().isValid():
        pass
    layout.endLayout()
    return layout


def in_document(
    document: QTextDocument, text: str, offset: int, start: int = 0
) -> tuple[str, float]:
    """What draws the character *offset* into the first *text* at or after *start*."""
    document.documentLayout().documentSize()  # lay the document out
    cursor = document.find(text, start)
    assert not cursor.isNull(), f"{text!r} is not in the document"
    block = cursor.block()
    return drawn_with(block.layout(), cursor.selectionStart() + offset - block.position())


def assert_latin(found: tuple[str, float], what: str, *, narrow: bool = True) -> None:
    family, em = found
    assert not is_cjk_family(family), f"{what} drawn with the CJK font {family!r}"
    if narrow:
        assert em < WIDE, f"{what} is {em:.2f} em wide in {family!r}"


def test_english_quotes_take_a_latin_font_and_han_a_cjk_one(win: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    article_id = id_of(win, CURLY_TITLE)
    settle(win, qtbot)
    assert win.open_article(article_id)
    document = win.reader.browser.document()
    body = document.findBlockByNumber(HEADER_BLOCKS).position()
    # the reader: apostrophe, opening quote, ellipsis, in the body and the title
    assert_latin(in_document(document, "Amazon’s", 6, body), "’ of Amazon’s in the reader")
    assert_latin(in_document(document, "“When", 0, body), "“ of “When in the reader")
    assert_latin(in_document(document, "won’t", 3, body), "’ of won’t in the reader")
    assert_latin(in_document(document, "land well…", 9, body), "…", narrow=False)
    assert_latin(in_document(document, "Amazon’s", 6), "’ of the reader's title")
    # a Chinese article still takes its Han characters from a CJK font (and keeps its
    # full-width punctuation there)
    assert win.open_article(id_of(win, "海外仓选址怎么算账?美西、美东与中部仓的成本对比"))
    chinese = win.reader.browser.document()
    family, em = in_document(chinese, "海外仓", 0)
    assert is_cjk_family(family) and em > WIDE, (family, em)
    assert is_cjk_family(in_document(chinese, "美西、", 2)[0])

    # the list: the title cell's font
    row = win.list_model.row_of(article_id)
    assert row is not None
    font = win.list_model.index(row, 0).data(Qt.ItemDataRole.FontRole)
    title = laid_out(CURLY_TITLE, font)
    assert_latin(drawn_with(title, CURLY_TITLE.index("’")), "’ in the list's title")
    assert_latin(drawn_with(title, CURLY_TITLE.index("“")), "“ in the list's title")
    assert is_cjk_family(drawn_with(laid_out("亚马逊", font), 0)[0])

    # a search hit: its snippet as painted, and its title's font
    outcome = search(win, qtbot, "Amazon")
    hit = next(h for h in outcome.hits if h.id == article_id)
    panel = win.search_panel
    panel.view.scrollTo(panel.model.index(outcome.hits.index(hit), 0))
    panel.view.viewport().grab()  # paint the rows on screen
    snippets = [doc for key, doc in panel.delegate._docs.items() if key[0] == article_id]
    assert snippets, "the hit's snippet was painted"
    assert_latin(in_document(snippets[0], "’", 0), "’ in the snippet")
    assert_latin(in_document(snippets[0], "“", 0), "“ in the snippet")
    title_font = panel.delegate.title_font(hit, panel.view.font())
    assert_latin(drawn_with(laid_out(hit.title, title_font), 6), "’ in the hit's title")


# -- search marks and highlights -----------------------------------------------------------


def lab(color: QColor) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a: QColor, b: QColor) -> float:
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def page_marks(win: MainWindow) -> list[tuple[int, int, QColor]]:
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.background().color())
        for s in win.reader.browser.extraSelections()
    ]


def snippet_marks(win: MainWindow, article_id: int) -> list[QColor]:
    """The background colors of the marks in the hit's snippet, as painted."""
    panel = win.search_panel
    selection = panel.view.selectionModel()
    assert selection is not None
    selection.clear()  # a selected row draws its marks on the selection color
    panel.view.viewport().grab()
    colors: list[QColor] = []
    for key, doc in panel.delegate._docs.items():
        if key[0] != article_id or key[2]:  # a selected row shows no marks
            continue
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.background().style() != Qt.BrushStyle.NoBrush:
                    colors.append(fmt.background().color())
                it += 1
            block = block.next()
    return colors


def highlight_fills(win: MainWindow) -> dict[str, QColor]:
    colors = win.reader.colors()
    return {name: QColor(fill(name, dark=colors.dark, page=colors.background)) for name in COLORS}


def open_hit(win: MainWindow, qtbot, article_id: int) -> None:  # type: ignore[no-untyped-def]
    hits = win.search_panel.model.hits
    row = next(i for i, h in enumerate(hits) if h.id == article_id)
    win.search_panel.view.setCurrentIndex(win.search_panel.model.index(row, 0))
    # opened, and its highlights painted (they come from the store's thread)
    with qtbot.waitSignals(
        [win.articleOpened, win.annotating.articleAnnotationsShown], timeout=10000
    ):
        qtbot.keyClick(win.search_panel.view, Qt.Key.Key_Return)


def test_search_marks_differ_from_every_highlight_color(win: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    europe = open_and_wait(win, qtbot, EUROPE)
    passage = next(p for p in paragraphs(win, EUROPE) if "warehouse" in p)
    start = passage.index("warehouse")
    select_on_page(win, passage[start : start + len("warehouse")])
    wait_shown(win, qtbot, win.highlight_actions["yellow"].trigger)
    for mode in ("light", "dark"):
        win.set_theme(mode)
        qtbot.waitUntil(lambda m=mode: win.reader.colors().dark == (m == "dark"), timeout=3000)
        search(win, qtbot, "warehouse")
        fills = highlight_fills(win)
        marks = snippet_marks(win, europe)
        assert marks, "the snippet marks the word"
        open_hit(win, qtbot, europe)
        on_page = page_marks(win)
        assert on_page, "the word is marked in the article"
        for color in marks + [c for _, _, c in on_page]:
            for name, highlight in fills.items():
                gap = distance(color, highlight)
                assert gap >= MIN_DISTANCE, (
                    f"{mode}: mark {color.name()} is {gap:.0f} from the {name} highlight "
                    f"{highlight.name()}"
                )
        # on the page: the yellow highlight, and the mark drawn over it, apart
        at, _ = find_on_page(win, "warehouse")
        cursor = QTextCursor(win.reader.browser.document())
        cursor.setPosition(at + 1)
        under = cursor.charFormat().background().color()
        assert under.name() == fills["yellow"].name()
        over = [c for s, e, c in on_page if s <= at < e]
        assert over and distance(over[0], under) >= MIN_DISTANCE


def test_the_meta_lines_tags_carry_no_search_mark(win: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    europe = id_of(win, EUROPE)
    search(win, qtbot, TAG)
    open_hit(win, qtbot, europe)
    document = win.reader.browser.document()
    meta = document.findBlockByNumber(HEADER_BLOCKS - 1)
    assert TAG in meta.text(), "the meta line shows the bookmark's tag"
    body = document.findBlockByNumber(HEADER_BLOCKS).position()
    marks = page_marks(win)
    assert any(s >= body for s, _, _ in marks), "the body's words are marked"
    in_meta = [
        (s, e) for s, e, _ in marks if meta.position() <= s < meta.position() + meta.length()
    ]
    assert in_meta == [], "the tag in the meta line got a search mark"


# -- "in your notes" ---------------------------------------------------------------------------


def hit_row(win: MainWindow, article_id: int) -> tuple[HitRow, str]:
    model = win.search_panel.model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        hit = index.data(HIT_ROLE)
        if hit.id == article_id:
            return hit, index.data()
    raise AssertionError(f"article {article_id} is not among the hits")


def test_in_your_notes_only_when_the_notes_hold_the_words(win: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    europe = open_and_wait(win, qtbot, EUROPE)
    passage = next(p for p in paragraphs(win, EUROPE) if "European warehouse" in p)
    start = passage.index("a European warehouse")
    select_on_page(win, passage[start : start + len("a European warehouse")])
    wait_shown(win, qtbot, win.highlight_actions["yellow"].trigger)  # no note written
    # both words in the title; the quote holds only one of them
    search(win, qtbot, "European Customers")
    hit, shown = hit_row(win, europe)
    assert "title" in hit.matched_in and "note" not in hit.matched_in
    assert NOTE_MARK not in shown
    # the quote holds both words: found in the notes, and said so
    search(win, qtbot, "European warehouse")
    hit, shown = hit_row(win, europe)
    assert "note" in hit.matched_in and NOTE_MARK in shown

"""The lazy list model: thousands of rows cost one id query and a page of rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.article import Article, Block
from reader.catalogue import Catalogue
from reader.ui.library.article_list import PAGE, ArticleListModel
from reader.ui.qt import Qt
from tests.ui.conftest import make_window

COUNT = 3000


@pytest.fixture
def big_library(data_dir: Path) -> Path:
    with Catalogue(data_dir / "catalogue.sqlite3") as catalogue, catalogue.transaction() as db:
        for i in range(COUNT):
            article = Article(
                title=f"Article {i:05d} 第{i}篇",
                blocks=[Block("p", f"Body {i}.")],
                date=f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                site=("跨境电商资讯", "Cross-border News", "出海观察")[i % 3],
                language="zh-Hant" if i % 7 == 0 else "zh-Hans",
            )
            catalogue.upsert_article(
                db,
                article,
                path=f"/virtual/{i}.txt",
                size=1,
                mtime_ns=1,
                content_hash=str(i),
                is_new=True,
            )
    return data_dir


def test_model_reads_only_what_is_shown(qtbot, big_library: Path) -> None:  # type: ignore[no-untyped-def]
    win = make_window(big_library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(50)
    model = win.list_model
    assert model.rowCount() == COUNT
    assert 0 < model.rows_fetched <= 2 * PAGE, "only the visible page was read"
    # scrolling to the end reads the last page, not everything in between
    win.article_list.scrollToBottom()
    qtbot.wait(50)
    assert model.rows_fetched <= 4 * PAGE
    assert model.index(COUNT - 1, 0).data().startswith("Article")
    win.close()


def test_header_click_sorts_in_the_background(qtbot, big_library: Path) -> None:  # type: ignore[no-untyped-def]
    win = make_window(big_library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    model = win.list_model
    dates = [model.index(r, 1).data() for r in range(50)]
    assert dates == sorted(dates, reverse=True)
    header = win.article_list.horizontalHeader()
    with qtbot.waitSignal(win.listReloaded, timeout=10000):
        qtbot.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            pos=header.rect()
            .center()
            .__class__(header.sectionViewportPosition(0) + 20, header.height() // 2),
        )
    titles = [model.index(r, 0).data() for r in range(30)]
    assert titles == sorted(titles, key=str.lower) or titles == sorted(
        titles, key=str.lower, reverse=True
    )
    with qtbot.waitSignal(win.listReloaded, timeout=10000):
        win.article_list.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    sites = [model.index(r, 2).data() for r in range(0, COUNT, 97)]
    assert sites == sorted(sites, key=str.lower)
    win.close()


def test_traditional_rows_ask_for_traditional_fonts(qtbot, big_library: Path) -> None:  # type: ignore[no-untyped-def]
    with Catalogue(big_library / "catalogue.sqlite3") as catalogue:
        model = ArticleListModel(catalogue)
        model.set_ids(catalogue.list_ids(order="title", descending=False))
        fonts = [model.index(r, 0).data(Qt.ItemDataRole.FontRole) for r in range(8)]
        rows = catalogue.list_rows(model.ids[:8])
        for font, article_id in zip(fonts, model.ids[:8], strict=True):
            wanted = (
                "Noto Sans CJK TC"
                if rows[article_id]["language"] == "zh-Hant"
                else "Noto Sans CJK SC"
            )
            assert wanted in font.families()


def test_bookmark_marks_are_read_per_page_and_the_column_does_not_sort(  # type: ignore[no-untyped-def]
    qtbot, big_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.annotations.store import AnnotationStore
    from reader.ui.library.article_list import MARKS_COLUMN

    with Catalogue(big_library / "catalogue.sqlite3") as catalogue:
        store = AnnotationStore(catalogue)
        ids = catalogue.list_ids()
        store.bookmark(ids[1], "x")
        store.add_annotation(ids[2], 0, 4)
    from reader.annotations import marks

    calls: list[int] = []
    real = marks.bookmark_marks
    monkeypatch.setattr(
        marks, "bookmark_marks", lambda db, chunk: calls.append(len(list(chunk))) or real(db, chunk)
    )
    win = make_window(big_library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(50)
    model = win.list_model
    assert [model.index(r, MARKS_COLUMN).data() for r in range(3)] == ["", "★", "✎"]
    for _ in range(3):  # paints and scrolling read no more
        win.article_list.viewport().repaint()
    pages = len(calls)
    assert 0 < pages <= 2 and all(n <= PAGE for n in calls)
    win.article_list.scrollToBottom()
    qtbot.wait(50)
    assert len(calls) <= pages + 2
    # a click on the ★ header keeps the list as it was sorted
    header = win.article_list.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect()
        .center()
        .__class__(header.sectionViewportPosition(MARKS_COLUMN) + 5, header.height() // 2),
    )
    assert header.sortIndicatorSection() == 1 and model.sort_column == "date"
    win.close()

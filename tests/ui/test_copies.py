"""Copies of one story in the window (issue 14): the list shows one row per story with
"N copies" and a toggle shows them all; the reader lists the other copies with what
differs, and a click opens one, offline; search shows one hit per story, "+N copies"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.catalogue import Catalogue
from reader.catalogue.copies import CopyStore
from reader.library import Library
from reader.paths import catalogue_path
from reader.ui.qt import QFontMetrics, QStyleOptionViewItem
from reader.ui.reading.links import article_url
from reader.ui.window.mainwindow import MainWindow
from tests.test_duplicates import write_copies
from tests.ui.conftest import click_link, hrefs, make_window, settle
from tests.ui.test_search import search


@pytest.fixture
def copies_library(tmp_path: Path, data_dir: Path) -> tuple[Path, dict[str, int]]:
    files = write_copies(tmp_path / "archive")
    Library(data_dir).update([str(tmp_path / "archive")], workers=1)  # indexed too
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        ids = {key: catalogue.id_at_path(str(path)) for key, path in files.items()}
    assert all(ids.values())
    return data_dir, {k: int(v) for k, v in ids.items() if v}


@pytest.fixture
def win(qtbot, copies_library: tuple[Path, dict[str, int]]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = make_window(copies_library[0])
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    settle(window, qtbot)
    yield window
    window.close()


def _stories(data: Path) -> dict[int, list[int]]:
    """The library's stories as the catalogue has them: first copy -> all its copies."""
    with Catalogue(catalogue_path(data), readonly=True) as catalogue:
        groups = CopyStore(catalogue).groups()
    out: dict[int, list[int]] = {}
    for article, first in groups.items():
        out.setdefault(first, []).append(article)
    return out


def _row_text(win: MainWindow, article_id: int) -> str:
    row = win.list_model.row_of(article_id)
    assert row is not None, article_id
    return str(win.list_model.index(row, 0).data())


def test_the_list_shows_one_row_per_story_and_a_toggle_shows_all(
    win: MainWindow,
    qtbot,
    copies_library: tuple[Path, dict[str, int]],  # type: ignore[no-untyped-def]
) -> None:
    data, ids = copies_library
    stories = _stories(data)
    assert len(stories) == 2
    folded = sum(len(copies) - 1 for copies in stories.values())
    model, pane = win.list_model, win.list_pane
    assert model.rowCount() == len(ids) - folded
    assert pane.copies_button.isVisible() and not pane.copies_button.isChecked()
    for copies in stories.values():
        shown = [i for i in copies if model.row_of(i) is not None]
        assert len(shown) == 1  # one row per story ...
        assert f"{len(copies)} copies" in _row_text(win, shown[0])  # ... saying how many
    assert "copies" not in _row_text(win, ids["zh_other"])  # a story saved once

    pane.copies_button.click()  # every copy
    assert model.rowCount() == len(ids)
    assert all(model.row_of(i) is not None for i in ids.values())
    pane.copies_button.click()
    assert model.rowCount() == len(ids) - folded


def test_the_all_copies_toggle_is_remembered(
    win: MainWindow,
    qtbot,
    copies_library: tuple[Path, dict[str, int]],  # type: ignore[no-untyped-def]
) -> None:
    data, ids = copies_library
    win.list_pane.copies_button.click()
    assert win.list_model.rowCount() == len(ids)
    win.close()  # saves the window's state
    again = make_window(data)
    qtbot.addWidget(again)
    again.show()
    settle(again, qtbot)
    try:
        assert again.list_pane.copies_button.isChecked()
        assert again.list_model.rowCount() == len(ids)
        again.list_pane.copies_button.click()  # one row per story again, remembered too
        again.close()
        third = make_window(data)
        qtbot.addWidget(third)
        assert not third.list_pane.copies_button.isChecked()
        assert third.list_model.rowCount() < len(ids)
        third.close()
    finally:
        again.close()


def test_a_narrow_title_column_still_says_how_many_copies(
    win: MainWindow,
    copies_library: tuple[Path, dict[str, int]],
) -> None:
    """Elided as one text, a long title hid its "· 4 copies" at the default width (seen
    in the README's screenshot); the title gives way, the count stays."""
    data, _ids = copies_library
    view, model = win.article_list, win.list_model
    view.setColumnWidth(0, 170)
    for copies in _stories(data).values():
        shown = next(i for i in copies if model.row_of(i) is not None)
        index = model.index(model.row_of(shown), 0)  # type: ignore[arg-type]
        option = QStyleOptionViewItem()
        option.rect = view.visualRect(index)
        option.font = view.font()
        option.fontMetrics = QFontMetrics(view.font())
        view.title_delegate.initStyleOption(option, index)
        assert option.text.endswith(f"· {len(copies)} copies"), option.text
        assert "…" in option.text  # the title was cut to make room
        width = option.fontMetrics.horizontalAdvance(option.text)
        assert width <= option.rect.width()


def test_the_reader_lists_the_other_copies_and_a_click_opens_one(
    win: MainWindow,
    qtbot,
    copies_library: tuple[Path, dict[str, int]],  # type: ignore[no-untyped-def]
) -> None:
    _data, ids = copies_library
    assert win.open_article(ids["en"])
    settle(win, qtbot)
    page = win.reader.browser.toPlainText()
    assert "Other copies of this story" in page
    with Catalogue(catalogue_path(_data), readonly=True) as catalogue:
        others = CopyStore(catalogue).copies_of(ids["en"])
        titles = {i: catalogue.summary(i)["title"] for i in others}  # type: ignore[index]
    assert sorted(others) == sorted(ids[k] for k in ("en_repost", "en_teaser", "en_edit"))
    for title in titles.values():
        assert title in page
    # what differs: the re-post's own footer, and that the teaser lacks the end
    assert "Only there: “Republished with permission from Freight Daily" in page
    assert "Only here:" in page
    assert "Other copies" not in _page_of(win, qtbot, ids["en_other"])

    assert win.open_article(ids["en"])
    settle(win, qtbot)
    click_link(win, qtbot, article_url(ids["en_teaser"]))
    qtbot.waitUntil(lambda: win.reader.current_id == ids["en_teaser"], timeout=5000)
    assert "Other copies of this story" in win.reader.browser.toPlainText()


def test_similar_articles_leave_out_the_copies_listed_above(
    win: MainWindow,
    qtbot,
    copies_library: tuple[Path, dict[str, int]],  # type: ignore[no-untyped-def]
) -> None:
    """A copy is the most similar article there is, so "Similar in the archive" repeated
    every copy already under "Other copies of this story" (seen in the README's
    screenshot)."""
    _data, ids = copies_library
    assert win.open_article(ids["en"])
    settle(win, qtbot)
    qtbot.waitUntil(
        lambda: "Looking for similar" not in win.reader.browser.toPlainText(), timeout=10000
    )
    links = hrefs(win)
    for key in ("en_repost", "en_teaser", "en_edit"):
        assert links.count(article_url(ids[key])) == 1, key


def _page_of(win: MainWindow, qtbot, article_id: int) -> str:  # type: ignore[no-untyped-def]
    assert win.open_article(article_id)
    settle(win, qtbot)
    return win.reader.browser.toPlainText()


def test_search_shows_one_hit_per_story(
    win: MainWindow,
    qtbot,
    copies_library: tuple[Path, dict[str, int]],  # type: ignore[no-untyped-def]
) -> None:
    data, ids = copies_library
    story = {ids[k] for k in ("zh", "zh_repost", "zh_teaser", "zh_edit")}
    outcome = search(win, qtbot, "货代")  # in the story's opening: every copy has it
    settle(win, qtbot)
    raw = [h.id for h in outcome.hits]
    assert story <= set(raw)  # the search found every copy ...
    panel = win.search_panel
    shown = [h.id for h in panel.model.hits]
    assert len(set(shown) & story) == 1  # ... and shows the story once
    (best,) = set(shown) & story
    assert best == next(i for i in raw if i in story)  # the best-ranked copy stands for it
    row = shown.index(best)
    assert f"+{len(story) - 1} copies" in str(panel.model.index(row, 0).data())
    assert ids["zh_other"] not in story

    panel.copies_button.click()  # all copies
    settle(win, qtbot)
    assert [h.id for h in panel.model.hits] == raw
    assert "copies" not in str(panel.model.index(0, 0).data())

    win.close()  # saves the window's state: the panel's toggle is remembered
    again = make_window(data)
    qtbot.addWidget(again)
    again.show()
    settle(again, qtbot)
    try:
        assert again.search_panel.copies_button.isChecked()
        assert [h.id for h in search(again, qtbot, "货代").hits] == raw
        settle(again, qtbot)
        assert [h.id for h in again.search_panel.model.hits] == raw  # nothing folded
    finally:
        again.close()

"""Through the real window: "Remove from Library" (Delete) asks, says the files stay on
disk, removes off the GUI thread and reloads the list; titles sort by pinyin."""

from __future__ import annotations

from pathlib import Path

from reader.catalogue.sortkey import title_sort_key
from reader.ui.library.article_list import ArticleRemover
from reader.ui.qt import QMessageBox, Qt, QTimer
from reader.ui.window.mainwindow import MainWindow
from tests.ui.conftest import settle


def answer(remover: ArticleRemover, button: str) -> None:
    """Click *button* in the question the remover is about to show."""

    def click() -> None:
        box = remover.last_box
        assert box is not None and box.isVisible()
        assert "stay on disk" in box.informativeText()
        for b in box.buttons():
            if b.text().replace("&", "") == button:
                b.click()
                return
        raise AssertionError(f"no {button} button")

    QTimer.singleShot(50, click)


def setup(window: MainWindow, qtbot) -> tuple[ArticleRemover, int, Path]:  # type: ignore[no-untyped-def]
    settle(window, qtbot)
    remover = window.remover  # the window's own, wired to the list's Delete
    view = window.article_list
    view.select_row(2)
    article_id = view.current_id()
    assert article_id is not None
    row = window.catalogue.connection.execute(
        "SELECT path FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    path = Path(row[0])
    view.setFocus()
    return remover, article_id, path


def test_delete_asks_then_removes_from_the_library_not_the_disk(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    remover, article_id, path = setup(window, qtbot)
    before = len(window.list_model.ids)
    answer(remover, "Remove")
    with qtbot.waitSignal(remover.removed, timeout=20000) as removed:
        qtbot.keyClick(window.article_list, Qt.Key.Key_Delete)
    assert removed.args == [[article_id]]
    qtbot.waitUntil(lambda: len(window.list_model.ids) == before - 1, timeout=20000)
    assert article_id not in window.list_model.ids
    assert path.exists()


def test_cancel_keeps_the_article(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    remover, article_id, _path = setup(window, qtbot)
    answer(remover, "Cancel")
    window.article_list.remove_action.trigger()
    assert remover.wait_idle()
    settle(window, qtbot)
    assert article_id in window.list_model.ids
    assert isinstance(remover.last_box, QMessageBox)


def test_the_title_column_sorts_by_pinyin(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    settle(window, qtbot)
    window.list_model.sort(0, Qt.SortOrder.AscendingOrder)
    settle(window, qtbot)
    ids = window.list_model.ids
    rows = window.catalogue.list_rows(ids)
    keys = [title_sort_key(rows[i]["title"]) or "" for i in ids]
    assert len(keys) > 1 and keys == sorted(keys)

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


def test_undo_puts_removed_articles_back_and_redo_removes_them_again(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """Edit › Undo after Remove from Library: the article comes back into the list (with
    its read state), the reader opens it again; Redo removes it once more."""
    remover, article_id, path = setup(window, qtbot)
    window.open_article(article_id)
    settle(window, qtbot)
    title = window.reader.article.title if window.reader.article else ""
    before = len(window.list_model.ids)
    monkeypatch.setattr(remover, "confirm", lambda ids: True)
    with qtbot.waitSignal(remover.removed, timeout=20000):
        qtbot.keyClick(window.article_list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(window.list_model.ids) == before - 1, timeout=20000)
    assert window.reader.current_id is None
    assert window.act_undo.isEnabled() and "from Library" in window.act_undo.text()
    with qtbot.waitSignal(remover.restored, timeout=20000) as restored:
        window.act_undo.trigger()
    back = restored.args[0].ids
    assert len(back) == 1 and restored.args[0].missing == []
    qtbot.waitUntil(lambda: len(window.list_model.ids) == before, timeout=20000)
    assert window.catalogue.summary(back[0])["title"] == title
    assert window.catalogue.is_read(back[0])  # opening had marked it read; still so
    qtbot.waitUntil(lambda: window.reader.current_id == back[0], timeout=5000)
    assert str(path) not in window.catalogue.excluded_paths()
    with qtbot.waitSignal(remover.removed, timeout=20000):
        window.act_redo.trigger()
    qtbot.waitUntil(lambda: len(window.list_model.ids) == before - 1, timeout=20000)
    assert str(path) in window.catalogue.excluded_paths() and path.exists()


def test_a_selection_of_several_is_marked_bookmarked_and_removed_together(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """Shift+Down selects several rows; the count says so; m marks them all read; the
    list's menu bookmarks them all as one undo step; Delete removes them all."""
    settle(window, qtbot)
    view = window.article_list
    view.setFocus()
    view.select_row(0)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    ids = view.selected_ids()
    assert len(ids) == 3 and ids == window.list_model.ids[:3]
    assert "3 selected" in window.list_pane.count_label.text()
    window.mark_read(ids, False)
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert all(window.list_model.is_read(i) for i in ids)
    qtbot.waitUntil(lambda: all(window.catalogue.is_read(i) for i in ids), timeout=5000)
    window.annotating._list_menu(ids[1], view.mapToGlobal(view.rect().center()))
    menu = window.annotating.last_menu
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert "Bookmark 3 Articles" in texts and "Remove 3 from Library…" in texts
    bookmark = next(a for a in menu.actions() if a.text() == "Bookmark 3 Articles")
    menu.close()
    bookmark.trigger()
    qtbot.waitUntil(
        lambda: all(window.list_model.bookmark_of(i) is not None for i in ids), timeout=10000
    )
    assert window.act_undo.text().endswith("Bookmark 3 Articles")
    window.act_undo.trigger()
    qtbot.waitUntil(
        lambda: all(window.list_model.bookmark_of(i) is None for i in ids), timeout=10000
    )
    asked: list[list[int]] = []
    monkeypatch.setattr(
        remover := window.remover, "confirm", lambda chosen: asked.append(chosen) or True
    )
    with qtbot.waitSignal(remover.removed, timeout=20000) as removed:
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert asked == [ids] and sorted(removed.args[0]) == sorted(ids)

"""Issue 11 through the real window: Manage Tags lists every tag with its count, renames
one on every bookmark (a Chinese name, committed as an input method commits it) and
deletes one after a confirmation naming how many bookmarks carry it; each is one Edit ›
Undo step, and the list's marks and the bookmarks view's tag filter follow."""

from __future__ import annotations

from reader.annotations.store import AnnotationStore
from reader.ui.annotations.tag_manager import RenameTagDialog, TagManagerDialog
from reader.ui.qt import QApplication, QInputMethodEvent, QMessageBox
from reader.ui.window.mainwindow import MainWindow
from tests.ui.conftest import settle

WAREHOUSE = "海外仓选址怎么算账?美西、美东与中部仓的成本对比"
RETURNS = "跨境退货怎么处理?二次销售、本地清算与销毁的取舍"


def ids(win: MainWindow) -> tuple[int, int]:
    titles = {r["title"]: int(r["id"]) for r in win.catalogue.list_articles()}
    return titles[WAREHOUSE], titles[RETURNS]


def open_manager(win: MainWindow, qtbot) -> TagManagerDialog:  # type: ignore[no-untyped-def]
    win.annotating.manage_tags()
    dialog = win.annotating.dialog
    assert isinstance(dialog, TagManagerDialog)
    settle(win, qtbot)
    return dialog


def shown(dialog: TagManagerDialog) -> list[str]:
    return [dialog.list.item(row).text() for row in range(dialog.list.count())]


def combo_tags(win: MainWindow) -> list[str]:
    combo = win.list_pane.tag_combo
    return [str(combo.itemData(i)) for i in range(1, combo.count())]


def test_rename_and_delete_a_tag_with_undo(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    warehouse, returns = ids(window)
    store = AnnotationStore(window.catalogue)
    store.bookmark(warehouse, "logistics, 仓储")
    store.bookmark(returns, "Logistics, returns")
    window.annotating.refresh_tags()
    settle(window, qtbot)

    dialog = open_manager(window, qtbot)
    assert shown(dialog) == ["logistics  (2)", "returns  (1)", "仓储  (1)"]

    # Rename… "logistics" to 物流: a Chinese name typed through an input method
    assert dialog.choose("LOGISTICS")
    dialog.rename_button.click()
    prompt = dialog.prompt
    assert isinstance(prompt, RenameTagDialog) and prompt.field.text() == "logistics"
    prompt.field.clear()
    prompt.field.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("物流，仓储")  # two tags: refused before it reaches the store
    QApplication.sendEvent(prompt.field, event)
    assert not prompt.buttons.buttons()[0].isEnabled() and prompt.problem.text()
    prompt.field.clear()
    event = QInputMethodEvent()
    event.setCommitString("物流")
    QApplication.sendEvent(prompt.field, event)
    assert prompt.field.text() == "物流" and not prompt.problem.text()
    prompt.save()
    settle(window, qtbot)
    assert store.get_bookmark(warehouse).tags == ("物流", "仓储")  # type: ignore[union-attr]
    assert store.get_bookmark(returns).tags == ("物流", "returns")  # type: ignore[union-attr]
    assert shown(dialog) == ["returns  (1)", "仓储  (1)", "物流  (2)"]
    assert sorted(combo_tags(window)) == sorted(["物流", "returns", "仓储"])
    assert window.list_model.bookmark_of(warehouse) == ("物流", "仓储")
    assert window.annotating.undo_stack.undoText() == "Rename Tag “logistics”"

    # Delete 仓储 after a confirmation naming how many bookmarks carry it
    assert dialog.choose("仓储")
    dialog.delete_button.click()
    box = dialog.confirm
    assert isinstance(box, QMessageBox) and "1 bookmark?" in box.text() and "仓储" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    settle(window, qtbot)
    assert store.get_bookmark(warehouse).tags == ("物流", "仓储")  # type: ignore[union-attr]
    dialog.delete_button.click()
    box = dialog.confirm
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    settle(window, qtbot)
    assert store.get_bookmark(warehouse).tags == ("物流",)  # type: ignore[union-attr]
    assert store.bookmarked_ids() == {warehouse, returns}  # the bookmarks stay
    assert shown(dialog) == ["returns  (1)", "物流  (2)"]
    assert "仓储" not in combo_tags(window)
    dialog.reject()

    # Edit › Undo: the tag comes back, then the old name; Redo renames again
    window.annotating.undo_stack.undo()
    settle(window, qtbot)
    assert store.get_bookmark(warehouse).tags == ("物流", "仓储")  # type: ignore[union-attr]
    assert "仓储" in combo_tags(window)
    window.annotating.undo_stack.undo()
    settle(window, qtbot)
    assert store.get_bookmark(warehouse).tags == ("logistics", "仓储")  # type: ignore[union-attr]
    assert store.get_bookmark(returns).tags == ("Logistics", "returns")  # type: ignore[union-attr]
    assert window.list_model.bookmark_of(returns) == ("Logistics", "returns")
    window.annotating.undo_stack.redo()
    settle(window, qtbot)
    assert store.get_bookmark(returns).tags == ("物流", "returns")  # type: ignore[union-attr]


def test_the_bookmarks_view_follows_a_renamed_tag(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    warehouse, returns = ids(window)
    store = AnnotationStore(window.catalogue)
    store.bookmark(warehouse, "仓储")
    store.bookmark(returns, "returns")
    window.annotating.refresh_tags()
    settle(window, qtbot)
    window.list_pane.bookmarks_button.setChecked(True)
    settle(window, qtbot)
    assert window.list_pane.choose_tag("仓储")
    settle(window, qtbot)
    assert window.list_model.ids == [warehouse]

    dialog = open_manager(window, qtbot)
    assert dialog.choose("仓储")
    dialog.changes.change("仓储", "returns")  # onto an existing tag: merged
    settle(window, qtbot)
    assert shown(dialog) == ["returns  (2)"]
    # the chosen tag is gone: the view shows every bookmark again
    assert window.list_pane.tag is None
    assert sorted(window.list_model.ids) == sorted([warehouse, returns])
    dialog.reject()

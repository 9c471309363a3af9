"""Issue 11 through the real window: a bookmark's tags split at Chinese separators too,
the list's quick filter folds scripts, widths and case as search does, and Esc in the
search field leaves it empty without its clear button.

Chinese text is committed as an input method commits it (``qtbot.keyClicks`` cannot type
it: see QT-NOTES)."""

from __future__ import annotations

from reader.annotations.store import AnnotationStore
from reader.search.analysis import fold
from reader.ui.annotations.dialogs import TagsDialog
from reader.ui.qt import QApplication, QInputMethodEvent, QLineEdit, Qt, QToolButton
from reader.ui.window.mainwindow import MainWindow
from tests.ui.conftest import id_of, settle

WAREHOUSE = "海外仓选址怎么算账?美西、美东与中部仓的成本对比"
RETURNS = "跨境退货怎么处理?二次销售、本地清算与销毁的取舍"


def commit_text(widget: QLineEdit, text: str) -> None:
    """Type *text* at the cursor as an input method commits it."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def tags_dialog(win: MainWindow, qtbot, title: str) -> TagsDialog:  # type: ignore[no-untyped-def]
    article_id = id_of(win, title)
    with qtbot.waitSignal(win.annotating.articleAnnotationsShown, timeout=10000):
        assert win.open_article(article_id)
    win.act_edit_tags.trigger()
    found = win.annotating.dialog
    assert isinstance(found, TagsDialog), f"expected the tags dialog, got {found!r}"
    return found


def save(win: MainWindow, qtbot, dialog: TagsDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(win.annotating.articleAnnotationsShown, timeout=10000):
        dialog.save()


# -- bug 5: tags ------------------------------------------------------------------------


def test_the_tags_dialog_splits_at_chinese_commas_and_semicolons(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    dialog = tags_dialog(window, qtbot, RETURNS)
    dialog.field.clear()
    commit_text(dialog.field, "电商，营销")
    qtbot.keyClicks(dialog.field, ", tiktok; ")
    commit_text(dialog.field, "物流、退货；海关")
    assert dialog.field.text() == "电商，营销, tiktok; 物流、退货；海关"
    save(window, qtbot, dialog)
    bookmark = AnnotationStore(window.catalogue).get_bookmark(id_of(window, RETURNS))
    assert bookmark is not None
    assert bookmark.tags == ("电商", "营销", "tiktok", "物流", "退货", "海关")
    # the article's meta line lists them one by one
    assert "电商, 营销, tiktok, 物流, 退货, 海关" in window.reader.browser.toPlainText()

    # The completer completes the tag after the last separator, whichever it is, and
    # keeps what was typed before it.
    dialog = tags_dialog(window, qtbot, WAREHOUSE)
    completer = dialog.field.completer()
    model = completer.model()
    known = {model.index(row, 0).data(): model.index(row, 0) for row in range(model.rowCount())}
    assert "物流" in known, "the tags just saved are offered"
    for typed, kept in (("电商，物", "电商，"), ("电商、物", "电商、"), ("trade; 物", "trade; ")):
        dialog.field.clear()
        commit_text(dialog.field, typed)
        assert completer.splitPath(dialog.field.text()) == ["物"]
        assert completer.pathFromIndex(known["物流"]) == kept + "物流"
    dialog.reject()


# -- bug 10: the quick filter -------------------------------------------------------------


def shown_ids(win: MainWindow) -> set[int]:
    return set(win.list_model.ids)


def filter_by(win: MainWindow, qtbot, text: str) -> set[int]:  # type: ignore[no-untyped-def]
    """Type *text* into the filter box (through an input method) and wait for the list."""
    win.filter_field.clear()
    settle(win, qtbot)
    with qtbot.waitSignal(win.listReloaded, timeout=10000):
        commit_text(win.filter_field, text)
    return shown_ids(win)


def expected(win: MainWindow, word: str) -> set[int]:
    """The articles whose title or site holds *word* in any script, width or case."""
    wanted = fold(word)
    return {
        int(row["id"])
        for row in win.catalogue.list_articles()
        if wanted in fold(row["title"]) or wanted in fold(row["site"] or "")
    }


def test_the_quick_filter_folds_scripts_widths_and_case(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    articles = window.catalogue.list_articles()
    simplified = {int(r["id"]) for r in articles if "电商" in r["title"] + (r["site"] or "")}
    traditional = {int(r["id"]) for r in articles if "電商" in r["title"] + (r["site"] or "")}
    assert simplified and traditional, "the sample library has both spellings"

    traditional_typed = filter_by(window, qtbot, "電商")
    simplified_typed = filter_by(window, qtbot, "电商")
    assert traditional_typed == simplified_typed == simplified | traditional
    assert traditional_typed == expected(window, "电商")
    assert "of 20 articles" in window.list_pane.count_label.text()

    # full-width and upper case Latin: "TikTok出海资讯" is a site
    tiktok = filter_by(window, qtbot, "ＴＩＫＴＯＫ")
    assert tiktok and tiktok == expected(window, "tiktok") == filter_by(window, qtbot, "tiktok")

    # two words, one in each script, must both occur
    both = filter_by(window, qtbot, "電商 物流")
    assert both and both == expected(window, "电商") & expected(window, "物流")

    # Esc clears the filter: every article again
    with qtbot.waitSignal(window.listReloaded, timeout=10000):
        qtbot.keyClick(window.filter_field, Qt.Key.Key_Escape)
    assert window.list_model.rowCount() == len(articles)


# -- bug 11 (part): Esc in the search field ----------------------------------------------


def clear_button(field: QLineEdit) -> QToolButton:
    buttons = field.findChildren(QToolButton)
    assert len(buttons) == 1, buttons
    return buttons[0]


def test_escape_in_the_search_field_clears_it_and_hides_its_clear_button(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    field = window.search_field
    button = clear_button(field)
    assert not button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.searchFinished, timeout=20000):
        qtbot.keyClicks(field, "freight")
    assert window.left.currentWidget() is window.search_panel
    qtbot.waitUntil(button.isVisible, timeout=3000)

    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == ""
    assert window.left.currentWidget() is window.list_pane
    assert window.article_list.hasFocus()
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=3000)  # it fades out

    # and searching again brings it back, as for any text
    with qtbot.waitSignal(window.searchFinished, timeout=20000):
        field.setFocus()
        qtbot.keyClicks(field, "port")
    qtbot.waitUntil(button.isVisible, timeout=3000)

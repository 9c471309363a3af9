"""Preferences, export and print of the open article, full-screen reading and the folder
dialog's memory, through the real window (issue 11, "what readers expect")."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.ui.qt import QFileDialog, Qt
from reader.ui.window.mainwindow import MainWindow
from reader.ui.window.preferences import PreferencesDialog
from tests.ui.conftest import make_window


def _open_first(window: MainWindow, qtbot) -> int:  # type: ignore[no-untyped-def]
    article_id = window.list_model.id_at(0)
    assert article_id is not None and window.open_article(article_id)
    qtbot.waitUntil(lambda: window.annotating.shown is not None, timeout=10000)
    return article_id


def test_preferences_change_the_reader_at_once_and_are_kept(
    window: MainWindow, qtbot, library: Path
) -> None:  # type: ignore[no-untyped-def]
    _open_first(window, qtbot)
    window.act_preferences.trigger()
    dialog = window.preferences
    assert isinstance(dialog, PreferencesDialog) and dialog.isVisible()
    before = window.reader.font_px
    dialog.font_size.setValue(22.0)
    assert window.reader.base_font_px == 22.0 and window.reader.font_px > before
    dialog.line_width.setValue(50)
    assert window.reader.measure_em == 50
    dialog.automatic_line.setChecked(False)
    dialog.line_height.setValue(2.0)
    assert window.reader.line_height == 2.0
    assert "line-height: 44px" in window.reader._html()  # 22 px x 2.0
    # kept: a new window over the same settings starts with them
    window.settings.sync()
    again = make_window(library)
    qtbot.addWidget(again)
    assert (again.reader.base_font_px, again.reader.measure_em) == (22.0, 50)
    assert again.reader.line_height == 2.0
    # and Restore Defaults puts the shipped look back
    buttons = dialog.findChildren(type(dialog.add_button))
    next(b for b in buttons if "Defaults" in b.text()).click()
    assert (window.reader.base_font_px, window.reader.measure_em) == (17.0, 36)
    assert window.reader.line_height == 0.0
    assert dialog.folders.count() == len(window.catalogue.roots()) >= 1


def test_export_the_open_article_as_markdown_html_and_pdf(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    article_id = _open_first(window, qtbot)
    article = window.reader.article
    assert article is not None
    quote = article.paragraphs[0][:12]
    AnnotationStore(window.catalogue).annotate_quote(article_id, quote, note="why it matters")
    other = window.list_model.id_at(1)
    assert other is not None and window.open_article(other)  # away and back: read afresh
    window.open_article(article_id)
    qtbot.waitUntil(
        lambda: (
            window.annotating.shown is not None
            and window.annotating.shown.article_id == article_id
            and bool(window.annotating.shown.annotations)
        ),
        timeout=10000,
    )
    md = window.export_article("md", str(tmp_path / "a.md"))
    assert md is not None
    text = md.read_text(encoding="utf-8")
    assert "why it matters" in text and "==" in text and "[^1]" in text
    page = window.export_article("html", str(tmp_path / "a.html"))
    assert page is not None and "<mark" in page.read_text(encoding="utf-8")
    pdf = window.export_article("pdf", str(tmp_path / "a.pdf"))
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert window.settings.last_folder == str(tmp_path)


def test_export_with_nothing_open_says_so(window: MainWindow, tmp_path: Path) -> None:
    window.reader.show_message("Nothing open", [])
    assert window.export_article("md", str(tmp_path / "x.md")) is None
    assert not (tmp_path / "x.md").exists()


def test_full_screen_shows_only_the_article_and_comes_back(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open_first(window, qtbot)
    window.act_all_highlights.trigger()
    assert window.left.isVisible() and window.toolbar.isVisible()
    window.act_full_screen.trigger()
    assert window.isFullScreen()
    assert not window.left.isVisible() and not window.toolbar.isVisible()
    assert not window.statusBar().isVisible() and not window.menuBar().isVisible()
    assert window.reader.isVisible()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_F11)  # the menu bar is hidden: F11 still

    assert not window.isFullScreen()
    assert window.left.isVisible() and window.toolbar.isVisible()
    assert window.statusBar().isVisible() and window.menuBar().isVisible()


def test_the_folder_dialog_starts_where_the_last_one_was(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = tmp_path / "archives"
    chosen = parent / "first"
    chosen.mkdir(parents=True)
    starts: list[str] = []

    def pick(_parent, _title, start, _options):  # type: ignore[no-untyped-def]
        starts.append(start)
        return str(chosen) if len(starts) == 1 else ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(pick))
    window.add_archive_folder()
    window.add_archive_folder()
    assert starts[1] == str(parent)


def test_manage_tags_is_in_the_edit_menu(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.act_manage_tags in edit.actions()
    window.act_manage_tags.trigger()
    from reader.ui.annotations.tag_manager import TagManagerDialog

    qtbot.waitUntil(
        lambda: any(w.isVisible() for w in window.findChildren(TagManagerDialog)), timeout=5000
    )
    for dialog in window.findChildren(TagManagerDialog):
        dialog.close()


def test_removing_a_folder_in_preferences_takes_its_articles_out_but_not_off_disk(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.qt import QMessageBox
    from tests.annotations.conftest import write_trade

    extra = tmp_path / "extra"
    written = write_trade(extra)
    with qtbot.waitSignal(window.jobFinished, timeout=30000):
        window.add_archive_folder(str(extra))
    qtbot.waitUntil(lambda: str(extra) in window.catalogue.roots(), timeout=10000)
    count = window.catalogue.count()
    dialog = window.show_preferences()
    row = next(i for i in range(dialog.folders.count()) if "extra" in dialog.folders.item(i).text())
    dialog.folders.setCurrentRow(row)
    asked: list[str] = []

    def answer(*args):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    with qtbot.waitSignal(window.jobFinished, timeout=30000):
        dialog.remove_button.click()
    assert asked and "stay on disk" in asked[0]
    assert str(extra) not in window.catalogue.roots()
    assert window.catalogue.count() == count - 1
    assert written.exists()  # never off the disk
    qtbot.waitUntil(lambda: dialog.folders.count() == len(window.catalogue.roots()), timeout=5000)


def test_remove_from_library_is_in_the_lists_menu_and_wired(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import settle

    article_id = _open_first(window, qtbot)
    window.annotating._list_menu(
        article_id, window.article_list.mapToGlobal(window.rect().center())
    )
    menu = window.annotating.last_menu
    assert menu is not None and window.article_list.remove_action in menu.actions()
    menu.close()
    monkeypatch.setattr(window.remover, "confirm", lambda ids: True)  # (the box: its own test)
    before = window.catalogue.count()
    window.article_list.setFocus()
    with qtbot.waitSignal(window.remover.removed, timeout=20000):
        window.article_list.remove_selected_articles()
    settle(window, qtbot)
    assert window.catalogue.count() == before - 1
    assert window.reader.article is None  # the removed article gave way

"""The window in Chinese: every menu, action, toolbar button, status widget and dialog
button speaks it once the translations are loaded; English stays the default.

The translations are compiled from the committed .ts into a temporary folder (the test
does not depend on a build having run), installed the way the app's start does
(``reader.ui.i18n.install``), and taken out again afterwards, with the locale the
session had, so the other tests keep their English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.ui import i18n
from reader.ui.i18n import update_translations as tool
from reader.ui.qt import (
    QAction,
    QApplication,
    QDialogButtonBox,
    QLocale,
    QMenu,
    QMessageBox,
    QPushButton,
    Qt,
    QToolButton,
)
from reader.ui.window.mainwindow import MainWindow
from reader.ui.window.settings import Settings
from tests.ui.conftest import make_window, settle

CJK = re.compile(r"[\u3400-\u9fff]")
# Not words: symbols and key names, and each language offered by its own name.
NOT_WORDS = re.compile(r"[^A-Za-z]*|English")


def chinese_window(speak: object, language: str, library: Path, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    speak(language)  # type: ignore[operator]
    win = make_window(library)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def menu_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield action
        if action.menu() is not None:
            yield from menu_actions(action.menu())  # type: ignore[arg-type]


def english_left(texts: list[str]) -> list[str]:
    """The texts that carry a word and no Chinese."""
    return [t for t in texts if not CJK.search(t) and not NOT_WORDS.fullmatch(t.strip())]


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_menus_toolbar_and_status_speak_chinese(language: str, speaking, library, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = chinese_window(speaking, language, library, qtbot)
    try:
        settle(win, qtbot)
        texts = []
        for top in win.menuBar().actions():
            texts.append(top.text())
            texts += [a.text() for a in menu_actions(top.menu())]  # type: ignore[arg-type]
            texts += [a.toolTip() for a in menu_actions(top.menu()) if a.statusTip()]  # type: ignore[arg-type]
        texts += [a.iconText() for a in win.toolbar.actions() if not a.isSeparator()]
        texts += [win.search_field.placeholderText(), win.filter_field.placeholderText()]
        pane = win.list_pane
        texts += [pane.unread_button.text(), pane.bookmarks_button.text()]
        texts += [pane.unread_button.toolTip(), pane.count_label.text(), win.unread_label.text()]
        texts += [win.progress.cancel.text(), win.status_report.details_button.text()]
        model = win.list_model
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(3)]
        assert len(texts) > 90
        assert english_left(texts) == []
        # the numbers and plurals follow the language: "20 篇文章"
        assert "20" in pane.count_label.text() and "篇" in pane.count_label.text()
        # a language is offered by its own name, the system choice translated
        languages = [a.text() for a in win.language_actions.values()]
        assert "English" in languages and "简体中文" in languages and "繁體中文" in languages
    finally:
        win.close()


def test_an_open_article_and_the_dialogs_speak_chinese(speaking, library, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = chinese_window(speaking, "zh_CN", library, qtbot)
    try:
        settle(win, qtbot)
        first = win.list_model.id_at(0)
        assert first is not None
        win.open_article(first)
        settle(win, qtbot)
        html = win.reader.browser.toHtml()
        assert "存档中的相似文章" in html  # "Similar in the archive"
        assert CJK.search(win.reading_label.text()), win.reading_label.text()

        # Preferences: its tabs, labels and Qt's own Close button
        dialog = win.show_preferences()
        texts = [b.text() for b in dialog.findChildren(QPushButton)]
        texts += [b.text() for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()]
        assert texts and english_left(texts) == [], texts
        dialog.close()

        # a message box's standard buttons come from Qt's own translations (qtbase_zh_CN)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "t",
            "t",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            win,
        )
        buttons = [b.text() for b in box.buttons()]
        assert english_left(buttons) == [], buttons
        box.deleteLater()

        # Help: the search syntax and About, in Chinese
        win.act_search_syntax.trigger()
        syntax = win.syntax_dialog
        assert syntax is not None and syntax.windowTitle() == "搜索语法"
        assert "date:2024-05" in syntax.text() and "is:unread" in syntax.text()
        assert "精确短语" in syntax.text()
        syntax.close()
        win.act_about.trigger()
        about = win.last_message
        assert about is not None and "关于" in about.windowTitle()
        about.close()

        # the find bar and the list's context-menu words
        win.reader.open_find()
        bar = win.reader.find_bar
        texts = [bar.field.placeholderText(), bar.previous.toolTip(), bar.next.toolTip()]
        texts += [b.toolTip() for b in bar.findChildren(QToolButton)]
        assert english_left(texts) == [], texts
    finally:
        win.close()


def test_the_language_follows_the_system_locale() -> None:
    cases = {
        "zh_CN": "zh_CN",
        "zh_SG": "zh_CN",
        "zh_Hans": "zh_CN",
        "zh_Hans_HK": "zh_CN",
        "zh_TW": "zh_TW",
        "zh_HK": "zh_TW",
        "zh_MO": "zh_TW",
        "zh_Hant": "zh_TW",
        "en_US": "en",
        "de_DE": "en",
        "C": "en",
    }
    for name, language in cases.items():
        assert i18n.resolve("system", QLocale(name)) == language, name
    # a choice in View › Language wins over the locale; a bad setting means "system"
    assert i18n.resolve("zh_TW", QLocale("en_US")) == "zh_TW"
    assert i18n.resolve("klingon", QLocale("zh_HK")) == "zh_TW"


def test_english_plurals_need_no_translation_file(qapp: QApplication) -> None:
    """The tests and a never-built checkout run with no translator: "(s)" still reads."""
    assert i18n.translate("MainWindow", "%Ln article(s)", "", 1) == "1 article"
    assert i18n.translate("MainWindow", "%Ln article(s)", "", 3) == "3 articles"


def test_numbers_dates_and_plurals_follow_the_language(speaking) -> None:  # type: ignore[no-untyped-def]
    speaking("zh_CN")  # type: ignore[operator]
    assert i18n.translate("MainWindow", "%Ln article(s)", "", 1234) == "1,234 篇文章"
    assert i18n.date_label("2023-03-14") == "2023年3月14日"
    assert i18n.date_label("2023-03") == "2023-03"  # a partial date as written
    speaking("en")  # type: ignore[operator]
    assert i18n.date_label("2023-03-14") == "2023-03-14"
    assert i18n.number(1234) == "1,234"


def test_view_language_is_remembered_and_applies_at_the_next_start(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.language_actions["system"].isChecked()
    window.language_actions["zh_TW"].trigger()
    assert window.settings.language == "zh_TW"
    assert Settings(window.settings.path.parent).language == "zh_TW"  # on disk
    message = window.statusBar().currentMessage()
    assert "繁體中文" in message and "started again" in message  # both languages
    # English (the running language) again: nothing to restart for
    window.language_actions["en"].trigger()
    assert "already" in window.statusBar().currentMessage()


def test_about_names_the_versions_and_the_folders(window) -> None:  # type: ignore[no-untyped-def]
    import platform

    import PySide6

    from reader import __version__

    window.act_about.trigger()
    text = window.last_message.text()
    for part in (__version__, PySide6.__version__, platform.python_version(), "Whoosh", "Qt"):
        assert part in text, part
    assert str(window.data_dir) in text and str(window.settings.path.parent) in text
    window.last_message.close()
    window.act_search_syntax.trigger()
    syntax = window.syntax_dialog.text()
    for example in (
        '"supply chain"',
        "-双十一",
        "OR",
        "site:",
        "title:",
        "lang:",
        "date:2024-05",
    ):
        assert example in syntax, example
    assert "is:unread" in syntax and "海外倉" in syntax  # both scripts


@pytest.mark.parametrize(("lang", "file_menu"), [("zh_CN.UTF-8", "文件"), ("zh_HK.UTF-8", "檔案")])
def test_a_chinese_system_locale_starts_chinese(lang: str, file_menu: str, tmp_path: Path) -> None:
    """``LANG=zh_CN.UTF-8 reader``: Qt reads the locale, the start installs Chinese (the
    app's and Qt's own strings); run in a process of its own, as a start is."""
    import os
    import subprocess
    import sys

    for ts in tool.ts_files():
        tool.lrelease(ts, tmp_path / ts.with_suffix(".qm").name)
    code = (
        "from pathlib import Path\n"
        "from reader.ui import i18n\n"
        "from reader.ui.app import create_app\n"
        "app = create_app([])\n"
        f"print(i18n.install(app, 'system', folder=Path({str(tmp_path)!r})))\n"
        "print(i18n.translate('Actions', '&File'))\n"
        "print(i18n.translate('QPlatformTheme', 'Cancel'))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANGUAGE"))}
    env |= {"LANG": lang, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    language, menu, cancel = out.stdout.split()[-3:]
    assert language == lang.split(".")[0].replace("zh_HK", "zh_TW")
    assert menu.startswith(file_menu) and cancel == "取消"

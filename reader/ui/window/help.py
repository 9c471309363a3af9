"""Help › Search Syntax and the About box: the pages, as rich text for ``show_message``.

The search syntax is the query language of ``reader.search.query`` (its module doc and
the README's "Searching" table are the reference): each row an example to type and what
it finds. The examples are written in both scripts, Simplified and Traditional, because
either finds the other; only the explanations are translated.
"""

from __future__ import annotations

import html
import platform
from pathlib import Path

from reader.ui.i18n import QT_TRANSLATE_NOOP, translate
from reader.ui.qt import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

HELP_SIZE = (760, 660)
# (what to type, what it finds): the examples are literal; the second column is translated.
SEARCH_SYNTAX = (
    (
        "跨境电商  物流 关税  shipping costs",
        QT_TRANSLATE_NOOP(
            "SearchSyntax", "Articles holding every word, in the title or the text; best first."
        ),
    ),
    (
        "超商取货 / 超商取貨",
        QT_TRANSLATE_NOOP(
            "SearchSyntax",
            "Either script: Simplified and Traditional forms find each other, Taiwan and "
            "Hong Kong variants too.",
        ),
    ),
    (
        "际贸",
        QT_TRANSLATE_NOOP(
            "SearchSyntax",
            "Any run of two or more Chinese characters that occurs in the text, even "
            "across word boundaries (国际贸易).",
        ),
    ),
    (
        '"supply chain"  "简化出口申报"  "簡化出口申報"',
        QT_TRANSLATE_NOOP("SearchSyntax", "An exact phrase, in double quotes."),
    ),
    (
        "海外仓 -双十一  海外倉 -雙十一",
        QT_TRANSLATE_NOOP("SearchSyntax", "A minus (or NOT) leaves out articles with the word."),
    ),
    (
        "海外仓 OR 保税仓  (跨境 OR cross-border) 物流",
        QT_TRANSLATE_NOOP(
            "SearchSyntax", "Either word; parentheses group (words are joined by AND otherwise)."
        ),
    ),
    (
        "ships  logist*",
        QT_TRANSLATE_NOOP(
            "SearchSyntax",
            "English by stem (ships, shipping, shipped) and, with *, by prefix.",
        ),
    ),
    (
        "title:海外仓  title:海外倉",
        QT_TRANSLATE_NOOP("SearchSyntax", "The word in the title."),
    ),
    (
        "site:example.com  site:亚马逊资讯",
        QT_TRANSLATE_NOOP("SearchSyntax", "Articles from one site (its address or its name)."),
    ),
    (
        "lang:zh-hant  lang:zh-hans  lang:en",
        QT_TRANSLATE_NOOP(
            "SearchSyntax", "Articles in a language: Traditional or Simplified Chinese, English."
        ),
    ),
    (
        "date:2024  date:2024-05  date:2023-01..2023-06  date:..2022",
        QT_TRANSLATE_NOOP(
            "SearchSyntax",
            "A year, a month, a range, or everything up to a date (an undated article "
            "matches none).",
        ),
    ),
    (
        "is:unread  is:read  is:bookmarked  is:annotated",
        QT_TRANSLATE_NOOP(
            "SearchSyntax", "Your reading state, bookmarks and highlighted articles."
        ),
    ),
    (
        "tag:物流  tag:海关  tag:海關",
        QT_TRANSLATE_NOOP("SearchSyntax", "Bookmarks with a tag."),
    ),
    (
        "in:notes 询价  in:notes 詢價",
        QT_TRANSLATE_NOOP("SearchSyntax", "Words in your own notes and highlights."),
    ),
)


def search_syntax_html() -> str:
    """Help › Search Syntax: the examples table and the rules that are not a row."""
    # one example a line (they are written two spaces apart), never broken inside
    rows = "".join(
        "<tr><td style='padding:3px 14px 3px 0; white-space:nowrap'><code>"
        + "<br>".join(html.escape(e) for e in example.split("  "))
        + "</code></td>"
        f"<td style='padding:3px 0'>{html.escape(translate('SearchSyntax', what))}</td></tr>"
        for example, what in SEARCH_SYNTAX
    )
    intro = translate(
        "SearchSyntax",
        "Press <b>Ctrl+K</b> (or <b>/</b>) and type. Searching works offline over the "
        "whole library, in Chinese and English; filters combine with words and with "
        "each other.",
    )
    notes = translate(
        "SearchSyntax",
        "Case, full-width forms and accents do not matter (ＶＩＰ finds VIP, cafe finds "
        "café). A query with a mistake, such as an open quote, still searches for its "
        "words. Common English words (the, of, to) are skipped outside quotes. "
        "Results come best match first; the list above them can sort them newest first.",
    )
    return f"<p>{intro}</p><table>{rows}</table><p>{notes}</p>"


class HelpDialog(QDialog):
    """A page of help beside the window: a table wider and longer than a message box
    holds, scrollable and resizable, and it does not block reading."""

    def __init__(self, parent: QWidget | None, title: str, page: str) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(*HELP_SIZE)

    def text(self) -> str:
        return self.browser.toPlainText()


def versions() -> list[tuple[str, str]]:
    """The app's and its main parts' versions, for the About box and bug reports."""
    from importlib.metadata import PackageNotFoundError, version

    import PySide6
    from PySide6 import QtCore

    from reader import __version__

    def installed(*names: str) -> str:
        for name in names:
            try:
                return version(name)
            except PackageNotFoundError:
                continue
        return "?"

    return [
        ("Archive Reader", __version__),
        ("Qt", QtCore.qVersion()),
        ("PySide6", PySide6.__version__),
        ("Whoosh", installed("whoosh-reloaded", "Whoosh")),
        ("Python", platform.python_version()),
    ]


def about_html(data_dir: Path, settings_dir: Path) -> str:
    """The About box: what the app is, the versions, and where its data lives."""
    (name, app_version), *parts = versions()
    listed = "<br>".join(f"{html.escape(n)} {html.escape(v)}" for n, v in parts)
    what = translate(
        "About",
        "Read and search your own offline archive of saved news articles. Nothing is "
        "fetched from the network.",
    )
    data = translate("About", "Library data (catalogue, index, highlights, backups):")
    settings = translate("About", "Settings:")
    title = translate("About", "Archive Reader {version}").format(version=app_version)
    return (
        f"<b>{html.escape(title)}</b><p>{what}</p>"
        f"<p>{listed}</p>"
        f"<p>{data}<br><code>{html.escape(str(data_dir))}</code></p>"
        f"<p>{settings}<br><code>{html.escape(str(settings_dir))}</code></p>"
    )

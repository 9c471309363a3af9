"""Fixtures for driving the real window offscreen over a copy of the sample library.

The sample archive is imported and indexed once per session into a template folder;
each test gets a fresh copy, so tests can change the library (read marks, imports)
without seeing each other.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.article import Article, Block, Link
from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.paths import config_dir
from reader.search.sync import open_engine, sync_index
from reader.ui import i18n
from reader.ui.i18n import update_translations
from reader.ui.qt import QApplication, QLocale, QPoint, Qt, QTextCursor
from reader.ui.window.mainwindow import MainWindow
from reader.ui.window.settings import Settings
from tests.conftest import SAMPLE_ARCHIVE

SAMPLE_COUNT = 20


@pytest.fixture
def speaking(qapp: QApplication, tmp_path: Path) -> Iterator[object]:
    """A function that switches the app to a language: the translations are compiled
    from the committed .ts into a temporary folder (no build needed) and installed as
    the app's start does; English and the session's locale come back at the end."""
    folder = tmp_path / "qm"
    folder.mkdir()
    for ts in update_translations.ts_files():
        update_translations.lrelease(ts, folder / ts.with_suffix(".qm").name)
    before = QLocale()

    def speak(language: str) -> None:
        i18n.install(qapp, language, folder=folder)

    yield speak
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("sample-library")
    with Catalogue(data / "catalogue.sqlite3") as catalogue:
        import_paths(catalogue, [SAMPLE_ARCHIVE])
        engine = open_engine(data)
        sync_index(catalogue, engine)
        engine.close()
    return data


@pytest.fixture
def library(sample_template: Path, data_dir: Path) -> Path:
    shutil.copytree(sample_template, data_dir)
    return data_dir


def make_window(data: Path) -> MainWindow:
    return MainWindow(data, Settings(config_dir(data)))


@pytest.fixture
def window(qtbot, library: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = make_window(library)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def settle(win: MainWindow, qtbot, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Let every background service finish and its answers reach the GUI thread."""
    deadline = time.monotonic() + timeout
    for _ in range(3):
        for service in (
            win.list_queries,
            win.search_service,
            win.state_writer,
            win.annotating.service,
            win.remover,
        ):
            assert service.wait_idle(max(0.1, deadline - time.monotonic()))
        qtbot.wait(20)
        QApplication.processEvents()


def id_of(win: MainWindow, title: str) -> int:
    for row in win.catalogue.list_articles():
        if row["title"] == title:
            return int(row["id"])
    raise AssertionError(f"no article titled {title!r}")


def anchor_point(win: MainWindow, href: str) -> QPoint:
    """Where on the reader's viewport the link to *href* is drawn (to click it)."""
    browser = win.reader.browser
    document = browser.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isAnchor() and fmt.anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + max(1, fragment.length() // 2))
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                rect = browser.cursorRect(cursor)
                return QPoint(rect.center().x(), rect.center().y())
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href!r} on the page")


def hrefs(win: MainWindow) -> list[str]:
    out = []
    block = win.reader.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                out.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return out


def click_link(win: MainWindow, qtbot, href: str) -> None:  # type: ignore[no-untyped-def]
    point = anchor_point(win, href)
    viewport = win.reader.browser.viewport()
    qtbot.mouseMove(viewport, point)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)


def add_article(
    data: Path,
    title: str,
    links: list[Link],
    *,
    body: list[str] | None = None,
    language: str = "en",
    path: str | None = None,
) -> int:
    """Put an article straight into the catalogue (for links no parser would produce)."""
    article = Article(
        title=title,
        blocks=[Block("p", t) for t in (body or ["Body text."])],
        date="2024-05-05",
        site="Test Site",
        source_url=None,
        language=language,
        links=links,
    )
    with Catalogue(data / "catalogue.sqlite3") as catalogue, catalogue.transaction() as db:
        return catalogue.upsert_article(
            db,
            article,
            path=path or f"/virtual/{title}.txt",
            size=1,
            mtime_ns=1,
            content_hash=title,
        )

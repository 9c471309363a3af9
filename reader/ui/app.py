"""Start the desktop app: ``reader`` with no sub-command lands here.

Start-up is on the clock (the list must be on screen within half a second at 100,000
articles), so only what the first paint needs is done before ``show()``: Qt, the
catalogue, the first page of list rows. The importer, the search engine (Whoosh and the
Chinese segmenter take ~0.6 s to import) and the re-scan of the archive folders all start
after the window is up, in background threads.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence

from reader import paths
from reader.errors import ReaderError
from reader.ui import i18n
from reader.ui.error_text import message_text
from reader.ui.qt import QApplication, QEvent, QIcon, QMessageBox, QObject, Qt, QTimer, QWidget
from reader.ui.window import theme
from reader.ui.window.fonts import ui_font
from reader.ui.window.mainwindow import APP_TITLE, MainWindow
from reader.ui.window.messages import app_title, install_excepthook
from reader.ui.window.settings import Settings
from reader.ui.window.upgrade import upgrade_library


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Worker threads (search, import) hold the GIL for up to the switch interval each
    # time the GUI thread wants it back; 5 ms by default, paid on every Python call Qt
    # makes (model data, paint). 1 ms keeps typing smooth for a small cost to the workers.
    sys.setswitchinterval(0.001)
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setDesktopFileName("archive-reader")
    # The icon drawn for the app (reader/resources/icons), every size: the title bar, the
    # task switcher and the dock each take the one that fits.
    icon = QIcon()
    for size in paths.ICON_SIZES:
        icon.addFile(str(paths.icon_path(size)))
    app.setWindowIcon(icon)
    # The interface font gets a Simplified Chinese fallback (titles in the list).
    app.setFont(ui_font("zh-Hans", app.font()))
    return app


def build_window(data_dir: str | os.PathLike[str] | None = None) -> MainWindow:
    """The window over the library in *data_dir* (default: the per-user data folder)."""
    settings = Settings(paths.config_dir(data_dir))
    theme.apply_theme(settings.theme)
    return MainWindow(paths.data_dir(data_dir), settings)


class _AfterFirstPaint(QObject):
    """Runs *then* once the list has been painted (or after a second, if it never is).

    Reopening the last article and starting the re-scan and the search engine (its
    imports alone take ~0.6 s of CPU in another thread, competing for the GIL) before the
    first paint delayed it by a fifth; after it, nobody waits for them. The filter
    removes itself, so it costs nothing later.
    """

    def __init__(self, watched: QWidget, then: Callable[[], None]) -> None:
        super().__init__(watched)
        self._watched = watched
        self._then: Callable[[], None] | None = then
        watched.installEventFilter(self)
        QTimer.singleShot(1000, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        if self._then is not None:
            then, self._then = self._then, None
            self._watched.removeEventFilter(self)
            then()


def start(window: MainWindow) -> None:
    """Show the window, then start what can wait until it is on screen."""

    def after_paint() -> None:
        window.restore_last_article()
        QTimer.singleShot(30, window.start_background)

    # The table when there are rows; the empty-state page when there are none.
    shown = window.list_pane.stack.currentWidget()
    target = window.article_list.viewport() if shown is window.article_list else shown
    if target is None:
        target = window
    window.first_paint_watch = _AfterFirstPaint(target, after_paint)
    window.show()


def main(data_dir: str | os.PathLike[str] | None = None, argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = create_app(argv)
    # Before any window or dialog (the upgrade's too): every label is made translated.
    i18n.install(app, Settings(paths.config_dir(data_dir)).language)
    app.setApplicationDisplayName(app_title())
    install_excepthook()
    try:
        if not upgrade_library(paths.data_dir(data_dir)):
            return 0  # cancelled: the library is as it was; the next start offers it again
        window = build_window(data_dir)
    except ReaderError as exc:
        # Plain text: the message names paths, which may hold '<' or '&'.
        box = QMessageBox(QMessageBox.Icon.Critical, app_title(), message_text(str(exc)))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return 2
    start(window)
    return int(app.exec())

"""What a reader does with the open article beyond reading it, and how the window reads.

Export it (Markdown or HTML with the highlights and notes, ``annotations.article_export``;
PDF through Qt's printer, highlights as painted), print it, read it full screen without
the list, toolbar and status bar (F11), and Preferences (Ctrl+,). A mixin of
``MainWindow``, like ``navigation`` and ``job_control``; what it uses of the rest of the
window is declared at the top of the class.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reader.annotations.model import Annotation
from reader.catalogue import Catalogue
from reader.ui.annotations.controller import AnnotationController
from reader.ui.i18n import QT_TRANSLATE_NOOP, translate
from reader.ui.qt import QDockWidget, QFileDialog, QStackedWidget, QToolBar, QWidget
from reader.ui.reading.pane import ReaderPane
from reader.ui.window.host import MixinBase
from reader.ui.window.preferences import PreferencesDialog, ReadingPrefs
from reader.ui.window.settings import Settings

EXPORT_FORMATS = {
    "md": ("Markdown", QT_TRANSLATE_NOOP("ReadingTools", "Markdown (*.md)")),
    "html": ("HTML", QT_TRANSLATE_NOOP("ReadingTools", "Web page (*.html)")),
    "pdf": ("PDF", QT_TRANSLATE_NOOP("ReadingTools", "PDF (*.pdf)")),
}
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_stem(title: str) -> str:
    """A file name from an article's title: no path separators or characters Windows
    refuses, not empty, not absurdly long."""
    stem = _UNSAFE_NAME.sub(" ", title).strip(" .")[:80].strip()
    return stem or "article"


class ReadingToolsMixin(MixinBase):
    # Made by MainWindow:
    catalogue: Catalogue
    settings: Settings
    data_dir: Path
    reader: ReaderPane
    left: QStackedWidget
    toolbar: QToolBar
    annotating: AnnotationController
    preferences: PreferencesDialog | None
    _full_screen_hidden: list[QWidget]
    _was_maximized: bool

    if TYPE_CHECKING:

        def _status(self, text: str, timeout: int = 0) -> None: ...
        def set_theme(self, mode: str) -> None: ...
        def add_archive_folder(self, path: str | None = None) -> None: ...
        def rescan_folders(self) -> None: ...
        def remove_folder(self, root: str, *, confirm: bool = True) -> bool: ...

    # -- export and print --------------------------------------------------------------

    def _open_annotations(self) -> list[Annotation]:
        shown = self.annotating.shown
        if shown is None or shown.article_id != self.reader.current_id:
            return []
        return list(shown.annotations)

    def export_article(self, fmt: str, path: str | None = None) -> Path | None:
        """Save the open article as Markdown, HTML or PDF; *path* skips the dialog.
        Returns the file written, or None (nothing open, or the dialog was cancelled)."""
        article = self.reader.article
        if article is None or fmt not in EXPORT_FORMATS:
            self._status(
                translate(
                    "ReadingTools",
                    "Open an article first: File › Export Article saves the one shown.",
                )
            )
            return None
        name, pattern = EXPORT_FORMATS[fmt]
        if path is None:
            folder = Path(self.settings.last_folder or Path.home())
            suggested = str(folder / f"{file_stem(article.title)}.{fmt}")
            path, _ = QFileDialog.getSaveFileName(
                self,
                translate("ReadingTools", "Export Article as {format}").format(format=name),
                suggested,
                translate("ReadingTools", pattern),
            )
            if not path:
                return None
        target = Path(path)
        try:
            if fmt == "pdf":
                self._print_to_pdf(target)
            else:  # imported here: the window's start-up does not load the exporters
                from reader.annotations.article_export import article_html, article_markdown

                notes = self._open_annotations()
                text = (article_markdown if fmt == "md" else article_html)(article, notes)
                target.write_text(text, encoding="utf-8")
        except OSError as exc:
            self._status(
                translate("ReadingTools", "Could not save {name}: {reason}.").format(
                    name=target.name, reason=exc.strerror or exc
                )
            )
            return None
        self.settings.last_folder = str(target.parent)
        self._status(
            translate("ReadingTools", "Saved “{title}” as {format}: {path}").format(
                title=article.title, format=name, path=target
            ),
            10000,
        )
        return target

    def _print_to_pdf(self, target: Path) -> None:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        self.reader.browser.document().print_(printer)
        if not target.exists():
            raise OSError(
                translate("ReadingTools", "the PDF could not be written to {folder}").format(
                    folder=target.parent
                )
            )

    def print_article(self) -> None:
        """File › Print: the open article as shown, highlights included."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.reader.article is None:
            self._status(
                translate(
                    "ReadingTools", "Open an article first: File › Print prints the one shown."
                )
            )
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(translate("ReadingTools", "Print Article"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.reader.browser.document().print_(printer)

    # -- full screen -------------------------------------------------------------------

    def toggle_full_screen(self) -> None:
        """F11: only the article, on the whole screen; F11 again brings the list,
        toolbar, panels and status bar back as they were."""
        if self.isFullScreen():
            for widget in self._full_screen_hidden:
                widget.show()
            self._full_screen_hidden = []
            if self._was_maximized:
                self.showMaximized()
            else:
                self.showNormal()
            return
        self._was_maximized = self.isMaximized()
        shown: list[QWidget] = [self.left, self.toolbar]
        shown += [d for d in self.findChildren(QDockWidget) if d.isVisible()]
        shown += [self.statusBar(), self.menuBar()]
        self._full_screen_hidden = [w for w in shown if w.isVisible()]
        for widget in self._full_screen_hidden:
            widget.hide()
        self.showFullScreen()
        self.reader.browser.setFocus()

    # -- preferences -------------------------------------------------------------------

    def show_preferences(self) -> PreferencesDialog:
        """Edit › Preferences: non-modal, one at a time."""
        if self.preferences is None:
            dialog = PreferencesDialog(self.settings, self.data_dir, self.catalogue.roots(), self)
            dialog.readingChanged.connect(self.apply_reading_prefs)
            dialog.themeChanged.connect(self.set_theme)
            dialog.addFolderRequested.connect(lambda: self.add_archive_folder())
            dialog.rescanRequested.connect(self.rescan_folders)
            dialog.removeFolderRequested.connect(lambda root: self.remove_folder(root))
            self.preferences = dialog
        self.preferences.set_roots(self.catalogue.roots())
        self.preferences.show()
        self.preferences.raise_()
        self.preferences.activateWindow()
        return self.preferences

    def apply_reading_prefs(self, prefs: ReadingPrefs) -> None:
        """The reader pane takes the font, size, line height and width at once."""
        self.reader.set_reading_prefs(
            prefs.font_family, prefs.font_size, prefs.line_height, prefs.line_width
        )

"""Edit > Preferences (Ctrl+,): how articles read, which folders the library holds, and
where its data lives.

Reading changes apply as they are made (the open article re-renders), as a reader expects
of a font or a column width, and are saved to ``Settings``; "Restore Defaults" puts the
shipped look back. The folder list is the library's own (``Catalogue.roots``): adding,
removing and re-scanning are asked of the window, which runs them as background jobs
like File > Add Archive Folder. Removing a folder takes its articles out of the library,
never off the disk; highlights and bookmarks on them are kept (detached) and come back
with the folder. The data folder is shown with a button that opens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.filenames import display_path
from reader.ui.i18n import QT_TRANSLATE_NOOP, translate
from reader.ui.qt import (
    QCheckBox,
    QComboBox,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFont,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    Qt,
    QTabWidget,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from reader.ui.window.settings import Settings
from reader.ui.window.theme import THEMES

THEME_NAMES = {
    "system": QT_TRANSLATE_NOOP("Preferences", "System"),
    "light": QT_TRANSLATE_NOOP("Preferences", "Light"),
    "dark": QT_TRANSLATE_NOOP("Preferences", "Dark"),
}

_ROOT_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # a folder item's stored path
DEFAULT_FONT_SIZE = 17.0
DEFAULT_LINE_WIDTH = 36


@dataclass(frozen=True)
class ReadingPrefs:
    """How the reader pane lays an article out. ``font_family`` "" and ``line_height`` 0
    mean "by the article's language and script" (the shipped look)."""

    font_family: str = ""
    font_size: float = DEFAULT_FONT_SIZE
    line_height: float = 0.0
    line_width: int = DEFAULT_LINE_WIDTH

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadingPrefs:
        return cls(
            settings.font_family, settings.font_size, settings.line_height, settings.line_width
        )

    def save(self, settings: Settings) -> None:
        settings.font_family = self.font_family
        settings.font_size = self.font_size
        settings.line_height = self.line_height
        settings.line_width = self.line_width


class PreferencesDialog(QDialog):
    """Non-modal: the window stays usable, and the open article shows each change."""

    readingChanged = Signal(object)  # ReadingPrefs
    themeChanged = Signal(str)
    addFolderRequested = Signal()
    removeFolderRequested = Signal(str)
    rescanRequested = Signal()
    watchFoldersChanged = Signal(bool)  # saved already; the window's watching follows

    def __init__(
        self, settings: Settings, data_dir: Path, roots: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Preferences", "Preferences"))
        self.settings = settings
        self.data_dir = Path(data_dir)
        tabs = QTabWidget(self)
        tabs.addTab(self._reading_tab(), translate("Preferences", "Reading"))
        tabs.addTab(self._library_tab(), translate("Preferences", "Library"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.set_roots(roots)
        self._load(ReadingPrefs.from_settings(settings))

    # -- the reading tab -----------------------------------------------------------------

    def _reading_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.automatic_font = QCheckBox(
            translate("Preferences", "By the article's language (Chinese and Latin fonts)")
        )
        self.font_family = QFontComboBox(page)
        self.font_size = QDoubleSpinBox(page)
        self.font_size.setRange(10.0, 40.0)
        self.font_size.setSingleStep(0.5)
        self.font_size.setSuffix(" px")
        self.automatic_line = QCheckBox(translate("Preferences", "By script (taller for Chinese)"))
        self.line_height = QDoubleSpinBox(page)
        self.line_height.setRange(1.0, 3.0)
        self.line_height.setSingleStep(0.05)
        self.line_height.setSuffix(translate("Preferences", " × text size"))
        self.line_width = QSpinBox(page)
        self.line_width.setRange(20, 80)
        self.line_width.setSuffix(" em")
        self.line_width.setToolTip(
            translate("Preferences", "About this many Chinese characters, or twice as many letters")
        )
        self.theme = QComboBox(page)
        for mode in THEMES:
            self.theme.addItem(translate("Preferences", THEME_NAMES[mode]), mode)
        defaults = QPushButton(translate("Preferences", "Restore Defaults"), page)
        defaults.clicked.connect(lambda: self._apply(ReadingPrefs()))
        form.addRow(translate("Preferences", "Font:"), self.automatic_font)
        form.addRow("", self.font_family)
        form.addRow(translate("Preferences", "Text size:"), self.font_size)
        form.addRow(translate("Preferences", "Line height:"), self.automatic_line)
        form.addRow("", self.line_height)
        form.addRow(translate("Preferences", "Line width:"), self.line_width)
        form.addRow(translate("Preferences", "Theme:"), self.theme)
        form.addRow("", defaults)
        for signal in (
            self.automatic_font.toggled,
            self.font_family.currentFontChanged,
            self.font_size.valueChanged,
            self.automatic_line.toggled,
            self.line_height.valueChanged,
            self.line_width.valueChanged,
        ):
            signal.connect(self._changed)
        self.theme.currentIndexChanged.connect(self._theme_changed)
        return page

    def _load(self, prefs: ReadingPrefs) -> None:
        widgets = (
            self.automatic_font,
            self.font_family,
            self.font_size,
            self.automatic_line,
            self.line_height,
            self.line_width,
            self.theme,
        )
        for w in widgets:
            w.blockSignals(True)
        self.automatic_font.setChecked(not prefs.font_family)
        if prefs.font_family:
            self.font_family.setCurrentFont(QFont(prefs.font_family))
        self.font_family.setEnabled(bool(prefs.font_family))
        self.font_size.setValue(prefs.font_size)
        self.automatic_line.setChecked(prefs.line_height == 0)
        self.line_height.setValue(prefs.line_height or 1.7)
        self.line_height.setEnabled(prefs.line_height != 0)
        self.line_width.setValue(prefs.line_width)
        index = self.theme.findData(self.settings.theme)
        self.theme.setCurrentIndex(max(index, 0))
        for w in widgets:
            w.blockSignals(False)

    def prefs(self) -> ReadingPrefs:
        """What the reading tab shows now."""
        return ReadingPrefs(
            "" if self.automatic_font.isChecked() else self.font_family.currentFont().family(),
            round(self.font_size.value(), 1),
            0.0 if self.automatic_line.isChecked() else round(self.line_height.value(), 2),
            self.line_width.value(),
        )

    def _apply(self, prefs: ReadingPrefs) -> None:
        self._load(prefs)
        self._changed()

    def _changed(self) -> None:
        self.font_family.setEnabled(not self.automatic_font.isChecked())
        self.line_height.setEnabled(not self.automatic_line.isChecked())
        prefs = self.prefs()
        prefs.save(self.settings)
        self.readingChanged.emit(prefs)

    def _theme_changed(self) -> None:
        self.themeChanged.emit(str(self.theme.currentData()))

    # -- the library tab -------------------------------------------------------------------

    def _library_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(translate("Preferences", "Archive folders (read, never changed):"), page)
        )
        self.folders = QListWidget(page)
        layout.addWidget(self.folders)
        row = QHBoxLayout()
        self.add_button = QPushButton(translate("Preferences", "Add…"), page)
        self.remove_button = QPushButton(translate("Preferences", "Remove"), page)
        self.remove_button.setToolTip(
            translate(
                "Preferences",
                "Take this folder's articles out of the library (the files stay on disk; "
                "highlights and bookmarks are kept and come back with the folder)",
            )
        )
        self.rescan_button = QPushButton(translate("Preferences", "Re-scan All"), page)
        for button in (self.add_button, self.remove_button, self.rescan_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.addFolderRequested.emit)
        self.remove_button.clicked.connect(self._remove_selected)
        self.rescan_button.clicked.connect(self.rescanRequested.emit)
        self.folders.currentRowChanged.connect(self._selection_changed)
        self.watch_folders = QCheckBox(translate("Preferences", "Watch folders for changes"), page)
        self.watch_folders.setToolTip(
            translate(
                "Preferences",
                "While the app runs, files saved into these folders are imported, changed "
                "ones updated and deleted ones removed, within seconds",
            )
        )
        self.watch_folders.setChecked(self.settings.watch_folders)
        self.watch_folders.toggled.connect(self._watch_toggled)
        layout.addWidget(self.watch_folders)
        layout.addSpacing(12)
        layout.addWidget(
            QLabel(
                translate("Preferences", "Library data (catalogue, index, highlights, backups):"),
                page,
            )
        )
        data_row = QHBoxLayout()
        self.data_label = QLabel(display_path(str(self.data_dir)), page)
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_data = QPushButton(translate("Preferences", "Open Folder"), page)
        open_data.clicked.connect(self.open_data_folder)
        data_row.addWidget(self.data_label, 1)
        data_row.addWidget(open_data)
        layout.addLayout(data_row)
        return page

    def set_roots(self, roots: list[str]) -> None:
        """Show the library's folders (called again after a job added or removed one)."""
        self.folders.clear()
        for root in roots:
            self.folders.addItem(display_path(root))
            self.folders.item(self.folders.count() - 1).setData(_ROOT_ROLE, root)
        self._selection_changed()

    def _watch_toggled(self, on: bool) -> None:
        """Remembered at once; the window (this dialog's parent) starts or stops its
        watching (``watching.FolderWatching``), and anyone else may listen."""
        self.settings.watch_folders = on
        watching = getattr(self.parent(), "watching", None)
        if watching is not None:
            watching.set_enabled(on)
        self.watchFoldersChanged.emit(on)

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.folders.currentItem() is not None)

    def _remove_selected(self) -> None:
        item = self.folders.currentItem()
        if item is not None:
            self.removeFolderRequested.emit(str(item.data(_ROOT_ROLE)))

    def open_data_folder(self) -> bool:
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir))))

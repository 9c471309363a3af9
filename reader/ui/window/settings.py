"""Window and view preferences, in an INI file under ``paths.config_dir()``.

Only how the app looks and where it was (geometry, splitter, sort order, zoom, theme,
last article) lives here: things that may be lost without harm. What a person did to the
library (read state, scroll positions, later bookmarks) is user data and lives in the
catalogue. Values read back from an INI file are strings, so every getter converts and
falls back to its default on anything odd: a hand-edited file must never stop the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from reader.ui.qt import QByteArray, QSettings
from reader.ui.window.theme import THEMES, ThemeMode

SORT_COLUMNS = ("title", "date", "site")
# reader.ui.i18n.CHOICES, kept here so reading the settings loads no translations.
LANGUAGE_CHOICES = ("system", "en", "zh_CN", "zh_TW")


class Settings:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "settings.ini"
        self._q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._q.sync()

    # -- typed access ------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _int(self, key: str, default: int) -> int:
        try:
            return int(cast(str, self._q.value(key, default)))
        except (TypeError, ValueError):
            return default

    def _float(self, key: str, default: float) -> float:
        try:
            return float(cast(str, self._q.value(key, default)))
        except (TypeError, ValueError):
            return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._q.value(key, default)
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)

    # -- window ------------------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._q.setValue("window/state", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._q.setValue("window/splitter", value)

    # -- list --------------------------------------------------------------------------

    @property
    def sort_column(self) -> str:
        value = str(self._q.value("list/sort_column", "date"))
        return value if value in SORT_COLUMNS else "date"

    @sort_column.setter
    def sort_column(self, value: str) -> None:
        self._q.setValue("list/sort_column", value)

    @property
    def sort_descending(self) -> bool:
        return self._bool("list/sort_descending", True)

    @sort_descending.setter
    def sort_descending(self, value: bool) -> None:
        self._q.setValue("list/sort_descending", value)

    @property
    def unread_only(self) -> bool:
        return self._bool("list/unread_only", False)

    @unread_only.setter
    def unread_only(self, value: bool) -> None:
        self._q.setValue("list/unread_only", value)

    @property
    def all_copies(self) -> bool:
        """The list shows every copy of a story on its own row (the "All copies" toggle)."""
        return self._bool("list/all_copies", False)

    @all_copies.setter
    def all_copies(self, value: bool) -> None:
        self._q.setValue("list/all_copies", value)

    @property
    def search_all_copies(self) -> bool:
        """The search's hits show every copy of a story (the panel's "All copies")."""
        return self._bool("search/all_copies", False)

    @search_all_copies.setter
    def search_all_copies(self, value: bool) -> None:
        self._q.setValue("search/all_copies", value)

    @property
    def timeline(self) -> bool:
        """The timeline above the list is shown (View › Timeline; on by default)."""
        return self._bool("view/timeline", True)

    @timeline.setter
    def timeline(self, value: bool) -> None:
        self._q.setValue("view/timeline", bool(value))

    # -- reader ------------------------------------------------------------------------

    @property
    def last_article(self) -> int | None:
        value = self._int("reader/last_article", 0)
        return value or None

    @last_article.setter
    def last_article(self, value: int | None) -> None:
        self._q.setValue("reader/last_article", value or 0)

    @property
    def zoom(self) -> float:
        return min(3.0, max(0.5, self._float("reader/zoom", 1.0)))

    @zoom.setter
    def zoom(self, value: float) -> None:
        self._q.setValue("reader/zoom", round(value, 3))

    @property
    def language(self) -> str:
        """The interface language: "system" (follow the locale), "en", "zh_CN", "zh_TW"."""
        value = str(self._q.value("view/language", "system"))
        return value if value in LANGUAGE_CHOICES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("view/language", value if value in LANGUAGE_CHOICES else "system")

    @property
    def theme(self) -> ThemeMode:
        value = str(self._q.value("view/theme", "system"))
        return cast(ThemeMode, value) if value in THEMES else "system"

    @theme.setter
    def theme(self, value: ThemeMode) -> None:
        self._q.setValue("view/theme", value)

    # -- reading style (Preferences) ---------------------------------------------------

    @property
    def font_family(self) -> str:
        """The reader's font family; "" = chosen by the article's language and script."""
        return str(self._q.value("reader/font_family", "") or "").strip()[:200]

    @font_family.setter
    def font_family(self, value: str) -> None:
        self._q.setValue("reader/font_family", value.strip())

    @property
    def font_size(self) -> float:
        """The reader's base text size in px, before zoom."""
        return min(40.0, max(10.0, self._float("reader/font_size", 17.0)))

    @font_size.setter
    def font_size(self, value: float) -> None:
        self._q.setValue("reader/font_size", round(value, 1))

    @property
    def line_height(self) -> float:
        """Line height as a multiple of the text size; 0 = by script (1.8 CJK, 1.6 Latin)."""
        value = self._float("reader/line_height", 0.0)
        return 0.0 if value == 0 else min(3.0, max(1.0, value))

    @line_height.setter
    def line_height(self, value: float) -> None:
        self._q.setValue("reader/line_height", round(value, 2))

    @property
    def line_width(self) -> int:
        """The text column's width in em (about that many Chinese characters a line)."""
        return min(80, max(20, self._int("reader/line_width", 36)))

    @line_width.setter
    def line_width(self, value: int) -> None:
        self._q.setValue("reader/line_width", int(value))

    @property
    def last_folder(self) -> str:
        """Where the folder dialog was last left: it opens there next time."""
        return str(self._q.value("dialogs/last_folder", "") or "")

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._q.setValue("dialogs/last_folder", value)

    @property
    def watch_folders(self) -> bool:
        """Watch the library's folders for changes while the window runs (on by default)."""
        return self._bool("library/watch_folders", True)

    @watch_folders.setter
    def watch_folders(self, value: bool) -> None:
        self._q.setValue("library/watch_folders", bool(value))

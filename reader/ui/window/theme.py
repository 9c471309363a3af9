"""Light and dark: follow the system palette by default, or force one from View > Theme.

The reader pane draws its article HTML with colors taken from the palette (text, page,
links, muted metadata), so a palette change is all a theme is, and the pane re-renders
when the palette changes.

Search and find marks have a color of their own, apart from every highlight color
(``reader.annotations.COLORS``, pastel fills; on a dark page mixed into the page): they
were the yellow highlight's own #fff3a3, so a search mark and a person's highlight could
not be told apart. A saturated amber is far from all six fills in both themes (CIE76
distance 48 or more on a light page, 42 on a dark one; about 2 is just noticeable).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reader.ui.qt import QApplication, QColor, QGuiApplication, QPalette, QStyleFactory, Qt

ThemeMode = Literal["system", "light", "dark"]
THEMES: tuple[ThemeMode, ...] = ("system", "light", "dark")
MARK_LIGHT = "#ffb01f"  # amber under dark text (contrast 10:1)
MARK_DARK = "#8c3f0a"  # burnt amber under light text (contrast 4.6:1)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * share_of_b),
        round(a.green() + (b.green() - a.green()) * share_of_b),
        round(a.blue() + (b.blue() - a.blue()) * share_of_b),
    )


@dataclass(frozen=True, slots=True)
class ReadingColors:
    """The few colors an article page needs, as CSS hex strings."""

    text: str
    background: str
    muted: str
    link: str
    rule: str
    mark: str  # search and find marks: never one of the highlight colors
    dark: bool


_colors_cache: dict[int, ReadingColors] = {}


def reading_colors(palette: QPalette) -> ReadingColors:
    """The page colors for *palette*; cached by its key (delegates ask on every paint)."""
    key = palette.cacheKey()
    found = _colors_cache.get(key)
    if found is None:
        if len(_colors_cache) > 32:
            _colors_cache.clear()
        found = _colors_cache[key] = _reading_colors(palette)
    return found


def _reading_colors(palette: QPalette) -> ReadingColors:
    dark = is_dark(palette)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    # Pure black on white tires the eyes over an hour of reading: soften both a little.
    if dark:
        page = _mix(base, QColor("#1e1f22"), 0.5)
        body = _mix(text, page, 0.12)
        link = QColor("#8ab4f8")
        mark = QColor(MARK_DARK)
    else:
        page = base
        body = _mix(text, QColor("#222222"), 0.5)
        link = QColor("#1a5fb4")
        mark = QColor(MARK_LIGHT)
    return ReadingColors(
        text=body.name(),
        background=page.name(),
        muted=_mix(body, page, 0.42).name(),
        link=link.name(),
        rule=_mix(body, page, 0.82).name(),
        mark=mark.name(),
        dark=dark,
    )


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#2b2d31"), QColor("#1e1f22"), QColor("#e3e3e3")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26282c"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Highlight: QColor("#3d6fb4"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#8ab4f8"),
        QPalette.ColorRole.PlaceholderText: QColor("#8c8c8c"),
        QPalette.ColorRole.Mid: QColor("#44474d"),
        QPalette.ColorRole.Dark: QColor("#151618"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#777777"))
    return p


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


_platform_palette: QPalette | None = None


def apply_theme(mode: ThemeMode) -> None:
    """Set the application palette for *mode*.

    "system" keeps the platform's own palette (remembered the first time through), unless
    the platform asks for a dark scheme but supplies a light palette (a bare X session):
    then the app's dark palette stands in. Forcing light or dark switches to Fusion, the
    style that honours a palette everywhere.
    """
    global _platform_palette
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _platform_palette is None:
        _platform_palette = QPalette(app.palette())
    platform_dark = is_dark(_platform_palette)
    if mode == "system":
        palette = (
            dark_palette() if system_prefers_dark() and not platform_dark else _platform_palette
        )
    else:
        want_dark = mode == "dark"
        if want_dark != platform_dark and app.style().name().lower() != "fusion":
            fusion = QStyleFactory.create("Fusion")
            if fusion is not None:
                app.setStyle(fusion)
        if want_dark:
            palette = dark_palette()
        else:
            palette = _platform_palette if not platform_dark else app.style().standardPalette()
    app.setPalette(palette)

"""What every custom list delegate does before drawing its own content.

The search hits and the annotation panels draw rich rows themselves; both start by
reading the style option, saving the painter and letting the style draw the row's
background (selection, hover), so the rows look native in light and dark themes.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.ui.qt import QColor, QPainter, QPalette, QRect, QStyle, QStyleOptionViewItem
from reader.ui.window.theme import ReadingColors, reading_colors


@dataclass(slots=True)
class ItemPaint:
    rect: QRect
    palette: QPalette
    selected: bool
    colors: ReadingColors
    text: QColor  # the row's text color (highlighted text when selected)


def begin_item(painter: QPainter, option: QStyleOptionViewItem) -> ItemPaint:
    """Save *painter* and draw the row background; the caller restores the painter."""
    state = option.state
    widget = option.widget
    palette: QPalette = option.palette
    selected = bool(state & QStyle.StateFlag.State_Selected)
    painter.save()
    style = widget.style() if widget is not None else None
    if style is not None:
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
    text = palette.color(
        QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    )
    return ItemPaint(
        option.rect,
        palette,
        selected,
        reading_colors(palette),
        text,
    )

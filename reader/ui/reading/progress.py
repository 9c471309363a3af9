"""The reading-progress strip: a thin bar along the top of the reader showing how far
down the article the reader is, in the theme's accent colour.

A number in the status bar says the same in words ("38 % · 6 min left"); the strip is
what stays in sight in full-screen reading, where the status bar is hidden. It paints
one rectangle: nothing to lay out, no cost while scrolling.
"""

from __future__ import annotations

from reader.ui.i18n import percent, translate
from reader.ui.qt import QPainter, QPaintEvent, QPalette, QWidget

STRIP_PX = 3


class ReadingProgress(QWidget):
    """How far through the article, from 0.0 (the top) to 1.0 (the end on screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(STRIP_PX)
        self.fraction = 0.0
        self.setAccessibleName(translate("Reading", "Reading progress"))

    def set_fraction(self, fraction: float) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if abs(fraction - self.fraction) >= 0.001 or fraction in (0.0, 1.0):
            self.fraction = fraction
            self.setAccessibleDescription(
                translate("Reading", "{percent} read").format(percent=percent(fraction))
            )
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        width = round(self.width() * self.fraction)
        if width:
            painter.fillRect(
                0, 0, width, self.height(), palette.color(QPalette.ColorRole.Highlight)
            )
        painter.end()

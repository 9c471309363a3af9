"""Render the application icon's PNG sizes from its SVG.

    .venv/bin/python packaging/make_icons.py

The SVG (``reader/resources/icons/archive-reader.svg``) is the source; the PNGs beside it
(``archive-reader-16.png`` ... ``-256.png``) are committed, because desktop environments,
the AppStream catalogue and Windows/macOS freezers want bitmaps, and a build should not
need an SVG renderer. Rendered with Qt's own SVG renderer (PySide6's QtSvg, already a
dependency of the app); cairosvg is the fallback where QtSvg cannot be loaded.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "reader" / "resources" / "icons"
SVG = ICONS / "archive-reader.svg"
SIZES = (16, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / f"archive-reader-{size}.png"


def render_with_qt(svg: Path, sizes: tuple[int, ...]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: Qt cannot read {svg}")
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        if not image.save(str(png_path(size))):  # the format follows the .png name
            raise SystemExit(f"make_icons: could not write {png_path(size)}")
    del app


def render_with_cairosvg(svg: Path, sizes: tuple[int, ...]) -> None:
    import cairosvg

    for size in sizes:
        cairosvg.svg2png(
            url=str(svg), write_to=str(png_path(size)), output_width=size, output_height=size
        )


def main() -> int:
    try:
        render_with_qt(SVG, SIZES)
        how = "QtSvg"
    except ImportError:
        render_with_cairosvg(SVG, SIZES)
        how = "cairosvg"
    for size in SIZES:
        print(f"{png_path(size).relative_to(ICONS.parents[2])}  ({how})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

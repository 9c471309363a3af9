"""A picture of the main window with a Chinese article open, to look at with one's eyes.

The test saves the PNG and prints its path (``pytest -s`` shows it). It checks what a
program can: a CJK font is installed (without one every Han character is a box) and the
window is not blank. Whether it reads well is for a person to judge; docs/screenshot.png
in the README is made this way.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.ui.fonts import has_cjk_font
from reader.ui.mainwindow import MainWindow
from tests.ui.conftest import id_of, settle

ARTICLE = "海外仓选址怎么算账?美西、美东与中部仓的成本对比"


def test_screenshot_of_a_chinese_article(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not has_cjk_font():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    window.resize(1400, 860)
    window.splitter.setSizes([480, 920])
    window.open_article(id_of(window, ARTICLE))
    qtbot.waitUntil(lambda: bool(window.reader.related.similar), timeout=15000)
    settle(window, qtbot)
    qtbot.wait(100)
    out = Path(os.environ.get("READER_SCREENSHOT", tmp_path / "main-window.png"))
    out.parent.mkdir(parents=True, exist_ok=True)
    image = window.grab().toImage()
    assert image.save(str(out))
    print(f"\nscreenshot: {out}")
    assert out.stat().st_size > 20_000
    # Not blank: the page holds many distinct colours (anti-aliased text), not one.
    colours = {image.pixel(x, y) for x in range(500, 1300, 7) for y in range(80, 700, 7)}
    assert len(colours) > 20

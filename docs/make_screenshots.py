"""Make the README's pictures of the window's newer features from the bundled sample.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py      # writes docs/*.png
    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py --chinese-only

Offscreen Qt renders the same widgets a screen shows (fonts included: install a CJK font
first, fonts-wqy-microhei or fonts-noto-cjk), so these pictures are made the same way
on any machine and can be looked at after every change. The older pictures
(screenshot.png, screenshot-annotations.png) come from tests/ui/test_screenshot.py.
screenshot-zh_CN.png and screenshot-zh_TW.png show the window in Chinese.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle(app: object, ms: int = 400) -> None:
    from reader.ui.qt import QTimer

    loop_app = app
    done = [False]
    QTimer.singleShot(ms, lambda: done.__setitem__(0, True))
    while not done[0]:
        loop_app.processEvents()  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # --chinese-only: just screenshot-zh_CN.png and screenshot-zh_TW.png
    english = "--chinese-only" not in args
    from reader.catalogue import Catalogue
    from reader.importer import import_paths
    from reader.paths import config_dir
    from reader.search.sync import open_engine, sync_index
    from reader.ui import i18n
    from reader.ui.app import create_app
    from reader.ui.window.mainwindow import MainWindow
    from reader.ui.window.settings import Settings

    with tempfile.TemporaryDirectory(prefix="reader-shots-") as tmp:
        data = Path(tmp) / "data"
        os.environ["READER_DATA_DIR"] = str(data)
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        with Catalogue(data / "catalogue.sqlite3") as catalogue:
            import_paths(catalogue, [REPO / "reader" / "resources" / "sample-archive"])
            engine = open_engine(data)
            sync_index(catalogue, engine)
            engine.close()
        app = create_app([])
        if english:  # the window's newer features, in English
            window = MainWindow(data, Settings(config_dir(data)))
            window.resize(1200, 760)
            window.show()
            _settle(app)
            first = window.list_model.id_at(2)
            assert first is not None
            window.open_article(first)
            _settle(app, 800)

            dialog = window.show_preferences()
            dialog.move(window.geometry().center() - dialog.rect().center())
            _settle(app)
            out = HERE / "screenshot-preferences.png"
            dialog.grab().save(str(out))
            print(out)
            dialog.close()

            # several rows selected (the count says so), the article read a third of the
            # way (the strip above it, "33% · 2 min left" in the status bar)
            window.article_list.select_row(1, quiet=True)
            selection = window.article_list.selectionModel()
            for row in (2, 3):
                selection.select(
                    window.list_model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
            bar = window.reader.browser.verticalScrollBar()
            bar.setValue(bar.maximum() // 3)
            _settle(app, 400)
            out = HERE / "screenshot-selection-progress.png"
            window.grab().save(str(out))
            print(out)
            window.article_list.select_row(2, quiet=True)

            window.resize(800, 600)
            window.act_all_highlights.trigger()
            _settle(app, 800)
            out = HERE / "screenshot-800x600.png"
            window.grab().save(str(out))
            print(out)
            window.act_all_highlights.trigger()

            window.resize(1200, 760)
            window.act_full_screen.trigger()
            _settle(app, 600)
            out = HERE / "screenshot-full-screen.png"
            window.grab().save(str(out))
            print(out)
            window.act_full_screen.trigger()

            # the timeline: a drag across the first half of 2024 searched that range
            _settle(app, 400)
            window.timeline.choose_range("2024-01", "2024-06")
            _settle(app, 1500)
            hit = window.search_panel.model.hits[1].id
            window.search_panel.view.setCurrentIndex(window.search_panel.model.index(1, 0))
            window.open_article(hit)
            _settle(app, 800)
            out = HERE / "screenshot-timeline.png"
            window.grab().save(str(out))
            print(out)
            window.close_search()
            window.close()
            _settle(app, 200)

        # The window in Chinese: the translations loaded before it is built, as at a
        # start with LANG=zh_CN.UTF-8 (or View › Language).
        for language in ("zh_CN", "zh_TW"):
            i18n.install(app, language)
            window = MainWindow(data, Settings(config_dir(data)))
            window.resize(1200, 760)
            window.show()
            _settle(app)
            row = 1 if language == "zh_CN" else 4  # an article in that script
            chosen = window.list_model.id_at(row)
            assert chosen is not None
            window.open_article(chosen)
            window.article_list.select_row(row, quiet=True)
            _settle(app, 800)
            out = HERE / f"screenshot-{language}.png"
            window.grab().save(str(out))
            print(out)
            window.close()
            _settle(app, 200)
        i18n.install(app, "en")
    return 0


if __name__ == "__main__":
    sys.exit(main())

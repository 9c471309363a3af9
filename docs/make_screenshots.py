"""Make the README's pictures of the window's newer features from the bundled sample.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py      # writes docs/*.png
    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py --chinese-only
    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py --only copies   # one picture

Offscreen Qt renders the same widgets a screen shows (fonts included: install a CJK font
first, fonts-wqy-microhei or fonts-noto-cjk), so these pictures are made the same way
on any machine and can be looked at after every change. The older pictures
(screenshot.png, screenshot-annotations.png) come from tests/ui/test_screenshot.py.
screenshot-zh_CN.png and screenshot-zh_TW.png show the window in Chinese.
screenshot-copies.png (and screenshot-copies-zh_CN.png) show copies of one story: the
sample has none, so a copy of it gets a re-post and a teaser of one article, written here.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
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


SAMPLE = REPO / "reader" / "resources" / "sample-archive"
SOURCE_LINE = "原文转载:"  # the archive's text format: date, "site:title", body, this, links


@dataclass(frozen=True)
class Copy:
    """One more copy of a sample article: another site, date and source line, and a
    footer paragraph of its own (``{site}``: the original's site)."""

    name: str
    site: str
    url: str
    footer: str
    days_later: int
    teaser: bool = False  # the first half of the body only


# The story shown three times in each language's picture: an article of the sample with
# a short title (so "3 copies" fits beside it), a re-post and a teaser.
STORIES: dict[str, tuple[Path, tuple[Copy, ...]]] = {
    "en": (
        SAMPLE / "english" / "015_5e2c0b7f94a1d368.txt",
        (
            Copy(
                "trade-wire-japan-checklist.txt",
                "Trade Wire",
                "https://www.tradewire.example/2024/01/japan-listing-checklist",
                "Republished with permission from {site}. All rights reserved.",
                2,
            ),
            Copy(
                "logistics-weekly-japan-checklist.txt",
                "Logistics Weekly",
                "https://www.logisticsweekly.example/p/30218",
                "Read the full story at {site}.",
                1,
                teaser=True,
            ),
        ),
    ),
    "zh_CN": (
        SAMPLE / "kjds" / "008_6f2b98d0e1c4a735.txt",
        (
            Copy(
                "waimao-toutiao-ramadan.txt",
                "外贸头条",
                "https://www.waimaotoutiao.example/a/88107.html",
                "本文转载自{site}，版权归原作者所有，如有侵权请联系删除。",
                2,
            ),
            Copy(
                "wuliu-zhoukan-ramadan.txt",
                "物流周刊",
                "https://www.wuliuzhoukan.example/p/5120",
                "点击原文链接，到{site}阅读全文。",
                1,
                teaser=True,
            ),
        ),
    ),
}


def first_half(paragraphs: list[str]) -> list[str]:
    """The opening half of a body by characters, cut where a sentence ends, as a teaser
    is cut (not before a numbered heading: "3. Show the packaging" would then be the
    first sentence the teaser lacks, and read as "3.")."""
    target = sum(map(len, paragraphs)) // 2
    kept: list[str] = []
    for paragraph in paragraphs:
        if sum(map(len, kept)) + len(paragraph) <= target:
            kept.append(paragraph)
            continue
        room = target - sum(map(len, kept))
        ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)|[。！？]", paragraph)]
        cut = max((end for end in ends if end <= room), default=ends[0] if ends else None)
        kept.append(paragraph[:cut])
        break
    return kept


def write_copies(story: Path, copies: Sequence[Copy], folder: Path) -> list[Path]:
    """Write *copies* of the sample article *story* into *folder*, made from its text
    here so they follow the sample if it changes: the same title and body (a teaser: its
    first half), another site, date and source line, a footer of their own, then the
    original's links. Returns the files written."""
    text = story.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    date, _blank, header, rest = text.split("\n", 3)
    site, _, title = header.partition(":")
    body, source, after = rest.partition("\n" + SOURCE_LINE)
    url, _, links = after.partition("\n")
    paragraphs = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
    if not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and site and title and source):
        raise SystemExit(f"{story}: not in the archive's text format any more")
    folder.mkdir(parents=True)
    written = []
    for copy in copies:
        dated = datetime.date.fromisoformat(date) + datetime.timedelta(days=copy.days_later)
        kept = first_half(paragraphs) if copy.teaser else paragraphs
        body_text = "\n\n".join([*kept, copy.footer.format(site=site)])
        lines = [dated.isoformat(), "", f"{copy.site}:{title}", "", body_text, ""]
        path = folder / copy.name
        own_links = links.replace(url.strip(), copy.url)  # its self-link points to it
        path.write_text("\n".join([*lines, SOURCE_LINE + copy.url, own_links]), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # --chinese-only: just screenshot-zh_CN.png and screenshot-zh_TW.png
    # --only copies: just screenshot-copies.png and screenshot-copies-zh_CN.png
    only = args[args.index("--only") + 1] if "--only" in args[:-1] else None
    if only not in (None, "copies") or args[-1:] == ["--only"]:
        print("--only takes: copies", file=sys.stderr)
        return 2
    english = "--chinese-only" not in args and only is None
    chinese = only is None
    copies = "--chinese-only" not in args
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
        if english or chinese:
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
        for language in ("zh_CN", "zh_TW") if chinese else ():
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

        if copies:  # copies of one story: the sample with a re-post and a teaser added
            for language, name in (("en", "copies"), ("zh_CN", "copies-zh_CN")):
                story, more = STORIES[language]
                copies_data, first = import_copies(Path(tmp) / name, story, more)
                os.environ["READER_DATA_DIR"] = str(copies_data)
                i18n.install(app, language)
                out = HERE / f"screenshot-{name}.png"
                shoot_copies(app, copies_data, first, out)
                print(out)
            i18n.install(app, "en")
    return 0


def import_copies(folder: Path, story: Path, copies: Sequence[Copy]) -> tuple[Path, int]:
    """A data folder holding the sample and *copies* of *story*, imported the way the
    app and ``reader import`` do (``Library.update``: copies grouped, index caught up).
    Returns the data folder and the original's id; stops with a message if the copies
    were not grouped as one story of their own, since the picture would then show
    something else."""
    from reader.catalogue import Catalogue
    from reader.catalogue.copies import CopyStore
    from reader.library import Library
    from reader.paths import catalogue_path

    archive, data = folder / "archive", folder / "data"
    shutil.copytree(SAMPLE, archive)
    written = write_copies(story, copies, archive / "reposts")
    Library(data).update([str(archive)], workers=2)
    with Catalogue(catalogue_path(data), readonly=True) as catalogue:
        paths = [archive / story.relative_to(SAMPLE), *written]
        ids = [catalogue.id_at_path(str(path)) for path in paths]
        groups = CopyStore(catalogue).groups()
    firsts = {groups.get(int(i)) if i else None for i in ids}
    first = firsts.pop() if len(firsts) == 1 else None
    if first is None or sum(1 for g in groups.values() if g == first) != len(ids):
        raise SystemExit(f"{story.name}: it and its copies were not grouped as one story")
    return data, int(ids[0] or 0)


def shoot_copies(app: object, data: Path, story: int, out: Path) -> None:
    """The window at 1200x760 with the row of *story* ("3 copies": the list shows the
    copy first in its order, here the newest) selected and open, scrolled so that
    "Other copies of this story" is in view, saved to *out*.
    The list is widened (as a drag of the splitter would) until the row's title and its
    count fit, since a long title otherwise hides the count at its end."""
    from reader.paths import config_dir
    from reader.ui.i18n import translate
    from reader.ui.qt import QFontMetrics, Qt
    from reader.ui.window.mainwindow import MainWindow
    from reader.ui.window.settings import Settings

    window = MainWindow(data, Settings(config_dir(data)))
    window.resize(1200, 760)
    window.show()
    _settle(app)
    model, view = window.list_model, window.article_list
    rows = [r for r in range(model.rowCount()) if model.copies_of(model.id_at(r) or 0) > 1]
    shown = model.id_at(rows[0]) if len(rows) == 1 else None
    if shown is None or model.copies_of(story) != 3 or model.copies_of(shown) != 3:
        raise SystemExit("the list has no one row saying '3 copies'")
    row = rows[0]
    view.select_row(row, quiet=True)
    window.open_article(shown)
    _settle(app, 1500)  # the page is drawn again once its similar articles are found

    text = str(model.index(row, 0).data(Qt.ItemDataRole.DisplayRole))
    font = model.index(row, 0).data(Qt.ItemDataRole.FontRole) or view.font()
    icon = view.iconSize().width() if view.iconSize().isValid() else 16
    needed = QFontMetrics(font).horizontalAdvance(text) + icon + 24  # the cell's margins
    short = needed - view.horizontalHeader().sectionSize(0)
    if short > 0:
        left, right = window.splitter.sizes()
        window.splitter.setSizes([left + short, right - short])
        _settle(app, 400)

    browser = window.reader.browser
    heading = translate("ArticlePage", "Other copies of this story")
    found = browser.document().find(heading)
    if found.isNull():
        raise SystemExit(f"the page has no {heading!r}")
    top = browser.document().documentLayout().blockBoundingRect(found.block()).top()
    browser.verticalScrollBar().setValue(int(top) - 120)  # a few lines above it
    _settle(app, 400)
    window.grab().save(str(out))
    window.close()
    _settle(app, 200)


if __name__ == "__main__":
    sys.exit(main())

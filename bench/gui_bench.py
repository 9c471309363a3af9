"""Time the desktop app at 100,000 articles; print the figures the README quotes.

    python bench/gui_bench.py                  # 100,000 articles, index on all of them
    python bench/gui_bench.py --n 10000        # a quicker run
    python bench/gui_bench.py --platform xcb   # under Xvfb instead of offscreen

What is measured, each in a fresh process (so start-up includes the interpreter):

- start-up: process start to the first paint of the article list with rows in it, for
  the real window (``reader.ui.app``'s own start path) and, in the same run, for a bare
  QTableView over a minimal lazy model of the same catalogue rows (the floor any design
  could reach); the ratio of the two;
- opening an article: ``open_article`` plus a synchronous repaint of the reader pane,
  over 200 random articles (median, p95, max);
- typing in the search field: queries typed key by key (Chinese through input-method
  commits, as a person's input method sends them) ~120 ms apart, while a 5 ms timer
  records the longest gap in the event loop; and search latency (last key to results);
- peak resident memory of that process, with the index open and searches done;
- the longest event-loop gap while File > Add Archive Folder imports and indexes 2,000
  new articles in the background.

Corpora and libraries are cached under --cache (default /tmp/gui-bench), so reruns skip
the generation (a few minutes for 100,000) and the import; the index is built once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
# Measure the checkout this script is in, not whichever copy of the package is installed.
sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = str(REPO) + (
    os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else ""
)


# -- preparing the library (parent process) ---------------------------------------------


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, cwd=REPO, **kw)  # type: ignore[call-overload]


def corpus(cache: Path, n: int) -> Path:
    folder = cache / f"corpus-{n}"
    if not (folder / "manifest.tsv").exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {n:,} articles into {folder} (minutes for 100,000) ...", flush=True)
        run([PY, str(HERE / "make_corpus.py"), str(n), str(folder), "--jobs", "2"])
    return folder


def library(cache: Path, n: int, *, index: bool) -> Path:
    data = cache / f"data-{n}"
    marker = data / "imported.ok"
    if not marker.exists():
        shutil.rmtree(data, ignore_errors=True)
        source = corpus(cache, n)
        print(f"importing {n:,} articles (reader import --no-index) ...", flush=True)
        run(
            [
                PY,
                "-m",
                "reader.cli",
                "import",
                str(source),
                "--data-dir",
                str(data),
                "--no-index",
                "--json",
            ],
            stdout=subprocess.DEVNULL,
        )
        marker.write_text("ok")
    if index:
        print(
            "bringing the search index up to date (reader reindex; long the first time) ...",
            flush=True,
        )
        run([PY, "-m", "reader.cli", "reindex", "--data-dir", str(data)], stdout=subprocess.DEVNULL)
    # Open it once with the app's catalogue, so its migrations are not timed.
    run(
        [
            PY,
            "-c",
            "import sys; from reader.catalogue import Catalogue; "
            "Catalogue(sys.argv[1] + '/catalogue.sqlite3').close()",
            str(data),
        ]
    )
    return data


def child(mode: str, data: Path, platform: str, *extra: str) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM=platform, READER_DATA_DIR=str(data))
    started = time.time()
    proc = subprocess.run(
        [PY, str(Path(__file__).resolve()), "--child", mode, str(data), repr(started), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=1800,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"child {mode} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1])  # type: ignore[no-any-return]


# -- measurements (child processes) -----------------------------------------------------


def _paint_probe(
    widget: object, has_rows: object, started: float, out: dict[str, object], done: object
) -> object:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Probe(QObject):
        def eventFilter(self, watched: object, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "first_paint" not in out and has_rows():  # type: ignore[operator]
                out["first_paint"] = time.time() - started

                def interactive() -> None:
                    # The event loop turns again: the window answers input from here on.
                    out["interactive"] = time.time() - started
                    done()  # type: ignore[operator]

                QTimer.singleShot(0, interactive)
            return False

    probe = Probe()
    widget.installEventFilter(probe)  # type: ignore[attr-defined]
    return probe


def child_startup(data: Path, started: float) -> dict[str, object]:
    from reader.ui.app import build_window, create_app, start

    app = create_app([])
    out: dict[str, object] = {}
    window = build_window(data)
    probe = _paint_probe(
        window.article_list.viewport(),
        lambda: window.list_model.rowCount() > 0,
        started,
        out,
        app.quit,
    )
    start(window)
    app.exec()
    out["rows"] = window.list_model.rowCount()
    out["rows_fetched"] = window.list_model.rows_fetched
    window.shutdown()
    del probe
    return out


def child_bare(data: Path, started: float) -> dict[str, object]:
    """The floor: a QTableView over the simplest lazy model of the same rows."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    db = sqlite3.connect(data / "catalogue.sqlite3")

    class Bare(QAbstractTableModel):
        def __init__(self) -> None:
            super().__init__()
            self.n = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            self.pages: dict[int, list[tuple[object, ...]]] = {}

        def rowCount(self, parent: object = QModelIndex()) -> int:  # noqa: N802,B008
            return int(self.n)

        def columnCount(self, parent: object = QModelIndex()) -> int:  # noqa: N802,B008
            return 3

        def data(self, index: QModelIndex, role: int = 0) -> object:  # type: ignore[override]
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            page = index.row() // 100
            if page not in self.pages:
                self.pages[page] = db.execute(
                    "SELECT title, date, site FROM articles ORDER BY date DESC, id DESC "
                    "LIMIT 100 OFFSET ?",
                    (page * 100,),
                ).fetchall()
            return self.pages[page][index.row() % 100][index.column()]

    view = QTableView()
    model = Bare()
    view.setModel(model)
    view.resize(1320, 820)
    out: dict[str, object] = {}
    probe = _paint_probe(view.viewport(), lambda: model.rowCount() > 0, started, out, app.quit)
    view.show()
    app.exec()
    del probe
    return out


def _window(data: Path):  # type: ignore[no-untyped-def]
    """The real window, started as the app starts it, after its start-up re-scan."""
    from reader.ui.app import build_window, create_app, start

    app = create_app([])
    window = build_window(data)
    start(window)
    _wait(app, lambda: window.jobs.busy, 2.0)  # the re-scan is queued 30 ms after show()
    _wait(app, lambda: not window.jobs.busy)
    return app, window


def _wait(app: object, cond: object, timeout: float = 600.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not cond() and time.monotonic() < deadline:  # type: ignore[operator]
        QApplication.processEvents()
        time.sleep(0.005)


def _pump(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.002)


def child_open(data: Path, _started: float) -> dict[str, object]:
    app, window = _window(data)
    ids = window.list_model.ids
    sample = random.Random(7).sample(ids, min(200, len(ids)))
    times = []
    viewport = window.reader.browser.viewport()
    for article_id in sample:
        t = time.perf_counter()
        window.open_article(article_id)
        viewport.repaint()
        times.append((time.perf_counter() - t) * 1000)
        _pump(0.01)
    window.shutdown()
    times.sort()
    return {
        "open_ms_p50": statistics.median(times),
        "open_ms_p95": times[int(len(times) * 0.95) - 1],
        "open_ms_max": times[-1],
    }


QUERIES = [
    "跨境物流",
    "海外仓 退货",
    "shipping costs",
    "date:2024 亚马逊",
    "独立站 -广告",
    "site:跨境电商资讯 物流",
    "container rates",
    "东南亚直播带货",
]


def child_typing(data: Path, _started: float) -> dict[str, object]:
    import resource

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    peaks = {"window_anon": 0, "window_rss": 0, "search_anon": 0, "search_rss": 0}

    def status(pid: int | str) -> dict[str, int]:
        values = {}
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    key = line.split(":")[0]
                    if key in ("RssAnon", "VmRSS", "PPid"):
                        values[key] = int(line.split()[1])
        except OSError:
            pass
        return values

    def sample_memory() -> None:
        # The memory-mapped index shows in RSS as file pages the kernel can drop at will;
        # what a process itself holds is its anonymous memory. Both are sampled, for the
        # window and for its search process (a child of this one).
        me = os.getpid()
        while True:
            mine = status("self")
            peaks["window_anon"] = max(peaks["window_anon"], mine.get("RssAnon", 0))
            peaks["window_rss"] = max(peaks["window_rss"], mine.get("VmRSS", 0))
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    child = status(entry)
                    if child.get("PPid") == me:
                        peaks["search_anon"] = max(peaks["search_anon"], child.get("RssAnon", 0))
                        peaks["search_rss"] = max(peaks["search_rss"], child.get("VmRSS", 0))
            time.sleep(0.05)

    import threading

    threading.Thread(target=sample_memory, daemon=True).start()
    app, window = _window(data)
    window.search_service.warm_up()
    window.search_service.wait_idle(300)
    _pump(0.2)
    field = window.search_field
    field.setFocus()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    results: list[object] = []
    window.searchFinished.connect(results.append)
    timer = QTimer()
    timer.timeout.connect(tick)
    pauses = random.Random(3)
    latencies, hits, searches = [], [], 0
    timer.start(5)
    for query in QUERIES:
        field.clear()
        _pump(0.3)
        for i, char in enumerate(query):
            if char.isascii():
                QTest.keyClicks(field, char)
            else:
                event = QInputMethodEvent("", [])
                event.setCommitString(char)
                QApplication.sendEvent(field, event)
            if i < len(query) - 1:
                # People pause unevenly: some pauses outlast the 200 ms debounce, so
                # searches run (in their thread) while the next keys arrive.
                _pump(pauses.uniform(0.06, 0.4))
        t = time.perf_counter()
        before = len(results)
        _wait(
            app,
            lambda b=before, q=query: (
                len(results) > b
                and getattr(  # type: ignore[misc]
                    results[-1], "query", None
                )
                == q
            ),
            60,
        )
        latencies.append((time.perf_counter() - t) * 1000)
        hits.append(len(results[-1].hits))  # type: ignore[attr-defined]
        _pump(0.3)
    timer.stop()
    searches = len(results)
    # Open a few articles too: their similar-articles lookup is the index's heaviest use.
    for article_id in window.list_model.ids[:5]:
        window.open_article(article_id)
        window.search_service.wait_idle(60)
        _pump(0.1)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    indexed = window.search_panel.outcome.indexed if window.search_panel.outcome else 0
    window.shutdown()
    gaps.sort()
    return {
        "stall_ms_max": gaps[-1] * 1000,
        "stall_ms_p99": gaps[int(len(gaps) * 0.99)] * 1000,
        "search_ms_p50": statistics.median(latencies),
        "search_ms_max": max(latencies),
        "hits": hits,
        "searches": searches,
        "indexed": indexed,
        "peak_rss_mb": rss,
        **{f"{key}_mb": value / 1024 for key, value in peaks.items()},
    }


def child_import(data: Path, _started: float, folder: str) -> dict[str, object]:
    from PySide6.QtCore import QTimer

    app, window = _window(data)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    finished: list[object] = []
    window.jobFinished.connect(
        lambda outcome: finished.append(outcome) if outcome.title.startswith("Import") else None
    )
    timer.start(5)
    t = time.perf_counter()
    window.add_archive_folder(folder)
    _wait(app, lambda: bool(finished), 1200)
    seconds = time.perf_counter() - t
    timer.stop()
    rows = window.list_model.rowCount()
    _pump(0.5)
    rows = window.list_model.rowCount()
    window.shutdown()
    return {
        "import_stall_ms_max": max(gaps) * 1000,
        "import_seconds": seconds,
        "rows_after": rows,
        "message": getattr(finished[0], "message", ""),
    }


CHILDREN = {
    "startup": child_startup,
    "bare": child_bare,
    "open": child_open,
    "typing": child_typing,
    "import": child_import,
}


# -- the run ----------------------------------------------------------------------------


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        mode, data, started = sys.argv[2], Path(sys.argv[3]), float(sys.argv[4])
        result = CHILDREN[mode](data, started, *sys.argv[5:])  # type: ignore[operator]
        print(json.dumps(result, ensure_ascii=False), flush=True)
        os._exit(0)  # skip interpreter teardown: nothing left to save
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles (default 100,000)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/gui-bench"))
    parser.add_argument("--platform", default="offscreen", help="offscreen or xcb (Xvfb)")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs of each window")
    parser.add_argument(
        "--no-search", action="store_true", help="skip indexing and the typing measurement"
    )
    parser.add_argument(
        "--only",
        choices=["startup", "open", "typing", "import"],
        action="append",
        help="run only these measurements (repeatable)",
    )
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    data = library(args.cache, args.n, index=not args.no_search)

    wanted = set(args.only or ["startup", "open", "typing", "import"])
    if args.no_search:
        wanted.discard("typing")
    n = args.n
    lines = [f"\nDesktop app at {n:,} articles ({args.platform}, {os.cpu_count()} cores)"]
    if "startup" in wanted:
        print(f"\nstart-up, {args.runs} runs each, alternating ({args.platform}) ...", flush=True)
        app_runs, bare_runs = [], []
        for _ in range(args.runs):
            bare_runs.append(child("bare", data, args.platform))
            app_runs.append(child("startup", data, args.platform))
        app_times = [float(r["first_paint"]) for r in app_runs]  # type: ignore[arg-type]
        bare_times = [float(r["first_paint"]) for r in bare_runs]  # type: ignore[arg-type]
        app_paint, bare_paint = statistics.median(app_times), statistics.median(bare_times)
        lines += [
            f"  start to list painted with rows  {app_paint:6.3f} s   (median of {args.runs}; "
            f"runs {', '.join(f'{t:.3f}' for t in app_times)})",
            f"  same, bare QTableView            {bare_paint:6.3f} s   "
            f"(runs {', '.join(f'{t:.3f}' for t in bare_times)})",
            f"  ratio app / bare                 {app_paint / bare_paint:6.2f} x   "
            f"(rows read for the first paint: {app_runs[0]['rows_fetched']})",
        ]
    if "open" in wanted:
        print("opening articles ...", flush=True)
        opened = child("open", data, args.platform)
        lines.append(
            f"  open an article                  {opened['open_ms_p50']:6.1f} ms median, "
            f"{opened['open_ms_p95']:.1f} p95, {opened['open_ms_max']:.1f} max"
        )
    if "typing" in wanted:
        print("typing in the search field ...", flush=True)
        typing = child("typing", data, args.platform)
        lines += [
            f"  typing: longest event-loop gap   {typing['stall_ms_max']:6.1f} ms   "
            f"(p99 {typing['stall_ms_p99']:.1f} ms; index holds {typing['indexed']:,})",
            f"  search, last key to results      {typing['search_ms_p50']:6.0f} ms median, "
            f"{typing['search_ms_max']:.0f} max (incl. the 200 ms debounce; "
            f"{typing['searches']} searches ran)",
            f"  peak memory, index open          {typing['window_anon_mb']:6.0f} MB window + "
            f"{typing['search_anon_mb']:.0f} MB search process, private (anonymous)",
            f"                                   RSS: {typing['window_rss_mb']:.0f} MB window, "
            f"{typing['search_rss_mb']:.0f} MB search (counts the mmapped index pages read)",
        ]
    if "import" in wanted:
        print("importing 2,000 articles through the window ...", flush=True)
        small = corpus(args.cache, 2000)
        fresh = args.cache / "data-import-run"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(REPO / "reader" / "resources" / "sample-archive", fresh / "sample-copy")
        run(
            [
                PY,
                "-m",
                "reader.cli",
                "import",
                str(fresh / "sample-copy"),
                "--data-dir",
                str(fresh),
            ],
            stdout=subprocess.DEVNULL,
        )
        imported = child("import", fresh, args.platform, str(small))
        lines.append(
            f"  import 2,000 in the background   {imported['import_stall_ms_max']:6.1f} "
            f"ms longest gap ({imported['import_seconds']:.1f} s, then "
            f"{imported['rows_after']:,} rows)"
        )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

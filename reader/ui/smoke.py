"""``reader --smoke-test``: start the desktop app, let it do its first-start work in its
child processes, search, and quit; exit status 0 when all of that worked.

Made for the frozen build (``packaging/smoke_frozen.py`` runs it offscreen with a fresh
data folder): what breaks there is what the analysis of the imports cannot see, so the
check goes through the same paths a person's first start does. The window opens the
bundled sample archive in the job process (``--reader-child job``), the search goes to
the search process (``--reader-child search``) through the window's own search service,
and the window icon and the sample archive must have been found beside the package.
Hidden from ``--help``: it is for builds, not people.

Prints one JSON object on stdout (what was checked, and the failure if any). Here, in
``reader.ui``, because it drives the window: ``reader.cli.entry`` imports it only for
``--smoke-test``, as it imports the app only when there is no command.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from reader import __version__, paths

# The sample archive's articles, and queries each expected to find at least one of them:
# one English, one Simplified Chinese word (the segmenter's dictionary must be there).
SAMPLE_ARTICLES = 20
QUERIES = ("freight", "物流")
TIMEOUT_S = 240.0


def run(data_dir: str | os.PathLike[str] | None, timeout: float = TIMEOUT_S) -> int:
    """Start the window over *data_dir* (which should be a fresh folder), check, quit."""
    from reader.ui.app import build_window, create_app, start
    from reader.ui.qt import QLibraryInfo, QTimer

    started = time.monotonic()
    report: dict[str, Any] = {
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "data_dir": str(paths.data_dir(data_dir)),
        "ok": False,
    }
    app = create_app()
    # Every PNG size found (a missing file leaves its size out, not the icon null).
    report["icon"] = len(app.windowIcon().availableSizes()) == len(paths.ICON_SIZES)
    report["sample_archive"] = (paths.sample_archive_dir() / "MANIFEST.tsv").is_file()
    # Qt's own translations (standard buttons, file dialogs) and the interface's: a build
    # that lost them shows a Chinese window with English dialogs, or none.
    qt_translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    report["qt_translations"] = (qt_translations / "qtbase_zh_CN.qm").is_file()
    i18n = Path(__file__).resolve().parent / "i18n"
    report["translations"] = sorted(qm.name for qm in i18n.glob("*.qm"))
    # Installed or from source the .ts files are there too: each must have been compiled.
    uncompiled = sorted(ts.name for ts in i18n.glob("*.ts") if not ts.with_suffix(".qm").is_file())
    window = build_window(data_dir)
    pending = list(QUERIES)
    report["searches"] = {}

    def finish(error: str | None = None) -> None:
        if "error" in report:  # already finished (a late watchdog, a late reply)
            return
        if error is None and not report["icon"]:
            error = f"the window icon's sizes were not all found in {paths.icon_path().parent}"
        if error is None and not report["sample_archive"]:
            error = f"no sample archive at {paths.sample_archive_dir()}"
        if error is None and uncompiled:
            error = f"translations not compiled: {', '.join(uncompiled)}"
        if error is None and not report["qt_translations"]:
            error = f"no Qt translations at {qt_translations}"
        report["error"] = error
        report["ok"] = error is None
        report["seconds"] = round(time.monotonic() - started, 2)
        window.close()  # stops the threads and the child processes
        app.exit(0 if error is None else 1)

    def search_next() -> None:
        if not pending:
            finish()
            return
        query = pending.pop(0)

        def done(outcome: Any) -> None:
            report["searches"][query] = outcome.total
            if not outcome.hits:
                finish(f"the search process found nothing for {query!r}")
            else:
                search_next()

        def failed(exc: BaseException) -> None:
            finish(f"the search process failed on {query!r}: {exc}")

        window.search_service.search(
            query, sort="relevance", limit=5, on_done=done, on_error=failed
        )

    def job_finished(outcome: Any) -> None:
        report["job"] = {"title": outcome.title, "error": outcome.error}
        count = window.catalogue.count()
        report["articles"] = count
        if outcome.error or outcome.cancelled:
            finish(f"the job process failed: {outcome.error or 'cancelled'}")
        elif count != SAMPLE_ARTICLES:
            finish(f"the sample import gave {count} articles, not {SAMPLE_ARTICLES}")
        else:
            search_next()

    window.jobFinished.connect(job_finished)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: finish(f"not done within {timeout:.0f} s"))
    watchdog.start(int(timeout * 1000))
    start(window)  # after the first paint: the sample import (a fresh library) and the rest
    status = int(app.exec())
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return status

"""SIGKILL `reader import` and `reader reindex` at random moments; count what survives.

    python bench/kill_loop.py                  # 30 kills on 3,000 generated articles
    python bench/kill_loop.py --kills 100 --articles 5000 --seed 7

A library is imported from a generated archive (bench/make_corpus.py, into a temporary
folder, since this script edits its files), and given bookmarks and annotations. Then, N
times: some archive files are changed (so there is parsing to interrupt), `reader import`
(or, one time in four, `reader reindex --full`) starts in a session of its own, and is
SIGKILLed at a random moment: while starting (walking the folder, starting workers),
parsing or indexing, as its last progress line says. After each kill:

- leftover processes: any process of that session still alive 2 s after the kill (the
  import's worker processes must die with it); they are then killed, so the next round
  starts clean;
- tracebacks: "Traceback" or "leaked" (semaphore warnings) on the session's stderr;
- integrity failures: `PRAGMA integrity_check` and `foreign_key_check` of the catalogue;
- items lost: bookmarks and annotations missing from the catalogue.

At the end an import runs to completion and `reader reindex --check` must agree. Prints
one line per kill, then the totals (kills, leftover processes, tracebacks, integrity
failures, items lost, seconds); exit status 1 if any is not zero.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

GRACE = 2.0  # seconds the workers have to leave after their parent is killed


def reader(*args: str, data: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        **kwargs,
    )  # type: ignore[call-overload]


def session_processes(sid: int) -> list[int]:
    """Live (not zombie) processes of session *sid*."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def user_data(catalogue: Path) -> tuple[set[str], set[str]]:
    with sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True) as db:
        bookmarks = {r[0] for r in db.execute("SELECT uid FROM bookmarks")}
        notes = {r[0] for r in db.execute("SELECT id FROM annotations")}
    return bookmarks, notes


def integrity(catalogue: Path) -> str:
    """'ok', or what SQLite found wrong."""
    try:
        with sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True) as db:
            check = [r[0] for r in db.execute("PRAGMA integrity_check")]
            keys = db.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.Error as exc:
        return f"cannot be read: {exc}"
    if check != ["ok"]:
        return "; ".join(check[:3])
    return f"foreign keys: {keys[:3]}" if keys else "ok"


def annotate(data: Path, count: int) -> None:
    """Bookmarks and highlights (with notes) on the first *count* articles."""
    from reader.annotations.store import AnnotationStore
    from reader.catalogue import Catalogue

    with Catalogue(data / "catalogue.sqlite3") as catalogue:
        store = AnnotationStore(catalogue)
        for article_id in catalogue.ids()[:count]:
            store.bookmark(article_id, ["kill-loop", f"n{article_id % 5}"])
            text = catalogue.title_and_text(article_id)
            if text and len(text[1]) > 40:
                store.annotate_quote(article_id, text[1][10:30], note=f"note {article_id}")


def change_files(archive: Path, rng: random.Random, files: list[Path]) -> int:
    """Append a line to a random share of the files: their bytes change, so the next
    import parses them again (their text, and so the highlights, stay put)."""
    chosen = rng.sample(files, k=int(len(files) * rng.uniform(0.3, 1.0)))
    for path in chosen:
        with open(path, "ab") as handle:
            handle.write(b"\n")
    return len(chosen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--annotated", type=int, default=40, help="articles given a bookmark and a highlight"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    totals = {
        "kills": 0,
        "starting": 0,
        "parsing": 0,
        "indexing": 0,
        "finished before the kill": 0,
        "leftover processes": 0,
        "tracebacks": 0,
        "integrity failures": 0,
        "items lost": 0,
    }
    with tempfile.TemporaryDirectory(prefix="kill-loop-") as tmp_name:
        tmp = Path(tmp_name)
        archive, data = tmp / "archive", tmp / "lib"
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), str(args.articles), str(archive)],
            check=True,
            capture_output=True,
        )
        files = sorted(archive.rglob("*.txt"))
        t0 = time.perf_counter()
        first = reader("import", str(archive), data=data)
        if first.returncode != 0:
            print(first.stderr, file=sys.stderr)
            return 1
        full_run = time.perf_counter() - t0
        for path in files:  # every file changed: the longest parse there will be
            with open(path, "ab") as handle:
                handle.write(b"\n")
        t0 = time.perf_counter()
        reader("import", str(archive), "--no-index", data=data)
        parse_time = time.perf_counter() - t0
        annotate(data, args.annotated)
        catalogue = data / "catalogue.sqlite3"
        want_bookmarks, want_notes = user_data(catalogue)
        print(
            f"{args.articles} articles imported and indexed in {full_run:.1f} s; "
            f"{len(want_bookmarks)} bookmarks, {len(want_notes)} annotations"
        )

        for round_no in range(1, args.kills + 1):
            changed = change_files(archive, rng, files) if rng.random() < 0.8 else 0
            command = ["reindex", "--full"] if rng.random() < 0.25 else ["import", str(archive)]
            err_path = tmp / f"stderr-{round_no}.txt"
            with open(err_path, "w") as err:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "reader", *command, "--data-dir", str(data)],
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    cwd=REPO,
                    start_new_session=True,
                )
            # Parsing is the short phase: half the kills aim at the first seconds.
            delay = (
                rng.uniform(0.3, max(1.0, parse_time * 0.8))
                if rng.random() < 0.5
                else rng.uniform(0.3, max(1.0, full_run * 0.8))
            )
            time.sleep(delay)
            if proc.poll() is not None:
                totals["finished before the kill"] += 1
                outcome = f"finished first (status {proc.returncode})"
                phase = "-"
            else:
                workers_before = len(session_processes(proc.pid)) - 1
                lines = err_path.read_text(errors="replace").splitlines()
                last = next((ln for ln in reversed(lines) if ":" in ln), "")
                phase = (
                    "indexing"
                    if last.startswith("Indexing")
                    else "parsing"
                    if last.startswith("Importing")
                    else "starting"
                )
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                totals["kills"] += 1
                totals[phase] += 1
                deadline = time.monotonic() + GRACE
                while session_processes(proc.pid) and time.monotonic() < deadline:
                    time.sleep(0.05)
                leftover = session_processes(proc.pid)
                totals["leftover processes"] += len(leftover)
                for pid in leftover:
                    os.kill(pid, signal.SIGKILL)
                outcome = (
                    f"killed after {delay:.1f} s, {workers_before} workers, "
                    f"{len(leftover)} left over"
                )
            time.sleep(0.2)  # anything the dying workers still write lands first
            text = err_path.read_text(errors="replace")
            traces = text.count("Traceback") + text.count("leaked")
            totals["tracebacks"] += traces
            check = integrity(catalogue)
            totals["integrity failures"] += check != "ok"
            bookmarks, notes = user_data(catalogue)
            lost = len(want_bookmarks - bookmarks) + len(want_notes - notes)
            totals["items lost"] += lost
            print(
                f"{round_no:3} {command[0]:7} {changed:5} files changed, "
                f"{phase:8} {outcome}; tracebacks {traces}, integrity {check}, "
                f"lost {lost}",
                flush=True,
            )

        final = reader("import", str(archive), "--json", data=data)
        summary = json.loads(final.stdout) if final.returncode == 0 else {}
        check = reader("reindex", "--check", "--json", data=data)
        report = json.loads(check.stdout) if check.stdout.strip() else {}
        agrees = check.returncode == 0
        bookmarks, notes = user_data(catalogue)
        totals["items lost"] += len(want_bookmarks - bookmarks) + len(want_notes - notes)
        library_ok = summary.get("cancelled") is False and final.returncode == 0
    seconds = time.perf_counter() - started
    print(
        f"final import: status {final.returncode}, {summary.get('imported')} imported, "
        f"{summary.get('updated')} updated, {summary.get('unchanged')} unchanged; "
        f"reindex --check: {report}"
    )
    print(
        ", ".join(f"{key} {value}" for key, value in totals.items())
        + f", index agrees {'yes' if agrees else 'NO'}, seconds {seconds:.0f}"
    )
    bad = (
        totals["leftover processes"]
        or totals["tracebacks"]
        or totals["integrity failures"]
        or totals["items lost"]
        or not agrees
        or not library_ok
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

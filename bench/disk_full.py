"""The disk-full loop: imports, annotations and bookmarks on a disk that runs out of space.

    sudo python bench/disk_full.py                  # 40 runs on a 48 MB tmpfs
    sudo python bench/disk_full.py --runs 200 --seed 3

A library lives on a small tmpfs (mounting needs root). Each run fills the disk to leave
a random amount free (0 to --max-free bytes, mostly little), then runs one command through
the real CLI (`reader import` of a growing archive, `reader annotate` of a random passage, or
`reader bookmark`); a command that fails must fail with one clear "no space left" line
and status 2. Then space is freed and the same command run again, which must succeed.
After every run: `PRAGMA integrity_check`, and every bookmark and annotation made so far
must still be there, unchanged. At the end `reader reindex --check` must agree with the
library. It prints: runs, commands that ran out of space, clear messages, unclear
failures, tracebacks, re-runs that failed, items lost, integrity failures, seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


@dataclass
class Figures:
    runs: int = 0
    out_of_space: int = 0
    clear: int = 0
    unclear: int = 0
    tracebacks: int = 0
    backup_warnings: int = 0  # the change saved, its backup not: warned, status 0
    rerun_failures: int = 0
    items_lost: int = 0
    integrity_failures: int = 0
    by_command: dict[str, list[int]] = field(default_factory=dict)  # runs, out of space
    problems: list[str] = field(default_factory=list)


def reader(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader.cli", *args, "--data-dir", str(data_dir)]
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", cwd=REPO, timeout=600
    )


@contextlib.contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    where = Path(tempfile.mkdtemp(prefix="disk-full-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        where.rmdir()
        sys.exit(f"cannot mount a tmpfs (needs root): {done.stderr.strip()}")
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)]).returncode:
            subprocess.run(["umount", "-l", str(where)])
        with contextlib.suppress(OSError):
            where.rmdir()


def fill(mount: Path, leave: int) -> None:
    filler = mount / ".filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for chunk in (1 << 20, 1 << 16, 1 << 12):
            while True:
                try:
                    os.write(fd, b"\0" * chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))


def unfill(mount: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (mount / ".filler").unlink()


def user_data(catalogue: Path) -> dict[str, tuple[object, ...]]:
    """Every annotation and bookmark, keyed by id, with the fields a person made."""
    with contextlib.closing(sqlite3.connect(catalogue.as_uri() + "?mode=ro", uri=True)) as db:
        items: dict[str, tuple[object, ...]] = {
            r[0]: tuple(r[1:])
            for r in db.execute("SELECT id, exact, note, color, created, modified FROM annotations")
        }
        items.update(
            {
                f"bookmark {r[0]}": tuple(r[1:])
                for r in db.execute("SELECT uid, tags, created, modified FROM bookmarks")
            }
        )
    return items


def integrity(catalogue: Path) -> str:
    with contextlib.closing(sqlite3.connect(catalogue)) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def judge(result: subprocess.CompletedProcess[str], figures: Figures, what: str) -> bool:
    """True if the command succeeded; counts how a failure was told."""
    if "Traceback" in result.stderr:
        figures.tracebacks += 1
        figures.problems.append(f"{what}: traceback: {result.stderr[-400:]}")
    if result.returncode == 0:
        figures.backup_warnings += "no space left for the automatic backup" in result.stderr
        return False
    figures.out_of_space += 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("reader: ")]
    if (
        result.returncode == 2
        and len(lines) == 1
        and "no space left" in lines[0]
        and "Traceback" not in result.stderr
    ):
        figures.clear += 1
    else:
        figures.unclear += 1
        figures.problems.append(f"{what}: status {result.returncode}: {result.stderr[-400:]}")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--size", default="48m", help="tmpfs size (default 48m)")
    parser.add_argument("--articles", type=int, default=800, help="archive to import in parts")
    parser.add_argument(
        "--max-free",
        type=int,
        default=1_500_000,
        help="most bytes left free when the disk is filled",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    figures = Figures()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="disk-full-work-"))
    try:
        corpus = work / "corpus"
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_corpus.py"),
                str(args.articles),
                str(corpus),
                "--seed",
                str(args.seed),
            ],
            check=True,
            cwd=REPO,
        )
        files = sorted(corpus.rglob("*.txt"))
        rng.shuffle(files)
        archive = work / "archive"
        archive.mkdir()
        with tmpfs(args.size) as mount:
            data = mount / "lib"
            catalogue = data / "catalogue.sqlite3"
            added = 0

            def grow(count: int) -> None:
                nonlocal added
                for path in files[added : added + count]:
                    target = archive / path.relative_to(corpus)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target)
                added += count

            grow(20)
            first = reader("import", str(archive), data_dir=data)
            assert first.returncode == 0, first.stderr
            for run in range(args.runs):
                ids = [r["id"] for r in json.loads(reader("list", "--json", data_dir=data).stdout)]
                kind = rng.choice(["import", "import", "annotate", "annotate", "bookmark"])
                if kind == "import" and added < len(files):
                    grow(max(1, (len(files) - 20) // max(1, args.runs // 2)))
                    command = ["import", str(archive)]
                elif kind == "bookmark":
                    command = [
                        "bookmark",
                        str(rng.choice(ids)),
                        "--tags",
                        ",".join(f"t{rng.randrange(50)}" for _ in range(3)),
                    ]
                else:
                    kind = "annotate"
                    article = rng.choice(ids)
                    shown = json.loads(reader("show", str(article), "--json", data_dir=data).stdout)
                    text = "\n\n".join(shown["paragraphs"])
                    start = rng.randrange(max(1, len(text) - 12))
                    quote = text[start : start + rng.randint(4, 12)].strip()
                    if not quote or "\n" in quote:
                        quote = shown["paragraphs"][0][:6]
                    command = [
                        "annotate",
                        str(article),
                        "--quote",
                        quote,
                        "--occurrence",
                        "1",
                        "--note",
                        "n" * rng.randint(0, 5000),
                    ]
                before = user_data(catalogue)
                # Mostly a little space (a commit or a backup fails), sometimes more (an
                # import runs out part-way through).
                fill(mount, int(args.max_free * rng.random() ** 3))
                result = reader(*command, data_dir=data)
                failed = judge(result, figures, f"run {run} {kind}")
                counts = figures.by_command.setdefault(kind, [0, 0])
                counts[0] += 1
                counts[1] += int(failed)
                unfill(mount)
                after = user_data(catalogue)
                lost = [
                    k
                    for k, v in before.items()
                    if after.get(k) != v
                    and not (k.startswith("bookmark") and kind == "bookmark" and not failed)
                ]
                figures.items_lost += len(lost)
                if lost:
                    figures.problems.append(f"run {run} {kind}: lost {lost[:3]}")
                if integrity(catalogue) != "ok":
                    figures.integrity_failures += 1
                if failed:
                    again = reader(*command, data_dir=data)
                    if again.returncode != 0:
                        figures.rerun_failures += 1
                        figures.problems.append(f"run {run} {kind} again: {again.stderr[-400:]}")
                figures.runs += 1
            final = reader("import", str(archive), data_dir=data)
            check = reader("reindex", "--check", "--json", data_dir=data)
            report = json.loads(check.stdout) if check.stdout.strip() else {}
            agree = final.returncode == 0 and check.returncode == 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    print(f"runs                     {figures.runs}")
    for kind, (runs, full) in sorted(figures.by_command.items()):
        print(f"  {kind:<22} {runs} runs, {full} ran out of space")
    print(f"ran out of space         {figures.out_of_space}")
    print(f"clear messages           {figures.clear}")
    print(f"unclear failures         {figures.unclear}")
    print(f"saved, backup warned     {figures.backup_warnings}")
    print(f"tracebacks               {figures.tracebacks}")
    print(f"re-runs that failed      {figures.rerun_failures}")
    print(f"items lost               {figures.items_lost}")
    print(f"integrity failures       {figures.integrity_failures}")
    print(
        f"final import + check     {'agree' if agree else 'DISAGREE'} "
        f"({report.get('indexed')} indexed of {report.get('library')})"
    )
    print(f"seconds                  {seconds:.1f}")
    for problem in figures.problems[:20]:
        print("  problem:", problem)
    bad = (
        figures.unclear
        or figures.tracebacks
        or figures.rerun_failures
        or figures.items_lost
        or figures.integrity_failures
        or not agree
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

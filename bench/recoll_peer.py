"""Recoll as a peer in the search benches: its own indexer over HTML files, its Python module.

    apt-get install --no-install-recommends recollcmd python3-recoll   # bench-only

Why a module of its own: bench/search_bench.py (speed) and bench/search_quality.py (known
items) must run Recoll the same way, so the figures of one can be read beside the other's.
Recoll is a bench and test peer only, never a run-time dependency of the app: nothing under
reader/ imports this, and this imports nothing from reader/ (so it also runs as a script
under Debian's /usr/bin/python3 when the project's Python cannot load Recoll's module).

What it does:

- writes each article as an HTML file (``<title>`` and one ``<p>`` per line of the body),
  its mtime set to the article's date (noon, local time), because Recoll's ``date:`` filter
  reads the file's date;
- indexes them with ``recollindex`` in a private configuration folder (``recoll.conf``
  holds ``topdirs`` and nothing else: Recoll's defaults, CJK as bigrams included), with
  ``HOME`` pointed inside it for the indexer (it keeps a state file under
  ``$HOME/.config/Recoll.org`` whatever ``XDG_CONFIG_HOME`` says), so nothing lands in
  ~/.recoll or ~/.config;
- runs a batch of queries through ``recoll.recoll`` in one process with the timing inside
  it (no process start-up in the figures): a first pass, then *repeat* warm passes taking
  the top N doc ids, then *repeat* warm passes that also build ``makedocabstract`` for each
  of them (Recoll's snippets, what its GUI shows under a hit).

Recoll's module is loaded from Debian's dist-packages by itself (not the whole folder on
sys.path, which would shadow the venv's packages), and only when its extension was built
for this interpreter's ABI; otherwise the batch runs in ``/usr/bin/python3 recoll_peer.py
batch``, which reads the request as JSON on stdin and writes the result as JSON.
"""

from __future__ import annotations

import html
import importlib.machinery
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DIST_PACKAGES = Path("/usr/lib/python3/dist-packages")
SYSTEM_PYTHON = "/usr/bin/python3"
INSTALL_HINT = "apt-get install --no-install-recommends recollcmd python3-recoll"

_YEAR = re.compile(r"\s*date:(\d{4})$")
_HALF = re.compile(r"\s*date:(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
_MONTH_END = {"01": 31, "02": 28, "03": 31, "04": 30, "05": 31, "06": 30}
_MONTH_END.update({"07": 31, "08": 31, "09": 30, "10": 31, "11": 30, "12": 31})


@dataclass(frozen=True)
class Doc:
    """One article as Recoll gets it: the benches' cleaned (and folded) title and body."""

    id: int
    title: str
    body: str
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD...; sets the file's mtime


# -- is Recoll here --------------------------------------------------------------------------


def _module_dir() -> Path | None:
    for base in [DIST_PACKAGES, *(Path(p) for p in sys.path if p)]:
        if (base / "recoll" / "recoll.py").exists():
            return base / "recoll"
    return None


def _abi_matches(folder: Path) -> bool:
    """The extension's file name carries its ABI tag (``_recoll.cpython-311-x86_64-...so``):
    loadable here only when it is one of this interpreter's extension suffixes."""
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    return any(p.name.endswith(s) for p in folder.glob("_recoll*") for s in suffixes)


def load_module() -> Any | None:
    """``recoll.recoll`` loaded into this interpreter, or None when it cannot be."""
    if "recoll.recoll" in sys.modules:
        return sys.modules["recoll.recoll"]
    folder = _module_dir()
    if folder is None or not _abi_matches(folder):
        return None
    spec = importlib.util.spec_from_file_location(
        "recoll", folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    if spec is None or spec.loader is None:
        return None
    package = importlib.util.module_from_spec(spec)
    sys.modules["recoll"] = package
    try:
        spec.loader.exec_module(package)
        return importlib.import_module("recoll.recoll")
    except ImportError:
        for name in ("recoll.recoll", "recoll"):
            sys.modules.pop(name, None)
        return None


def _system_python_can() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "from recoll import recoll"], capture_output=True, check=False
    )
    return probe.returncode == 0


def unavailable() -> str | None:
    """Why Recoll cannot run here, or None when it can (its indexer and its module)."""
    if shutil.which("recollindex") is None:
        return f"recollindex is not on PATH (install: {INSTALL_HINT})"
    if load_module() is None and not _system_python_can():
        return f"Recoll's Python module does not import (install: {INSTALL_HINT})"
    return None


# -- indexing --------------------------------------------------------------------------------


def _mtime(date: str | None) -> float | None:
    """Noon (local time) of the article's date, so a ``date:`` range in any time zone
    near ours counts it in its own day and month."""
    if not date:
        return None
    parts = (date[:10].split("-") + ["01", "01"])[:3]
    try:
        year, month, day = (int(p) for p in parts)
        return time.mktime((year, month, day, 12, 0, 0, 0, 0, -1))
    except (ValueError, OverflowError):
        return None


def doc_path(folder: Path, doc_id: int) -> Path:
    """<folder>/<id // 1000>/<id>.html: a thousand files a folder, the id in the name."""
    return folder / str(doc_id // 1000) / f"{doc_id}.html"


def write_html(folder: Path, docs: Iterable[Doc]) -> int:
    """Write each article as an HTML page; returns how many."""
    count = 0
    for doc in docs:
        path = doc_path(folder, doc.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        paragraphs = "".join(
            f"<p>{html.escape(line)}</p>\n" for line in doc.body.splitlines() if line.strip()
        )
        path.write_text(
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{html.escape(doc.title)}</title></head>\n<body>\n{paragraphs}</body></html>\n",
            "utf-8",
        )
        stamp = _mtime(doc.date)
        if stamp is not None:
            os.utime(path, (stamp, stamp))
        count += 1
    return count


def _env(confdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["RECOLL_CONFDIR"] = str(confdir)
    env["HOME"] = str(confdir / "home")  # recollindex writes $HOME/.config/Recoll.org/...
    return env


def build_index(root: Path, docs: Iterable[Doc]) -> dict[str, Any]:
    """Write the pages under root/html and index them into root/conf with ``recollindex``;
    returns {"wall": s (indexing only), "bytes": index size, "docs": count, "confdir"}."""
    if root.exists():
        shutil.rmtree(root)
    pages, confdir = root / "html", root / "conf"
    count = write_html(pages, docs)
    (confdir / "home").mkdir(parents=True)
    (confdir / "recoll.conf").write_text(f"topdirs = {pages}\n", "utf-8")
    started = time.perf_counter()
    proc = subprocess.run(
        ["recollindex", "-c", str(confdir)],
        env=_env(confdir),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if proc.returncode:
        raise RuntimeError(f"recollindex failed ({proc.returncode}): {proc.stderr[-1500:]}")
    size = sum(p.stat().st_size for p in (confdir / "xapiandb").rglob("*") if p.is_file())
    return {"wall": wall, "bytes": size, "docs": count, "confdir": str(confdir)}


# -- queries ---------------------------------------------------------------------------------


def bench_query(text: str) -> str | None:
    """search_bench's query (already folded) in Recoll's query language, or None when
    Recoll has no equivalent. Words are AND-ed and "phrases" quoted in both languages, and
    a CJK substring goes as it is (Recoll turns it into a phrase of its bigrams);
    ``date:YYYY`` and ``date:YYYY-MM..YYYY-MM`` become Recoll's ``date:first/last`` (on
    the file's mtime, set to the article's date); ``title:`` is a field in both; ``site:``
    has no counterpart in an HTML file's Recoll fields."""
    if "site:" in text:
        return None
    m = _HALF.search(text)
    if m:
        y1, m1, y2, m2 = m.groups()
        last = _MONTH_END.get(m2, 31)
        return f"{text[: m.start()]} date:{y1}-{m1}-01/{y2}-{m2}-{last:02d}"
    m = _YEAR.search(text)
    if m:
        return f"{text[: m.start()]} date:{m[1]}-01-01/{m[1]}-12-31"
    return text


def known_item_query(words: Iterable[str], phrase: bool) -> str:
    """search_quality's known item: its words AND-ed, or one quoted phrase."""
    words = list(words)
    if phrase:
        return '"' + words[0].replace('"', " ") + '"'
    return " ".join(w.replace('"', " ") for w in words)


def _doc_id(doc: Any) -> int:
    return int(Path(str(doc.url)).stem)


def run_batch(request: dict[str, Any]) -> dict[str, Any]:
    """Run a batch of queries in this process (the timing excludes process start-up).

    request: {"confdir", "queries": [str | None] (None: not run), "top", "repeat",
    "abstracts": bool, "full": [index of queries whose every hit is wanted]}.
    Returns {"ids": [[id]] (top of the first pass; [] for None), "first_ms": [ms | None],
    "passes": {"recoll": [[ms | None]] * repeat, "recoll_abstracts": ...},
    "full": {index: [id]}, "errors": {index: message}, "open_s": s}."""
    recoll = load_module()
    if recoll is None:
        raise RuntimeError("Recoll's Python module does not import in this interpreter")
    started = time.perf_counter()
    db = recoll.connect(confdir=request["confdir"])
    opened = time.perf_counter() - started
    queries: list[str | None] = request["queries"]
    top, repeat = int(request["top"]), max(1, int(request.get("repeat", 1)))
    errors: dict[str, str] = {}

    def one(i: int, text: str, abstracts: bool) -> tuple[float, list[int]]:
        t = time.perf_counter()
        query = db.query()
        try:
            query.execute(text)
            docs = query.fetchmany(top)
        except Exception as err:  # a query Recoll refuses: no hits, counted as run
            errors[str(i)] = str(err)
            docs = []
        ids = [_doc_id(d) for d in docs]
        if abstracts:
            for doc in docs:
                query.makedocabstract(doc)
        return (time.perf_counter() - t) * 1000, ids

    def timed_pass(abstracts: bool) -> list[float | None]:
        return [None if q is None else one(i, q, abstracts)[0] for i, q in enumerate(queries)]

    first: list[float | None] = []
    ids: list[list[int]] = []
    for i, q in enumerate(queries):
        if q is None:
            first.append(None)
            ids.append([])
        else:
            ms, found = one(i, q, False)
            first.append(ms)
            ids.append(found)
    passes: dict[str, list[list[float | None]]] = {"recoll": []}
    for _ in range(repeat):
        passes["recoll"].append(timed_pass(False))
    if request.get("abstracts"):
        passes["recoll_abstracts"] = [timed_pass(True) for _ in range(repeat)]
    full: dict[str, list[int]] = {}
    for i in request.get("full", []):
        text = queries[i]
        if text is None:
            continue
        query = db.query()
        try:
            count = query.execute(text)
            full[str(i)] = [_doc_id(d) for d in query.fetchmany(max(count, 1))]
        except Exception as err:
            errors[str(i)] = str(err)
    db.close()
    return {
        "ids": ids,
        "first_ms": first,
        "passes": passes,
        "full": full,
        "errors": errors,
        "open_s": opened,
    }


def search(request: dict[str, Any]) -> dict[str, Any]:
    """run_batch here when Recoll's module loads in this interpreter, else in Debian's
    Python (one process for the whole batch; the timing is inside it either way)."""
    if load_module() is not None:
        return run_batch(request)
    proc = subprocess.run(
        [SYSTEM_PYTHON, str(Path(__file__).resolve()), "batch"],
        input=json.dumps(request, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError(f"the Recoll batch failed: {proc.stderr[-1500:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


if __name__ == "__main__":
    if sys.argv[1:] == ["batch"]:
        print(json.dumps(run_batch(json.loads(sys.stdin.read()))))
        sys.exit(0)
    print("usage: python3 recoll_peer.py batch < request.json", file=sys.stderr)
    sys.exit(2)

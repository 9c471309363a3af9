"""A damaged index is never trusted silently (issue 8, part 4).

Each case of the issue through the command line (a subprocess with ``--data-dir``): the
exit status, no traceback, the note that says the index was damaged and repaired, and
after the repair the same answers as a freshly built index. The read-only mode and the
note the desktop app shows go through the core's ``open_engine`` and ``search_library``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.catalogue import Catalogue
from reader.errors import ReaderError
from reader.search.sync import open_engine, search_library
from reader.search.whoosh_engine import WhooshEngine

TOPICS = ["海外仓", "物流", "关税", "直播", "支付"]
QUERIES = [
    "报道",
    "site:出海观察资讯 物流",
    "freight OR returns",
    "海外仓 OR 关税",
    "直播",
    "的",
    "号报道讨论",
    "date:2024-03",
]
# Filler text: enough distinct character pairs that a segment's key and posting arrays
# span blocks that opening it does not read (met only by the queries that need them).
POOL = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处理府研质"
)


def write_articles(folder: Path, start: int, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        topic = TOPICS[i % len(TOPICS)]
        site = ["跨境电商资讯", "出海观察资讯"][i % 2]
        rng = random.Random(i)
        filler = "".join(rng.choice(POOL) for _ in range(600))
        body = (
            f"第{i}号报道讨论{topic}的变化。编号甲{i:05d}乙只出现在这一篇里。"
            f"Report number {i} covers {['freight', 'payments', 'returns'][i % 3]}."
            f"\n\n{filler}。"
        )
        (folder / f"a{i:05d}.txt").write_text(
            f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n\n{site}:{topic}观察{i}\n\n{body}\n",
            encoding="utf-8",
        )


def run(*args: str, data: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "reader.cli", *args, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def answers(data: Path) -> list[list[tuple[int, str]]]:
    """(id, snippet) of every hit of every query: what ``reader search`` prints. Read
    through a read-only engine, which repairs nothing (a damaged index raises): after a
    repair by the commands, what is compared is what they left."""
    catalogue = Catalogue(data / "catalogue.sqlite3", readonly=True)
    engine = open_engine(data, readonly=True)
    try:
        out = []
        for query in QUERIES:
            results, got = core_answers(catalogue, engine, query)
            assert results.note is None or "damaged" not in results.note
            out.append(got)
        return out
    finally:
        engine.close()
        catalogue.close()


def check(data: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run("reindex", "--check", "--json", data=data)
    return result.returncode, json.loads(result.stdout)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:  # type: ignore[type-arg]
    """A library of 60 articles whose index has two posting segments, and its answers."""
    root = tmp_path_factory.mktemp("damage")
    archive = root / "archive"
    data = root / "data"
    write_articles(archive, 0, 30)
    assert run("import", str(archive), "--workers", "1", data=data).returncode == 0
    write_articles(archive, 30, 30)
    assert run("import", str(archive), "--workers", "1", data=data).returncode == 0
    assert len(list((data / "index").glob("seg-*.post"))) == 2
    expected = answers(data)
    assert all(expected) and len(expected[0]) == 60
    for n in (0, 1):
        cli = run("search", QUERIES[n], "--json", "--limit", "100", data=data)
        assert [(r["id"], r["snippet"]) for r in json.loads(cli.stdout)] == expected[n]
    return data, expected


@pytest.fixture
def library(built: tuple[Path, list], tmp_path: Path) -> tuple[Path, list]:  # type: ignore[type-arg]
    """A private copy of the built library (each test damages its own)."""
    data = tmp_path / "lib"
    shutil.copytree(built[0], data)
    return data, built[1]


def segments(data: Path) -> list[Path]:
    return sorted((data / "index").glob("seg-*.post"))


def garble_store(data: Path) -> None:
    """200 random bytes in the manifest's pages after the first (the header stays, so it
    still opens as a database: this seed made every command end in a traceback before)."""
    path = data / "index" / "store.sqlite3"
    raw = bytearray(path.read_bytes())
    rng = random.Random(5)
    for _ in range(200):
        raw[rng.randrange(4096, len(raw))] = rng.randrange(256)
    path.write_bytes(bytes(raw))


def layout(path: Path) -> tuple[int, dict[str, tuple[int, int]]]:
    """Where a segment file's arrays begin and each one's byte span, from its header."""
    raw = path.read_bytes()
    length = struct.unpack("<Q", raw[8:16])[0]
    header = json.loads(raw[24 : 24 + length])
    start = -(-(24 + length) // 4096) * 4096
    spans = {}
    for name, spec in header["arrays"].items():
        count = 1
        for n in spec["shape"]:
            count *= n
        size = count * np.dtype(spec["dtype"]).itemsize
        spans[name] = (start + spec["offset"], start + spec["offset"] + size)
    return start, spans


def unread_at_open(path: Path) -> list[int]:
    """An offset in every 4 KB block of the large arrays that opening the segment does not
    read (it checks the blocks of the small arrays it copies, and the last offset)."""
    start, spans = layout(path)
    large = ("keys", "offsets", "docnums", "tfs")
    read = [span for name, span in spans.items() if name not in large]
    read.append((spans["offsets"][1] - 4, spans["offsets"][1]))
    out = []
    for name in large:
        lo, hi = spans[name]
        block = start + (lo - start) // 4096 * 4096
        while block < hi:
            a, z = max(lo, block), min(hi, block + 4096)
            if not any(x < block + 4096 and block < y for x, y in read):
                out.append((a + z) // 2)
            block += 4096
    return out


def flip(path: Path, offsets: list[int]) -> None:
    raw = bytearray(path.read_bytes())
    for offset in offsets:
        raw[offset] ^= 0x5A
    path.write_bytes(bytes(raw))


def flip_postings(path: Path) -> None:
    """A flipped byte in every 512 bytes of the postings."""
    lo, hi = layout(path)[1]["docnums"]
    flip(path, list(range(lo, hi, 512)))


def core_answers(catalogue: Catalogue, engine: WhooshEngine, query: str) -> Any:
    results = search_library(catalogue, engine, query, limit=100)
    return results, [(h.id, h.snippet) for h in results.hits]


# -- the cases of the issue ------------------------------------------------------------


@pytest.mark.parametrize("first", ["search", "reindex", "check"])
def test_garbled_manifest(library: tuple[Path, list], first: str) -> None:  # type: ignore[type-arg]
    """Was: a traceback from search, reindex and reindex --check."""
    data, expected = library
    garble_store(data)
    if first == "check":
        code, report = check(data)
        assert code == 1 and report["damaged"] >= 1 and report["damage"]
        assert "store.sqlite3" in report["damage"][0]
    elif first == "search":
        result = run("search", "报道", "--json", "--limit", "100", data=data)
        assert result.returncode == 0
        assert "damaged" in result.stderr and "repaired" in result.stderr
        assert [(r["id"], r["snippet"]) for r in json.loads(result.stdout)] == expected[0]
    else:
        result = run("reindex", data=data)
        assert result.returncode == 0 and "damaged (store.sqlite3" in result.stdout
    assert run("reindex", data=data).returncode == 0
    code, report = check(data)
    assert code == 0 and report["damaged"] == 0 and report["indexed"] == 60
    assert answers(data) == expected


def test_a_flipped_header_byte_of_the_manifest(library: tuple[Path, list]) -> None:  # type: ignore[type-arg]
    """Byte 47 is the schema format number: SQLite answers "unsupported file format" with
    the code of an ordinary error, which is still damage (found by the fuzz test below)."""
    data, expected = library
    flip(data / "index" / "store.sqlite3", [47])
    result = run("search", "报道", "--json", "--limit", "100", data=data)
    assert result.returncode == 0 and "unsupported file format" in result.stderr
    assert [(r["id"], r["snippet"]) for r in json.loads(result.stdout)] == expected[0]
    assert answers(data) == expected


def test_garbled_segment_is_found_and_only_it_rebuilt(library: tuple[Path, list]) -> None:  # type: ignore[type-arg]
    """Was: changed results with no note, --check said ok, reindex did not help."""
    data, expected = library
    bad, good = segments(data)
    flip_postings(bad)
    code, report = check(data)
    assert code == 1 and report["damaged"] == 1 and bad.name in report["damage"][0]
    assert report["missing"] == 30 and report["indexed"] == 30  # the bad one's articles
    result = run("reindex", data=data)
    assert result.returncode == 0, result.stderr
    assert f"{bad.name}: checksum mismatch" in result.stdout
    assert "30 added" in result.stdout  # only the damaged segment's articles
    assert good.exists() and not bad.exists()
    code, report = check(data)
    assert code == 0 and report["damaged"] == 0
    assert answers(data) == expected


def met_while_answering(
    built: tuple[Path, list],
    where: Path,  # type: ignore[type-arg]
    offset: int,
) -> tuple[int | None, list[str]]:
    """Flip the byte at *offset* of the first segment of a copy of the library at
    *where*, open it and run the queries through the core (as the desktop app's search
    process does); every answer must equal the intact one unless its note says the index
    was damaged. Returns the first query that met the damage (None: none read that block)
    and the notes."""
    shutil.copytree(built[0], where)
    flip(segments(where)[0], [offset])
    catalogue = Catalogue(where / "catalogue.sqlite3", readonly=True)
    engine = open_engine(where)
    met, notes = None, []
    try:
        assert not engine.damage  # opening does not read that block
        for n, (query, want) in enumerate(zip(QUERIES, built[1], strict=True)):
            results, got = core_answers(catalogue, engine, query)
            if results.note and "damaged" in results.note:
                met = n if met is None else met
                notes.append(results.note)
            else:
                assert got == want, (query, offset)
    finally:
        engine.close()
        catalogue.close()
    return met, notes


def test_damage_met_while_answering_is_never_silent(
    built: tuple[Path, list],  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    """Blocks of postings and keys are checked on first read, not at opening: damage in
    them is met by the query that reads them, repaired at once, and every answer from
    then on says so (the desktop app shows the note), with how much is left out."""
    candidates = unread_at_open(segments(built[0])[0])
    assert len(candidates) >= 8
    met = 0
    for n, offset in enumerate(random.Random(3).sample(candidates, 10)):
        first, notes = met_while_answering(built, tmp_path / f"lib{n}", offset)
        if first is not None:
            met += 1
            assert "checksum mismatch" in notes[0] and "cover 30 of 60" in notes[0]
    assert met >= 2


def test_damage_met_while_searching_is_repaired_and_said(
    built: tuple[Path, list],  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    """The same through ``reader search``: the damaged part is indexed again at once and
    the query answered in full, with the note."""
    for n, offset in enumerate(unread_at_open(segments(built[0])[0])):
        first, _ = met_while_answering(built, tmp_path / f"probe{n}", offset)
        if first is not None:
            break
    else:
        pytest.fail("no query reads the blocks left unread at opening")
    data = tmp_path / "lib"
    shutil.copytree(built[0], data)
    bad, good = segments(data)
    flip(bad, [offset])
    result = run("search", QUERIES[first], "--json", "--limit", "100", data=data)
    assert result.returncode == 0
    assert "Part of the search index was damaged" in result.stderr
    assert f"{bad.name}: checksum mismatch" in result.stderr
    assert [(r["id"], r["snippet"]) for r in json.loads(result.stdout)] == built[1][first]
    assert good.exists() and not bad.exists()
    assert check(data)[0] == 0
    assert answers(data) == built[1]


@pytest.mark.parametrize(
    "command",
    [["search", "报道"], ["reindex"], ["reindex", "--full"], ["reindex", "--check"], ["import"]],
)
def test_index_folder_replaced_by_a_file(
    library: tuple[Path, list],
    tmp_path: Path,  # type: ignore[type-arg]
    command: list[str],
) -> None:
    """Was: every command crashed, reindex --full too."""
    data, expected = library
    shutil.rmtree(data / "index")
    (data / "index").write_text("not an index")
    if command == ["import"]:
        command = ["import", str(tmp_path / "empty")]
        (tmp_path / "empty").mkdir()
    result = run(*command, data=data)
    if command[-1] == "--check":
        assert result.returncode == 1 and "not a folder" in result.stdout
        assert (data / "index").is_file()  # --check only reads
        assert run("reindex", data=data).returncode == 0
    else:
        assert result.returncode == 0, result.stderr
    assert (data / "index").is_dir()
    assert answers(data) == expected


def test_deleted_manifest_is_rebuilt_automatically(library: tuple[Path, list]) -> None:  # type: ignore[type-arg]
    """Was: search found nothing, "covers 0 of 60", no rebuild."""
    data, expected = library
    (data / "index" / "store.sqlite3").unlink()
    result = run("search", "报道", "--json", "--limit", "100", data=data)
    assert result.returncode == 0
    assert "rebuilding" in result.stderr and "store.sqlite3: missing" in result.stderr
    assert "covers" not in result.stderr
    assert [(r["id"], r["snippet"]) for r in json.loads(result.stdout)] == expected[0]
    assert answers(data) == expected


def test_a_new_librarys_first_import_claims_no_rebuild(tmp_path: Path) -> None:
    """Was: "Search index was missing or damaged and has been rebuilt" on the first import."""
    archive = tmp_path / "archive"
    write_articles(archive, 0, 5)
    data = tmp_path / "new"
    first = run("import", str(archive), data=data)
    assert first.returncode == 0 and "5 added" in first.stdout
    assert "missing or damaged" not in first.stdout + first.stderr
    shutil.rmtree(data / "index")  # now one is lost: that is said
    again = run("import", str(archive), data=data)
    assert "missing or damaged and has been rebuilt" in again.stdout


def test_check_reports_damaged_zero_on_a_sound_index(library: tuple[Path, list]) -> None:  # type: ignore[type-arg]
    data, _ = library
    code, report = check(data)
    assert code == 0
    assert report == {
        "library": 60,
        "indexed": 60,
        "missing": 0,
        "stale": 0,
        "extra": 0,
        "damaged": 0,
        "damage": [],
        "rebuilt": 0,
    }


# -- several processes on one index -------------------------------------------------------

OPENER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from reader.search.sync import open_engine
    data, go = Path(sys.argv[1]), Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.001)
    engine = open_engine(data)
    st = os.stat(data / "index")
    print(int(engine.created), int(engine.rebuilt), st.st_ino, flush=True)
    time.sleep(0.5)  # keep it open while the others open theirs
    engine.close()
""")


def test_simultaneous_openers_of_a_new_library_create_it_once(tmp_path: Path) -> None:
    """Was: each opener of a missing index deleted and recreated it, under the others."""
    for attempt in range(2):
        data = tmp_path / f"lib{attempt}"
        data.mkdir()
        go = tmp_path / f"go{attempt}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(data), str(go)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        time.sleep(0.5)
        go.write_text("go")
        outs = [p.communicate(timeout=60) for p in procs]
        assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
        rows = [tuple(int(x) for x in o[0].split()) for o in outs]
        assert sum(r[0] for r in rows) == 1  # exactly one created it
        assert all(r[1] == 0 for r in rows)  # nobody "rebuilt" it
        assert len({r[2] for r in rows}) == 1  # all opened the same folder


def test_two_imports_into_a_new_library_at_once(tmp_path: Path) -> None:
    """Was: both deleted and rebuilt the new index at once."""
    one, two = tmp_path / "one", tmp_path / "two"
    write_articles(one, 0, 40)
    write_articles(two, 100, 40)
    data = tmp_path / "lib"
    cmd = [sys.executable, "-m", "reader.cli"]
    procs = [
        subprocess.Popen(
            [*cmd, "import", str(f), "--workers", "1", "--data-dir", str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for f in (one, two)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outs, strict=True):
        assert "Traceback" not in err, err
        assert "missing or damaged" not in out + err
        # the second indexer may be told to wait its turn: a clear line, exit status 2
        assert proc.returncode == 0 or (proc.returncode == 2 and "indexing" in err), err
    result = run("reindex", data=data)
    assert result.returncode == 0 and "missing or damaged" not in result.stdout
    code, report = check(data)
    assert code == 0 and report["library"] == 80 and report["damaged"] == 0


HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from reader.catalogue import Catalogue
    from reader.search.sync import open_engine, search_library
    data = Path(sys.argv[1])
    catalogue = Catalogue(data / "catalogue.sqlite3", readonly=True)
    engine = open_engine(data)
    def count():
        return len(search_library(catalogue, engine, "报道", limit=100).hits)
    print(count(), flush=True)
    sys.stdin.readline()
    print(count(), flush=True)
    engine.close()
""")


def test_no_process_deletes_an_index_another_has_open(library: tuple[Path, list]) -> None:  # type: ignore[type-arg]
    data, expected = library
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    assert holder.stdout.readline().strip() == "60"
    held = os.stat(data / "index").st_ino
    result = run("reindex", "--full", data=data)  # replaces the folder it holds
    assert result.returncode == 0, result.stderr
    aside = list(data.glob("index.old-*"))
    assert [os.stat(p).st_ino for p in aside] == [held]  # moved aside, not deleted
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "60"  # its open index still answers
    assert holder.wait(timeout=30) == 0, holder.stderr.read() if holder.stderr else ""
    assert run("search", "报道", data=data).returncode == 0
    assert not list(data.glob("index.old-*"))  # deleted by the next opener alone with it
    assert answers(data) == expected


# -- read-only mode and the desktop app's note (the core) -------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of the data folder but the catalogue's (its read-only connection is
    another part's business): the index, its lock files, anything new."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith("catalogue.sqlite3")
    }


def titles_for(data: Path, query: str, *, readonly: bool) -> list[int]:
    catalogue = Catalogue(data / "catalogue.sqlite3", readonly=True)
    engine = open_engine(data, readonly=readonly)
    try:
        return [h.id for h in search_library(catalogue, engine, query, limit=100).hits]
    finally:
        engine.close()
        catalogue.close()


def test_read_only_mode_writes_nothing_and_refuses_a_broken_index(
    library: tuple[Path, list],
) -> None:  # type: ignore[type-arg]
    data, expected = library
    for lock in data.glob("index-*.lock"):
        lock.unlink()  # a backup may hold none: none may be created
    before = snapshot(data)
    assert titles_for(data, "报道", readonly=True) == [i for i, _ in expected[0]]
    assert snapshot(data) == before

    bad = segments(data)[0]
    flip_postings(bad)  # met only while answering
    before = snapshot(data)
    with pytest.raises(ReaderError, match="cannot be rebuilt on a read-only library"):
        titles_for(data, "报道", readonly=True)
    assert snapshot(data) == before

    garble_store(data)
    before = snapshot(data)
    with pytest.raises(ReaderError, match=r"damaged \(store.sqlite3.*read-only library"):
        open_engine(data, readonly=True)
    shutil.rmtree(data / "index")
    before = snapshot(data)
    with pytest.raises(ReaderError, match="index of this library is missing, and it cannot"):
        open_engine(data, readonly=True)
    assert snapshot(data) == before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_random_damage_is_never_a_silent_wrong_answer(
    built: tuple[Path, list],  # type: ignore[type-arg]
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    """Bytes flipped anywhere in the index: every answer either equals the intact one or
    says the index was damaged; never an error other than a ReaderError."""
    lib = tmp_path_factory.mktemp("fuzz") / "lib"
    shutil.copytree(built[0], lib)
    files = sorted(p for p in (lib / "index").iterdir() if p.is_file() and p.stat().st_size)
    target = data.draw(st.sampled_from(files), label="file")
    size = target.stat().st_size
    offsets = data.draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=4), label="offsets")
    flip(target, offsets)
    catalogue = Catalogue(lib / "catalogue.sqlite3", readonly=True)
    try:
        engine = open_engine(lib)
    except ReaderError:
        catalogue.close()
        return
    try:
        for query, want in zip(QUERIES, built[1], strict=True):
            results = search_library(catalogue, engine, query, limit=100)
            got = [h.id for h in results.hits]
            if got != [i for i, _ in want]:
                assert results.note and "damaged" in results.note, (target.name, offsets)
    finally:
        engine.close()
        catalogue.close()

"""Bookmarks and annotations through the command line, and the "never lost" guarantees:
SIGKILL while saving or importing, re-import, reindex, delete and restore, backups."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.annotations.conftest import QUOTE, TRADE, write_rules, write_trade
from tests.test_cli import run
from tests.test_importer import write_article

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def lib(tmp_path: Path) -> tuple[Path, Path]:
    archive, data = tmp_path / "archive", tmp_path / "lib"
    write_trade(archive)
    write_rules(archive)
    result = run("import", str(archive), "--no-index", data_dir=data)
    assert result.returncode == 0, result.stderr
    return archive, data


def ids(data: Path) -> dict[str, int]:
    return {r["title"]: r["id"] for r in json.loads(run("list", "--json", data_dir=data).stdout)}


def show(data: Path, article_id: int) -> dict:
    result = run("show", str(article_id), "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_bookmark_annotate_and_show_contract(lib: tuple[Path, Path]) -> None:
    _, data = lib
    trade = ids(data)["Trade rules"]
    result = run("bookmark", str(trade), "--tags", "trade, 港口", data_dir=data)
    assert result.returncode == 0 and "Bookmarked" in result.stdout and "港口" in result.stdout
    result = run(
        "annotate",
        str(trade),
        "--quote",
        QUOTE,
        "--note",
        "key change",
        "--color",
        "green",
        "--json",
        data_dir=data,
    )
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)

    shown = show(data, trade)
    assert shown["bookmarked"] is True and shown["tags"] == ["trade", "港口"]
    (note,) = shown["annotations"]
    assert {"id", "quote", "note", "color", "start", "end", "orphaned"} <= note.keys()
    assert note["id"] == made["id"] and note["quote"] == QUOTE and note["note"] == "key change"
    assert note["color"] == "green" and note["orphaned"] is False
    assert "\n\n".join(shown["paragraphs"])[note["start"] : note["end"]] == QUOTE

    assert run("bookmark", str(trade), "--remove", data_dir=data).returncode == 0
    shown = show(data, trade)
    assert shown["bookmarked"] is False and shown["tags"] == []
    text = run("show", str(trade), data_dir=data).stdout
    assert "Annotations (1):" in text and QUOTE in text


def test_annotate_errors_and_repeated_quotes(lib: tuple[Path, Path]) -> None:
    _, data = lib
    rules = ids(data)["跨境电商新规"]
    missing = run("annotate", str(rules), "--quote", "不存在的句子", data_dir=data)
    assert missing.returncode == 2 and "does not occur" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert show(data, rules)["annotations"] == []
    unknown = run("annotate", "999", "--quote", "x", data_dir=data)
    assert unknown.returncode == 2 and "No article with id 999" in unknown.stderr
    color = run("annotate", str(rules), "--quote", "新规", "--color", "mauve", data_dir=data)
    assert color.returncode == 2 and "Unknown color" in color.stderr

    first = run("annotate", str(rules), "--quote", "新规", "--json", data_dir=data)
    assert first.returncode == 0 and "occurs 3 times" in first.stderr
    assert json.loads(first.stdout)["occurrence"] == 1
    third = json.loads(
        run(
            "annotate", str(rules), "--quote", "新规", "--occurrence", "3", "--json", data_dir=data
        ).stdout
    )
    by_prefix = json.loads(
        run(
            "annotate", str(rules), "--quote", "新规", "--prefix", "表示，", "--json", data_dir=data
        ).stdout
    )
    assert third["start"] == by_prefix["start"]
    text = "\n\n".join(show(data, rules)["paragraphs"])
    assert third["start"] == text.rindex("新规")
    too_far = run("annotate", str(rules), "--quote", "新规", "--occurrence", "4", data_dir=data)
    assert too_far.returncode == 2 and "occurs 3 time" in too_far.stderr


def test_export_import_and_automatic_backups(lib: tuple[Path, Path], tmp_path: Path) -> None:
    archive, data = lib
    trade = ids(data)["Trade rules"]
    run("annotate", str(trade), "--quote", QUOTE, "--note", "why it matters", data_dir=data)
    run("bookmark", str(trade), "--tags", "ports", data_dir=data)
    backups = sorted((data / "backups").glob("annotations-*.jsonld"))
    assert len(backups) == 2  # one after each change

    md = run("annotations", str(trade), "--format", "md", data_dir=data)
    assert md.returncode == 0 and md.stdout.startswith("# Trade rules\n")
    assert f"> {QUOTE}\n\nwhy it matters" in md.stdout
    assert run("annotations", data_dir=data).stdout.startswith("# Annotations")
    exported = run("annotations", "--format", "json", data_dir=data).stdout
    doc = json.loads(exported)
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 2
    out = tmp_path / "out.jsonld"
    assert run("annotations", "--format", "json", "-o", str(out), data_dir=data).returncode == 0
    assert out.read_text(encoding="utf-8") == exported

    again = run("annotations", "import", str(out), "--json", data_dir=data)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["added"] == 0 and json.loads(again.stdout)["unchanged"] == 1
    assert len(show(data, trade)["annotations"]) == 1

    # An emptied library (catalogue deleted), the archive imported again, the backup restored.
    for path in data.glob("catalogue.sqlite3*"):
        path.unlink()
    assert run("import", str(archive), "--no-index", data_dir=data).returncode == 0
    restored = run("annotations", "import", str(backups[-1]), data_dir=data)
    assert restored.returncode == 0 and "1 annotations added" in restored.stdout
    assert "1 bookmarks added" in restored.stdout
    assert run("annotations", "import", str(backups[-1]), data_dir=data).stdout.startswith(
        "0 annotations added"
    )
    new_trade = ids(data)["Trade rules"]
    shown = show(data, new_trade)
    assert [a["note"] for a in shown["annotations"]] == ["why it matters"]
    assert shown["tags"] == ["ports"]

    bad = tmp_path / "bad.json"
    bad.write_text("nope", encoding="utf-8")
    result = run("annotations", "import", str(bad), data_dir=data)
    assert result.returncode == 2 and "not JSON" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("annotations", "twelve", data_dir=data)
    assert result.returncode == 2 and "not an article id" in result.stderr
    result = run("annotations", "backup", data_dir=data)
    assert result.returncode == 0 and "Backed up to" in result.stdout


def test_reindex_reimport_delete_and_restore_keep_annotations(lib: tuple[Path, Path]) -> None:
    archive, data = lib
    trade = ids(data)["Trade rules"]
    made = json.loads(run("annotate", str(trade), "--quote", QUOTE, "--json", data_dir=data).stdout)
    run("bookmark", str(trade), data_dir=data)

    assert run("reindex", "--full", data_dir=data).returncode == 0
    assert run("import", str(archive), data_dir=data).returncode == 0
    assert [a["id"] for a in show(data, trade)["annotations"]] == [made["id"]]

    saved = (archive / "trade.txt").read_bytes()
    (archive / "trade.txt").unlink()
    assert run("import", str(archive), "--no-index", data_dir=data).returncode == 0
    assert "Trade rules" not in ids(data)
    listed = json.loads(run("annotations", "--format", "json", data_dir=data).stdout)
    assert any(i["id"] == "urn:uuid:" + made["id"] for i in listed["first"]["items"])

    (archive / "trade.txt").write_bytes(saved)
    assert run("import", str(archive), "--no-index", data_dir=data).returncode == 0
    shown = show(data, ids(data)["Trade rules"])
    assert shown["bookmarked"] is True
    assert [(a["id"], a["start"]) for a in shown["annotations"]] == [(made["id"], made["start"])]

    # The text changes under the highlight: re-anchored by the import, orphans reported.
    write_trade(archive, ["A new opening paragraph.", TRADE[0], TRADE[1]])
    gone = json.loads(
        run(
            "annotate",
            str(ids(data)["Trade rules"]),
            "--quote",
            "freight rates",
            "--json",
            data_dir=data,
        ).stdout
    )
    result = run("import", str(archive), "--no-index", data_dir=data)
    assert "1 annotation(s) could no longer be placed" in result.stderr
    shown = show(data, ids(data)["Trade rules"])
    placed = {a["id"]: a for a in shown["annotations"]}
    text = "\n\n".join(shown["paragraphs"])
    assert text[placed[made["id"]]["start"] : placed[made["id"]]["end"]] == QUOTE
    assert placed[gone["id"]]["orphaned"] is True and placed[gone["id"]]["start"] is None
    assert placed[gone["id"]]["quote"] == "freight rates"


def _integrity(db_path: Path) -> str:
    with sqlite3.connect(db_path) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def _stored(db_path: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(db_path) as db:
        return {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, exact, note FROM annotations")}


SAVER = textwrap.dedent("""
    import sys
    from reader.catalogue import Catalogue
    from reader.annotations.store import AnnotationStore
    catalogue = Catalogue(sys.argv[1])
    store = AnnotationStore(catalogue)
    article_id = int(sys.argv[2])
    text = catalogue.title_and_text(article_id)[1]
    for n in range(100000):
        start = n % (len(text) - 20)
        a = store.add_annotation(article_id, start, start + 12, note=f"note {n}")
        print(a.id, flush=True)  # printed only once committed
""")


def test_sigkill_while_saving_keeps_every_committed_annotation(lib: tuple[Path, Path]) -> None:
    _, data = lib
    trade = ids(data)["Trade rules"]
    db_path = data / "catalogue.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(db_path), str(trade)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    committed: list[str] = []
    assert child.stdout is not None
    for line in child.stdout:
        committed.append(line.strip())
        if len(committed) >= 150:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    assert _integrity(db_path) == "ok"
    stored = _stored(db_path)
    assert set(committed) <= set(stored)  # every committed one, intact
    for n, annotation_id in enumerate(committed):
        assert stored[annotation_id][1] == f"note {n}"
    shown = show(data, trade)  # and the library opens and reads normally
    assert len(shown["annotations"]) == len(stored)


def test_sigkill_during_an_import_keeps_every_annotation(lib: tuple[Path, Path]) -> None:
    archive, data = lib
    titles = ids(data)
    notes = {}
    for title, quote in (("Trade rules", QUOTE), ("跨境电商新规", "回款周期")):
        made = json.loads(
            run(
                "annotate",
                str(titles[title]),
                "--quote",
                quote,
                "--note",
                f"on {title}",
                "--json",
                data_dir=data,
            ).stdout
        )
        notes[made["id"]] = (quote, f"on {title}")
    run("bookmark", str(titles["Trade rules"]), "--tags", "kept", data_dir=data)
    # A big import that also changes one annotated article and removes the other.
    for n in range(1500):
        write_article(
            archive / "bulk",
            f"{n:05d}.txt",
            f"Bulk {n}",
            f"https://bulk.example.com/{n}",
            [],
            body=f"Body of bulk article {n}.",
        )
    write_trade(archive, ["An inserted paragraph.", *TRADE])
    (archive / "rules.txt").unlink()

    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reader.cli",
            "import",
            str(archive),
            "--no-index",
            "--workers",
            "1",
            "--data-dir",
            str(data),
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
    )
    assert child.stderr is not None
    for line in child.stderr:  # "Importing: 650/1501 (43%)": a batch of 400 is committed
        if line.startswith("Importing:") and int(line.split()[1].split("/")[0]) >= 600:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, "the import finished before it was killed"

    db_path = data / "catalogue.sqlite3"
    assert _integrity(db_path) == "ok"
    with sqlite3.connect(db_path) as db:
        imported = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 2 < imported < 1501  # killed half-way: some batches in, the rest not
    assert _stored(db_path) == notes  # nothing lost, nothing changed

    result = run("import", str(archive), "--no-index", data_dir=data)  # finish the job
    assert result.returncode == 0, result.stderr
    assert _stored(db_path) == notes
    shown = show(data, ids(data)["Trade rules"])
    (placed,) = shown["annotations"]
    assert "\n\n".join(shown["paragraphs"])[placed["start"] : placed["end"]] == QUOTE
    assert shown["tags"] == ["kept"]
    exported = json.loads(run("annotations", "--format", "json", data_dir=data).stdout)
    assert len([i for i in exported["first"]["items"] if i["motivation"] != "bookmarking"]) == 2


def test_a_damaged_catalogue_points_at_the_backups(lib: tuple[Path, Path]) -> None:
    _, data = lib
    trade = ids(data)["Trade rules"]
    run("annotate", str(trade), "--quote", QUOTE, data_dir=data)
    for path in data.glob("catalogue.sqlite3-*"):
        path.unlink()
    (data / "catalogue.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run("list", data_dir=data)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "reader annotations import" in result.stderr
    assert str(data / "backups") in result.stderr
    assert list((data / "backups").glob("annotations-*.jsonld"))

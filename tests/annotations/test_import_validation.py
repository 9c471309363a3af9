"""Importing annotation files checks every entry before anything is written.

Regressions from a hostile test run (issue 8): ``reader annotations import`` printed a
traceback (exit status 1) on ``"first": {"items": 5}``, ``"created": 5``, a date whose
offset pushes it past year 9999, ``"ar:color": 7``, ``"start": Infinity`` or ``10**30``,
``"ar:path": ["x"]``, 100,000 nested arrays and a quote holding ``\\ud800``. The policy
(README, "Bookmarks and annotations"): a wrong entry is skipped and named (its id, else
its position) with what is wrong, the rest are imported; a file that cannot be read as
a whole is refused with one message and changes nothing. Existing data is never
damaged either way.
"""

from __future__ import annotations

import copy
import json
import math
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reader.annotations.export import MAX_IMPORT_BYTES, export_jsonld, import_jsonld
from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.errors import ReaderError
from tests.annotations.conftest import QUOTE, Library, write_rules, write_trade
from tests.test_cli import run

Doc = dict[str, Any]


# -- through the command line ------------------------------------------------------------


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Doc]:
    """A library with a bookmark and two annotations (made once, copied per test), and
    its export."""
    root = tmp_path_factory.mktemp("import-validation")
    archive, data = root / "archive", root / "lib"
    write_trade(archive)
    write_rules(archive)
    assert run("import", str(archive), "--no-index", data_dir=data).returncode == 0
    listed = json.loads(run("list", "--json", data_dir=data).stdout)
    trade = next(r["id"] for r in listed if r["title"] == "Trade rules")
    for args in (
        ["annotate", str(trade), "--quote", QUOTE, "--note", "key change"],
        ["annotate", str(trade), "--quote", "record volumes", "--color", "blue"],
        ["bookmark", str(trade), "--tags", "trade,港口"],
    ):
        assert run(*args, data_dir=data).returncode == 0
    exported = run("annotations", "--format", "json", data_dir=data)
    assert exported.returncode == 0
    return data, json.loads(exported.stdout)


@pytest.fixture
def lib(base: tuple[Path, Doc], tmp_path: Path) -> tuple[Path, Doc]:
    data, doc = base
    copy_dir = tmp_path / "lib"
    shutil.copytree(data, copy_dir)
    return copy_dir, copy.deepcopy(doc)


def exported(data: Path) -> Doc:
    result = run("annotations", "--format", "json", data_dir=data)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def by_id(doc: Doc) -> dict[str, Doc]:
    return {item["id"]: item for item in doc["first"]["items"]}


def new_item(doc: Doc, ident: str, note: str) -> Doc:
    """A copy of the first annotation under a new id, with its own note (not a duplicate)."""
    item = copy.deepcopy(next(i for i in doc["first"]["items"] if i["motivation"] == "commenting"))
    item["id"] = ident
    item["body"]["value"] = note
    return item


def set_in(path: list[str | int], value: Any) -> Callable[[Doc], None]:
    def mutate(item: Doc) -> None:
        node: Any = item
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


BAD_ITEMS: dict[str, tuple[Callable[[Doc], None], str]] = {
    "created is a number": (set_in(["created"], 5), '"created"'),
    "offset pushes the date past 9999": (
        set_in(["created"], "9999-12-31T23:59:59-23:59"),
        '"created"',
    ),
    "color is a number": (set_in(["ar:color"], 7), '"ar:color"'),
    "start is Infinity": (set_in(["target", "selector", 1, "start"], math.inf), '"start"'),
    "start is 10**30": (set_in(["target", "selector", 1, "start"], 10**30), '"start"'),
    "path is a list": (set_in(["target", "ar:path"], ["x"]), '"ar:path"'),
    "quote holds a lone surrogate": (
        set_in(["target", "selector", 0, "exact"], "\ud800" + QUOTE),
        "surrogate",
    ),
    "note is an object": (set_in(["body", "value"], {"a": 1}), '"value"'),
    "orphaned is a string": (set_in(["ar:orphaned"], "no"), '"ar:orphaned"'),
    "modified is out of range": (set_in(["modified"], "0001-01-01T00:00:00+05:00"), '"modified"'),
    "end before start": (set_in(["target", "selector", 1, "end"], 0), '"end"'),
}


def write(path: Path, doc: Any) -> Path:
    # ensure_ascii: a lone surrogate is written as the \ud800 escape (as the file)
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", list(BAD_ITEMS))
def test_a_bad_entry_is_named_and_the_good_ones_imported(
    lib: tuple[Path, Doc], tmp_path: Path, case: str
) -> None:
    data, doc = lib
    before = exported(data)
    mutate, field = BAD_ITEMS[case]
    bad = new_item(doc, "urn:uuid:bad-entry", "should not arrive")
    mutate(bad)
    good = new_item(doc, "urn:uuid:good-entry", "should arrive")
    doc["first"]["items"] = [bad, good]
    result = run("annotations", "import", str(write(tmp_path / "in.jsonld", doc)), data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "1 annotations added" in result.stdout
    (line,) = [x for x in result.stdout.splitlines() if "skipped" in x and "entry 1" in x]
    assert "urn:uuid:bad-entry" in line and field in line, line
    after = by_id(exported(data))
    assert "urn:uuid:bad-entry" not in after
    assert after["urn:uuid:good-entry"]["body"]["value"] == "should arrive"
    for ident, item in by_id(before).items():  # what was there is there, as it was
        assert after[ident] == item


@pytest.mark.parametrize(
    "case", ["color is a number", "start is 10**30", "quote holds a lone surrogate"]
)
def test_a_bad_newer_copy_never_replaces_what_is_there(
    lib: tuple[Path, Doc], tmp_path: Path, case: str
) -> None:
    data, doc = lib
    before = exported(data)
    mutate, field = BAD_ITEMS[case]
    for item in doc["first"]["items"]:
        item["modified"] = "2999-01-01T00:00:00.000Z"  # would win the merge
        if item["motivation"] != "bookmarking":
            mutate(item)
    doc["first"]["items"] = [i for i in doc["first"]["items"] if i["motivation"] != "bookmarking"]
    result = run("annotations", "import", str(write(tmp_path / "in.jsonld", doc)), data_dir=data)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("reader: ") and "no annotations could be read" in (
        result.stderr
    )
    assert field in result.stderr and doc["first"]["items"][0]["id"] in result.stderr
    assert exported(data) == before


def deep(n: int) -> str:
    return '{"type": "AnnotationCollection", "first": {"items": ' + "[" * n + "]" * n + "}}"


WHOLE_FILE: dict[str, tuple[Callable[[Path, Doc], None], str]] = {
    "first.items is a number": (lambda p, d: write(p, {**d, "first": {"items": 5}}), "items"),
    "100,000 nested arrays": (lambda p, d: p.write_text(deep(100_000)), "nested"),
    "not JSON": (lambda p, d: p.write_text("{not json"), "not JSON"),
    "binary": (lambda p, d: p.write_bytes(bytes(range(256)) * 64), "UTF-8"),
    "empty": (lambda p, d: p.write_bytes(b""), "not JSON"),
    "a number": (lambda p, d: p.write_text("5"), "not a W3C annotation file"),
    "huge": (lambda p, d: p.open("wb").truncate(MAX_IMPORT_BYTES + 1), "MB"),
    "a 10,000-digit number": (lambda p, d: p.write_text('{"total": ' + "9" * 10_000 + "}"), "JSON"),
    "a folder": (lambda p, d: p.mkdir(), "cannot be read"),
}


@pytest.mark.parametrize("case", list(WHOLE_FILE))
def test_an_unreadable_file_is_one_message_and_changes_nothing(
    lib: tuple[Path, Doc], tmp_path: Path, case: str
) -> None:
    data, doc = lib
    before = exported(data)
    make, words = WHOLE_FILE[case]
    path = tmp_path / "in.jsonld"
    make(path, doc)
    result = run("annotations", "import", str(path), data_dir=data)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    (message,) = result.stderr.strip().splitlines()
    assert message.startswith("reader: ") and words in message, message
    assert exported(data) == before


# -- mutated documents, in process -------------------------------------------------------


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, str]]:
    """One library for all generated examples (they only ever add to it), and the
    export every example mutates."""
    root = tmp_path_factory.mktemp("import-fuzz")
    archive = root / "archive"
    write_trade(archive)
    write_rules(archive)
    catalogue = Catalogue(root / "data" / "catalogue.sqlite3")
    lib = Library(archive, catalogue, AnnotationStore(catalogue))
    lib.import_archive()
    trade, rules = lib.id_of("Trade rules"), lib.id_of("跨境电商新规")
    lib.store.annotate_quote(trade, QUOTE, note="key change")
    lib.store.annotate_quote(rules, "回款周期", color="pink")
    lib.store.bookmark(trade, "trade, 港口")
    yield lib, export_jsonld(lib.store)
    catalogue.close()


ODD_STRINGS = [
    "",
    " ",
    "\ud800",
    "a\udfffb",
    "\x00",
    "\uffff",
    "\u202e",
    "9999-12-31T23:59:59-23:59",
    "0000-00-00",
    "2024-02-30T00:00:00Z",
    "#12345",
    "#GGGGGG",
    "red",
    "file://[x",
    "file:///tmp/%ff%00",
    "http://[::1",
    "urn:uuid:",
    "x" * 5_000,
    "海外仓",
    "NaN",
]
DEEP = "__DEEP__"
value = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, -1, 1, 2**31, 2**63, 10**30, -(10**30)]),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(ODD_STRINGS),
    st.text(st.characters(exclude_categories=()), max_size=20),
    st.just([]),
    st.just({}),
    st.just(["x"]),
    st.just({"items": 5}),
    st.just(DEEP),
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a JSON tree (the places a mutation can hit)."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths(child, (*prefix, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found += paths(child, (*prefix, i))
    return found


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    doc = json.loads(text)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(paths(doc)))
        parent: Any = doc
        for key in where[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and draw(st.booleans()):
            parent.pop(where[-1], None)  # drop a key
            continue
        parent[where[-1]] = copy.deepcopy(draw(value))  # st.just() hands out one object
    out = json.dumps(doc, ensure_ascii=draw(st.booleans()), allow_nan=True)
    depth = draw(st.sampled_from([3, 900, 5_000, 100_000]))
    return out.replace(json.dumps(DEEP), "[" * depth + "]" * depth)


def state(store: AnnotationStore) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({a.id: a for a in store.all_annotations()}, {b.id: b for b in store.all_bookmarks()})


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_documents_import_or_fail_cleanly(
    library: tuple[Library, str], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    lib, original = library
    text = data.draw(mutated(original))
    path = tmp_path_factory.mktemp("fuzz") / "in.jsonld"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    annotations, bookmarks = state(lib.store)
    try:
        summary = import_jsonld(lib.store, path)
        event("imported, some entries skipped" if summary.skipped else "imported")
    except ReaderError:
        event("refused")
        assert state(lib.store) == (annotations, bookmarks)  # refused: nothing changed
    after_annotations, after_bookmarks = state(lib.store)
    assert annotations.keys() <= after_annotations.keys()
    assert len(after_bookmarks) >= len(bookmarks)
    for article_id in (lib.id_of("Trade rules"), lib.id_of("跨境电商新规")):
        for a in lib.store.annotations_for(article_id):  # reading (and re-anchoring) works
            if a.placed:
                assert lib.text_of(article_id)[a.start : a.end] == a.quote
    # whatever was imported exports, and the export reads back as exactly the same data
    out = export_jsonld(lib.store)
    again = path.with_name("again.jsonld")
    again.write_text(out, encoding="utf-8")
    summary = import_jsonld(lib.store, again)
    assert (summary.added, summary.updated, summary.skipped) == (0, 0, [])
    assert export_jsonld(lib.store) == out


def test_a_position_that_does_not_hold_the_quote_is_found_again(
    library: tuple[Library, str], tmp_path: Path
) -> None:
    """An entry carrying the article's own text hash but a wrong position (a hand edit,
    another tool) was trusted as placed: shown past the end of the text."""
    lib, original = library
    doc = json.loads(original)
    item = next(i for i in doc["first"]["items"] if i["motivation"] == "commenting")
    for n, (start, end) in enumerate([(10_000, 10_040), (0, 40), (94, 94)]):
        shifted = copy.deepcopy(item)
        shifted["id"] = f"urn:uuid:shifted-{n}"
        shifted["body"]["value"] = f"shifted {n}"
        shifted["target"]["selector"][1].update(start=start, end=end)
        doc["first"]["items"] = [shifted]
        assert import_jsonld(lib.store, write(tmp_path / f"{n}.jsonld", doc)).added == 1
    trade = lib.id_of("Trade rules")
    text = lib.text_of(trade)
    found = {a.id: a for a in lib.store.annotations_for(trade)}
    for n in range(3):
        a = found[f"shifted-{n}"]
        assert a.placed and text[a.start : a.end] == QUOTE == a.quote  # type: ignore[misc]

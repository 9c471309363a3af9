"""The synthetic corpus generator (bench/make_corpus.py): deterministic and realistic."""

from __future__ import annotations

import importlib.util
import re
import statistics
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("jieba")

N = 200
SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "make_corpus.py"
DATE = re.compile(r"^(20\d\d)-(\d\d)-(\d\d)$")
FOOTER = "\n\nNo comments:\n\nPost a Comment"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # dataclasses look the module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mc() -> ModuleType:
    return _load()


@pytest.fixture(scope="module")
def corpus(mc: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    mc.generate(N, out, seed=7, jobs=1)
    return out


@pytest.fixture(scope="module")
def manifest(corpus: Path) -> list[dict[str, str]]:
    lines = (corpus / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header == ["file", "date", "title", "site", "url", "lang"]
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_deterministic_whatever_the_worker_count(
    mc: ModuleType, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mc, "CHUNK", 60)  # several work units, so the pool is really used
    mc.generate(N, tmp_path / "again", seed=7, jobs=2)
    first, second = _files(corpus), _files(tmp_path / "again")
    assert len(first) == N + 1
    assert first == second


def test_seed_changes_output(mc: ModuleType, corpus: Path, tmp_path: Path) -> None:
    mc.generate(20, tmp_path / "other", seed=8, jobs=1)
    assert (tmp_path / "other" / "manifest.tsv").read_bytes() != (
        corpus / "manifest.tsv"
    ).read_bytes()


def test_manifest_matches_files(corpus: Path, manifest: list[dict[str, str]]) -> None:
    assert len(manifest) == N
    assert len({r["url"] for r in manifest}) == N
    for i, row in enumerate(manifest):
        name = Path(row["file"]).name
        assert re.fullmatch(rf"{i:06d}_[0-9a-f]{{16}}\.txt", name)
        year, month, _ = row["date"].split("-")
        assert row["file"].startswith(f"{year}/{month}/")
        assert (corpus / row["file"]).is_file()
    years = {int(r["date"][:4]) for r in manifest}
    assert min(years) == 2019 and max(years) == 2026


def test_article_structure(corpus: Path, manifest: list[dict[str, str]]) -> None:
    urls = {r["url"]: r["title"] for r in manifest}
    internal = total = self_links = truncated = 0
    for row in manifest:
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        assert lines[0] == row["date"] and DATE.match(lines[0])
        assert lines[1] == "" and lines[3] == ""
        prefix = row["site"] + ":"
        assert lines[2].startswith(prefix)
        shown = lines[2][len(prefix) :]
        assert shown and row["title"].startswith(shown)
        assert text.endswith(FOOTER) and not text.endswith("\n")
        body, sep, rest = text.partition(f"\n\n原文转载:{row['url']}\n\n\n")
        assert sep, row["file"]
        links = rest[: -len(FOOTER)].split("\n")
        assert 5 <= len(links) <= 13
        has_self = False
        for link in links:
            title, _, url = link.rpartition(":http")
            url = "http" + url
            assert title and url.startswith(("https://", "http://"))
            total += 1
            if url == row["url"]:
                has_self = True
                assert title == row["title"]
            elif url in urls:
                internal += 1
                assert title == urls[url]
        self_links += has_self
        if shown != row["title"]:
            truncated += 1
            # the full title can be recovered: self-link or an image-alt repeat
            assert has_self or f"\n\n{row['title']}\n\n" in body
    assert internal / total > 0.45
    assert self_links / N > 0.8
    assert 0.2 < truncated / N < 0.9


def test_language_mix_and_text(corpus: Path, manifest: list[dict[str, str]]) -> None:
    en = [r for r in manifest if r["lang"] == "en"]
    assert 0.04 <= len(en) / N <= 0.18
    for row in manifest[:40]:
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
        if row["lang"] == "zh":
            assert cjk > 200 and ("。" in text)
        else:
            assert len(re.findall(r"\b[a-z]+\b", text)) > 100
    sites = {r["site"] for r in manifest}
    assert {"跨境电商资讯", "亚马逊资讯"} <= sites and len(sites) >= 5


def test_size_spread(corpus: Path, manifest: list[dict[str, str]]) -> None:
    sizes = sorted((corpus / r["file"]).stat().st_size for r in manifest)
    assert sizes[0] >= 1000 and sizes[-1] <= 22 * 1024
    assert 6 * 1024 <= statistics.median(sizes) <= 10.5 * 1024
    assert sizes[N // 10] < 5 * 1024 and sizes[-N // 10] > 11 * 1024


def test_cli_summary(mc: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert mc.main(["5", str(tmp_path / "cli"), "--seed", "3", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 files,") and "MB" in out and "median" in out


def test_sample_archive_manifest_is_ground_truth() -> None:
    """The sample archive: each file decodes as MANIFEST.tsv says; links resolve offline."""
    root = SCRIPT.parents[1] / "reader" / "resources" / "sample-archive"
    lines = (root / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    urls = {r["url"] for r in rows}
    assert len(rows) == len(urls) == 20
    for row in rows:
        data = (root / row["file"]).read_bytes()
        assert 1500 <= len(data) <= 6 * 1024
        boms = {"utf-8": b"\xef\xbb\xbf", "utf-16": b"\xff\xfe"}
        assert data.startswith(boms.get(row["encoding"], b"\x00")) == (row["bom"] == "yes")
        text = data.decode({"utf-8": "utf-8-sig"}.get(row["encoding"], row["encoding"]))
        assert ("\r\n" in text) == (row["eol"] == "crlf")
        assert row["title"] in text and row["url"] in text
        for url in row["links"].split():
            assert url in urls and url != row["url"] and url in text
        if row["format"] == "text":
            assert text.startswith(row["date"]) and text.endswith("Post a Comment")
        else:
            assert f'content="{row["title"]}"' in text and row["declared"] in text

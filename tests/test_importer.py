"""Importing folders: incremental re-import, moves, deletions, bad files, link resolution."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.catalogue import Catalogue
from reader.errors import ReaderError
from reader.importer import import_paths


def write_article(
    folder: Path,
    name: str,
    title: str,
    url: str,
    links: list[tuple[str, str]],
    date: str = "2024-01-02",
    body: str = "正文内容，讲述跨境物流。",
) -> Path:
    lines = [date, "", f"跨境电商资讯:{title}", "", body, "", f"原文转载:{url}", "", ""]
    lines += [f"{t}:{u}" for t, u in links]
    lines += ["", "No comments:", "", "Post a Comment"]
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def catalogue(data_dir: Path) -> Catalogue:
    cat = Catalogue(data_dir / "catalogue.sqlite3")
    yield cat
    cat.close()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    write_article(
        root,
        "a/one.txt",
        "第一篇文章",
        "https://x.example.com/1",
        [
            ("第二篇文章", "https://x.example.com/2"),
            ("外部", "https://elsewhere.example/x"),
            ("第一篇文章", "https://x.example.com/1"),
        ],
    )
    write_article(
        root,
        "b/two.txt",
        "第二篇文章",
        "https://x.example.com/2",
        [("第三篇文章", "https://other.example/unknown-url")],
    )
    write_article(root, "b/three.txt", "第三篇文章", "https://x.example.com/3", [])
    return root


def by_title(catalogue: Catalogue) -> dict[str, dict]:
    return {row["title"]: row for row in catalogue.list_articles()}


def test_import_resolves_links_and_is_incremental(catalogue: Catalogue, archive: Path) -> None:
    summary = import_paths(catalogue, [archive])
    assert (summary.imported, summary.updated, summary.unchanged) == (3, 0, 0)
    rows = by_title(catalogue)
    one = catalogue.get(rows["第一篇文章"]["id"])
    assert one is not None
    # self-link dropped; archived target resolved by URL; external left unresolved
    assert [(link.title, link.article_id) for link in one.links] == [
        ("第二篇文章", rows["第二篇文章"]["id"]),
        ("外部", None),
    ]
    two = catalogue.get(rows["第二篇文章"]["id"])
    assert two is not None
    # unknown URL, but the exact title names an archived article
    assert two.links[0].article_id == rows["第三篇文章"]["id"]
    assert [r["id"] for r in catalogue.linked_from(rows["第二篇文章"]["id"])] == [
        rows["第一篇文章"]["id"]
    ]

    again = import_paths(catalogue, [archive])
    assert (again.imported, again.updated, again.unchanged, again.removed) == (0, 0, 3, 0)


def test_changed_moved_and_deleted_files(catalogue: Catalogue, archive: Path) -> None:
    import_paths(catalogue, [archive])
    ids = {t: r["id"] for t, r in by_title(catalogue).items()}

    write_article(archive, "a/one.txt", "第一篇文章（更新）", "https://x.example.com/1", [])
    os.rename(archive / "b/two.txt", archive / "moved-two.txt")
    (archive / "b/three.txt").unlink()
    summary = import_paths(catalogue, [archive])
    assert (summary.updated, summary.moved, summary.removed) == (1, 1, 1)

    rows = by_title(catalogue)
    assert rows["第一篇文章（更新）"]["id"] == ids["第一篇文章"]  # ids survive re-imports
    assert rows["第二篇文章"]["id"] == ids["第二篇文章"]
    assert rows["第二篇文章"]["path"].endswith("moved-two.txt")
    assert "第三篇文章" not in rows


def test_touched_but_identical_file_is_unchanged(catalogue: Catalogue, archive: Path) -> None:
    import_paths(catalogue, [archive])
    path = archive / "a/one.txt"
    os.utime(path, ns=(1, 1_000_000_000))
    summary = import_paths(catalogue, [archive])
    assert (summary.unchanged, summary.updated) == (3, 0)


def test_bad_files_are_skipped_with_reasons(catalogue: Catalogue, archive: Path) -> None:
    (archive / "empty.txt").write_bytes(b"")
    (archive / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 40)
    (archive / "broken.html").write_text(
        "<html><head><title>Cut short</title></head><body><article><h1>Cut short</h1>"
        "<p>This saved page was truncated in the middle of a paragraph that goes on and on "
        "about parcel lockers and the cost of last-mile delivery in crowded city centres, wh",
        encoding="utf-8",
    )
    os.symlink(archive / "does-not-exist.txt", archive / "dangling.txt")
    locked = archive / "locked.txt"
    locked.write_text("2020-01-01\n\nLocked\n\nBody.", encoding="utf-8")
    locked.chmod(0)
    (archive / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    try:
        summary = import_paths(catalogue, [archive])
    finally:
        locked.chmod(0o644)
    reasons = {Path(p).name: r for p, r in summary.skipped}
    as_root = os.geteuid() == 0  # root reads a mode-000 file anyway
    assert summary.imported == 4 + as_root  # three articles, the truncated page (and root)
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "broken symbolic link" in reasons["dangling.txt"]
    if os.geteuid() != 0:  # root reads anything
        assert "permission denied" in reasons["locked.txt"]
    assert "Cut short" in {r["title"] for r in catalogue.list_articles()}
    assert summary.ignored == 1  # the .jpg


def test_archive_is_never_written(catalogue: Catalogue, archive: Path) -> None:
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in archive.rglob("*") if p.is_file()}
    for p in archive.rglob("*"):
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        import_paths(catalogue, [archive])
    finally:
        for p in archive.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in archive.rglob("*") if p.is_file()}
    assert before == after
    assert sorted(os.listdir(archive)) == ["a", "b"]


def test_missing_path_is_a_clear_error(catalogue: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file or folder"):
        import_paths(catalogue, [tmp_path / "nope"])


def test_cancel_keeps_what_was_done(catalogue: Catalogue, tmp_path: Path) -> None:
    root = tmp_path / "many"
    for i in range(30):
        write_article(root, f"{i:03}.txt", f"文章{i}", f"https://x.example.com/{i}", [])
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 10

    summary = import_paths(catalogue, [root], cancel=cancel, workers=1)
    assert summary.cancelled
    assert 0 < catalogue.count() < 30
    # Resuming finishes the job without duplicating anything.
    summary = import_paths(catalogue, [root])
    assert catalogue.count() == 30 and not summary.cancelled


def test_parallel_import_of_real_archive(catalogue: Catalogue) -> None:
    from tests.conftest import shared_path

    folder = shared_path("corpus", "zh-hant-news")
    progress: list[tuple[int, int]] = []
    summary = import_paths(
        catalogue, [folder], workers=2, progress=lambda d, t: progress.append((d, t))
    )
    assert summary.imported == 200, summary.skipped[:5]
    assert progress[-1] == (200, 200)
    languages = {row["language"] for row in catalogue.list_articles()}
    assert languages == {"zh-Hant"}

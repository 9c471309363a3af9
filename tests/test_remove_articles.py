"""Removing an article from the library, never from disk (issue 11): its path is
excluded from every re-scan, its highlights and bookmarks are kept detached, the search
index drops it; ``reader remove``; forgetting an imported folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.library import Library
from reader.search.sync import open_engine

TEXT = "2024-05-0{n}\n\nTest Site:{title}\n\nThe {title} body paragraph about ports, number {n}.\n"


def make_archive(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(names, 1):
        (folder / f"{name}.txt").write_text(TEXT.format(title=name, n=n), encoding="utf-8")


def ids_by_name(data: Path) -> dict[str, int]:
    with Catalogue(data / "catalogue.sqlite3") as cat:
        return {Path(r["path"]).stem: int(r["id"]) for r in cat.list_articles()}


def indexed_ids(data: Path) -> set[int]:
    from reader.search.sync import version_diff

    with Catalogue(data / "catalogue.sqlite3") as cat:
        engine = open_engine(data)
        try:
            diff = version_diff(cat, engine)
            return set(cat.list_ids()) - set(diff.todo) if not diff.removed else {-1}
        finally:
            engine.close()


def test_removed_articles_stay_out_of_every_rescan(tmp_path: Path, data_dir: Path) -> None:
    archive = tmp_path / "archive"
    make_archive(archive, ["alpha", "beta", "gamma"])
    library = Library(data_dir)
    library.update([str(archive)])
    ids = ids_by_name(data_dir)
    result = library.remove_articles([ids["beta"], 99999])
    assert result.removed == 1 and result.ids == [ids["beta"]]
    assert (archive / "beta.txt").exists()  # never from disk
    assert set(ids_by_name(data_dir)) == {"alpha", "gamma"}
    assert indexed_ids(data_dir) == {ids["alpha"], ids["gamma"]}  # the index dropped it
    again = library.update(None)  # the start-up re-scan
    assert again.imported is not None and again.imported.ignored >= 1
    assert again.imported.imported == 0
    assert set(ids_by_name(data_dir)) == {"alpha", "gamma"}
    library.update([str(archive)])  # importing the folder again
    assert set(ids_by_name(data_dir)) == {"alpha", "gamma"}
    with Catalogue(data_dir / "catalogue.sqlite3") as cat:
        assert cat.excluded_paths() == {str(archive / "beta.txt")}
        assert cat.include_paths([str(archive / "beta.txt")]) == 1
        assert cat.excluded_paths() == set()
    library.update(None)
    assert set(ids_by_name(data_dir)) == {"alpha", "beta", "gamma"}


def test_importing_the_file_by_name_lets_it_in_again(tmp_path: Path, data_dir: Path) -> None:
    archive = tmp_path / "archive"
    make_archive(archive, ["alpha", "beta"])
    library = Library(data_dir)
    library.update([str(archive)])
    library.remove_articles([ids_by_name(data_dir)["beta"]])
    library.update([str(archive / "beta.txt")])
    assert set(ids_by_name(data_dir)) == {"alpha", "beta"}


def test_highlights_and_bookmarks_are_kept_detached_and_come_back(
    tmp_path: Path, data_dir: Path
) -> None:
    archive = tmp_path / "archive"
    make_archive(archive, ["alpha", "beta"])
    library = Library(data_dir)
    library.update([str(archive)])
    beta = ids_by_name(data_dir)["beta"]
    with Catalogue(data_dir / "catalogue.sqlite3") as cat:
        store = AnnotationStore(cat)
        store.annotate_quote(beta, "body paragraph", note="my note")
        store.bookmark(beta, ["ports"])
    library.remove_articles([beta])
    with Catalogue(data_dir / "catalogue.sqlite3") as cat:
        targets = cat.connection.execute(
            "SELECT article_id, path FROM annotation_targets"
        ).fetchall()
        assert targets == [(None, str(archive / "beta.txt"))]
        assert cat.connection.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
        assert cat.connection.execute("SELECT count(*) FROM bookmarks").fetchone()[0] == 1
        cat.include_paths([str(archive / "beta.txt")])
    library.update(None)
    back = ids_by_name(data_dir)["beta"]
    with Catalogue(data_dir / "catalogue.sqlite3") as cat:
        store = AnnotationStore(cat)
        assert [a.note for a in store.annotations_for(back)] == ["my note"]
        assert store.get_bookmark(back) is not None


def test_restore_articles_undoes_a_removal(tmp_path: Path, data_dir: Path) -> None:
    """Edit › Undo after Remove from Library: the files come back in, with their
    highlights, bookmarks and read state, and stay in across later re-scans; a file
    deleted from disk meanwhile is reported missing, the others still come back."""
    archive = tmp_path / "archive"
    make_archive(archive, ["alpha", "beta", "gamma"])
    library = Library(data_dir)
    library.update([str(archive)])
    ids = ids_by_name(data_dir)
    with Catalogue(data_dir / "catalogue.sqlite3") as cat:
        AnnotationStore(cat).annotate_quote(ids["beta"], "body paragraph", note="kept")
        cat.mark_read([ids["beta"]])
    removed = library.remove_articles([ids["beta"], ids["gamma"]])
    assert sorted(removed.paths) == [str(archive / "beta.txt"), str(archive / "gamma.txt")]
    assert removed.read == [str(archive / "beta.txt")]
    (archive / "gamma.txt").unlink()
    restored = library.restore_articles(removed.paths, read=removed.read)
    assert restored.missing == [str(archive / "gamma.txt")]
    back = ids_by_name(data_dir)
    assert set(back) == {"alpha", "beta"} and restored.ids == [back["beta"]]
    with Catalogue(data_dir / "catalogue.sqlite3") as cat:
        assert cat.is_read(back["beta"]) and not cat.is_read(back["alpha"])
        assert [a.note for a in AnnotationStore(cat).annotations_for(back["beta"])] == ["kept"]
        assert cat.excluded_paths() == {str(archive / "gamma.txt")}
    assert back["beta"] in indexed_ids(data_dir)
    library.update(None)
    assert set(ids_by_name(data_dir)) == {"alpha", "beta"}


def test_remove_folder_forgets_a_root_but_not_articles_under_another(
    tmp_path: Path, data_dir: Path
) -> None:
    outer = tmp_path / "outer"
    make_archive(outer, ["top"])
    make_archive(outer / "inner", ["nested"])
    other = tmp_path / "other"
    make_archive(other, ["elsewhere"])
    library = Library(data_dir)
    library.update([str(outer), str(outer / "inner"), str(other)])
    result = library.remove_folder(str(outer))
    assert result.removed == 1
    assert set(ids_by_name(data_dir)) == {"nested", "elsewhere"}  # inner is still a root
    with Catalogue(data_dir / "catalogue.sqlite3") as cat:
        assert set(cat.roots()) == {str(outer / "inner"), str(other)}
        assert cat.excluded_paths() == set()  # nothing excluded
    library.update(None)  # the re-scan no longer walks outer
    assert set(ids_by_name(data_dir)) == {"nested", "elsewhere"}
    library.update([str(outer)])  # adding it again brings it back
    assert set(ids_by_name(data_dir)) == {"top", "nested", "elsewhere"}


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_reader_remove(tmp_path: Path, data_dir: Path) -> None:
    archive = tmp_path / "archive"
    make_archive(archive, ["alpha", "beta"])
    Library(data_dir).update([str(archive)])
    beta = ids_by_name(data_dir)["beta"]
    done = run("remove", str(beta), "--json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["removed"] == 1 and said["ids"] == [beta] and said["not_found"] == []
    assert set(ids_by_name(data_dir)) == {"alpha"}
    missing = run("remove", str(beta), data_dir=data_dir)
    assert missing.returncode == 1 and "no article with id" in missing.stderr
    assert "Removed 0 articles" in missing.stdout

"""Packaging: one version, the files a wheel and an sdist must carry, the icon, the
desktop entry and the AppStream data, and the ``--smoke-test`` hook the frozen build is
checked with.

Building the wheel and sdist takes a few seconds (``python -m build``, the ``dev``
extra); the validators run when their tools are installed (Debian:
``desktop-file-utils``, ``appstream``) and skip cleanly when not.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import reader
from reader import paths
from reader.cli import main

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"
DESKTOP = PACKAGING / "archive-reader.desktop"
METAINFO = PACKAGING / "archive-reader.metainfo.xml"
I18N = REPO / "reader" / "ui" / "i18n"
# The name app.setDesktopFileName gives the window: the desktop entry's file name, the
# AppStream launchable and the icon's name all follow it.
APP_ID = "archive-reader"


# -- one version ---------------------------------------------------------------------


def test_the_version_is_written_once_and_read_by_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"], "the version lives in reader/__init__.py"
    assert "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "reader.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", reader.__version__)


def test_reader_version_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"reader {reader.__version__}"


def test_smoke_test_is_hidden_from_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--smoke-test" not in capsys.readouterr().out


# -- resources inside the package -------------------------------------------------------


def test_run_time_files_are_found_inside_the_package() -> None:
    package = Path(reader.__file__).resolve().parent
    assert paths.sample_archive_dir().is_relative_to(package)
    assert (paths.sample_archive_dir() / "MANIFEST.tsv").is_file()
    assert paths.icon_path().is_file()
    for size in paths.ICON_SIZES:
        assert paths.icon_path(size).is_file()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icon_pngs_are_the_sizes_their_names_say() -> None:
    ET.parse(paths.icon_path())  # the SVG is well-formed XML
    assert paths.ICON_SIZES == (16, 32, 48, 64, 128, 256)
    for size in paths.ICON_SIZES:
        assert _png_size(paths.icon_path(size)) == (size, size)
    names = {p.name for p in paths.icon_path().parent.iterdir()}
    assert names == {"archive-reader.svg"} | {f"archive-reader-{s}.png" for s in paths.ICON_SIZES}


# -- wheel and sdist --------------------------------------------------------------------


def _expected_package_files() -> list[str]:
    """Files (relative to the repository) that both the wheel and the sdist must carry."""
    sample = paths.sample_archive_dir()
    manifest = (sample / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    files = ["reader/resources/sample-archive/MANIFEST.tsv"]
    files += ["reader/resources/sample-archive/" + line.split("\t")[0] for line in manifest]
    files += [f"reader/resources/icons/{p.name}" for p in paths.icon_path().parent.iterdir()]
    files += [f"reader/ui/i18n/{ts.name}" for ts in sorted(I18N.glob("*.ts"))]
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``python -m build`` of this checkout: (wheel, sdist)."""
    pytest.importorskip("build", reason="python -m build: pip install -e '.[dev]'")
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return wheel, sdist


def test_wheel_carries_the_resources_and_the_version(built: tuple[Path, Path]) -> None:
    wheel, _ = built
    assert f"-{reader.__version__}-" in wheel.name
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in _expected_package_files() if f not in names]
    assert not missing, missing
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert re.search(r"^reader = reader\.cli:main$", text, re.M)


def test_wheel_carries_compiled_translations(built: tuple[Path, Path]) -> None:
    sources = sorted(I18N.glob("*.ts"))
    if not sources:
        pytest.skip("no interface translations (reader/ui/i18n/*.ts) yet")
    names = set(zipfile.ZipFile(built[0]).namelist())
    missing = [ts.stem + ".qm" for ts in sources if f"reader/ui/i18n/{ts.stem}.qm" not in names]
    assert not missing, f"not compiled into the wheel: {missing}"


def test_sdist_carries_the_resources_and_the_packaging_files(built: tuple[Path, Path]) -> None:
    _, sdist = built
    with tarfile.open(sdist) as tar:
        top = tar.getnames()[0].split("/")[0]
        names = {n.removeprefix(top + "/") for n in tar.getnames()}
    expected = _expected_package_files() + [
        "packaging/archive-reader.desktop",
        "packaging/archive-reader.metainfo.xml",
    ]
    missing = [f for f in expected if f not in names]
    assert not missing, missing


# -- desktop entry and AppStream ---------------------------------------------------------


def _desktop_keys() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def test_desktop_entry_names_the_command_and_the_icon() -> None:
    keys = _desktop_keys()
    assert keys["Exec"].split()[0] == "reader"  # the console script in pyproject
    assert keys["Icon"] == APP_ID
    assert DESKTOP.stem == APP_ID
    app_source = (REPO / "reader" / "ui" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{APP_ID}")' in app_source


def test_entry_and_metainfo_use_the_shared_names() -> None:
    shared = tomllib.loads((PACKAGING / "metadata.toml").read_text(encoding="utf-8"))
    assert shared["desktop_id"] == shared["icon"] == APP_ID
    keys = _desktop_keys()
    assert keys["Name"] == shared["name"]
    assert keys["Categories"].rstrip(";").split(";") == shared["categories"]
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == shared["id"]
    assert root.findtext("name") == shared["name"]
    assert root.findtext("summary") == shared["summary"]
    assert root.findtext("url[@type='homepage']") == shared["homepage"]
    assert [c.text for c in root.findall("categories/category")] == shared["categories"]


def test_metainfo_matches_the_entry_and_the_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("icon") == APP_ID
    assert root.findtext("provides/binary") == "reader"
    release = root.find("releases/release")
    assert release is not None and release.get("version") == reader.__version__
    assert release.find("description") is not None, "release notes"
    assert root.findall("screenshots/screenshot/image"), "screenshots"
    for image in root.findall("screenshots/screenshot/image"):
        # The URLs point at docs/*.png in the repository: each must be committed here.
        name = (image.text or "").rsplit("/docs/", 1)[-1]
        if name.startswith("screenshot-zh_") and not (REPO / "docs" / name).exists():
            continue  # the Chinese screenshots come with the translations
        assert (REPO / "docs" / name).is_file(), name


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate not installed (Debian: desktop-file-utils)",
)
def test_desktop_entry_validates() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None, reason="appstreamcli not installed (Debian: appstream)"
)
def test_metainfo_validates() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# -- the frozen build's check, from source ---------------------------------------------------


def test_smoke_test_starts_the_window_uses_the_children_and_quits(tmp_path: Path) -> None:
    """``reader --smoke-test`` (what packaging/smoke_frozen.py runs in the frozen build),
    from source: the sample opened in the job process, searched in the search process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path), "--smoke-test"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ok"] and report["articles"] == 20 and report["icon"]
    assert all(count > 0 for count in report["searches"].values())

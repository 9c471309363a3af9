"""The one-time upgrade of an older library runs before the window, behind a progress
dialog that shows when it lasts and whose Cancel puts the library back as it was."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.catalogue import SCHEMA_VERSION, pending_upgrade
from reader.ui.qt import QPushButton, QTimer
from reader.ui.window.upgrade import LibraryUpgrade, upgrade_library
from tests.test_catalogue_upgrade import make_schema4_library, version


@pytest.fixture
def old_library(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    make_schema4_library(data / "catalogue.sqlite3", 3000)
    return data


def slowed(upgrade: LibraryUpgrade, seconds: float) -> None:
    """Make each of SQLite's checks take *seconds*: an upgrade that lasts, as at 100,000."""
    check = upgrade.should_stop

    def slow() -> bool:
        time.sleep(seconds)
        return check()

    upgrade.should_stop = slow  # type: ignore[method-assign]


def test_a_long_upgrade_shows_the_dialog_and_completes(qtbot, old_library: Path) -> None:  # type: ignore[no-untyped-def]
    upgrade = LibraryUpgrade(old_library / "catalogue.sqlite3")
    assert upgrade.steps == SCHEMA_VERSION - 4
    slowed(upgrade, 0.2)  # 8 checks at 3,000 articles: about 1.6 s
    seen: list[bool] = []
    watch = QTimer()
    watch.timeout.connect(lambda: seen.append(upgrade.dialog.isVisible()))
    watch.start(50)
    assert upgrade.run() is True
    watch.stop()
    assert True in seen  # it lasted, so the person saw why the window was not there yet
    assert not upgrade.dialog.isVisible()
    assert version(old_library / "catalogue.sqlite3") == SCHEMA_VERSION


def test_cancel_in_the_dialog_stops_and_keeps_the_library_as_it_was(  # type: ignore[no-untyped-def]
    qtbot, old_library: Path
) -> None:
    path = old_library / "catalogue.sqlite3"
    upgrade = LibraryUpgrade(path)
    slowed(upgrade, 0.4)  # about 3 s
    clicked: list[float] = []

    def press_cancel_once_shown() -> None:
        if upgrade.dialog.isVisible() and not clicked:
            button = upgrade.dialog.findChild(QPushButton)
            assert button is not None and button.text().replace("&", "") == "Cancel"
            clicked.append(time.perf_counter())
            button.click()

    watch = QTimer()
    watch.timeout.connect(press_cancel_once_shown)
    watch.start(50)
    assert upgrade.run() is False
    watch.stop()
    assert clicked
    assert version(path) == 4 and pending_upgrade(path) == SCHEMA_VERSION - 4
    assert upgrade_library(old_library) is True  # the next start upgrades
    assert version(path) == SCHEMA_VERSION


def test_a_current_library_needs_no_dialog(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert upgrade_library(tmp_path / "new") is True
    assert not (tmp_path / "new" / "catalogue.sqlite3").exists()  # nothing made here

"""Background work as a person meets it (issue 11): the keyboard starts in the list, the
end of a job is told in the status bar (never a box that takes the keys from a dialog),
its details are a click away and go when new work starts, and a cancelled import stops
at once, keeps its folder, and is finished by a re-scan."""

from __future__ import annotations

from pathlib import Path

from reader.background.jobs import JobOutcome
from reader.ui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    Qt,
    QVBoxLayout,
    QWidget,
)
from reader.ui.window.mainwindow import MainWindow
from tests.test_importer import write_article
from tests.ui.conftest import SAMPLE_COUNT, make_window
from tests.ui.test_library import SlowJob, new_folder


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def activate(win: QWidget, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Make *win* the active window, as a window manager does when it opens, and wait
    until Qt has given the keyboard to one of its widgets."""
    win.activateWindow()
    qtbot.waitUntil(
        lambda: QApplication.activeWindow() is win and QApplication.focusWidget() is not None,
        timeout=5000,
    )


def press_j(win: MainWindow, qtbot) -> int:  # type: ignore[no-untyped-def]
    """Press `j` where the keyboard is, as a person would; the article it opens. (What
    the window queued first runs first, as it would before a person's next key.)"""
    qtbot.wait(1)
    with qtbot.waitSignal(win.articleOpened, timeout=5000) as opened:
        qtbot.keyClick(focused(), Qt.Key.Key_J)
    return int(opened.args[0])


def boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


# -- bug 4: the keyboard starts in the list ----------------------------------------------


def test_on_first_start_j_moves_in_the_list_once_the_sample_is_in(  # type: ignore[no-untyped-def]
    qtbot, data_dir: Path
) -> None:
    win = make_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    activate(win, qtbot)
    assert win.list_model.rowCount() == 0
    with qtbot.waitSignal(win.jobFinished, timeout=60000):
        win.start_background()  # what the app does after its first paint: the sample
    qtbot.waitUntil(lambda: win.list_model.rowCount() == SAMPLE_COUNT, timeout=5000)
    assert focused() is win.article_list
    before = win.article_list.currentIndex().row()  # Qt makes row 0 current, quietly
    first = press_j(win, qtbot)
    assert win.filter_field.text() == "", "j went into the filter"
    assert win.list_model.rowCount() == SAMPLE_COUNT
    assert win.article_list.currentIndex().row() == before + 1
    assert first == win.article_list.current_id() == win.reader.current_id
    second = press_j(win, qtbot)
    assert second != first and win.article_list.currentIndex().row() == before + 2
    win.close()


def test_on_a_later_start_j_opens_the_next_article(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    win = make_window(library)
    qtbot.addWidget(win)
    win.show()
    activate(win, qtbot)
    assert focused() is win.article_list
    before = win.article_list.currentIndex().row()
    opened = press_j(win, qtbot)
    assert win.filter_field.text() == ""
    assert win.article_list.currentIndex().row() == before + 1
    assert opened == win.reader.current_id
    win.close()


def test_a_list_reload_does_not_lose_a_j_about_to_open(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    """`j` moves the selection and the article opens a moment later; a reload of the
    list arriving in that moment (an import ending) must not take the selection back."""
    win = make_window(library)
    qtbot.addWidget(win)
    win.show()
    activate(win, qtbot)
    win._select_timer.setInterval(3000)  # a slow moment, so the reload surely lands in it
    before = win.article_list.currentIndex().row()
    qtbot.keyClick(focused(), Qt.Key.Key_J)
    chosen = win.article_list.current_id()
    assert chosen is not None and win.reader.current_id is None
    with qtbot.waitSignal(win.listReloaded, timeout=5000):
        win.reload_list(keep_position=True)
    assert win.reader.current_id is None, "opened before the reload: nothing was tested"
    assert win.article_list.currentIndex().row() == before + 1
    with qtbot.waitSignal(win.articleOpened, timeout=5000) as opened:
        pass
    assert opened.args[0] == chosen
    win.close()


def test_a_person_typing_in_the_filter_keeps_it_when_rows_arrive(  # type: ignore[no-untyped-def]
    qtbot, data_dir: Path
) -> None:
    """The list takes the keyboard only from its own empty page, never from a field the
    person went to while the sample was being opened."""
    win = make_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    activate(win, qtbot)
    win.focus_filter()
    with qtbot.waitSignal(win.jobFinished, timeout=60000):
        win.start_background()
    qtbot.waitUntil(lambda: win.list_model.rowCount() == SAMPLE_COUNT, timeout=5000)
    assert focused() is win.filter_field
    win.close()


def test_the_list_does_not_take_the_keyboard_from_the_filter_when_rows_come_back(  # type: ignore[no-untyped-def]
    qtbot, library: Path
) -> None:
    """Ctrl+L while the filter matches nothing, then typing what matches: the keys stay
    in the filter when the list reappears."""
    win = make_window(library)
    qtbot.addWidget(win)
    win.show()
    activate(win, qtbot)
    win.act_filter.trigger()
    with qtbot.waitSignal(win.listReloaded, timeout=5000):
        qtbot.keyClicks(focused(), "zzzz")
    assert win.list_pane.stack.currentWidget() is not win.article_list
    win.act_filter.trigger()  # Ctrl+L again: the text is selected, typing replaces it
    assert focused() is win.filter_field
    with qtbot.waitSignal(win.listReloaded, timeout=5000):
        qtbot.keyClicks(focused(), "Parcel")
    qtbot.wait(1)
    assert win.list_pane.stack.currentWidget() is win.article_list
    assert focused() is win.filter_field and win.filter_field.text() == "Parcel"
    win.close()


# -- bug 8: the end of a job does not take the keyboard ---------------------------------


class NoteDialog(QDialog):
    """Stands in for the note or tags dialog a person is typing into."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(buttons)


def test_an_import_ending_behind_a_dialog_leaves_it_the_keyboard(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    folder = new_folder(tmp_path / "my-archive", 12)  # and empty.txt, which is skipped
    dialog = NoteDialog(window)
    dialog.open()
    dialog.field.setFocus()
    activate(dialog, qtbot)
    assert focused() is dialog.field
    with qtbot.waitSignal(window.jobFinished, timeout=60000) as finished:
        window.add_archive_folder(str(folder))
    outcome: JobOutcome = finished.args[0]
    assert outcome.announce and not outcome.cancelled
    qtbot.wait(50)
    # no box came up; the dialog still has the keyboard, and typing and Enter are its
    assert boxes() == [] and window.last_message is None
    assert QApplication.activeModalWidget() is dialog
    assert focused() is dialog.field
    qtbot.keyClicks(focused(), "abc")
    assert dialog.field.text() == "abc"
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()

    # the status bar says how it went, with the way to its details right beside it
    report = window.status_report
    assert report.isVisible()
    assert "12 imported" in report.text and "empty.txt" in report.text
    assert report.details_button.isVisible()
    qtbot.mouseClick(report.details_button, Qt.MouseButton.LeftButton)
    details = window.details_dialog
    assert details is not None and details.isVisible() and not details.isModal()
    lines = details.lines.toPlainText()
    assert "empty.txt" in lines and "the file is empty" in lines
    assert "12 imported" in details.message.text()
    details.close()


def test_a_failed_job_is_reported_without_a_box(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    class FailingJob:
        label = "Importing a broken archive"

        def run(self, progress, cancel) -> JobOutcome:  # type: ignore[no-untyped-def]
            text = "Importing a broken archive stopped unexpectedly (exit status 1)."
            return JobOutcome(
                "Import stopped", text, details=["Traceback: boom"], error=text, announce=True
            )

    with qtbot.waitSignal(window.jobFinished, timeout=10000):
        window.jobs.submit(FailingJob())
    qtbot.wait(20)
    assert boxes() == [] and window.last_message is None
    report = window.status_report
    assert report.isVisible() and report.error and report.icon.isVisible()
    assert "stopped unexpectedly" in report.text
    window.show_job_details()
    assert window.details_dialog is not None
    assert "Traceback: boom" in window.details_dialog.lines.toPlainText()
    window.details_dialog.close()


def test_the_report_goes_when_new_work_starts(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = new_folder(tmp_path / "more", 2)
    with qtbot.waitSignal(window.jobFinished, timeout=60000):
        window.add_archive_folder(str(folder))
    assert "see the details" not in window.status_report.text
    assert window.status_report.has_report and window.status_report.details_button.isVisible()
    with qtbot.waitSignal(window.jobs.started, timeout=5000):
        window.jobs.submit(SlowJob())
    assert not window.status_report.has_report and not window.status_report.isVisible()
    with qtbot.waitSignal(window.jobFinished, timeout=10000):
        window.cancel_job()
    assert window.status_report.title == "Import cancelled"
    # closed by the person: gone, and nothing left pointing at details
    qtbot.mouseClick(window.status_report.close_button, Qt.MouseButton.LeftButton)
    assert not window.status_report.isVisible() and not window.status_report.has_report


# -- bug 7: Cancel, through the window's own job ----------------------------------------


def test_cancel_stops_the_import_keeps_the_folder_and_f5_finishes_it(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    folder = tmp_path / "big"
    count = 600
    body = "海外仓与冷链物流的变化。" * 200  # a few KB each: parsing takes a moment
    for i in range(count):
        write_article(
            folder,
            f"{i // 100}/p{i:04d}.txt",
            f"大文章{i}",
            f"https://b.example/{i}",
            [],
            body=body,
        )
    seen: list[int] = []

    def on_progress(phase: str, done: int, total: int) -> None:
        if phase.startswith("Importing") and total == count:
            seen.append(done)
            if done > 0 and window.progress.cancel.isEnabled():
                qtbot.mouseClick(window.progress.cancel, Qt.MouseButton.LeftButton)

    window.jobs.progress.connect(on_progress)
    with qtbot.waitSignal(window.jobFinished, timeout=60000) as finished:
        window.add_archive_folder(str(folder))
        qtbot.waitUntil(lambda: not window.progress.cancel.isEnabled(), timeout=30000)
        assert window.progress.label.full_text == "Cancelling…"
    window.jobs.progress.disconnect(on_progress)
    outcome: JobOutcome = finished.args[0]
    assert outcome.cancelled and outcome.title == "Import cancelled"
    assert any(0 < done < count for done in seen), seen
    assert str(folder) in window.catalogue.roots()
    assert "remembered" in window.status_report.text and "F5" in window.status_report.text
    assert boxes() == []
    kept = window.catalogue.count() - SAMPLE_COUNT
    assert kept < count
    # F5: the re-scan of the remembered folders finishes the import
    with qtbot.waitSignal(window.jobFinished, timeout=120000) as rescanned:
        window.act_rescan.trigger()
    assert not rescanned.args[0].cancelled
    qtbot.waitUntil(lambda: window.list_model.rowCount() == SAMPLE_COUNT + count, timeout=10000)
    assert window.catalogue.count() == SAMPLE_COUNT + count

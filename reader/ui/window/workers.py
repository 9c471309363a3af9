"""Threads for the work the GUI thread must never wait on, and the way results come back.

SQLite connections and the search engine belong to the thread that opened them, so each
worker thread here owns its own (a ``TaskThread`` creates its context inside the thread).
Results are handed back to the GUI thread through a queued Qt signal, so a callback always
runs where widgets may be touched. Two patterns cover the app:

- ``TaskThread``: one long-lived thread running short tasks in order. A task submitted
  with a ``lane`` replaces any not-yet-started task of the same lane: typing a query
  fires a search per pause, and only the latest one still waiting is worth running.
- ``JobRunner``: long jobs (import, indexing) one after another, each with progress
  reported as (phase, done, total) and a cancel flag; the library jobs themselves run in
  a child process (``jobs.ProcessJob``), which this thread waits on.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from reader.background.jobs import Job, JobOutcome, describe_error
from reader.errors import ReaderError
from reader.ui.i18n import translate
from reader.ui.qt import QObject, Qt, Signal, Slot
from reader.ui.window.status_widgets import job_text

log = logging.getLogger(__name__)

C = TypeVar("C")


class _Bridge(QObject):
    """Lives in the GUI thread; runs callables sent to it from any thread."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.closed = False
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        if not self.closed:
            fn()


@dataclass(slots=True)
class _Task(Generic[C]):
    fn: Callable[[C], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    lane: str | None


class TaskThread(Generic[C]):
    """A thread that owns a context (connections) and runs submitted tasks on it."""

    def __init__(
        self,
        name: str,
        make_context: Callable[[], C],
        close_context: Callable[[C], None] = lambda _ctx: None,
    ) -> None:
        self.name = name
        self._make = make_context
        self._close = close_context
        self._tasks: deque[_Task[C]] = deque()
        self._cond = threading.Condition()
        self._busy = False
        self._stopping = False
        self._bridge = _Bridge()
        self._thread = threading.Thread(target=self._loop, name=f"reader-{name}", daemon=True)
        self._thread.start()

    def submit(
        self,
        fn: Callable[[C], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        lane: str | None = None,
    ) -> None:
        with self._cond:
            if self._stopping:
                return
            if lane is not None:
                self._tasks = deque(t for t in self._tasks if t.lane != lane)
            self._tasks.append(_Task(fn, on_done, on_error, lane))
            self._cond.notify()

    def _loop(self) -> None:
        context: C | None = None
        while True:
            with self._cond:
                while not self._tasks and not self._stopping:
                    self._cond.wait()
                if not self._tasks:
                    break
                task = self._tasks.popleft()
                self._busy = True
            try:
                if context is None:
                    context = self._make()
                result = task.fn(context)
            except BaseException as exc:  # reported to the GUI, never printed at a user
                if not isinstance(exc, ReaderError):
                    log.warning("task in %s failed:\n%s", self.name, traceback.format_exc())
                if task.on_error is not None:
                    handler = task.on_error
                    self._bridge.deliver.emit(lambda h=handler, e=exc: h(e))
            else:
                if task.on_done is not None:
                    done = task.on_done
                    self._bridge.deliver.emit(lambda d=done, r=result: d(r))
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
        if context is not None:
            try:
                self._close(context)
            except Exception:
                log.warning("closing %s failed:\n%s", self.name, traceback.format_exc())

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until every submitted task has run (tests; flushing writes on close)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._tasks or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def stop(self, timeout: float = 10.0) -> None:
        """Run what is queued, close the context, end the thread; later results are dropped."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join(timeout)
        self._bridge.closed = True


# -- long jobs -------------------------------------------------------------------------


class JobRunner(QObject):
    """Runs jobs one at a time in a worker thread; reports progress as Qt signals."""

    started = Signal(str)
    progress = Signal(str, int, int)
    finished = Signal(object)  # JobOutcome
    idle = Signal()
    _done = Signal(object)  # emitted by the worker thread, delivered in the GUI thread

    PROGRESS_INTERVAL = 0.05  # s: at most 20 progress updates a second reach the GUI

    def __init__(self) -> None:
        super().__init__()
        self._queue: deque[Job] = deque()
        self._current: Job | None = None
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._current is not None

    @property
    def current_label(self) -> str | None:
        return self._current.label if self._current else None

    def submit(self, job: Job) -> None:
        self._queue.append(job)
        if self._current is None:
            self._next()

    def cancel(self) -> None:
        """Stop the running job at its next check; what it finished so far is kept."""
        self._cancel.set()

    def _next(self) -> None:
        if self._closed or not self._queue:
            self._current = None
            self.idle.emit()
            return
        job = self._current = self._queue.popleft()
        self._cancel = threading.Event()
        cancel = self._cancel
        self.started.emit(job.label)
        last_time = [0.0]
        last_phase = [""]

        def report(phase: str, done: int, total: int) -> None:
            now = time.monotonic()
            if (
                phase != last_phase[0]
                or done >= total
                or now - last_time[0] >= self.PROGRESS_INTERVAL
            ):
                last_time[0], last_phase[0] = now, phase
                self.progress.emit(phase, done, total)

        def work() -> None:
            try:
                outcome = job.run(report, cancel.is_set)
            except BaseException as exc:
                if not isinstance(exc, ReaderError):
                    log.warning("job %s failed:\n%s", job.label, traceback.format_exc())
                outcome = JobOutcome(
                    translate("Jobs", "{job} failed").format(job=job_text(job.label)),
                    describe_error(exc),
                    error=describe_error(exc),
                )
            self._done.emit(outcome)

        self._thread = threading.Thread(target=work, name="reader-job", daemon=True)
        self._thread.start()

    @Slot(object)
    def _on_done(self, outcome: JobOutcome) -> None:
        if self._closed:
            return
        self._current = None
        self.finished.emit(outcome)
        self._next()

    def shutdown(self, timeout: float = 15.0) -> None:
        """On quit: cancel the running job and wait for it to stop cleanly."""
        self._closed = True
        self._queue.clear()
        self._cancel.set()
        if self._thread is not None:
            self._thread.join(timeout)

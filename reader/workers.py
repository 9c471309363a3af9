"""Worker processes for the importer's parsers and the indexer, on plain pipes.

Why not ``multiprocessing`` or ``concurrent.futures``: a hostile test run found that a
SIGKILLed ``reader import`` left their workers alive (blocked on a queue nobody would
feed again, or in the middle of a task), some printing tracebacks, and "leaked
semaphore" warnings (their queues and shared ``Value`` need POSIX semaphores, which the
resource tracker reports when their owner dies); and that one file that never finishes
reading (a FIFO swapped in, a hung network share) stalls a worker, and the import with
it, forever. So here:

- each worker is a plain ``python`` child exchanging pickled, length-prefixed frames
  with its parent over two pipes: no semaphores, no resource tracker, no re-import of
  ``__main__``;
- it dies with its parent three ways: end-of-file on its task pipe while idle, a thread
  watching ``os.getppid()`` while busy, and on Linux ``PR_SET_PDEATHSIG`` when spawned
  from the main thread (the signal follows the spawning *thread*, so not otherwise);
- every item has a time budget: a worker that neither reports nor starts another item
  for longer is killed and replaced, the item it was inside comes back as
  ``Failed("stuck")`` and the rest of its work is handed out again; a worker that dies
  (out of memory, a crash in a C extension) costs only the item it was inside, as
  ``Failed("died")``. Which item that was, it writes to memory shared with the parent
  (results travel a task at a time, so the parent's own count can lag);
- if workers cannot start at all, the items are processed in this process instead:
  slower, but the work completes.

Results come back in the order of the items. A function run in a worker may call
``progress(value)`` to send a value to the parent's ``on_progress`` (and show it is
alive). Nothing here is specific to importing or indexing.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import mmap
import os
import pickle
import selectors
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from reader.children import child_command, child_env

T = TypeVar("T")

BUDGET_ENV = "READER_FILE_BUDGET"
DEFAULT_BUDGET = 60.0  # seconds one item may take (reading and parsing one file)
START_BUDGET = 120.0  # a worker not ready after this long is taken as unable to start
START_FAILURES = 3  # this many workers in a row failing to start: work in-process instead
POLL = 0.1  # seconds between checks of cancel() and of the budgets

_HEADER = struct.Struct("!Q")
# What a worker is doing, written into shared memory at each item's start and end (a
# memory write: no system call, no wake-up of the parent): the count of items it has
# started, and whether it is inside one. When a worker dies or stalls this names the
# item to blame even if results it finished had not gone out yet, and its changing is
# a sign of life that needs nothing from a worker stuck in C code holding the GIL.
_MARKER = struct.Struct("=qq")
_PR_SET_PDEATHSIG = 1

# Set inside a worker (to send frames) or by the in-process fallback (to call
# on_progress directly); None elsewhere, where progress() does nothing.
_progress_sink: Callable[[Any], None] | None = None


def budget_from_env(default: float = DEFAULT_BUDGET) -> float:
    """The per-item budget: ``$READER_FILE_BUDGET`` seconds if set (tests shorten it)."""
    raw = os.environ.get(BUDGET_ENV, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


def progress(value: Any) -> None:
    """From a function running in a worker: hand *value* to the parent's ``on_progress``.

    Also tells the parent the worker is alive, so long work with progress reports is not
    taken for stuck."""
    if _progress_sink is not None:
        _progress_sink(value)


@dataclass(frozen=True, slots=True)
class Failed:
    """An item the pool could not finish. ``kind`` is ``stuck`` (past its budget; the
    worker was killed), ``died`` (the worker process ended) or ``error`` (the function
    raised); ``detail`` says more, for a message."""

    kind: str
    detail: str


@dataclass(slots=True)
class _Slot:
    """A chunk of consecutive items, yielded together once all have a result."""

    items: list[Any]
    results: list[Any]
    remaining: int


@dataclass(slots=True)
class _Task:
    """Items ``start...`` of a slot, sent to one worker as one frame."""

    slot: int
    start: int
    items: list[Any]
    done: int = 0


class _Run:
    """One ``map`` call's bookkeeping: chunks of items as numbered slots, yielded in
    order; work handed back by lost workers, handed out again first."""

    def __init__(self, items: Iterable[Any], chunk: int, *, lookahead: int) -> None:
        self.source = iter(items)
        self.chunk = chunk
        self.lookahead = lookahead  # slots drawn ahead of the one to yield next
        self.slots: dict[int, _Slot] = {}
        self.queue: deque[_Task] = deque()
        self.created = 0
        self.yielded = 0
        self.exhausted = False

    def next_task(self) -> _Task | None:
        if self.queue:
            return self.queue.popleft()
        if self.exhausted or self.created - self.yielded >= self.lookahead:
            return None
        chunk = list(itertools.islice(self.source, self.chunk))
        if not chunk:
            self.exhausted = True
            return None
        number = self.created
        self.slots[number] = _Slot(chunk, [None] * len(chunk), len(chunk))
        self.created += 1
        return _Task(number, 0, chunk)

    def hand_back(
        self, tasks: list[_Task], culprit: int | None = None, failure: Failed | None = None
    ) -> None:
        """Unfinished work of a lost worker goes out again first, in its order, except
        the *culprit* (an index into that unfinished work), which gets *failure*."""
        pieces: list[_Task] = []
        position = 0
        for task in tasks:
            rest, base = task.items[task.done :], task.start + task.done
            if culprit is not None and position <= culprit < position + len(rest):
                offset = culprit - position
                slot = self.slots[task.slot]
                slot.results[base + offset] = failure
                slot.remaining -= 1
                pieces.append(_Task(task.slot, base, rest[:offset]))
                pieces.append(_Task(task.slot, base + offset + 1, rest[offset + 1 :]))
            else:
                pieces.append(_Task(task.slot, base, rest))
            position += len(rest)
        self.queue.extendleft(reversed([piece for piece in pieces if piece.items]))

    def settle(self, task: _Task, value: Any) -> None:
        slot = self.slots[task.slot]
        slot.results[task.start + task.done] = value
        slot.remaining -= 1
        task.done += 1

    def finished_items(self) -> Iterator[tuple[Any, Any]]:
        while self.yielded in self.slots and self.slots[self.yielded].remaining == 0:
            slot = self.slots.pop(self.yielded)
            self.yielded += 1
            yield from zip(slot.items, slot.results, strict=True)

    def done(self) -> bool:
        return self.exhausted and not self.queue and self.created == self.yielded


@dataclass(eq=False)
class _Worker:
    proc: subprocess.Popen[bytes]
    send_fd: int
    recv_fd: int
    marker_fd: int  # shared with the worker: (items started, busy): see _MARKER
    heard: float
    ready: bool = False
    buffer: bytearray = field(default_factory=bytearray)
    tasks: deque[_Task] = field(default_factory=deque)
    confirmed: int = 0  # results received from it
    started: int = 0  # its marker's count when last looked at

    def marker(self) -> tuple[int, int]:
        try:
            return _MARKER.unpack(os.pread(self.marker_fd, _MARKER.size, 0))
        except (OSError, struct.error):
            return self.started, 0


def _new_marker() -> int:
    """A file of a few bytes in memory, for a worker to write and its parent to read."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("reader-worker", os.MFD_CLOEXEC)
    else:  # pragma: no cover - not Linux
        import tempfile

        with tempfile.TemporaryFile() as handle:
            fd = os.dup(handle.fileno())
    os.ftruncate(fd, _MARKER.size)
    return fd


def _reference(function: Callable[..., Any]) -> tuple[str, str]:
    module, name = function.__module__, function.__qualname__
    if module == "__main__" or "<" in name:
        raise ValueError(
            f"{function!r} must be a module-level function of an importable "
            "module to run in a worker process"
        )
    return module, name


def _resolve(reference: tuple[str, str]) -> Callable[..., Any]:
    module, name = reference
    target: Any = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    return target


def _exit_status(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


class WorkerPool(Generic[T]):
    """Up to *workers* processes applying *function* to items (see the module docstring).

    *function* (and *initializer*, run once in each worker with *initargs*) must be
    module-level functions; items and results must pickle. *chunk* items travel per
    frame; each worker is given up to *depth* frames ahead, so it keeps working while
    this process stores results. *budget* is the seconds an item may take (default
    ``budget_from_env()``). Use as a context manager: leaving it ends the workers.
    """

    def __init__(
        self,
        function: Callable[[T], Any],
        *,
        workers: int,
        initializer: Callable[..., Any] | None = None,
        initargs: tuple[Any, ...] = (),
        budget: float | None = None,
        chunk: int = 1,
        depth: int = 2,
        on_progress: Callable[[Any], None] | None = None,
    ) -> None:
        self.function = function
        self.initializer = initializer
        self.initargs = initargs
        self.size = max(1, workers)
        self.budget = budget if budget is not None else budget_from_env()
        self.chunk = max(1, chunk)
        self.depth = max(1, depth)
        self.on_progress = on_progress
        self.in_process = False  # workers could not start: items run here
        self.replaced = 0  # workers killed or lost and replaced (for tests and figures)
        self._init_message = (
            "init",
            _reference(function),
            _reference(initializer) if initializer else None,
            initargs,
        )
        self._workers: list[_Worker] = []
        self._selector = selectors.DefaultSelector()
        self._start_failures = 0
        self._initialized_here = False
        # The parent-death signal fires when the spawning *thread* ends: only safe from
        # the main thread, which outlives the pool.
        self._death_signal = (
            sys.platform.startswith("linux")
            and threading.current_thread() is threading.main_thread()
        )

    def __enter__(self) -> WorkerPool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pids(self) -> list[int]:
        return [w.proc.pid for w in self._workers]

    # -- the parent's loop ---------------------------------------------------------------

    def map(
        self, items: Iterable[T], *, cancel: Callable[[], bool] | None = None
    ) -> Iterator[tuple[T, Any]]:
        """``(item, result)`` in the order of *items*; a result is what *function*
        returned or a ``Failed``. Items are drawn lazily. Returns early, killing the
        workers, when ``cancel()`` turns true: it is asked before each result is handed
        out, so nothing comes after it, and nothing the workers hold is waited for."""
        cancel = cancel or (lambda: False)
        run = _Run(items, self.chunk, lookahead=self.size * self.depth * 2)
        while True:
            for pair in run.finished_items():
                if cancel():
                    self.close(kill=True)
                    return
                yield pair
            if cancel():
                self.close(kill=True)
                return
            if run.done():
                return
            if self.in_process:
                task = run.next_task()
                if task is not None:
                    self._run_here(task, run)
                continue
            self._dispatch(run)
            self._poll(run)

    def _dispatch(self, run: _Run) -> None:
        for worker in list(self._workers):
            while worker.ready and len(worker.tasks) < self.depth:
                task = run.next_task()
                if task is None:
                    return
                if not self._send(worker, ("task", task.items)):
                    run.hand_back([task])  # it is dying: its end-of-file is handled later
                    break
                worker.tasks.append(task)
                if len(worker.tasks) == 1:
                    worker.heard = time.monotonic()
        # Start workers only while there is work they could take.
        if len(self._workers) < self.size and not self.in_process:
            task = run.next_task()
            if task is not None:
                run.hand_back([task])
                while len(self._workers) < self.size and not self.in_process:
                    self._spawn(run)

    def _poll(self, run: _Run) -> None:
        for key, _ in self._selector.select(POLL):
            self._read(key.data, run)
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.tasks:
                started, _ = worker.marker()
                if started != worker.started:  # a new item began: the clock restarts
                    worker.started = started
                    worker.heard = now
            if not worker.ready and now - worker.heard > START_BUDGET:
                self._lose(worker, run, "stuck", f"did not start in {START_BUDGET:g} s")
            elif worker.tasks and now - worker.heard > self.budget:
                self._lose(worker, run, "stuck", f"{self.budget:g}")

    def _read(self, worker: _Worker, run: _Run) -> None:
        if worker not in self._workers:  # lost earlier in this same round
            return
        try:
            data = os.read(worker.recv_fd, 1 << 20)
        except OSError:
            data = b""
        if not data:  # end of file: the worker exited
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.proc.wait(timeout=2)
            self._lose(worker, run, "died", _exit_status(worker.proc.returncode))
            return
        worker.heard = time.monotonic()
        worker.buffer += data
        while len(worker.buffer) >= _HEADER.size and worker in self._workers:
            (length,) = _HEADER.unpack_from(worker.buffer)
            end = _HEADER.size + length
            if len(worker.buffer) < end:
                break
            message = pickle.loads(worker.buffer[_HEADER.size : end])
            del worker.buffer[:end]
            self._handle(worker, message, run)

    def _handle(self, worker: _Worker, message: tuple[Any, ...], run: _Run) -> None:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            self._start_failures = 0
        elif kind == "progress":
            if self.on_progress is not None:
                self.on_progress(message[1])
        elif kind in ("result", "error"):
            worker.confirmed += 1
            task = worker.tasks[0]
            run.settle(task, message[1] if kind == "result" else Failed("error", message[1]))
            if task.done == len(task.items):
                worker.tasks.popleft()
        elif kind == "init-error":
            # The same error would meet every worker: the in-process fallback runs the
            # initializer here, where it raises for the caller to see.
            self._stop(worker)
            self._start_in_process(run)

    def _lose(self, worker: _Worker, run: _Run, kind: str, detail: str) -> None:
        """*worker* is stuck or dead: end it; its current item fails, the rest goes back."""
        started, busy = self._stop(worker, kill=True)
        self.replaced += 1
        if not worker.ready:
            self._start_failures += 1
            if self._start_failures >= START_FAILURES:
                self._start_in_process(run)
        # Items it finished whose results had not gone out are simply run again; the one
        # it was inside, if any, is the one that failed.
        culprit = started - worker.confirmed - 1 if busy else None
        run.hand_back(list(worker.tasks), culprit, Failed(kind, detail))
        worker.tasks.clear()

    def _start_in_process(self, run: _Run) -> None:
        for worker in list(self._workers):
            run.hand_back(list(worker.tasks))
            worker.tasks.clear()
            self._stop(worker, kill=True)
        self.in_process = True

    def _run_here(self, task: _Task, run: _Run) -> None:
        """The fallback: run *task* in this process (no budget can apply here)."""
        global _progress_sink
        if not self._initialized_here and self.initializer is not None:
            self.initializer(*self.initargs)
        self._initialized_here = True
        _progress_sink = self.on_progress
        try:
            for item in task.items:
                try:
                    value: Any = self.function(item)
                except Exception as exc:
                    value = Failed("error", f"{type(exc).__name__}: {exc}")
                run.settle(task, value)
        finally:
            _progress_sink = None

    # -- workers ---------------------------------------------------------------------------

    def _spawn(self, run: _Run) -> None:
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        marker = _new_marker()
        try:
            proc = subprocess.Popen(
                child_command(
                    "worker",
                    str(to_child),
                    str(from_child),
                    str(marker),
                    str(os.getpid()),
                    "1" if self._death_signal else "0",
                ),
                pass_fds=(to_child, from_child, marker),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=child_env(),
            )
        except OSError:
            proc = None
        os.close(to_child)  # the child's ends: only the child may hold them now, so
        os.close(from_child)  # that its death (or ours) is seen as end-of-file
        if proc is None:
            os.close(from_parent)
            os.close(to_parent)
            os.close(marker)
            self._start_failures += 1
            if self._start_failures >= START_FAILURES:
                self._start_in_process(run)
            return
        worker = _Worker(proc, from_parent, to_parent, marker, time.monotonic())
        self._workers.append(worker)
        self._selector.register(worker.recv_fd, selectors.EVENT_READ, worker)
        self._send(worker, self._init_message)

    @staticmethod
    def _send(worker: _Worker, message: tuple[Any, ...]) -> bool:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _write_all(worker.send_fd, _HEADER.pack(len(data)) + data)
        except OSError:
            return False
        return True

    def _stop(self, worker: _Worker, *, kill: bool = False) -> tuple[int, int]:
        """End one worker: end-of-file on its pipe asks it to leave; *kill* does not ask.
        Returns its marker's last reading (items started, busy)."""
        if worker in self._workers:
            self._workers.remove(worker)
            self._selector.unregister(worker.recv_fd)
        with contextlib.suppress(OSError):
            os.close(worker.send_fd)
        if kill:
            with contextlib.suppress(OSError):
                worker.proc.kill()
        try:
            worker.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            worker.proc.kill()
            worker.proc.wait()
        with contextlib.suppress(OSError):
            os.close(worker.recv_fd)
        final = worker.marker()  # it cannot write any more
        with contextlib.suppress(OSError):
            os.close(worker.marker_fd)
        return final

    def close(self, *, kill: bool = False) -> None:
        """End every worker: idle ones leave at end-of-file; busy ones, ones still
        starting (a worker importing its modules notices end-of-file only when done,
        seconds later on a loaded machine) and, with *kill* (a cancel), all are killed."""
        workers, self._workers = self._workers, []
        for worker in workers:
            self._selector.unregister(worker.recv_fd)
            with contextlib.suppress(OSError):
                os.close(worker.send_fd)
            if kill or worker.tasks or not worker.ready:
                with contextlib.suppress(OSError):
                    worker.proc.kill()
        for worker in workers:
            worker.tasks.clear()
            self._stop(worker)
        self._selector.close()
        self._selector = selectors.DefaultSelector()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts: list[bytes] = []
    while size:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


# -- the worker's side -------------------------------------------------------------------


def worker_main(argv: Sequence[str]) -> int:
    """Entry point of a worker process (the "worker" role of ``reader.children``);
    *argv*: its pipe fds, marker fd, the parent's pid, whether to ask for a death signal."""
    read_fd, write_fd, marker_fd, parent = (int(a) for a in argv[:4])
    # Ctrl+C in a terminal reaches the whole process group: the parent decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if argv[4] == "1":
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the signal was armed
        os._exit(0)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()
    try:
        _serve(read_fd, write_fd, marker_fd)
    except BaseException:
        if os.getppid() == parent:  # a bug worth seeing; after the parent's death, silence
            with contextlib.suppress(Exception):
                traceback.print_exc()
        os._exit(1)
    os._exit(0)


def _watch_parent(parent: int) -> None:
    """A busy worker never reads its pipe: this notices the parent's death instead."""
    while True:
        time.sleep(0.2)
        if os.getppid() != parent:
            os._exit(0)


def _serve(read_fd: int, write_fd: int, marker_fd: int) -> None:
    global _progress_sink
    marker = mmap.mmap(marker_fd, _MARKER.size)
    pending: list[bytes] = []  # framed results: they go out together when a task ends

    def flush() -> None:
        if pending:
            data = b"".join(pending)
            pending.clear()
            try:
                _write_all(write_fd, data)
            except OSError:  # the parent is gone
                os._exit(0)

    def send(message: tuple[Any, ...]) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        pending.append(_HEADER.pack(len(data)) + data)
        flush()

    # One write and one wake-up of the parent per task, not per item: measured, the
    # parent's CPU per file rose by half when every result travelled alone.
    _progress_sink = lambda value: send(("progress", value))  # noqa: E731
    function: Callable[[Any], Any] | None = None
    started = 0
    while True:
        header = _read_exactly(read_fd, _HEADER.size)
        if header is None:
            return  # end of file: the parent closed the pipe, or died
        body = _read_exactly(read_fd, _HEADER.unpack(header)[0])
        if body is None:
            return
        message = pickle.loads(body)
        if message[0] == "init":
            _, reference, init_reference, initargs = message
            try:
                function = _resolve(reference)
                if init_reference is not None:
                    _resolve(init_reference)(*initargs)
            except Exception as exc:
                send(("init-error", f"{type(exc).__name__}: {exc}"))
                return
            send(("ready",))
        elif message[0] == "task" and function is not None:
            for item in message[1]:
                started += 1
                _MARKER.pack_into(marker, 0, started, 1)
                try:
                    data = pickle.dumps(
                        ("result", function(item)), protocol=pickle.HIGHEST_PROTOCOL
                    )
                except Exception as exc:  # the function's own failure, or an unpicklable
                    data = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
                _MARKER.pack_into(marker, 0, started, 0)
                pending.append(_HEADER.pack(len(data)) + data)
            flush()

"""Watched folders: notice files saved into, changed in or deleted from the added folders
while the app (or ``reader watch``) runs, and hand them on in debounced batches.

Why its own module, and no Qt: the CLI's ``reader watch`` and the window both need the
same watching, the same filtering of what matters (the importer's suffixes; no editor
temp files, dot-files or partial downloads) and the same fallback, and only the window
knows Qt. It never imports or changes anything itself: a batch says *which* paths to
give to ``Library.update`` (``watch_targets``), and the caller runs the one workflow,
in its own process (the CLI) or in the window's job process.

How: watchdog's ``Observer`` (inotify on Linux) reports events on its threads; they are
gathered into one pending ``WatchBatch`` and handed to ``on_batch`` once the folders have
been quiet for ``quiet`` seconds, or ``max_delay`` after the first event of a burst, so
a copy of 50 files is one job, not 50. inotify needs one watch per directory, and the
per-user cap (``/proc/sys/fs/inotify/max_user_watches``) is shared with every other
program: a tree that does not fit, or any other failure to watch, falls back to a
periodic re-scan (every ``rescan_interval`` seconds, and only of a folder whose files'
sizes or times changed), told through ``on_notice`` with a message. Never silence.

Deletions and moves need a re-scan of the folder they happened in (the importer drops
files it no longer finds only under a folder it walks, and keeps an article's id when
its file moved), so they ask for their added folder's re-scan; new and changed files are
named one by one, which is cheap however large the folder is.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from reader.errors import ReaderError
from reader.filenames import display_path

if TYPE_CHECKING:
    from reader.library import Cancel, Library, PhaseProgress, UpdateResult

log = logging.getLogger(__name__)

QUIET_S = 1.0  # a burst is over when nothing happened for this long
MAX_DELAY_S = 5.0  # ... or this long after its first event, whichever comes first
RESCAN_INTERVAL_S = 60.0  # the fallback's period
LIMIT_ERRNOS = frozenset({errno.ENOSPC, errno.EMFILE})  # inotify's watch / instance caps
MAX_USER_WATCHES = "/proc/sys/fs/inotify/max_user_watches"
INOTIFY_LOGGER = "watchdog.observers.inotify"  # where watchdog tells of a watch it could not add

# Names a download or an editor writes before the real file exists. Most of them already
# fail the importer's suffix test (``page.html.part``, ``notes.txt~``); these do not.
_TEMP_PREFIXES = ("~$", ".~", "#")
_TEMP_SUFFIXES = (".part", ".crdownload", ".partial", ".download", ".tmp", ".swp", "~")
_SKIPPED_NAMES = ("readme", "license", "licence", "copying", "changelog", "notice")  # importer's

POLLING = "polling"  # WatchNotice.kind: watching fell back to periodic re-scans
WATCHING = "watching"  # WatchNotice.kind: every folder is watched live


@dataclass
class WatchBatch:
    """What changed in one burst: ``files`` saved or changed (named one by one) and
    ``roots`` (added folders) to re-scan whole, for deletions, moves, new sub-folders,
    lost events and the fallback's scans."""

    files: set[str] = field(default_factory=set)
    roots: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.files or self.roots)

    def merge(self, other: WatchBatch) -> None:
        self.files |= other.files
        self.roots |= other.roots


@dataclass(frozen=True)
class WatchNotice:
    """What a person must be told about the watching itself. ``kind`` is ``POLLING``
    (with ``interval`` and, for inotify's cap, ``limit``) or ``WATCHING``; ``message``
    says it in English for the CLI (the window words it in its own language)."""

    kind: str
    message: str
    interval: float = 0.0
    limit: int | None = None  # the watch cap that was reached (None: another failure)
    reason: str = ""  # the system's words for a failure that was not the cap


class ObserverLike(Protocol):
    """The part of watchdog's ``BaseObserver`` used here (tests pass their own)."""

    def schedule(
        self,
        event_handler: Any,
        path: str,
        *,
        recursive: bool = ...,
        event_filter: list[type[FileSystemEvent]] | None = ...,
    ) -> Any: ...
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def join(self, timeout: float | None = ...) -> None: ...


ObserverFactory = Callable[[], ObserverLike]


def max_user_watches() -> int | None:
    """inotify's per-user cap on watches, when the system says (Linux only)."""
    try:
        with open(MAX_USER_WATCHES, encoding="ascii") as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def is_watchable_name(path: str, root: str) -> bool:
    """Whether an event on file *path* under added folder *root* can concern an article:
    the importer's suffixes, not in a dot-folder, not a README, not a temp or partial
    file (their final name gets its own event when the download or save completes)."""
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    if rel.startswith("..") or any(p.startswith(".") for p in parts):
        return False
    name = parts[-1]
    lowered = name.lower()
    if lowered.startswith(_TEMP_PREFIXES) or lowered.endswith(_TEMP_SUFFIXES):
        return False
    if lowered.split(".")[0] in _SKIPPED_NAMES:
        return False
    # Here, not at the top: the window imports this module before its first paint, and
    # reader.parse brings the decoders (13 ms) that only an import needs.
    from reader.parse import is_article_file

    return is_article_file(name)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def root_of(path: str, roots: Iterable[str]) -> str | None:
    """The innermost added folder holding *path* (folders may be nested)."""
    holding = [r for r in roots if _inside(path, r)]
    return max(holding, key=len) if holding else None


def watch_targets(batch: WatchBatch, excluded: set[str]) -> list[str]:
    """The paths to give ``Library.update`` for *batch*: the folders to re-scan whole,
    then each saved file that is still there and not under one of those folders.

    A file the person removed from the library (``excluded``, display form) is left out:
    a file named on its own would be let back in (``import_paths`` re-includes it), and
    the watcher must never undo a removal. Re-scanned folders skip excluded files as
    every re-scan does. A symbolic link is left to its folder's re-scan, which checks
    where it points."""
    roots = sorted(batch.roots)
    files = []
    for path in sorted(batch.files):
        if any(_inside(path, r) for r in roots):
            continue
        if display_path(path) in excluded or os.path.islink(path) or not os.path.isfile(path):
            continue
        files.append(path)
    return roots + files


def update_for_batch(
    library: Library,
    batch: WatchBatch,
    *,
    progress: PhaseProgress | None = None,
    cancel: Cancel | None = None,
    workers: int | None = None,
) -> tuple[list[str], UpdateResult | None]:
    """Run ``Library.update`` for *batch* (the CLI's way; the window sends the same
    targets to its job process). Returns the targets and the result (None: nothing to
    do, e.g. only a removed-from-library file changed)."""
    from reader.catalogue import Catalogue
    from reader.paths import catalogue_path

    with Catalogue(catalogue_path(library.data_dir), readonly=True) as catalogue:
        excluded = catalogue.excluded_paths()
    targets = watch_targets(batch, excluded)
    if not targets:
        return targets, None
    kwargs: dict[str, Any] = {"workers": workers}
    if progress is not None:
        kwargs["progress"] = progress
    if cancel is not None:
        kwargs["cancel"] = cancel
    try:
        return targets, library.update(targets, **kwargs)
    except ReaderError:
        # A file named here vanished before the import reached it (saved, then renamed
        # or deleted at once): its own event re-scans its folder next. Run the rest.
        still = watch_targets(batch, excluded)
        if still == targets:
            raise  # not that: the library itself (read-only, a full disk)
        if not still:
            return still, None
        return still, library.update(still, **kwargs)


def tree_signature(root: str) -> str:
    """A digest of every article file's name, size and mtime under *root* (and of its
    folders' mtimes): what the fallback compares between scans. A digest, not a list,
    so memory stays flat at 100,000 files; it only says *that* something changed, and
    the folder's re-scan finds what."""
    digest = hashlib.blake2b(digest_size=16)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        try:
            digest.update(
                f"D{dirpath}\0{os.stat(dirpath).st_mtime_ns}\n".encode("utf-8", "surrogateescape")
            )
        except OSError:
            continue
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if not is_watchable_name(path, root):
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            digest.update(
                f"F{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape")
            )
    return digest.hexdigest()


class _LimitLog(logging.Handler):
    """watchdog only logs (``Unable to watch ...``) when a folder made while watching
    cannot get a watch any more: turn that into the fallback instead of a silent gap."""

    def __init__(self, on_limit: Callable[[OSError], None]) -> None:
        super().__init__(logging.WARNING)
        self._on_limit = on_limit

    def emit(self, record: logging.LogRecord) -> None:
        for arg in record.args if isinstance(record.args, tuple) else ():
            if isinstance(arg, OSError) and arg.errno in LIMIT_ERRNOS:
                self._on_limit(arg)


class FolderWatcher:
    """Watch *roots* (added folders) and call ``on_batch(WatchBatch)`` after each burst.

    ``start`` returns at once: the watches are placed on a thread of their own (inotify
    adds one per directory, a walk of the whole tree), so a window's start-up never waits
    for it. ``on_batch`` and ``on_notice`` run on the watcher's dispatch thread, one at a
    time; a batch that arrives while ``on_batch`` runs waits for the next call. ``stop``
    ends every thread it started.

    ``observer_factory`` makes the watchdog observer (tests pass one that fails like a
    full inotify); ``force_polling`` skips live watching altogether."""

    def __init__(
        self,
        roots: Sequence[str],
        on_batch: Callable[[WatchBatch], None],
        *,
        on_notice: Callable[[WatchNotice], None] | None = None,
        quiet: float = QUIET_S,
        max_delay: float = MAX_DELAY_S,
        rescan_interval: float = RESCAN_INTERVAL_S,
        observer_factory: ObserverFactory | None = None,
        force_polling: bool = False,
    ) -> None:
        self.roots = sorted({os.path.abspath(r) for r in roots})
        self._on_batch = on_batch
        self._on_notice = on_notice or (lambda _n: None)
        self.quiet = quiet
        self.max_delay = max_delay
        self.rescan_interval = rescan_interval
        self._factory = observer_factory
        self._force_polling = force_polling
        self._cond = threading.Condition()
        self._pending = WatchBatch()
        self._first_at = 0.0
        self._last_at = 0.0
        self._stopping = False
        self._polling = False
        self._notices: list[WatchNotice] = []
        self._signatures: dict[str, str] = {}
        self._next_poll = 0.0
        self._delivering = False
        self._switching = False
        self._observer: ObserverLike | None = None
        self._limit_log = _LimitLog(self._limit_reached_later)
        self._threads: list[threading.Thread] = []
        self.mode = "starting"  # then WATCHING or POLLING; "stopped" after stop()

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        if not self._force_polling:  # before any watch exists; ``stop`` removes it
            logging.getLogger(INOTIFY_LOGGER).addHandler(self._limit_log)
        for target, name in ((self._place_watches, "watch-start"), (self._dispatch, "watch")):
            thread = threading.Thread(target=target, name=f"reader-{name}", daemon=True)
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching and end the threads (an ``on_batch`` running is waited for)."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        logging.getLogger(INOTIFY_LOGGER).removeHandler(self._limit_log)
        self._stop_observer(timeout)
        current = threading.current_thread()
        for thread in self._threads:
            if thread is not current:
                thread.join(timeout)
        self._stop_observer(timeout)  # one placed while stopping
        self.mode = "stopped"

    def wait_ready(self, timeout: float = 30.0) -> bool:
        """Block until the watches are placed (or the fallback chosen): tests, and a CLI
        that should not report "watching" before it is."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self.mode == "starting" and not self._stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return self.mode != "starting"

    @property
    def polling(self) -> bool:
        return self._polling

    @property
    def busy(self) -> bool:
        """Whether a batch is pending or being handed on (tests wait for this to end)."""
        with self._cond:
            return bool(self._pending) or self._delivering

    # -- placing the watches (own thread) ----------------------------------------------------

    def _place_watches(self) -> None:
        roots = [r for r in self.roots if os.path.isdir(r)]
        if self._force_polling:
            self._fall_back(None, "")
            return
        try:
            observer = self._make_observer()
            handler = _Handler(self)
            for root in roots:
                with self._cond:
                    if self._stopping:
                        break
                self._schedule(observer, handler, root)
            observer.start()
        except OSError as exc:
            with _suppress_all():
                self._observer_failed()
            if exc.errno in LIMIT_ERRNOS:
                self._fall_back(max_user_watches() or 0, "")
            else:
                self._fall_back(None, exc.strerror or str(exc))
            return
        except Exception as exc:  # no inotify at all (a platform without it): never silent
            log.warning("watching failed: %r", exc)
            with _suppress_all():
                self._observer_failed()
            self._fall_back(None, str(exc) or type(exc).__name__)
            return
        with self._cond:
            if self.mode == "starting":
                self.mode = WATCHING
            self._cond.notify_all()

    def _make_observer(self) -> ObserverLike:
        if self._factory is not None:
            observer = self._factory()
        else:
            from watchdog.observers import Observer

            observer = Observer()
        with self._cond:
            self._observer = observer
        return observer

    @staticmethod
    def _schedule(observer: ObserverLike, handler: _Handler, root: str) -> None:
        observer.schedule(handler, root, recursive=True, event_filter=_event_filter())

    def _observer_failed(self) -> None:
        self._stop_observer(5.0)

    def _stop_observer(self, timeout: float) -> None:
        with self._cond:
            observer, self._observer = self._observer, None
        if observer is None:
            return
        with _suppress_all():
            observer.stop()
        with _suppress_all():
            observer.join(timeout)

    def _limit_reached_later(self, exc: OSError) -> None:
        """A folder made while watching found the cap reached: re-scan periodically from
        now on (the live watches are stopped: half-watched is not watched)."""
        with self._cond:
            if self._polling or self._stopping or self._switching:
                return
            self._switching = True  # every folder that failed logs: switch once

        def switch() -> None:
            self._observer_failed()
            self._fall_back(max_user_watches() or 0, "")

        thread = threading.Thread(target=switch, name="reader-watch-fallback", daemon=True)
        self._threads.append(thread)
        thread.start()

    def _fall_back(self, limit: int | None, reason: str) -> None:
        """Periodic re-scans from now on, and say so."""
        interval = self.rescan_interval
        every = f"{interval:g} s"
        if limit is not None:
            message = (
                f"Too many folders to watch for changes (the system's limit of {limit:,} "
                f"inotify watches is reached): the added folders are re-scanned every {every} "
                "instead. Raising fs.inotify.max_user_watches lets them be watched live."
            )
        elif reason:
            message = (
                f"The added folders cannot be watched for changes ({reason}): they are "
                f"re-scanned every {every} instead."
            )
        else:
            message = f"The added folders are re-scanned for changes every {every}."
        notice = WatchNotice(POLLING, message, interval=interval, limit=limit, reason=reason)
        with self._cond:
            if self._stopping:
                return
            self._polling = True
            self.mode = POLLING
            self._next_poll = time.monotonic()  # the baseline at once, changes from then on
            self._notices.append(notice)
            self._cond.notify_all()

    # -- events (watchdog's threads) ---------------------------------------------------------

    def add_event(self, *, files: Iterable[str] = (), roots: Iterable[str] = ()) -> None:
        """Add to the pending batch; the dispatch thread hands it on when it settles."""
        files, roots = set(files), set(roots)
        if not files and not roots:
            return
        now = time.monotonic()
        with self._cond:
            if not self._pending:
                self._first_at = now
            self._last_at = now
            self._pending.files |= files
            self._pending.roots |= roots
            self._cond.notify_all()

    # -- dispatch (own thread) -----------------------------------------------------------------

    def _dispatch(self) -> None:
        while True:
            batch: WatchBatch | None = None
            notices: list[WatchNotice] = []
            poll = False
            with self._cond:
                while True:
                    if self._stopping:
                        return
                    now = time.monotonic()
                    if self._notices:
                        notices, self._notices = self._notices, []
                        break
                    timeout: float | None = None
                    if self._pending:
                        due = min(self._last_at + self.quiet, self._first_at + self.max_delay)
                        if now >= due:
                            batch, self._pending = self._pending, WatchBatch()
                            self._delivering = True
                            break
                        timeout = due - now
                    if self._polling:
                        if now >= self._next_poll:
                            self._next_poll = now + self.rescan_interval
                            poll = True
                            break
                        wait = self._next_poll - now
                        timeout = wait if timeout is None else min(timeout, wait)
                    self._cond.wait(timeout)
            for notice in notices:
                self._safely(self._on_notice, notice)
            if poll:
                self._poll()
            if batch:
                self._safely(self._on_batch, batch)
                with self._cond:
                    self._delivering = False

    def _poll(self) -> None:
        """The fallback's scan: a folder whose signature changed since the last scan is
        re-scanned (the first scan only takes the baseline)."""
        changed = []
        for root in self.roots:
            with self._cond:
                if self._stopping:
                    return
            if not os.path.isdir(root):
                continue
            signature = tree_signature(root)
            before = self._signatures.get(root)
            self._signatures[root] = signature
            if before is not None and before != signature:
                changed.append(root)
        if changed:
            self.add_event(roots=changed)
            with self._cond:  # already settled: the scan itself was the quiet period
                self._first_at = self._last_at = time.monotonic() - self.max_delay

    def _safely(self, fn: Callable[[Any], None], arg: Any) -> None:
        try:
            fn(arg)
        except Exception:  # a caller's bug must not end the watching
            log.exception("watch callback failed")

    # -- turning events into paths ---------------------------------------------------------

    def file_event(self, kind: str, path: str, dest: str | None = None) -> None:
        """One of watchdog's file events, as this module's batch (see the module's
        docstring for what asks for a whole re-scan)."""
        root = root_of(path, self.roots)
        if kind in ("created", "modified", "closed"):
            if root is not None and is_watchable_name(path, root):
                self.add_event(files=[path])
        elif kind == "deleted":
            if root is not None and is_watchable_name(path, root):
                self.add_event(roots=[root])
        elif kind == "moved":
            if root is not None and is_watchable_name(path, root):
                self.add_event(roots=[root])  # it left its name: a deletion, or a move
            dest_root = root_of(dest, self.roots) if dest else None
            if dest and dest_root is not None and is_watchable_name(dest, dest_root):
                self.add_event(files=[dest])  # an editor's or a download's final rename

    def dir_event(self, kind: str, path: str, dest: str | None = None) -> None:
        """A folder made, moved or deleted under an added folder: re-scan that folder."""
        for where in (path, dest):
            if not where:
                continue
            root = root_of(where, self.roots)
            if root is None or where == root:
                continue
            rel = os.path.relpath(where, root)
            if any(p.startswith(".") for p in rel.split(os.sep)):
                continue
            self.add_event(roots=[root])

    def lost_events(self) -> None:
        """The kernel's queue overflowed: something changed, nobody knows what."""
        self.add_event(roots=self.roots)


def _event_filter() -> list[type[FileSystemEvent]]:
    """The events worth a kernel watch: not opened or closed-after-reading, which every
    import's own reading of the files would raise by the thousand."""
    from watchdog import events as ev

    names = (
        "FileCreatedEvent",
        "FileModifiedEvent",
        "FileClosedEvent",
        "FileDeletedEvent",
        "FileMovedEvent",
        "DirCreatedEvent",
        "DirDeletedEvent",
        "DirMovedEvent",
        "EventsLostEvent",  # watchdog 6+
    )
    return [getattr(ev, n) for n in names if hasattr(ev, n)]


class _Handler(FileSystemEventHandler):
    """watchdog's callback object: every event goes to the watcher's sorting."""

    def __init__(self, watcher: FolderWatcher) -> None:
        super().__init__()
        self._watcher = watcher

    def dispatch(self, event: FileSystemEvent) -> None:
        kind = str(event.event_type)
        path = os.fsdecode(event.src_path)
        dest = os.fsdecode(event.dest_path) if getattr(event, "dest_path", "") else None
        if kind == "events_lost" or type(event).__name__ == "EventsLostEvent":
            self._watcher.lost_events()
        elif event.is_directory:
            if kind in ("created", "deleted", "moved"):
                self._watcher.dir_event(kind, path, dest)
        else:
            self._watcher.file_event(kind, path, dest)


class _suppress_all:  # noqa: N801 - used like contextlib.suppress
    """Stopping a half-started observer must not hide why it failed."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        if exc[1] is not None:
            log.debug("ignored while stopping a watcher: %r", exc[1])
        return True

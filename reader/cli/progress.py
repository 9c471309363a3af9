"""Progress on stderr for the commands that take a while (import, reindex, a search that
first builds the index): its own module so the commands share one way of drawing it, and
stdout stays free for the output that scripts read."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.perf_counter()
        self._last_step = -1
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if total < 50:
            return
        fraction = done / total if total else 1.0
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        if self.tty:
            width = 30
            filled = int(width * fraction)
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(
                f"\r{self.label} [{bar}] {done}/{total} {fraction:4.0%} {rate:6.0f}/s"
            )
            self._drawn = True
            if done >= total:
                self.stream.write("\n")
                self._drawn = False
        else:
            step = int(fraction * 10)
            if step != self._last_step:
                self._last_step = step
                self.stream.write(f"{self.label}: {done}/{total} ({fraction:.0%})\n")
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self._drawn = False


class PhaseBars:
    """``progress(phase, done, total)`` for the core's workflows: a ``ProgressBar`` per
    phase, the previous one closed when the next phase starts."""

    def __init__(self) -> None:
        self.phase = ""
        self._bar: ProgressBar | None = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase or self._bar is None:
            self.close()
            self.phase, self._bar = phase, ProgressBar(phase)
        self._bar(done, total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

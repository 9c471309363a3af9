"""Where each character of ``Article.text`` is on the reader's page, and back.

Annotations are offsets into ``Article.text`` (the paragraphs joined by ``"\\n\\n"``); the
pane shows a QTextDocument built from HTML, with a title and a meta line before the body,
credits inside it that are not in the text, and the HTML importer's own changes: runs of
white space collapsed, leading white space dropped, a ``pre`` block's newlines turned
into paragraph breaks, an empty paragraph dropped altogether, and positions counted in
UTF-16 units (a character outside the BMP takes two). Guessing positions from block
numbers alone put highlights a few characters off after the first of any of these.

So after every render the pane reads the document's raw text and aligns it, character by
character, with the body blocks it asked for (``BodySpan``). What aligns becomes ``Run``s
(stretches where both sides advance together); everything else (separators, collapsed
spaces, credits, the header, the related links) falls between runs, and a position there
snaps to the nearest run. A block that does not align is left out (never annotated on a
guess) and counted in ``TextMap.unmapped``. No Qt here: the pane passes plain strings.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

BLOCK_SEPARATOR = "\u2029"  # QTextDocument's raw text between two blocks
_DOC_SPACES = frozenset(" \t\u00a0\u2028")  # what a source space may become in the document


@dataclass(frozen=True, slots=True)
class BodySpan:
    """One body block as the renderer emitted it, in order."""

    text: str
    offset: int | None  # where it starts in Article.text; None: shown but not in the text
    pre: bool = False  # white space kept, and each newline starts a new document block

    @property
    def doc_blocks(self) -> int:
        """How many document blocks Qt makes of it (0: dropped as empty)."""
        if self.pre:
            return self.text.count("\n") + 1 if self.text else 0
        return 1 if self.text.strip() else 0


@dataclass(frozen=True, slots=True)
class Run:
    """``length`` characters at document position ``doc`` that are Article.text from
    ``text`` on. A ``wide`` run is one character outside the BMP: one offset in the text,
    two positions in the document."""

    doc: int
    text: int
    length: int
    wide: bool = False

    @property
    def doc_end(self) -> int:
        return self.doc + (2 if self.wide else self.length)

    @property
    def text_end(self) -> int:
        return self.text + self.length

    def doc_at(self, text: int) -> int:
        return self.doc + (2 if self.wide and text > self.text else text - self.text)

    def text_at(self, doc: int, *, forward: bool) -> int:
        if self.wide:
            return self.text + (1 if doc > self.doc + (0 if forward else 1) else 0)
        return self.text + (doc - self.doc)


def utf16_positions(raw: str) -> list[int] | None:
    """Document position of each index of *raw* (and one past the end), or None when
    every character is in the BMP and positions are plain indices."""
    if raw.isascii() or all(ord(c) <= 0xFFFF for c in raw):
        return None
    out = []
    position = 0
    for c in raw:
        out.append(position)
        position += 2 if ord(c) > 0xFFFF else 1
    out.append(position)
    return out


Piece = tuple[int, int, int]  # (index in the span, index in the raw text, length)


def _align(span: str, raw: str, j: int, pre: bool) -> tuple[list[Piece], int] | None:
    """Match *span* against *raw* from index *j*: the stretches where they agree, and the
    raw index just past the block (or blocks) it became; None if they disagree."""
    end = raw.find(BLOCK_SEPARATOR, j)
    if end < 0:
        end = len(raw)
    n = len(span)
    if not pre and raw[j:end] == span:  # the common case: the block came through as is
        return [(0, j, n)], end + 1
    pieces: list[Piece] = []

    def pair(i: int, r: int) -> None:
        if pieces and pieces[-1][0] + pieces[-1][2] == i and pieces[-1][1] + pieces[-1][2] == r:
            pieces[-1] = (pieces[-1][0], pieces[-1][1], pieces[-1][2] + 1)
        else:
            pieces.append((i, r, 1))

    i = 0
    while i < n:
        c = span[i]
        d = raw[j] if j < len(raw) else ""
        if c == d and c != BLOCK_SEPARATOR:
            pair(i, j)
            j += 1
        elif c.isspace():
            if (pre and c == "\n" and d == BLOCK_SEPARATOR) or (d and d in _DOC_SPACES):
                pair(i, j)
                j += 1
            # else: collapsed away by the HTML importer
        else:
            return None
        i += 1
    while j < len(raw) and raw[j] in _DOC_SPACES:  # white space the importer kept
        j += 1
    if j < len(raw) and raw[j] != BLOCK_SEPARATOR:
        return None
    return pieces, j + 1


def _merged(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        last = out[-1] if out else None
        if (
            last is not None
            and not last.wide
            and not run.wide
            and last.doc_end == run.doc
            and last.text_end == run.text
        ):
            out[-1] = Run(last.doc, last.text, last.length + run.length)
        elif run.length:
            out.append(run)
    return out


@dataclass
class TextMap:
    """Document positions of the body <-> offsets into Article.text."""

    runs: list[Run] = field(default_factory=list)
    unmapped: int = 0  # body blocks that did not align (not annotatable)
    _docs: list[int] = field(default_factory=list, repr=False)
    _texts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def build(cls, raw: str, spans: Sequence[BodySpan], *, header_blocks: int) -> TextMap:
        """Align *spans* with the document's raw text (``QTextDocument.toRawText()``),
        whose body starts after *header_blocks* blocks (the title and the meta line)."""
        positions = utf16_positions(raw)
        j = 0
        for _ in range(header_blocks):
            found = raw.find(BLOCK_SEPARATOR, j)
            j = len(raw) if found < 0 else found + 1

        def pos(index: int) -> int:
            return index if positions is None else positions[index]

        runs: list[Run] = []
        unmapped = 0
        for span in spans:
            blocks = span.doc_blocks
            if blocks == 0:
                continue
            aligned = _align(span.text, raw, j, span.pre) if j < len(raw) else None
            if aligned is None:
                unmapped += 1
                for _ in range(blocks):  # resynchronise on the blocks it should have made
                    found = raw.find(BLOCK_SEPARATOR, j)
                    j = len(raw) if found < 0 else found + 1
                continue
            pieces, j = aligned
            if span.offset is None:
                continue
            for i, r, length in pieces:
                if positions is None:
                    runs.append(Run(r, span.offset + i, length))
                    continue
                for k in range(length):  # a character outside the BMP is a run of its own
                    wide = ord(raw[r + k]) > 0xFFFF
                    runs.append(Run(pos(r + k), span.offset + i + k, 1, wide))
        runs = _merged(runs)
        return cls(runs, unmapped, [r.doc for r in runs], [r.text for r in runs])

    @property
    def empty(self) -> bool:
        return not self.runs

    def to_text(self, doc: int, *, forward: bool = True) -> int | None:
        """The text offset at document position *doc*; between runs, the start of the next
        run (*forward*) or the end of the previous one."""
        k = bisect.bisect_right(self._docs, doc) - 1
        if k >= 0:
            run = self.runs[k]
            if doc <= run.doc_end:
                return run.text_at(doc, forward=forward)
        if forward:
            return self.runs[k + 1].text if k + 1 < len(self.runs) else None
        return self.runs[k].text_end if k >= 0 else None

    def text_range(self, doc_start: int, doc_end: int) -> tuple[int, int] | None:
        """A document selection as a text range, clipped to the body; None if it holds no
        body text (the title, a credit, the related links)."""
        start = self.to_text(min(doc_start, doc_end), forward=True)
        end = self.to_text(max(doc_start, doc_end), forward=False)
        if start is None or end is None or start >= end:
            return None
        return start, end

    def doc_ranges(self, start: int, end: int) -> list[tuple[int, int]]:
        """Document ranges that show Article.text[start:end] (one per run it touches):
        what to paint, leaving the separators between paragraphs alone."""
        out: list[tuple[int, int]] = []
        k = max(0, bisect.bisect_right(self._texts, start) - 1)
        while k < len(self.runs):
            run = self.runs[k]
            if run.text >= end:
                break
            lo, hi = max(start, run.text), min(end, run.text_end)
            if lo < hi:
                piece = (run.doc_at(lo), run.doc_at(hi))
                if out and out[-1][1] == piece[0]:  # runs that touch: one range
                    piece = (out.pop()[0], piece[1])
                out.append(piece)
            k += 1
        return out

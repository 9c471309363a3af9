"""How annotations look on the page: overlaps split into segments, fills, note tooltips.

Two highlights may overlap (a sentence, then a phrase inside it). The page is cut at
every start and end into segments, each knowing every annotation over it; the one on top
(the shortest, then the newest) gives the fill, and the tooltip lists every note there,
so no note hides under another. Fills are ``reader.annotations.COLORS`` on a light page;
on a dark page the same hue is mixed into the page color, so light text stays readable.
No Qt here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.annotations.model import COLORS, DEFAULT_COLOR, Annotation
from reader.ui.i18n import translate

NOTE_TIP_CHARS = 600  # a tooltip shows the start of a long note
DARK_SHARE = 0.42  # how much of the light fill goes into a dark page


@dataclass(frozen=True, slots=True)
class Segment:
    """Article.text[start:end], covered by ``annotations`` (the one on top last)."""

    start: int
    end: int
    annotations: tuple[Annotation, ...]

    @property
    def top(self) -> Annotation:
        return self.annotations[-1]


def _spans(annotations: Iterable[Annotation]) -> list[tuple[int, int, Annotation]]:
    found = [(a.start, a.end, a) for a in annotations if a.placed]
    spans = [(s, e, a) for s, e, a in found if s is not None and e is not None and s < e]
    # Longer first, so the shortest (a phrase inside a sentence) ends on top; then older.
    return sorted(spans, key=lambda x: (x[0] - x[1], x[2].created, x[2].id))


def segments(annotations: Iterable[Annotation]) -> list[Segment]:
    """Placed annotations cut into non-overlapping segments, in text order."""
    spans = _spans(annotations)
    cuts = sorted({s for s, _, _ in spans} | {e for _, e, _ in spans})
    out: list[Segment] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        over = tuple(a for s, e, a in spans if s <= lo and e >= hi)
        if not over:
            continue
        last = out[-1] if out else None
        if last is not None and last.end == lo and last.annotations == over:
            out[-1] = Segment(last.start, hi, over)
        else:
            out.append(Segment(lo, hi, over))
    return out


def _hex(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix(a: str, b: str, share_of_b: float) -> str:
    """Two ``#rrggbb`` colors mixed, as ``#rrggbb``."""
    (r1, g1, b1), (r2, g2, b2) = _hex(a), _hex(b)
    return "#{:02x}{:02x}{:02x}".format(
        *(round(x + (y - x) * share_of_b) for x, y in ((r1, r2), (g1, g2), (b1, b2)))
    )


def fill(color: str, *, dark: bool, page: str) -> str:
    """The background a highlight of *color* (a name or ``#rrggbb``) gets on *page*."""
    base = COLORS.get(color, color if color.startswith("#") else COLORS[DEFAULT_COLOR])
    return mix(page, base, DARK_SHARE) if dark else base


def underline(color: str, *, dark: bool, page: str, text: str) -> str:
    """The dotted underline that marks a highlight with a note: the fill, deepened."""
    return mix(fill(color, dark=dark, page=page), text, 0.45)


def _note_html(note: str) -> str:
    if len(note) > NOTE_TIP_CHARS:
        note = note[:NOTE_TIP_CHARS].rstrip() + "…"
    return html.escape(note).replace("\n", "<br>")


def tooltip_html(annotations: Sequence[Annotation]) -> str:
    """What hovering a segment shows: each note over it (the top one first). Rich text,
    with the notes escaped: a note is never markup."""
    parts: list[str] = []
    for a in reversed(annotations):
        if a.note:
            parts.append(f"<p style='margin:0 0 6px 0'>{_note_html(a.note)}</p>")
        else:
            no_note = translate("Highlights", "Highlight (no note)")
            parts.append(f"<p style='margin:0 0 6px 0'><i>{no_note}</i></p>")
    hint = translate("Highlights", "Right-click to edit the note, change the color or delete.")
    return (
        "<qt>" + "".join(parts) + f"<p style='margin:0; color:gray'><small>{hint}</small></p></qt>"
    )

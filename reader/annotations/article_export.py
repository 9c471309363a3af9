"""One article as a file to keep: Markdown or HTML, with a person's highlights and notes.

``export.py`` writes the annotations (a reading list of quotes, or JSON-LD to re-import);
this writes the article itself, the way the reader pane shows it, with each highlight
marked where it stands in the text and its note as a numbered footnote, so a reader can
take an article elsewhere (a notes app, a mail, a printer) without losing what they
marked. Both forms are built from the cleaned ``Article`` and the highlights' offsets
into ``Article.text``; nothing is fetched, and the HTML holds no script and loads nothing.

Markdown: ``==marked==`` (the highlight syntax of Obsidian, Typora and markdown-it-mark)
and GitHub-style footnotes (``[^1]``). HTML: ``<mark>`` in the highlight's color and an
ordered list of notes at the end, with links both ways.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from reader.annotations.model import COLORS, Annotation
from reader.article import Article

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#=|~])")
_MD_LINE_START = re.compile(r"^(\s*)(\d+)([.)])", re.M)


@dataclass(frozen=True, slots=True)
class _Span:
    """A highlighted stretch inside one paragraph; ``note`` is its footnote number (0:
    none; given on the last stretch of a highlight that runs over paragraphs)."""

    start: int
    end: int
    color: str
    note: int


def _placed(annotations: list[Annotation], length: int) -> list[Annotation]:
    return sorted(
        (
            a
            for a in annotations
            if not a.orphaned
            and a.start is not None
            and a.end is not None
            and 0 <= a.start < a.end <= length
        ),
        key=lambda a: (a.start or 0, a.end or 0),
    )


def _spans_by_paragraph(
    paragraphs: list[str], annotations: list[Annotation]
) -> tuple[list[list[_Span]], list[Annotation]]:
    """Each paragraph's highlighted stretches (overlaps left to the writers), and the
    highlights with a note in footnote order."""
    starts = []
    at = 0
    for p in paragraphs:
        starts.append(at)
        at += len(p) + 2
    placed = _placed(annotations, max(at - 2, 0))
    noted = [a for a in placed if a.note]
    number = {a.id: i for i, a in enumerate(noted, 1)}
    spans: list[list[_Span]] = [[] for _ in paragraphs]
    for a in placed:
        assert a.start is not None and a.end is not None
        covered = [
            i
            for i, (s, p) in enumerate(zip(starts, paragraphs, strict=True))
            if a.start < s + len(p) and a.end > s
        ]
        for i in covered:
            s = starts[i]
            lo, hi = max(a.start - s, 0), min(a.end - s, len(paragraphs[i]))
            if lo < hi:
                last = i == covered[-1]
                spans[i].append(_Span(lo, hi, a.color, number.get(a.id, 0) if last else 0))
    return spans, noted


def _cuts(text: str, spans: list[_Span]) -> list[tuple[str, list[_Span], list[int]]]:
    """The paragraph cut at every span boundary: (piece, spans covering it, footnote
    numbers that end right after it)."""
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        covering = [s for s in spans if s.start <= lo and hi <= s.end]
        ending = [s.note for s in spans if s.end == hi and s.note]
        pieces.append((text[lo:hi], covering, ending))
    return pieces


# -- Markdown -------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\1\2\\\3", text)  # "1. " would start a list


def article_markdown(article: Article, annotations: list[Annotation]) -> str:
    """The article as Markdown: title, what and where from, the paragraphs with each
    highlight as ``==…==`` and each note as a footnote."""
    paragraphs = article.paragraphs
    spans, noted = _spans_by_paragraph(paragraphs, annotations)
    out = [f"# {_md_escape(article.title or '(untitled)')}", ""]
    meta = [x for x in (article.date, article.site, article.byline) if x]
    if meta:
        out += [_md_escape(" · ".join(meta)), ""]
    if article.source_url:
        out += [f"<{article.source_url}>", ""]
    for text, paragraph_spans in zip(paragraphs, spans, strict=True):
        line = []
        for piece, covering, ending in _cuts(text, paragraph_spans):
            escaped = _md_escape(piece)
            line.append(f"=={escaped}==" if covering and piece.strip() else escaped)
            line.extend(f"[^{n}]" for n in ending)
        out += ["".join(line), ""]
    for n, a in enumerate(noted, 1):
        note = (a.note or "").replace("\n", "\n    ")
        out += [f"[^{n}]: {note}"]
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML -----------------------------------------------------------------------------------


def _fill(color: str) -> str:
    return COLORS.get(color, color if color.startswith("#") else COLORS["yellow"])


def article_html(article: Article, annotations: list[Annotation]) -> str:
    """The article as a standalone, inert HTML page (no script, nothing loaded): the
    highlights as ``<mark>`` in their colors, notes as footnotes linked both ways."""
    paragraphs = article.paragraphs
    spans, noted = _spans_by_paragraph(paragraphs, annotations)
    e = html.escape
    lang = f' lang="{e(article.language)}"' if article.language else ""
    out = [
        "<!DOCTYPE html>",
        f'<html{lang}><head><meta charset="utf-8">',
        f"<title>{e(article.title or '(untitled)')}</title>",
        '<meta name="generator" content="Archive Reader">',
        "<style>body{max-width:40em;margin:2em auto;padding:0 1em;line-height:1.7;"
        "font-family:sans-serif}mark{padding:0 .1em}.meta{color:#666}"
        "sup a{text-decoration:none}</style>",
        "</head><body>",
        f"<h1>{e(article.title or '(untitled)')}</h1>",
    ]
    meta = [x for x in (article.date, article.site, article.byline) if x]
    if meta:
        out.append(f'<p class="meta">{e(" · ".join(meta))}</p>')
    if article.source_url:
        url = e(article.source_url, quote=True)
        out.append(f'<p class="meta"><a href="{url}">{e(article.source_url)}</a></p>')
    for text, paragraph_spans in zip(paragraphs, spans, strict=True):
        parts = []
        for piece, covering, ending in _cuts(text, paragraph_spans):
            escaped = e(piece).replace("\n", "<br>")
            if covering:
                color = _fill(covering[-1].color)
                escaped = f'<mark style="background:{e(color, quote=True)}">{escaped}</mark>'
            parts.append(escaped)
            parts.extend(f'<sup id="ref{n}"><a href="#note{n}">{n}</a></sup>' for n in ending)
        out.append(f"<p>{''.join(parts)}</p>")
    if noted:
        out.append("<hr><ol>")
        for n, a in enumerate(noted, 1):
            note = e(a.note or "").replace("\n", "<br>")
            out.append(f'<li id="note{n}">{note} <a href="#ref{n}">↩</a></li>')
        out.append("</ol>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"

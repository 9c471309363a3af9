"""An article as the HTML the reader pane shows: built for long reading, and inert.

Only the subset of HTML/CSS that Qt's rich text understands is used (it is not a web
engine): font family lists per language, a line height of about 1.7 for Chinese, generous
paragraph spacing, muted captions. The readable measure is set by the pane's frame
margins, since Qt rich text has no ``max-width``. Every piece of article text is escaped
here, so nothing a saved page contained can become markup; every link is either
``article:ID`` (opens offline) or the article's own URL, which the pane's link policy
decides about when clicked.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from reader.article import Article, Block
from reader.ui.error_text import message_text
from reader.ui.i18n import date_label, number, percent, translate
from reader.ui.reading.links import article_url
from reader.ui.reading.text_map import BodySpan
from reader.ui.window.fonts import MONO, css_families, families_for
from reader.ui.window.theme import ReadingColors

BASE_FONT_PX = 17.0
MEASURE_EM = 36  # the text column: about 36 Chinese characters or 70 Latin letters a line
LINKED_FROM_SHOWN = 30  # a much-cited article can be linked from thousands
HEADER_BLOCKS = 2  # the title and the meta line: the body's blocks come right after them
EDIT_TAGS_URL = "reader:edit-tags"  # the meta line's "Edit tags" link, handled by the window


@dataclass(slots=True)
class RelatedInfo:
    """What the pane shows around an article besides its own text."""

    linked_from: list[dict[str, Any]] = field(default_factory=list)
    similar: list[dict[str, Any]] | None = None  # None: still being looked up
    similar_note: str | None = None  # e.g. "the search index is still being built"
    bookmark: tuple[str, ...] | None = None  # the bookmark's tags; None: not bookmarked
    # Other copies of the same story (``CopyStore.other_copies``: id, title, date, site,
    # chars, ratio, only_there, only_here; a last {"more": N}); None: not looked up.
    copies: list[dict[str, Any]] | None = None


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _domain(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def stylesheet(
    colors: ReadingColors,
    language: str | None,
    font_px: float,
    family: str = "",
    line_height: float = 0.0,
) -> str:
    """CSS for one article. Line heights are given in px: Qt reads them as a minimum line
    box, whereas a percentage would multiply the font's own line spacing (already ~1.45 em
    for CJK fonts) and come out near 2.5 em. *family* and *line_height* are the reader's
    Preferences ("" and 0: by the language and script); a chosen family still falls back
    to the language's own families for the characters it lacks."""
    chosen = [family] if family else []
    families = css_families(chosen + [f for f in families_for(language) if f != family])
    cjk = bool(language and language.lower().startswith("zh"))
    line = font_px * (line_height or (1.8 if cjk else 1.6))

    def px(factor: float) -> str:
        return f"{font_px * factor:.0f}px"

    return f"""
    body {{ color: {colors.text}; background-color: {colors.background};
            font-family: {families}; font-size: {font_px:.1f}px; }}
    p {{ line-height: {line:.0f}px; margin-top: 0; margin-bottom: {px(0.9)}; }}
    li {{ line-height: {line:.0f}px; margin-bottom: {px(0.25)}; }}
    h1 {{ font-size: {px(1.6)}; font-weight: 700; line-height: {px(2.1)};
          margin-top: 0; margin-bottom: {px(0.35)}; }}
    h2 {{ font-size: {px(1.16)}; font-weight: 700; line-height: {px(1.7)};
          margin-top: {px(1.3)}; margin-bottom: {px(0.45)}; }}
    h3 {{ font-size: {px(0.8)}; font-weight: 700; color: {colors.muted};
          margin-top: {px(2.0)}; margin-bottom: {px(0.5)}; }}
    a {{ color: {colors.link}; text-decoration: none; }}
    .meta {{ color: {colors.muted}; font-size: {px(0.85)}; line-height: {px(1.4)};
             margin-bottom: {px(1.5)}; }}
    .caption {{ color: {colors.muted}; font-size: {px(0.82)}; line-height: {px(1.35)};
                margin-bottom: {px(1.0)}; }}
    .quote {{ color: {colors.muted}; margin-left: {px(1.4)}; }}
    .pre {{ font-family: {css_families(MONO)}; font-size: {px(0.85)};
            white-space: pre-wrap; line-height: {px(1.35)}; }}
    .note {{ color: {colors.muted}; font-size: {px(0.85)}; }}
    .where {{ color: {colors.muted}; font-size: {px(0.78)}; }}
    .related {{ font-size: {px(0.92)}; line-height: {px(1.45)}; margin-bottom: {px(0.3)}; }}
    .warning {{ color: {colors.muted}; font-size: {px(0.8)}; }}
    """


def _blocks(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind == "li":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_e(block.text)}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        text = _e(block.text)
        if block.kind == "h":
            out.append(f"<h2>{text}</h2>")
        elif block.kind in ("caption", "credit"):
            out.append(f'<p class="caption">{text}</p>')
        elif block.kind == "quote":
            out.append(f'<p class="quote">{text}</p>')
        elif block.kind == "pre":
            out.append(f'<p class="pre">{text}</p>')
        else:
            out.append(f"<p>{text}</p>")
    if in_list:
        out.append("</ul>")
    if not out:
        out.append(
            '<p class="note">'
            + translate("ArticlePage", "This article has no body text (only its title was saved).")
            + "</p>"
        )
    return "\n".join(out)


def body_spans(blocks: Sequence[Block]) -> list[BodySpan]:
    """The body blocks in the order ``_blocks`` emits them, each with where its text
    starts in ``Article.text`` (credits are shown but are not part of it): what the pane
    aligns with the rendered document to put annotations on the page."""
    spans: list[BodySpan] = []
    offset = 0
    for block in blocks:
        if block.kind == "credit":
            spans.append(BodySpan(block.text, None))
            continue
        spans.append(BodySpan(block.text, offset, pre=block.kind == "pre"))
        offset += len(block.text) + 2  # the "\n\n" between paragraphs
    return spans


def _bookmark_meta(tags: tuple[str, ...]) -> str:
    listed = f" · {_e(', '.join(tags))}" if tags else ""
    label = translate("ArticlePage", "Edit tags") if tags else translate("ArticlePage", "Add tags")
    bookmarked = translate("ArticlePage", "★&nbsp;Bookmarked")
    return f'{bookmarked}{listed} · <a href="{EDIT_TAGS_URL}">{label}</a>'


def _article_line(row: dict[str, Any]) -> str:
    where = " · ".join(_e(x) for x in (row.get("date"), row.get("site")) if x)
    tail = f' <span class="where">{where}</span>' if where else ""
    return (
        f'<p class="related"><a href="{article_url(int(row["id"]))}">'
        f"{_e(row.get('title'))}</a>{tail}</p>"
    )


QUOTE_CHARS = 60  # of a differing sentence, in "Other copies"


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return _e(text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…")


def _not_copies(
    similar: Sequence[dict[str, Any]], copies: Sequence[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """The similar articles less the copies of this story: they are listed just above,
    and a copy is always the most similar article there is."""
    ids = {row.get("id") for row in copies or ()}
    return [row for row in similar if row.get("id") not in ids]


def _other_copies(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The "Other copies" section: each a link that opens it here, offline, with its date, site and
    length against this one, and the first sentence each has that the other lacks (a
    re-post's footer, a teaser's missing end, an edit)."""
    heading = translate("ArticlePage", "Other copies of this story")
    parts = [f"<h3>{heading}</h3>"]
    for row in rows:
        if "more" in row:
            more = int(row["more"])
            text = translate("ArticlePage", "… and %Ln more copies.", "", more)
            parts.append(f'<p class="note">{text}</p>')
            continue
        length = translate("ArticlePage", "{chars} characters, {percent} of this one").format(
            chars=number(int(row.get("chars") or 0)), percent=percent(float(row.get("ratio") or 0))
        )
        where = " · ".join([_e(x) for x in (row.get("date"), row.get("site")) if x] + [_e(length)])
        parts.append(
            f'<p class="related"><a href="{article_url(int(row["id"]))}">'
            f'{_e(row.get("title"))}</a> <span class="where">{where}</span></p>'
        )
        said = []
        if row.get("only_there"):
            said.append(
                translate("ArticlePage", "Only there: “{text}”").format(
                    text=_quoted(str(row["only_there"]))
                )
            )
        if row.get("only_here"):
            said.append(
                translate("ArticlePage", "Only here: “{text}”").format(
                    text=_quoted(str(row["only_here"]))
                )
            )
        if not said:
            said.append(translate("ArticlePage", "The same text."))
        parts.append(f'<p class="where">{" · ".join(said)}</p>')
    return parts


def render_article(
    article: Article,
    article_id: int,
    related: RelatedInfo,
    colors: ReadingColors,
    font_px: float = BASE_FONT_PX,
    family: str = "",
    line_height: float = 0.0,
) -> str:
    """The whole page: header, body, related links, linked from, similar articles."""
    meta: list[str] = []
    if article.date:
        meta.append(_e(date_label(article.date)))
    if article.site:
        meta.append(_e(article.site))
    if article.byline:
        meta.append(_e(article.byline))
    if article.source_url:
        where = _domain(article.source_url) or translate("ArticlePage", "the source")
        original = translate("ArticlePage", "Original at {site}").format(site=_e(where))
        meta.append(f'<a href="{_e(article.source_url)}">{original} ↗</a>')
    if related.bookmark is not None:
        meta.append(_bookmark_meta(related.bookmark))
    # HEADER_BLOCKS: exactly these two blocks come before the body.
    parts = [
        f"<h1>{_e(article.title.strip()) or '&nbsp;'}</h1>",  # never empty: Qt drops those
        f'<p class="meta">{" · ".join(meta) or "&nbsp;"}</p>',
        _blocks(article.blocks),
    ]
    for warning in article.warnings:
        note = translate("ArticlePage", "Note: {warning}").format(warning=_e(message_text(warning)))
        parts.append(f'<p class="warning">{note}</p>')

    in_archive = translate("ArticlePage", "in the archive")
    if article.links:
        heading = translate("ArticlePage", "Related links")
        parts.append(f"<h3>{heading}</h3>")
        for link in article.links:
            if link.article_id is not None:
                parts.append(
                    f'<p class="related"><a href="{article_url(link.article_id)}">'
                    f'{_e(link.title)}</a> <span class="where">{in_archive}</span></p>'
                )
            else:
                parts.append(
                    f'<p class="related"><a href="{_e(link.url)}">{_e(link.title)}</a> '
                    f'<span class="where">{_e(_domain(link.url) or link.url)} ↗</span></p>'
                )
    if related.linked_from:
        heading = translate("ArticlePage", "Linked from")
        parts.append(f"<h3>{heading}</h3>")
        parts.extend(_article_line(row) for row in related.linked_from[:LINKED_FROM_SHOWN])
        more = len(related.linked_from) - LINKED_FROM_SHOWN
        if more > 0:
            more_text = translate("ArticlePage", "… and %Ln more archived article(s).", "", more)
            parts.append(f'<p class="note">{more_text}</p>')
    if related.copies:
        parts.extend(_other_copies(related.copies))
    heading = translate("ArticlePage", "Similar in the archive")
    parts.append(f"<h3>{heading}</h3>")
    if related.similar is None:
        looking = translate("ArticlePage", "Looking for similar articles…")
        parts.append(f'<p class="note">{looking}</p>')
    elif similar := _not_copies(related.similar, related.copies):
        parts.extend(_article_line(row) for row in similar)
    else:
        note = related.similar_note or translate("ArticlePage", "None found.")
        parts.append(f'<p class="note">{_e(note)}</p>')
    style = stylesheet(colors, article.language, font_px, family, line_height)
    return f"<html><head><style>{style}</style></head><body>{''.join(parts)}</body></html>"


def render_message(
    title: str, paragraphs: Sequence[str], colors: ReadingColors, font_px: float = BASE_FONT_PX
) -> str:
    """A page for the empty states (welcome, nothing selected); paragraphs may hold
    trusted markup written in this package, never article text."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    style = stylesheet(colors, None, font_px)
    return (
        f"<html><head><style>{style}</style></head><body><h1>{_e(title)}</h1>{body}</body></html>"
    )

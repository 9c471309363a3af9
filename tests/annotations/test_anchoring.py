"""Re-anchoring after the article's text changed: each case the issue names, and no guesses."""

from __future__ import annotations

import random

import pytest

from reader.annotations.anchoring import (
    Selector,
    locate_quote,
    reanchor,
    select,
    to_paragraph_offset,
    to_text_offset,
)
from reader.errors import ReaderError

P1 = "Ports along the coast reported record volumes in the first quarter of the year."
P2 = (
    "The ministry announced new rules on customs clearance on Monday. Exporters "
    "welcomed the change, saying it would cut waiting times at the border."
)
P3 = "Analysts expect freight rates to ease once the new terminals open next spring."
TEXT = "\n\n".join([P1, P2, P3])
QUOTE = "announced new rules on customs clearance"

ZH = "\n\n".join(
    [
        "商务部周一发布跨境电商出口便利化新规，涉及海关申报、退税和海外仓备案。",
        "新规要求平台在十个工作日内完成申报材料的审核，逾期未审核的视为通过。",
        "业内人士表示，新规将明显缩短卖家的回款周期，中小卖家受益最大。",
    ]
)


def highlight(text: str, quote: str, nth: int = 0) -> Selector:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return select(text, start, start + len(quote))


def placed_text(text: str, selector: Selector) -> str | None:
    placement = reanchor(text, selector)
    if placement.orphaned:
        return None
    s = placement.selector
    assert s.start is not None and s.end is not None
    assert text[s.start : s.end] == s.exact  # the selector describes the new text
    return s.exact


def test_select_stores_quote_context_and_position() -> None:
    sel = highlight(TEXT, QUOTE)
    assert sel.exact == QUOTE and TEXT[sel.start : sel.end] == QUOTE  # type: ignore[misc]
    assert TEXT[: sel.start].endswith(sel.prefix) and len(sel.prefix) == 32
    assert TEXT[sel.end :].startswith(sel.suffix) and len(sel.suffix) == 32
    with pytest.raises(ReaderError):
        select(TEXT, 10, 10)
    with pytest.raises(ReaderError):
        select(TEXT, 0, len(TEXT) + 1)


def test_unchanged_text_keeps_the_position() -> None:
    sel = highlight(TEXT, QUOTE)
    placement = reanchor(TEXT, sel)
    assert placement.method == "position" and placement.selector == sel


def test_insertion_earlier_shifts_the_highlight() -> None:
    sel = highlight(TEXT, QUOTE)
    inserted = "Editor's note: this story was updated on Tuesday.\n\n"
    changed = inserted + TEXT
    placement = reanchor(changed, sel)
    assert placement.method == "quote"
    assert placement.selector.start == sel.start + len(inserted)  # type: ignore[operator]
    assert placed_text(changed, sel) == QUOTE


def test_quote_now_twice_goes_to_the_occurrence_its_context_names() -> None:
    # A teaser repeats the opening of the second paragraph before the article.
    teaser = P2[:75] + "…"
    changed = teaser + "\n\n" + TEXT
    assert changed.count(QUOTE) == 2
    placement = reanchor(changed, highlight(TEXT, QUOTE))
    assert placement.method == "quote"
    assert placement.selector.start == changed.index(QUOTE, len(teaser))

    # And the other way round: the highlight was in the teaser, the body now follows it.
    original = teaser + "\n\n" + P1
    sel = highlight(original, QUOTE)
    grown = original + "\n\n" + P2
    placement = reanchor(grown, sel)
    assert placement.selector.start == grown.index(QUOTE)


def test_quote_edited_by_a_character_or_two_follows_the_edit() -> None:
    sel = highlight(TEXT, QUOTE)
    one = TEXT.replace("customs clearance", "custom clearance")
    assert placed_text(one, sel) == "announced new rules on custom clearance"
    two = TEXT.replace("announced new rules", "anounced new ruels")
    placement = reanchor(two, sel)
    assert placement.method == "fuzzy"
    assert placement.selector.exact == "anounced new ruels on customs clearance"

    zh_quote = "逾期未审核的视为通过"
    zh_sel = highlight(ZH, zh_quote)
    assert placed_text(ZH.replace("视为通过", "视同通过"), zh_sel) == "逾期未审核的视同通过"


def test_deleted_passage_is_orphaned_with_its_quote_kept() -> None:
    sel = highlight(TEXT, QUOTE)
    changed = "\n\n".join([P1, P3])
    placement = reanchor(changed, sel)
    assert placement.orphaned and placement.selector == sel  # quote and context kept

    zh_sel = highlight(ZH, "中小卖家受益最大")
    assert reanchor(ZH.rsplit("\n\n", 1)[0], zh_sel).orphaned


def test_ambiguous_quote_without_matching_context_is_orphaned_not_guessed() -> None:
    quote = "the new terminals"
    sel = highlight(TEXT, quote)
    # The passage was rewritten; the phrase now appears twice, in contexts unlike the old.
    changed = (
        "Officials toured the new terminals in March. "
        "Critics say the new terminals were built too far from the rail lines."
    )
    assert changed.count(quote) == 2
    assert reanchor(changed, sel).orphaned


def test_short_quote_found_elsewhere_in_another_context_is_orphaned() -> None:
    sel = highlight(TEXT, "record")  # in P1
    changed = "\n\n".join([P2, "The committee kept no record of the vote."])
    assert reanchor(changed, sel).orphaned


def test_long_unique_quote_survives_a_rewritten_context() -> None:
    sel = highlight(TEXT, QUOTE)
    changed = "Breaking: the ministry " + QUOTE + " yesterday, officials said."
    assert placed_text(changed, sel) == QUOTE


def test_edited_quote_with_a_rival_near_match_is_orphaned() -> None:
    quote = "freight rates to ease"
    sel = highlight(TEXT, quote)
    # The context is gone and two passages are each one edit away: no way to choose.
    changed = "Some expect freight rates to rise. Others see freight rates to fall."
    assert reanchor(changed, sel).orphaned


def test_identical_contexts_twice_is_orphaned() -> None:
    sel = highlight(TEXT, QUOTE)
    # A cleaner bug duplicated the body and shifted it: both copies are equally good.
    changed = "x" + TEXT + "\n\n" + TEXT
    assert reanchor(changed, sel).orphaned


def test_quote_spanning_paragraphs_and_at_the_text_edges() -> None:
    quote = P1[-20:] + "\n\n" + P2[:20]
    sel = highlight(TEXT, quote)
    assert placed_text("Update.\n\n" + TEXT, sel) == quote
    first = select(TEXT, 0, 12)
    assert first.prefix == "" and placed_text("Note.\n\n" + TEXT, first) == TEXT[:12]
    last = select(TEXT, len(TEXT) - 15, len(TEXT))
    assert last.suffix == "" and placed_text(TEXT + "\n\nMore.", last) == TEXT[-15:]


def test_fuzzy_search_in_a_large_text_finds_the_edited_quote() -> None:
    """Correctness in a 2.7 MB text; how long it takes is bench/input_fuzz.py's figure."""
    rng = random.Random(7)
    words = "trade port freight customs export rules tariff ministry border rail".split()
    filler = " ".join(rng.choice(words) for _ in range(400_000))  # ~2.7 MB
    text = filler[: len(filler) // 2] + " " + TEXT + " " + filler[len(filler) // 2 :]
    sel = highlight(text, QUOTE)
    changed = text.replace("customs clearance", "customs-clearance")
    assert placed_text(changed, sel) == "announced new rules on customs-clearance"


def test_locate_quote_for_typed_quotes() -> None:
    text = "增长放缓。出口增长放缓，进口增长放缓。"
    first = locate_quote(text, "增长放缓")
    assert (first.start, first.occurrences, first.chosen) == (0, 3, 1)
    assert locate_quote(text, "增长放缓", occurrence=3).start == text.rindex("增长放缓")
    assert locate_quote(text, "增长放缓", prefix="进口").start == text.rindex("增长放缓")
    with pytest.raises(ReaderError, match="does not occur"):
        locate_quote(text, "通胀")
    with pytest.raises(ReaderError, match="occurs 3 time"):
        locate_quote(text, "增长放缓", occurrence=4)
    with pytest.raises(ReaderError, match="--prefix"):
        locate_quote(text, "增长放缓", prefix="消费")
    with pytest.raises(ReaderError, match="empty"):
        locate_quote(text, "  ")


def test_paragraph_offsets_round_trip() -> None:
    paragraphs = [P1, P2, P3]
    for index, para in enumerate(paragraphs):
        for offset in (0, len(para) // 2, len(para)):
            global_offset = to_text_offset(paragraphs, index, offset)
            assert TEXT[global_offset - offset : global_offset] == para[:offset]
            assert to_paragraph_offset(paragraphs, global_offset) == (index, offset)
    assert to_paragraph_offset(paragraphs, len(P1) + 1) == (0, len(P1))  # in a separator
    with pytest.raises(ValueError):
        to_paragraph_offset(paragraphs, len(TEXT) + 1)
    with pytest.raises(ValueError):
        to_text_offset(paragraphs, 3, 0)


def test_no_false_placements_on_the_sample_archive() -> None:
    """Random highlights in real articles, then the text changes under them: a paragraph
    inserted (must follow), a character edited (must follow or orphan), the paragraph
    deleted or the whole text replaced by another article (must orphan, unless the very
    same words are still there). Never a different passage."""
    from reader.parse import parse_file
    from tests.conftest import SAMPLE_ARCHIVE

    articles = []
    for path in sorted(SAMPLE_ARCHIVE.rglob("*.*")):
        try:
            paragraphs = parse_file(path).article.paragraphs
        except ReaderError:
            continue
        if len(paragraphs) >= 3:
            articles.append(paragraphs)
    assert len(articles) >= 10
    rng = random.Random(2024)
    outcomes: dict[str, int] = {}
    for _ in range(800):
        paras = rng.choice(articles)
        index = rng.randrange(len(paras))
        para = paras[index]
        length = min(rng.choice([6, 12, 20, 40]), len(para))
        if length < 6:
            continue
        offset = rng.randrange(len(para) - length + 1)
        start = sum(len(p) + 2 for p in paras[:index]) + offset
        text = "\n\n".join(paras)
        sel = select(text, start, start + length)
        change = rng.choice(["insert", "edit", "delete", "replace"])
        if change == "insert":
            new_paras = paras[:index] + rng.choice(articles)[:2] + paras[index:]
            new = "\n\n".join(new_paras)
            if new.count(para) != 1:
                continue
            want: int | None = new.index(para) + offset
        elif change == "edit":
            if length < 12:
                continue
            at = rng.randrange(1, length - 1)
            edited = sel.exact[:at] + ("X" if sel.exact[at] != "X" else "Y") + sel.exact[at + 1 :]
            new = text[:start] + edited + text[start + length :]
            want = start
        else:
            kept = (
                paras[:index] + paras[index + 1 :]
                if change == "delete"
                else next(a for a in articles if a is not paras)
            )
            new = "\n\n".join(kept)
            want = None
        placement = reanchor(new, sel)
        if placement.orphaned:
            outcome = "orphaned"
        elif want is not None and abs(placement.selector.start - want) <= 1:  # type: ignore[operator]
            outcome = "right"
        elif want is None and placement.selector.exact == sel.exact:
            outcome = "same words"  # e.g. a sentence the article repeats
        else:
            outcome = "WRONG"
        outcomes[f"{change}:{outcome}"] = outcomes.get(f"{change}:{outcome}", 0) + 1
    assert not any(key.endswith("WRONG") for key in outcomes), outcomes
    for change in ("insert", "edit"):
        right, lost = outcomes.get(f"{change}:right", 0), outcomes.get(f"{change}:orphaned", 0)
        assert right >= 0.95 * (right + lost), outcomes

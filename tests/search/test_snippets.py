"""Snippets: cut between words, one mark per term, phrases marked whole, and the plain
text unambiguous (every ASCII [ ] is a hit mark)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.search.analysis import fold, stem
from reader.search.snippets import Needles, make_snippet

WORD = re.compile(r"[A-Za-z0-9]")


def snippet(text: str, needles: Needles) -> tuple[str, list[tuple[int, int]]]:
    return make_snippet(text, fold(text), needles)


def marked(result: tuple[str, list[tuple[int, int]]]) -> list[str]:
    text, spans = result
    return [text[a:b] for a, b in spans]


def test_english_snippets_start_and_end_between_words() -> None:
    text = (
        (
            "Guaranteeing two more years of support, the carrier said that it was being "
            "shipped in batches " * 6
        )
        + "and the freight rates fell sharply. "
        + ("Nothing else happened while the goods were being shipped overseas again. " * 6)
    )
    shown, spans = snippet(text, Needles(stems={stem("freight")}))
    body = shown.strip("…").replace("[", "").replace("]", "")
    start = text.find(body)
    end = start + len(body)
    assert start > 0, shown
    assert not (WORD.match(text[start - 1]) and WORD.match(text[start])), shown
    assert not (WORD.match(text[end - 1]) and WORD.match(text[end])), shown
    assert marked((shown, spans)) == ["freight"]


def test_chinese_snippets_do_not_cut_inside_a_number() -> None:
    text = "据报道，" + "相关政策细节仍在讨论之中。" * 12
    text += "新规将于2025年7月1日起施行，卖家需提前准备。"
    text += "另有消息称，平台将于20250701之后调整费率。" * 6
    shown, _ = snippet(text, Needles(literals=["新规"]))
    assert not re.search(r"\d…$", shown) and not re.search(r"^…\d", shown), shown


def test_touching_terms_are_two_marks() -> None:
    assert marked(snippet("我们要传承友谊，共同发展。", Needles(literals=["友谊", "传承"]))) == [
        "传承",
        "友谊",
    ]


def test_a_phrase_is_marked_as_a_phrase() -> None:
    text = "I said I know the answer, and I think I knew it before I knows."
    needles = Needles(phrases=[[stem("i"), stem("know")]])
    assert marked(snippet(text, needles)) == ["I know", "I knows"]  # stems: know, knows


def test_the_articles_own_brackets_are_not_hit_marks() -> None:
    shown, spans = snippet("The tariff rose [17] and fell [18].", Needles(stems={"tariff"}))
    assert shown == "The [tariff] rose ［17］ and fell ［18］."
    assert marked((shown, spans)) == ["tariff"]
    assert shown.count("[") == shown.count("]") == len(spans)


@settings(max_examples=200, deadline=None)
@example(
    [
        "rates",
        "trade",
        "trade",
        "trade",
        "trade",
        "shipping",
        "shipping",
        "rates",
        "trade",
        "trade",
        "shipping",
        "shipping",
        "shipping",
        "rates",
        "rates",
    ],
    "rates",
)
@given(
    st.lists(
        st.sampled_from(
            [
                "trade",
                "rates",
                "2025",
                "shipping",
                "a",
                "co-op",
                "réaction",
                "sellers",
                "port",
                "ships",
            ]
        ),
        min_size=1,
        max_size=120,
    ),
    st.sampled_from(["rates", "ship", "port"]),
)
def test_a_snippet_is_a_whole_word_window_of_the_text(words: list[str], query: str) -> None:
    text = " ".join(words) + "."
    shown, spans = snippet(text, Needles(stems={stem(query)}))
    body = shown.removeprefix("…").removesuffix("…").replace("[", "").replace("]", "")
    start = text.find(body)
    assert start >= 0, (shown, text)
    end = start + len(body)
    assert start == 0 or not (WORD.match(text[start - 1]) and WORD.match(text[start]))
    assert end == len(text) or not (WORD.match(text[end - 1]) and WORD.match(text[end]))
    for a, b in spans:
        assert stem(fold(shown[a:b])) == stem(query)

"""The approximate matcher against a plain edit-distance table, and its candidate search."""

from __future__ import annotations

import random

from reader.annotations.fuzzy import end_scores, find_approximate


def reference_scores(pattern: str, text: str, anchored: bool) -> list[int]:
    """The textbook dynamic programme (Sellers for search, Levenshtein when anchored)."""
    prev = [j if anchored else 0 for j in range(len(text) + 1)]
    for i in range(1, len(pattern) + 1):
        cur = [i] + [0] * len(text)
        for j in range(1, len(text) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (pattern[i - 1] != text[j - 1]))
        prev = cur
    return prev[1:]


def test_bit_parallel_scores_equal_the_reference_table() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        pattern = "".join(rng.choice("abc") for _ in range(rng.randint(1, 14)))
        text = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 40)))
        for anchored in (False, True):
            assert end_scores(pattern, text, anchored=anchored) == reference_scores(
                pattern, text, anchored
            ), (pattern, text, anchored)
    long_pattern = "".join(rng.choice("甲乙丙丁") for _ in range(150))  # > 64 bits
    text = long_pattern[:70] + "戊" + long_pattern[71:]
    assert min(end_scores(long_pattern, text)) == 1


def test_find_approximate_reports_each_passage_once_with_its_edits() -> None:
    text = "the quick brown fox; a quick brwn fox; the slow grey cat"
    found = find_approximate(text, "quick brown fox", 2)
    assert [(text[m.start : m.end], m.errors) for m in found] == [
        ("quick brown fox", 0),
        ("quick brwn fox", 1),
    ]
    assert find_approximate(text, "quick brown fox", 0)[0].start == 4
    assert find_approximate(text, "purple elephant", 3) == []
    assert find_approximate(text, "", 1) == [] and find_approximate(text, "ab", 2) == []


def test_find_approximate_finds_every_match_the_reference_finds() -> None:
    rng = random.Random(11)
    for _ in range(300):
        pattern = "".join(rng.choice("abcde") for _ in range(rng.randint(8, 16)))
        text = "".join(rng.choice("abcde") for _ in range(rng.randint(20, 80)))
        k = rng.randint(1, 2)
        ends = {i + 1 for i, s in enumerate(reference_scores(pattern, text, False)) if s <= k}
        found = find_approximate(text, pattern, k)
        for match in found:
            assert match.errors <= k
            assert (
                reference_scores(pattern, text[match.start : match.end], True)[-1] == match.errors
            )
        # every acceptable end lies inside (or touches) some reported passage
        for end in ends:
            assert any(m.start < end <= m.end + k for m in found), (pattern, text, k, end)

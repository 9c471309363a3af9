"""The reading time behind the reader's "6 min left": CJK by the character, other
scripts by the word, a mixed text each part at its own rate."""

from __future__ import annotations

import pytest

from reader.reading_time import (
    CJK_PER_MINUTE,
    WORDS_PER_MINUTE,
    minutes_left_label,
    reading_minutes,
)


def test_chinese_counts_characters_and_english_words() -> None:
    assert reading_minutes("跨境电商" * 150) == pytest.approx(600 / CJK_PER_MINUTE)
    assert reading_minutes("ports and parcels " * 230) == pytest.approx(690 / WORDS_PER_MINUTE)
    mixed = "亚马逊" * 100 + " Amazon sellers" * 115
    assert reading_minutes(mixed) == pytest.approx(300 / CJK_PER_MINUTE + 230 / WORDS_PER_MINUTE)
    assert reading_minutes("") == 0.0


@pytest.mark.parametrize(
    ("minutes", "label"),
    [
        (0.0, "less than a minute left"),
        (0.7, "less than a minute left"),
        (0.8, "about 1 min left"),
        (1.4, "about 1 min left"),
        (6.4, "6 min left"),
        (12.6, "13 min left"),
    ],
)
def test_minutes_left_reads_as_people_say_it(minutes: float, label: str) -> None:
    assert minutes_left_label(minutes) == label

"""Term keys and position signatures: the guarantees recall rests on."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.search import analysis


def signatures_of(text: str) -> dict[int, int]:
    keys, at = analysis.gram_keys(text, analysis.BODY_GRAM)
    unique, sigs = analysis.position_signatures(keys, at)
    return dict(zip(unique.tolist(), sigs.tolist(), strict=True))


def agree(text: str, run: str) -> bool:
    sigs = signatures_of(text)
    combined = 0xFF
    for offset in range(len(run) - 1):
        key = analysis.gram_key(run[offset : offset + 2], analysis.BODY_GRAM)
        if key not in sigs:
            return False
        combined &= int(analysis.rotate_right(np.array([sigs[key]], dtype=np.uint8), offset)[0])
    return combined != 0


def test_signatures_never_reject_a_real_occurrence_and_reject_most_others() -> None:
    rng = random.Random(3)
    alphabet = "的一是在不了有和人这"
    rejected = candidates = 0
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(40, 120)))
        for _ in range(10):
            start = rng.randrange(0, len(text) - 5)
            run = text[start : start + rng.randint(3, 5)]
            assert agree(text, run), run  # a real occurrence always passes
            fake = "".join(rng.choice(alphabet) for _ in range(3))
            pairs_present = all(
                analysis.gram_key(fake[i : i + 2], analysis.BODY_GRAM) in signatures_of(text)
                for i in range(2)
            )
            if fake not in text and pairs_present:
                candidates += 1
                rejected += not agree(text, fake)
    assert candidates > 100
    assert rejected / candidates > 0.3  # the filter does real work before any text is read


def test_every_character_begins_a_pair() -> None:
    """End-of-run pairs make a one-character query a key range with full recall."""
    text = "甲。乙丙 丁x戊"
    keys, _ = analysis.gram_keys(text, analysis.BODY_GRAM)
    for char in "甲乙丙丁戊":
        low, high = analysis.char_key_range(char, analysis.BODY_GRAM)
        assert ((keys >= low) & (keys < high)).any(), char


def test_bigram_keys_are_exact_code_points() -> None:
    assert analysis.gram_key("国际", analysis.BODY_GRAM) != analysis.gram_key(
        "国际", analysis.TITLE_GRAM
    )
    keys, _ = analysis.gram_keys("国际贸易", analysis.BODY_GRAM)
    assert analysis.gram_key("际贸", analysis.BODY_GRAM) in set(keys.tolist())
    astral = "\U00020000\U00020001"
    assert analysis.gram_key(astral, analysis.BODY_GRAM) in set(
        analysis.gram_keys(astral, analysis.BODY_GRAM)[0].tolist()
    )


def test_fold_keeps_length_and_folds_width_case_and_script() -> None:
    for text in ["ＶＩＰ會員", "國際貿易 Shipping", "台灣賣家", "İstanbul Café"]:
        assert len(analysis.fold(text)) == len(text)
    assert analysis.fold("ＶＩＰ會員２０１２") == "vip会员2012"
    assert analysis.fold("İstanbul Café Māori Müller Łódź") == "istanbul cafe maori muller lodz"


@pytest.mark.parametrize(
    ("variant", "simplified"),
    [
        ("接著", "接着"),
        ("隨著", "随着"),
        ("著力", "着力"),
        ("衞生", "卫生"),
        ("衛生", "卫生"),
        ("敍利亞", "叙利亚"),
        ("裏", "里"),
        ("綫", "线"),
    ],
)
def test_taiwan_and_hong_kong_forms_fold_to_the_simplified_form(
    variant: str, simplified: str
) -> None:
    assert analysis.fold(variant) == analysis.fold(simplified) == simplified


def test_ideographic_zero_is_cjk_and_invisible_characters_are_skipped() -> None:
    assert analysis.is_cjk("〇")
    assert analysis.gram_key("〇二", analysis.BODY_GRAM) in set(
        analysis.gram_keys("二〇二", analysis.BODY_GRAM)[0].tolist()
    )
    assert analysis.words(analysis.fold("réac\xadtion co\u200bop")) == analysis.words(
        "reaction coop"
    )
    assert analysis.latin_words("māori") == ["māori"]  # one word, not m / ā / ori


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(), st.sampled_from("，。：（）ａＺ０！～\u3000İΣσςÉéĀāßæ著衞敍〇\u00ad")
        ),
        max_size=600,
    )
)
@example("ΟΔΟΣ Σ İ.")
def test_fold_is_one_character_at_a_time_and_idempotent(text: str) -> None:
    """Length kept (offsets in folded text are offsets in the original), each character
    folded whatever stands beside it (a query folds as the article does), and folding
    folded text changes nothing."""
    folded = analysis.fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(analysis.fold(c) for c in text)
    assert analysis.fold(folded) == folded

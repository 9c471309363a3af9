"""reader.language: Simplified, Traditional, English, Japanese and Korean told apart."""

from __future__ import annotations

import pytest

from reader.language import detect_language, han_script

# Written for these tests.
SIMPLIFIED = "商务部发布国际贸易便利化新规，简化出口申报流程，降低中小卖家的合规成本。"
TRADITIONAL = "多家連鎖超商宣布擴大取貨服務，消費者可以在全台門市領取跨境包裹。"


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        (SIMPLIFIED, None, "zh-Hans"),
        (TRADITIONAL, None, "zh-Hant"),
        (SIMPLIFIED, "zh-Hant", "zh-Hans"),  # the text wins over a wrong declaration
        ("Container shipping rates fell again this week.", None, "en"),
        ("Los precios del transporte bajaron otra vez.", "es-ES", "es"),
        ("Container rates fell.", "zh-CN", "en"),  # Latin text declared Chinese: English
        (
            "コンテナ運賃は今週も下がりました。物流会社によると、需要はまだ弱いままです。",
            None,
            "ja",
        ),
        (
            "컨테이너 운임이 이번 주에도 하락했습니다. "
            "물류 회사들은 수요가 여전히 약하다고 말했습니다.",
            None,
            "ko",
        ),
        ("12345 67890", None, None),  # nothing to tell by
        ("12345 67890", "en", "en"),
    ],
)
def test_detect_language(text: str, declared: str | None, expected: str | None) -> None:
    assert detect_language(text, declared) == expected


def test_a_few_han_characters_in_english_text_stay_english() -> None:
    text = "Cross-border sellers met in Shenzhen (深圳) to talk about freight rates. " * 3
    assert detect_language(text) == "en"


def test_han_script_counts_characters_only_one_script_uses() -> None:
    assert han_script(SIMPLIFIED) == "zh-Hans"
    assert han_script(TRADITIONAL) == "zh-Hant"

"""Font family lists per language, so Chinese renders with the right glyph shapes.

Without a hint Qt picks the Japanese variant of a CJK font for Han characters (different
shapes for many of them), so Simplified text asks for SC fonts and Traditional for TC
explicitly. Latin text keeps a Latin face first with the CJK font last, which also covers
the odd Chinese word inside an English article. Families that are not installed are
skipped by Qt, so one list serves Linux, macOS and Windows.
"""

from __future__ import annotations

from reader.ui.qt import QFont, QFontDatabase, QGuiApplication

LATIN = ["Noto Sans", "Source Sans 3", "Segoe UI", "Helvetica Neue", "Arial"]
CJK_SC = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
]
CJK_TC = [
    "Noto Sans CJK TC",
    "Source Han Sans TC",
    "PingFang TC",
    "Microsoft JhengHei",
    "WenQuanYi Micro Hei",
]
MONO = ["Noto Sans Mono", "DejaVu Sans Mono", "Menlo", "Consolas", "monospace"]


def cjk_families(language: str | None) -> list[str]:
    lang = (language or "").lower()
    traditional = lang.startswith("zh-hant") or lang in ("zh-tw", "zh-hk")
    return CJK_TC if traditional else CJK_SC


def families_for(language: str | None) -> list[str]:
    """Reading families for an article in *language* ("zh-Hans", "zh-Hant", "en", None)."""
    if language and language.lower().startswith("zh"):
        return list(cjk_families(language))
    # English (or unknown): Latin first; the CJK list ends in Noto SC/TC for Han fallback.
    return LATIN + cjk_families(language)


def css_families(families: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in families) + ", sans-serif"


def ui_font(language: str | None = None, base: QFont | None = None) -> QFont:
    """The interface font with a CJK fallback for *language* (list rows, snippets)."""
    font = QFont(base if base is not None else QGuiApplication.font())
    first = font.family()
    font.setFamilies([first, *cjk_families(language)])
    return font


def has_cjk_font() -> bool:
    """True when some installed font draws Chinese (otherwise every Han character is a box)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))

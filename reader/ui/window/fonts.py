"""Font family lists per script: Latin text and punctuation from a Latin face, Han
characters from a CJK face of the right variant.

A CJK font carries Latin letters and punctuation too, but draws the punctuation English
shares with Chinese (’ “ ” … —) at Chinese width or position: with a CJK family first,
an English "Amazon’s" read as "Amazon’ s", and "…" became a centred "⋯" under a Chinese
locale. So every list puts the Latin families first and the CJK ones after them: Qt
takes each character from the first family in the list that has a glyph for it, so
Latin letters and the shared punctuation come from the Latin face and Han characters
(and the full-width Chinese punctuation ，。：, which Latin fonts lack) fall through to
the CJK one. That holds for Chinese articles as well: the Latin family first, then the
SC or TC family.

Without a hint Qt picks the Japanese variant of a CJK font for Han characters (different
shapes for many of them), so Simplified text asks for SC fonts and Traditional for TC
explicitly. Families that are not installed are skipped by Qt, so one list serves Linux,
macOS and Windows; the last Latin ones (DejaVu Sans, Liberation Sans) are what a bare
Linux has (DejaVu comes with fontconfig), because a list whose Latin names are all
missing falls straight to the CJK family, punctuation and all.
"""

from __future__ import annotations

from reader.ui.qt import QFont, QFontDatabase, QGuiApplication

LATIN = [
    "Noto Sans",
    "Source Sans 3",
    "Segoe UI",
    "Helvetica Neue",
    "Arial",
    "DejaVu Sans",
    "Liberation Sans",
]
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

_CJK_SYSTEMS = (
    QFontDatabase.WritingSystem.SimplifiedChinese,
    QFontDatabase.WritingSystem.TraditionalChinese,
    QFontDatabase.WritingSystem.Japanese,
    QFontDatabase.WritingSystem.Korean,
)


def cjk_families(language: str | None) -> list[str]:
    """The CJK families for *language*: TC for Traditional Chinese, SC otherwise."""
    lang = (language or "").lower()
    traditional = lang.startswith("zh-hant") or lang in ("zh-tw", "zh-hk")
    return CJK_TC if traditional else CJK_SC


def families_for(language: str | None) -> list[str]:
    """Reading families for an article in *language* ("zh-Hans", "zh-Hant", "en", None):
    Latin first for letters and shared punctuation, then the SC or TC family for Han."""
    return LATIN + cjk_families(language)


def mono_families(language: str | None) -> list[str]:
    """Monospaced families, with the CJK family for the Han characters of a code block."""
    return MONO + cjk_families(language)


def css_families(families: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in families) + ", sans-serif"


def is_cjk_family(family: str) -> bool:
    """True for a font made for Chinese, Japanese or Korean (its punctuation is wide)."""
    systems = QFontDatabase.writingSystems(family)
    return any(system in systems for system in _CJK_SYSTEMS)


def ui_font(language: str | None = None, base: QFont | None = None) -> QFont:
    """The interface font with Latin and CJK families for *language* (list rows,
    snippets). The platform's own family stays first unless it is a CJK one (a Chinese
    desktop's UI font): then it would give English text its wide punctuation, and it goes
    after the Latin and the SC/TC families instead."""
    font = QFont(base if base is not None else QGuiApplication.font())
    first = font.family()
    cjk_first = is_cjk_family(first)
    ordered = [
        *([] if cjk_first else [first]),
        *LATIN,
        *cjk_families(language),
        *([first] if cjk_first else []),
    ]
    font.setFamilies(list(dict.fromkeys(ordered)))
    return font


def has_cjk_font() -> bool:
    """True when some installed font draws Chinese (otherwise every Han character is a box)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))

"""The interface's translations are complete, current and well formed.

A string added to ``reader/ui`` without a Chinese translation fails here, three ways:
the code's translatable strings (found by ``pyside6-lupdate`` in a temporary file, and by
reading the code's ``translate()`` calls) must all be in the committed ``.ts`` files, each
translated and finished; and a user-visible string literal handed straight to a Qt
setter, never passing ``translate()``, is named as untranslated.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
UI = REPO / "reader" / "ui"
I18N = UI / "i18n"
LANGUAGES = ("zh_CN", "zh_TW")
CJK = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%L?n")
WORD = re.compile(r"[A-Za-z]{3,}")
# Words that stay as they are in Chinese: key names and file formats.
NAMES = {"Ctrl", "Alt", "Shift", "Space", "Home", "End", "Enter", "Esc", "Delete"}
NAMES |= {"Markdown", "PDF", "pdf", "HTML", "html"}
MNEMONIC = re.compile(r"&(?!nbsp;|amp;|lt;|gt;)([A-Za-z0-9])")

Key = tuple[str, str]  # (context, source)


def messages(ts: Path) -> dict[Key, ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (str(context.findtext("name")), str(message.findtext("source"))): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def translation(message: ET.Element) -> str:
    forms = message.findall("translation/numerusform")
    if forms:
        return "".join(f.text or "" for f in forms)
    return message.findtext("translation") or ""


def code_strings() -> set[Key]:
    """Every ``translate(ctx, "…")`` / ``QT_TRANSLATE_NOOP(ctx, "…")`` with literal text."""
    found: set[Key] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            context, text = node.args[0], node.args[1]
            if name in ("translate", "QT_TRANSLATE_NOOP") and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in (context, text)
            ):
                found.add((str(context.value), str(text.value)))  # type: ignore[union-attr]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_finished(language: str) -> None:
    ts = I18N / f"archive_reader_{language}.ts"
    problems = []
    for (context, source), message in messages(ts).items():
        node = message.find("translation")
        text = translation(message)
        if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{context}: {source!r} is not finished")
        elif not text.strip():
            problems.append(f"{context}: {source!r} has no translation")
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{context}: {source!r} -> {text!r}: placeholders differ")
        elif MNEMONIC.search(source) and not MNEMONIC.search(text):
            problems.append(f"{context}: {source!r} -> {text!r}: the &-key is lost")
        elif not CJK.search(text) and not set(WORD.findall(PLACEHOLDER.sub("", source))) <= NAMES:
            problems.append(f"{context}: {source!r} -> {text!r}: not Chinese")
    assert not problems, "\n".join(problems)


# Characters Taiwan writes as they are that OpenCC's s2t still maps (游標 "cursor": 遊標).
BOTH_SCRIPTS = {"游"}


def test_traditional_chinese_is_not_simplified() -> None:
    """zh_TW started as OpenCC s2twp of zh_CN: no Simplified-only character is left."""
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    leftovers = []
    for (context, source), message in messages(I18N / "archive_reader_zh_TW.ts").items():
        text = translation(message)
        converted = to_traditional.convert(text)  # by phrase: 游標 stays 游標
        simplified = {a for a, b in zip(text, converted, strict=False) if a != b} - BOTH_SCRIPTS
        # an example written in Simplified on purpose (the source is Chinese) is kept
        if simplified and not CJK.search(source):
            leftovers.append(f"{context}: {source!r} -> {text!r}: {sorted(simplified)}")
    assert not leftovers, "\n".join(leftovers)


def test_lupdate_finds_nothing_the_translations_lack(tmp_path: Path) -> None:
    """Run the real extractor over the code: a new string is a message missing from the
    committed .ts (run ``python reader/ui/i18n/update_translations.py`` and translate)."""
    from reader.ui.i18n import update_translations as tool

    fresh = tmp_path / "archive_reader_zh_CN.ts"
    tool.lupdate([fresh])
    extracted = set(messages(fresh))
    for language in LANGUAGES:
        committed = set(messages(I18N / f"archive_reader_{language}.ts"))
        assert not extracted - committed, f"not in {language}.ts: {sorted(extracted - committed)}"
        assert not committed - extracted, f"stale in {language}.ts: {sorted(committed - extracted)}"


def test_lupdate_sees_every_translate_call() -> None:
    """lupdate's Python reader silently skips a call whose plural count is an expression
    (``translate(c, "%Ln x", "", len(items))``): the string would never be translated.
    Every call with literal text must therefore be in the .ts."""
    committed = set(messages(I18N / "archive_reader_zh_CN.ts"))
    missing = code_strings() - committed
    assert not missing, f"translate() calls lupdate did not extract: {sorted(missing)}"


# Qt setters whose string argument a person reads.
VISIBLE = {
    "setText",
    "setToolTip",
    "setStatusTip",
    "setPlaceholderText",
    "setWindowTitle",
    "setAccessibleName",
    "setIconText",
    "setLabelText",
    "showMessage",
    "addAction",
    "addMenu",
    "addItem",
    "addTab",
    "addRow",
    "QAction",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QToolBar",
    "QMessageBox",
    "show_message",
    "_status",
    "setSuffix",
}
# Literals that are symbols, not words.
SYMBOLS = re.compile(r"[^A-Za-z]*|[A-Za-z]{1,2}")


def test_no_visible_literal_bypasses_translate() -> None:
    """A word in quotes given straight to a Qt setter (``setText("Done")``) is a string no
    translator will ever see."""
    offenders = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in VISIBLE:
                continue
            # addItem(text, data): the data is not shown
            for arg in node.args[:1] if name == "addItem" else node.args:
                literal = arg.value if isinstance(arg, ast.Constant) else None
                if isinstance(arg, ast.JoinedStr):
                    literal = "".join(
                        str(v.value) for v in arg.values if isinstance(v, ast.Constant)
                    )
                if isinstance(literal, str) and not SYMBOLS.fullmatch(literal.strip()):
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}: {literal!r}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_translations_load(language: str, tmp_path: Path) -> None:
    """``.ts`` -> ``.qm`` with pyside6-lrelease, loaded by QTranslator, answers in Chinese;
    a ``.qm`` beside the .ts (built by setup.py or the script) is as current as the .ts."""
    from reader.ui.i18n import update_translations as tool
    from reader.ui.qt import QTranslator

    ts = I18N / f"archive_reader_{language}.ts"
    qm = tmp_path / ts.with_suffix(".qm").name
    tool.lrelease(ts, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert CJK.search(translator.translate("Actions", "&File"))
    assert translator.translate("MainWindow", "%Ln article(s)", "", 3) in ("%Ln 篇文章",)
    built = ts.with_suffix(".qm")
    if built.exists():
        assert built.read_bytes() == qm.read_bytes(), (
            f"{built.name} is older than its .ts: run python reader/ui/i18n/update_translations.py"
            " --release (or pip install -e . again)"
        )

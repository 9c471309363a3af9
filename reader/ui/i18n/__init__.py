"""The interface's language: English (the source text), Simplified and Traditional Chinese.

Every visible string goes through :func:`translate` (Qt's ``QCoreApplication.translate``
under the name ``pyside6-lupdate`` recognises) with an explicit context, or is marked
with :func:`QT_TRANSLATE_NOOP` in a module-level table and translated where it is shown.
Explicit contexts rather than ``self.tr()``: half the window is mixins that are not
QObjects, and PySide's ``tr()`` context follows the instance's class, so a subclass
would lose its parent's translations.

The translations are ``archive_reader_<lang>.ts`` beside this file, compiled to ``.qm``
by ``pyside6-lrelease`` when the package is built or installed (``setup.py``), or by
``python reader/ui/i18n/update_translations.py`` in a source checkout.

English plurals need no ``.qm``: the source text writes a plural as ``%n article(s)``
and :func:`translate` resolves the ``(s)`` itself when no translation replaced it, so the
app (and the tests, which never load a translator) reads right in English with nothing
compiled; Chinese has one plural form and its translations carry no ``(s)``.

The language follows the system locale (``zh_CN``/``zh_SG``/Simplified script ->
``zh_CN``; ``zh_TW``/``zh_HK``/``zh_MO``/Traditional script -> ``zh_TW``; anything else
-> English) unless View › Language chose one; it is applied at start-up, so a change
takes effect on the next start.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal, cast

from reader.ui.qt import (
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

log = logging.getLogger(__name__)

Language = Literal["en", "zh_CN", "zh_TW"]
Choice = Literal["system", "en", "zh_CN", "zh_TW"]
CHOICES: tuple[Choice, ...] = ("system", "en", "zh_CN", "zh_TW")  # settings.LANGUAGE_CHOICES
# Each language by its own name (never translated: a person looks for their language).
ENDONYMS: dict[Language, str] = {"en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文"}
FOLDER = Path(__file__).resolve().parent
CATALOGUE_PREFIX = "archive_reader_"

_current: Language = "en"
# Kept referenced: QCoreApplication.installTranslator does not own them.
_installed: list[QTranslator] = []


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """*text* in the interface's language; ``%n``/``%Ln`` become *n* (see the module doc
    for the English ``(s)``)."""
    out = QCoreApplication.translate(context, text, disambiguation, n)
    if n >= 0 and "(s)" in out:
        out = out.replace("(s)", "" if n == 1 else "s")
    return out


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - lupdate's name
    """Marks *text* for ``pyside6-lupdate`` in a table built before any translator is
    loaded; the code that shows it calls ``translate(context, text)``."""
    return text


def language_of(locale: QLocale) -> Language:
    """The interface language for a system *locale*: Chinese by script, else English."""
    if locale.language() != QLocale.Language.Chinese:
        return "en"
    if locale.script() == QLocale.Script.TraditionalHanScript:
        return "zh_TW"
    if locale.script() == QLocale.Script.SimplifiedHanScript:
        return "zh_CN"
    # No script given: decide by territory (Qt fills the script in for the usual ones).
    traditional = {
        QLocale.Country.Taiwan,
        QLocale.Country.HongKong,
        QLocale.Country.Macau,
    }
    return "zh_TW" if locale.territory() in traditional else "zh_CN"


def resolve(choice: str, system: QLocale | None = None) -> Language:
    """The language for a setting (``system`` or a language); odd values mean system."""
    if choice in ENDONYMS:
        return cast(Language, choice)
    return language_of(system if system is not None else QLocale.system())


def current() -> Language:
    """The language the interface was started in."""
    return _current


def locale_for(language: Language, system: QLocale | None = None) -> QLocale:
    """Numbers and dates for *language*: the system's own conventions when it speaks
    that language, else the language's usual ones (a "C" locale reads as US English,
    with thousands separators)."""
    system = system if system is not None else QLocale.system()
    if language_of(system) == language and system.language() != QLocale.Language.C:
        return system
    return QLocale({"en": "en_US", "zh_CN": "zh_CN", "zh_TW": "zh_TW"}[language])


# What View › Language says, in the language chosen (the person may not read the one
# shown): a fixed sentence each, so no translator has to be loaded for it.
RESTART_NOTICES: dict[Language, str] = {
    "en": "The interface will be in English the next time Archive Reader starts.",
    "zh_CN": "下次启动存档阅读器时，界面将显示为简体中文。",
    "zh_TW": "下次啟動存檔閱讀器時，介面將顯示為繁體中文。",
}


def restart_notice(language: Language) -> str:
    return RESTART_NOTICES[language]


def qm_path(language: Language, folder: Path = FOLDER) -> Path:
    return folder / f"{CATALOGUE_PREFIX}{language}.qm"


def install(app: QCoreApplication, choice: str, *, folder: Path = FOLDER) -> Language:
    """Load the translations for *choice* into *app* (Qt's own first, for file dialogs
    and standard buttons, then the app's) and make numbers and dates follow it.

    A missing ``.qm`` (a source checkout never built) leaves the app in English with a
    warning rather than failing to start.
    """
    global _current
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = resolve(choice)
    _current = language
    QLocale.setDefault(locale_for(language))
    if language == "en":
        return language
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, where in ((f"qtbase_{language}", qt_folder), (qm_path(language, folder).stem, "")):
        translator = QTranslator(app)
        directory = where or str(folder)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translation %s in %s: the interface stays English", name, directory)
    return language


def number(value: int) -> str:
    """*value* with the language's digit grouping ("1,234")."""
    return QLocale().toString(value)


def percent(fraction: float) -> str:
    """A share as the language writes it: "38%"."""
    return translate("Format", "{percent}%").format(
        percent=QLocale().toString(round(fraction * 100))
    )


def date_label(iso: str) -> str:
    """An article's ISO date (``2024-05-03``) as the language writes a date: English
    keeps the ISO form (unambiguous, and what the list shows), Chinese "2024年5月3日".
    A partial, odd or timed date is shown as given."""
    day = QDate.fromString(iso, "yyyy-MM-dd")
    if not day.isValid():
        return iso
    pattern = translate("Format", "yyyy-MM-dd", "a date, in QDate::toString's pattern")
    return QLocale().toString(day, pattern)

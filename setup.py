"""The one build step pyproject.toml cannot say: compile the translations.

Everything about the package is in pyproject.toml; this file only adds to ``build_py``
(which every wheel, sdist-to-wheel and ``pip install`` build runs, editable installs
included) the compiling of ``reader/ui/i18n/*.ts`` into the ``.qm`` files Qt loads, with
``pyside6-lrelease`` (PySide6 is a build requirement for that). A wheel gets them in its
build folder; an editable install (``pip install -e .``) gets them beside the ``.ts`` in
the checkout, where the running code looks (they are git-ignored: built, not committed).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
I18N = Path("reader", "ui", "i18n")


def _translations_tool() -> ModuleType:
    """reader/ui/i18n/update_translations.py, loaded by path: importing ``reader`` here
    would need the app's dependencies in the build environment."""
    spec = importlib.util.spec_from_file_location(
        "update_translations", HERE / I18N / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithTranslations(build_py):
    """``build_py``, then ``.ts`` -> ``.qm`` for every translation."""

    def run(self) -> None:
        super().run()
        tool = _translations_tool()
        editable = bool(getattr(self, "editable_mode", False))
        target = HERE / I18N if editable else Path(self.build_lib) / I18N
        for ts in sorted((HERE / I18N).glob("*.ts")):
            tool.lrelease(ts, target / ts.with_suffix(".qm").name)


setup(cmdclass={"build_py": BuildPyWithTranslations})

"""Bench only: imports without copy signatures, to measure what they cost (issue 14).

``bench/duplicates_bench.py --import-cost`` puts this folder on ``PYTHONPATH`` for the
"without" runs of ``reader import``. Python imports ``sitecustomize`` at start-up, so
this reaches the CLI process *and* the parse workers, which ``reader.workers`` starts
as fresh ``python -m reader --reader-child worker`` processes (not forked: a patch made
in the parent alone would not reach them); ``reader.children.child_env`` keeps the
inherited ``PYTHONPATH`` after the package's own folder.

It patches ``reader.importer.signature_of`` to return None (each article then stores
"too short to compare", and the grouping pass has nothing to compare), and only once
``reader.importer`` is imported, by wrapping that module's loader: processes that never
import it (the index workers) pay nothing, so the "without" runs are not slowed by
the patch itself. No product code knows about this.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from types import ModuleType
from typing import Any

TARGET = "reader.importer"


def _no_signature(article: Any) -> None:
    return None


class _Patcher(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != TARGET:
            return None
        sys.meta_path.remove(self)  # find the real spec, once
        try:
            spec = importlib.machinery.PathFinder.find_spec(name, path)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        real_exec = loader.exec_module  # type: ignore[union-attr]

        def exec_module(module: ModuleType) -> None:
            real_exec(module)
            module.signature_of = _no_signature  # type: ignore[attr-defined]

        loader.exec_module = exec_module  # type: ignore[method-assign,union-attr]
        return spec


sys.meta_path.insert(0, _Patcher())

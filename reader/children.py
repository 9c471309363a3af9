"""How the app starts its own child processes: the same way from source and from a
frozen build.

The importer's workers, the window's import jobs and its search process used to start
with ``python -c CODE`` or ``python -m MODULE``, which a frozen build (PyInstaller and the
like: ``sys.executable`` is the app itself, not a Python) cannot do. Now each is a role of
the app's own entry point: ``<python> -m reader --reader-child ROLE ARGS`` from source,
``<app> --reader-child ROLE ARGS`` frozen. ``reader/__main__.py`` and ``reader.cli.main``
look for the flag before anything else, so a child loads only its role's module.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

CHILD_FLAG = "--reader-child"

# role -> (module, function taking the role's argv and returning an exit status)
ROLES: dict[str, tuple[str, str]] = {
    "worker": ("reader.workers", "worker_main"),
    "job": ("reader.background.job_process", "main"),
    "search": ("reader.background.search_process", "main"),
}

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def child_command(role: str, *args: str) -> list[str]:
    """The command line that starts *role* with *args*."""
    if role not in ROLES:
        raise ValueError(f"no such child role: {role}")
    if is_frozen():
        return [sys.executable, CHILD_FLAG, role, *args]
    return [sys.executable, "-m", "reader", CHILD_FLAG, role, *args]


def child_env() -> dict[str, str]:
    """The environment for a child: this one, with the folder this package was imported
    from first on PYTHONPATH (from source: the child imports this same copy, even when
    the caller was started from elsewhere), and UTF-8 pipes."""
    env = dict(os.environ)
    if not is_frozen():
        previous = env.get("PYTHONPATH")
        env["PYTHONPATH"] = _PACKAGE_ROOT + (os.pathsep + previous if previous else "")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def child_role(argv: Sequence[str]) -> list[str] | None:
    """``[role, args...]`` if *argv* (without the program name) starts a child, else None."""
    if len(argv) >= 2 and argv[0] == CHILD_FLAG:
        return list(argv[1:])
    return None


def run_child(role_argv: Sequence[str]) -> int:
    """Run a child's role (``[role, args...]``); its exit status."""
    role, *args = role_argv
    if role not in ROLES:
        print(f"reader: no such child role: {role}", file=sys.stderr)
        return 2
    module, function = ROLES[role]
    main = getattr(importlib.import_module(module), function)
    return int(main(args) or 0)

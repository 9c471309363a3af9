"""File names that are not valid UTF-8: how the library shows them and keeps them.

On POSIX a file name is bytes. Archives copied from Windows often carry GBK (or Big5)
names, which Python hands over as ``str`` with lone surrogates (PEP 383); SQLite, JSON
and a terminal all refuse those, and one such name used to abort a whole import. So a
path has two forms: the *display* form, each component decoded as UTF-8, else GB18030,
else Big5, else with backslash escapes (what the catalogue's ``path`` column, the lists
and every message show), and the real bytes, kept beside it only when they differ, so a
re-scan still finds the file on disk and knows it unchanged, moved or gone.
"""

from __future__ import annotations

import os

_ENCODINGS = ("utf-8", "gb18030", "big5")


def is_undecodable(path: str) -> bool:
    """Whether *path* holds bytes that are not UTF-8 (as surrogates)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def display_path(path: str) -> str:
    """*path* as a person should read it; itself when it is valid UTF-8."""
    if not is_undecodable(path):
        return path
    return "/".join(_decode_component(part) for part in os.fsencode(path).split(b"/"))


def _decode_component(part: bytes) -> str:
    for encoding in _ENCODINGS:
        try:
            return part.decode(encoding)
        except UnicodeDecodeError:
            continue
    return part.decode("utf-8", "backslashreplace")


def path_bytes(path: str) -> bytes | None:
    """The real bytes of *path* when its display form differs from it, else None."""
    return os.fsencode(path) if is_undecodable(path) else None


def real_path(display: str, raw: bytes | None) -> str:
    """The path to open, from what the catalogue stores (display form, bytes or NULL)."""
    return os.fsdecode(raw) if raw is not None else display

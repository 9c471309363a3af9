"""JSON text that survives whatever reads it line by line.

``json.dumps(..., ensure_ascii=False)`` keeps Chinese readable, but it also leaves U+2028,
U+2029 and U+0085 raw inside strings: Python's ``str.splitlines``, JavaScript and many
log tools treat them as line breaks, so one record of ``reader parse --json`` could split
in two. Lone surrogates (from undecodable file names) cannot be written as UTF-8 at all.
Both are written as ``\\uXXXX`` escapes instead, which every JSON reader decodes back to
the same string.
"""

from __future__ import annotations

import json
import re
from typing import Any

_UNSAFE = re.compile("[\u0085\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(obj: Any, **kwargs: Any) -> str:
    """``json.dumps`` with non-ASCII kept, and line-breaking or unencodable characters
    escaped (they can only occur inside JSON strings, so the escape is always valid)."""
    return _UNSAFE.sub(_escape, json.dumps(obj, ensure_ascii=False, **kwargs))

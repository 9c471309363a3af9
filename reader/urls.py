"""URL helpers shared by the parsers and the catalogue.

``url_key`` is the form two URLs are compared in, so ``http://www.x.com/a/`` and
``https://x.com/a`` resolve to the same archived article.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = ("http", "https")


def url_key(url: str | None) -> str | None:
    """A comparison key: no scheme, no ``www.``, no fragment, no trailing slash, lowercase host."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    if host.endswith(":80") or host.endswith(":443"):
        host = host.rsplit(":", 1)[0]
    path = parts.path.rstrip("/")
    key = host + path
    if parts.query:
        key += "?" + parts.query
    return key


def site_of(url: str | None) -> str | None:
    """The host of *url* without ``www.``, as a fallback site name."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host

"""URL helpers shared by the parsers and the catalogue.

``url_key`` is the form two URLs are compared in, so ``http://www.x.com/a/`` and
``https://x.com/a`` resolve to the same archived article.

``urllib.parse`` raises ``ValueError`` on URLs that saved pages really hold (``http://[::1``,
a host that NFKC-normalises to one holding ``/`` or ``#``...): the parsers go through
``split_url`` and ``join_url`` here, which answer None instead, so one malformed link is
dropped rather than taking the whole page with it.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit

SAFE_SCHEMES = ("http", "https")


def split_url(url: str) -> SplitResult | None:
    """``urlsplit(url)`` with its ``hostname`` checked too; None when either raises."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 - raises ValueError for a malformed bracketed host
    except ValueError:
        return None
    return parts


def join_url(base: str | None, url: str) -> str | None:
    """*url* resolved against *base* (when there is one); None when it cannot be parsed."""
    try:
        joined = urljoin(base, url) if base else url
        urlsplit(joined).hostname  # noqa: B018 - validate what the callers will split
    except ValueError:
        return None
    return joined


def url_key(url: str | None) -> str | None:
    """A comparison key: no scheme, no ``www.``, no fragment, no trailing slash, lowercase host."""
    if not url:
        return None
    parts = split_url(url.strip())
    if parts is None:
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
    parts = split_url(url.strip())
    host = parts.hostname if parts is not None else None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host

"""Turn one archive file into an Article: read (capped), decode, sniff the format, parse.

One module per format (``textformat``, ``html``); this package only dispatches. Every
problem with a file becomes ``NotAnArticle`` with a reason a person can act on, so an
import can skip the file and go on.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from reader import messages as m
from reader.article import Article
from reader.decode import decode_bytes, looks_binary
from reader.errors import NotAnArticle

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_BYTES = 8 * 1024 * 1024
"""Read at most this much of a file: no news article is bigger, and a stray disk image
or log named ``.txt`` must not exhaust memory."""


@dataclass(slots=True)
class ParsedFile:
    article: Article
    size: int
    mtime_ns: int
    content_hash: str
    encoding: str


def is_article_file(path: str | os.PathLike[str]) -> bool:
    """Whether the importer should look at *path* at all (by name, before reading it)."""
    name = os.path.basename(path)
    if name.startswith("."):
        return False
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def read_capped(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> tuple[bytes, int, int]:
    """(data, size, mtime_ns) with data capped at *max_bytes*; clear errors for bad paths.

    Only a regular file is read, and opening never blocks: a path can change between the
    importer's walk and this read, and a plain ``open()`` of a FIFO swapped in waits for a
    writer forever (a worker was seen stuck at 40 % for minutes); a device could stream
    without end. So: open with ``O_NONBLOCK``, then ``fstat`` the open file (not the
    path, which can change again) and refuse anything but a regular file.
    """
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_NOCTTY", 0)
    )
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if os.path.islink(path):
            raise NotAnArticle(m.BROKEN_LINK) from None
        raise NotAnArticle(m.DISAPPEARED) from None
    except PermissionError:
        raise NotAnArticle(m.FILE_PERMISSION_DENIED) from None
    except IsADirectoryError:
        raise NotAnArticle(m.IS_FOLDER) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAnArticle(m.LINK_LOOP) from None
        raise NotAnArticle(m.CANNOT_READ.format(why=exc.strerror or exc)) from None
    try:
        st = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise NotAnArticle(m.CANNOT_READ.format(why=exc.strerror or exc)) from None
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise NotAnArticle(_not_regular(st.st_mode))
    with open(fd, "rb", closefd=True) as handle:
        try:
            data = handle.read(max_bytes)
        except OSError as exc:
            raise NotAnArticle(m.CANNOT_READ.format(why=exc.strerror or exc)) from None
    return data, st.st_size, st.st_mtime_ns


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return m.IS_FOLDER
    kinds = (
        (stat.S_ISFIFO, m.KIND_FIFO),
        (stat.S_ISSOCK, m.KIND_SOCKET),
        (stat.S_ISCHR, m.KIND_CHAR_DEVICE),
        (stat.S_ISBLK, m.KIND_BLOCK_DEVICE),
    )
    kind = next((name for test, name in kinds if test(mode)), m.KIND_SPECIAL)
    return m.SPECIAL_FILE.format(kind=kind)


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def sniff_is_html(path: str, text: str) -> bool:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        head = text[:2048].lstrip().lower()
        return head.startswith(("<!doctype html", "<html")) or "<body" in head[:1024]
    return "<html" in text[:2048].lower()


def parse_bytes(data: bytes, *, path: str, size: int | None = None) -> tuple[Article, str]:
    """Parse already-read bytes; returns the article and the encoding used."""
    size = len(data) if size is None else size
    if not data.strip():
        raise NotAnArticle(m.EMPTY_FILE)
    if looks_binary(data):
        raise NotAnArticle(m.BINARY_FILE)
    suffix = os.path.splitext(path)[1].lower()
    # Cut by the read cap: the last character may be incomplete, which must not make the
    # file undecodable (a one-line 100 MB UTF-8 file was skipped as "cannot be decoded").
    decoded = decode_bytes(data, is_html=suffix in HTML_SUFFIXES, truncated=size > len(data))
    text = decoded.text
    if text.count("\ufffd") > max(20, len(text) // 50):
        raise NotAnArticle(m.UNDECODABLE.format(encoding=decoded.encoding))
    if sniff_is_html(path, text):
        from reader.parse.html import parse_html  # heavy imports only when HTML occurs

        article = parse_html(text, path=path)
    else:
        from reader.parse.textformat import parse_text

        article = parse_text(text, path=path)
    if size > len(data):
        article.warnings.append(m.FILE_CUT.format(size=_human(size), read=_human(len(data))))
    return article, decoded.encoding


def _human(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{size / 1024:.0f} KB"


def parse_file(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> ParsedFile:
    """Read and parse one file. Raises NotAnArticle with a reason for anything unusable."""
    path = str(path)
    data, size, mtime_ns = read_capped(path, max_bytes)
    article, encoding = parse_bytes(data, path=path, size=size)
    return ParsedFile(article, size, mtime_ns, content_hash(data), encoding)


def resolve(path: str | os.PathLike[str]) -> str:
    """The absolute, normalised form of *path* that the catalogue stores."""
    return str(Path(os.path.abspath(path)))

"""reader.urls: the comparison key for links and a malformed URL never raising."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.urls import join_url, site_of, split_url, url_key


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.Example.com/a/b/", "example.com/a/b"),
        ("http://example.com/a/b#part", "example.com/a/b"),
        ("http://example.com:80/a", "example.com/a"),
        ("https://example.com:443/a?x=1", "example.com/a?x=1"),
        ("https://example.com:8080/a", "example.com:8080/a"),
        ("ftp://example.com/a", None),  # not a web page
        ("javascript:alert(1)", None),
        ("http://[::1", None),  # malformed: None, not ValueError
        ("", None),
        (None, None),
    ],
)
def test_url_key(url: str | None, key: str | None) -> None:
    assert url_key(url) == key


def test_the_same_article_by_two_spellings_has_one_key() -> None:
    assert url_key("http://www.x.com/news/1/") == url_key("https://x.com/news/1")


def test_join_and_split_answer_none_for_what_urllib_rejects() -> None:
    assert join_url("https://x.com/a/b.html", "../c.html") == "https://x.com/c.html"
    assert join_url(None, "https://y.org/") == "https://y.org/"
    assert join_url("https://x.com/", "http://[::1") is None
    assert split_url("http://[::1") is None
    assert split_url("https://x.com/a").hostname == "x.com"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.example.com/a", "example.com"),
        ("https://news.example.com", "news.example.com"),
        ("not a url", None),
        (None, None),
    ],
)
def test_site_of(url: str | None, site: str | None) -> None:
    assert site_of(url) == site


@given(st.text(max_size=120), st.text(max_size=60))
def test_no_url_makes_them_raise(base: str, url: str) -> None:
    url_key(url)
    site_of(url)
    split_url(url)
    join_url(base or None, url)

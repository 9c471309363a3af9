"""The link policy and the history, without a window."""

from __future__ import annotations

from pathlib import Path

from reader.ui.reading.history import History
from reader.ui.reading.links import article_url, classify_link


def test_archived_and_web_links() -> None:
    assert classify_link(article_url(42)).article_id == 42
    assert classify_link("article:42").kind == "article"
    assert classify_link("article:abc").kind == "refused"
    assert classify_link("https://example.com/a?b=1").kind == "external"
    assert classify_link("HTTP://EXAMPLE.COM").kind == "external"
    assert classify_link("https://").kind == "refused"
    assert classify_link("#section").kind == "anchor"


def test_other_schemes_say_why() -> None:
    for url, words in [
        ("javascript:alert(1)", "run code"),
        ("JavaScript:void(0)", "run code"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data:"),
        ("mailto:someone@example.com", "mailto:"),
        ("page2.html", "relative link"),
        ("file:///etc/passwd", "outside the archive"),
    ]:
        action = classify_link(url)
        assert action.kind == "refused", url
        assert words in action.reason, (url, action.reason)


def test_file_links_inside_the_archive(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    (root / "sub").mkdir(parents=True)
    article = root / "sub" / "a.txt"
    article.write_text("x")
    other = root / "sub" / "image.png"
    other.write_text("x")
    known = {str(article): 7}
    action = classify_link(article.as_uri(), roots=[str(root)], id_at_path=known.get)
    assert action.kind == "article" and action.article_id == 7
    action = classify_link(other.as_uri(), roots=[str(root)], id_at_path=known.get)
    assert action.kind == "refused" and "not an article" in action.reason
    # a path that climbs out of the archive is outside it
    sneaky = "file://" + str(root) + "/../../etc/passwd"
    assert classify_link(sneaky, roots=[str(root)], id_at_path=known.get).kind == "refused"


def test_history_walks_back_and_forward() -> None:
    history = History()
    for article_id in (1, 2, 2, 3):
        history.visit(article_id)
    assert history.back() == 2 and history.back() == 1 and history.back() is None
    assert history.forward() == 2
    history.visit(9)  # a new visit drops what was ahead
    assert not history.can_go_forward() and history.back() == 2
    history.forget(2)
    assert history.current is None and history.back() == 1

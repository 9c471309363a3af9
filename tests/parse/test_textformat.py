"""The archive's text format: fields, junk removal, title recovery, links, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import NotAnArticle
from reader.parse import parse_bytes, parse_file
from reader.parse.textformat import parse_text

# Written for these tests (not taken from any corpus).
ENGLISH = """2024-03-08

Cross-border News:Parcel lockers change how Europe

Parcel lockers change how Europe receives cross-border orders

(Image: Lockers outside a train station)

Across Germany and Poland, parcel lockers now take a growing share of deliveries \
from overseas marketplaces, and sellers who ship from China are adjusting their labels to match.

Operators say a locker costs a fraction of a doorstep delivery because couriers \
drop dozens of parcels at one stop, and shoppers collect them on the way home.

Parcel lockers change how Europe receives cross-border orders

(Photo credit: Example Logistics)

For sellers the change means picking a carrier that can route to lockers directly. \
Across Germany and Poland, parcel lockers now take a growing share of deliveries from overseas \
marketpl

Original: https://news.example.com/2024/03/lockers.html


Why returns cost more than shipping: https://news.example.com/2024/02/returns.html
Parcel lockers change how Europe receives cross-border orders: https://news.example.com/2024/03/lockers.html
Share: https://news.example.com/search?q=lockers
A guide to EU VAT for small sellers: https://www.example.org/vat-guide

No comments:

Post a Comment"""

TRADITIONAL = """2024-11-02

跨境資訊:超商取貨成為網購主流

超商取貨成為網購主流，物流業者搶攻最後一哩路。

許多消費者偏好在下班途中到便利商店取貨，不必在家等候配送。

原文連結:https://tw.example.com/news/1001"""


def test_english_article_fields_and_junk() -> None:
    article = parse_text(ENGLISH)
    assert article.date == "2024-03-08"
    assert article.site == "Cross-border News"
    assert article.title == "Parcel lockers change how Europe receives cross-border orders"
    assert article.source_url == "https://news.example.com/2024/03/lockers.html"
    assert article.language == "en"
    body = "\n".join(article.paragraphs)
    # The title repeated where images were is gone; credits are captions, not body text.
    assert article.title not in body
    assert "(Image: Lockers outside a train station)" not in article.paragraphs
    assert article.captions == [
        "(Image: Lockers outside a train station)",
        "(Photo credit: Example Logistics)",
    ]
    # The teaser glued onto the last paragraph is cut, the real sentence kept.
    assert article.paragraphs[-1] == (
        "For sellers the change means picking a carrier that can route to lockers directly."
    )
    assert "No comments" not in body and "Post a Comment" not in body
    # Self-link and site-search link are not related links.
    assert [(link.title, link.url) for link in article.links] == [
        ("Why returns cost more than shipping", "https://news.example.com/2024/02/returns.html"),
        ("A guide to EU VAT for small sellers", "https://www.example.org/vat-guide"),
    ]


def test_traditional_article() -> None:
    article = parse_text(TRADITIONAL)
    assert article.language == "zh-Hant"
    assert article.site == "跨境資訊"
    assert article.title == "超商取貨成為網購主流"
    assert article.source_url == "https://tw.example.com/news/1001"
    assert len(article.paragraphs) == 2


def test_colon_in_title_is_not_a_site_prefix() -> None:
    article = parse_text("2023-01-01\n\n北京：打造花园城市 提升生态福祉\n\n正文第一段。")
    assert article.site is None
    assert article.title == "北京：打造花园城市 提升生态福祉"


def test_missing_date_line() -> None:
    article = parse_text("\n\n一个没有日期的标题\n\n第一段正文。\n\n第二段正文。")
    assert article.date is None
    assert article.title == "一个没有日期的标题"
    assert article.paragraphs == ["第一段正文。", "第二段正文。"]


def test_leading_teaser_dropped() -> None:
    text = (
        "2022-02-02\n\nA title\n\nSellers who list on three marketplaces at once need one"
        "...\n\nSellers who list on three marketplaces at once need one stock count.\n\n"
        "A second paragraph follows here."
    )
    article = parse_text(text)
    assert article.paragraphs == [
        "Sellers who list on three marketplaces at once need one stock count.",
        "A second paragraph follows here.",
    ]


def test_hard_wrapped_english_is_rejoined() -> None:
    text = (
        "2021-06-01\n\nWrapped\n\nThis paragraph was hard-wrapped by an old mail client at\n"
        "about sixty characters, and it should be read as one piece\nof prose again.\n\n"
        "Next paragraph."
    )
    assert parse_text(text).paragraphs == [
        "This paragraph was hard-wrapped by an old mail client at about sixty characters, "
        "and it should be read as one piece of prose again.",
        "Next paragraph.",
    ]


def test_numbered_lines_become_headings() -> None:
    article = parse_text(
        "2023-01-01\n\n标题\n\n一、市场概况\n\n今年的市场规模继续扩大，卖家数量同比增长。"
    )
    assert [b.kind for b in article.blocks] == ["h", "p"]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk"]
)
def test_simplified_in_each_encoding(encoding: str) -> None:
    text = (
        "2023-07-01\r\n\r\n跨境电商资讯:海外仓选址的三个要点\r\n\r\n"
        "卖家在选择海外仓时，首先要看离主要客户有多远。\r\n\r\n"
        "其次是仓储费用和退货处理能力。\r\n\r\n原文转载:https://cn.example.com/a/77.html"
    )
    article, _ = parse_bytes(text.encode(encoding), path=f"x-{encoding}.txt")
    assert article.title == "海外仓选址的三个要点"
    assert article.site == "跨境电商资讯"
    assert article.date == "2023-07-01"
    assert article.paragraphs == [
        "卖家在选择海外仓时，首先要看离主要客户有多远。",
        "其次是仓储费用和退货处理能力。",
    ]
    assert article.source_url == "https://cn.example.com/a/77.html"


@pytest.mark.parametrize("encoding", ["big5", "utf-16-be", "utf-8"])
def test_traditional_in_each_encoding(encoding: str) -> None:
    data = TRADITIONAL.replace("\n", "\r\n").encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    article, _ = parse_bytes(data, path="t.txt")
    assert article.title == "超商取貨成為網購主流"
    assert article.language == "zh-Hant"


def test_empty_and_binary_files_are_not_articles(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(NotAnArticle, match="empty"):
        parse_file(empty)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with pytest.raises(NotAnArticle, match="binary"):
        parse_file(binary)


def test_huge_file_is_capped_with_a_warning(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("2020-01-01\n\nBig\n\n" + ("A long line of text. " * 50 + "\n\n") * 2000)
    parsed = parse_file(big, max_bytes=64 * 1024)
    assert parsed.size > 64 * 1024
    assert parsed.article.warnings and "only the first" in parsed.article.warnings[0]


def test_seed_file(seed_file: Path) -> None:
    article = parse_file(seed_file).article
    assert article.date == "2023-05-15"
    assert article.site == "跨境电商资讯"
    assert article.title == "TikTok社群电商,2023 年出海做生意的新选择"
    assert article.source_url == "https://www.kjdsnews.com/a/1441083.html"
    assert article.language == "zh-Hans"
    body = "\n".join(article.paragraphs)
    assert "图片来源" not in body and "数据来源" not in body
    assert any("图片来源" in c for c in article.captions)
    assert article.title not in article.paragraphs
    # The truncated teaser of the opening is gone from the end; the opening itself stays once.
    assert body.count("全球电商市场即将突破四万亿美元") == 1
    assert "Post a Comment" not in body and "No comments" not in body
    assert "原文转载" not in body
    urls = [link.url for link in article.links]
    assert "https://www.kjdsnews.com/a/1441083.html" not in urls  # self-link
    assert "https://www.kjdsnews.com/a/1441082.html" in urls
    assert "https://www.ikjzd.com/articles/136424" in urls
    assert not any("search?keyword" in u for u in urls)
    assert article.blocks[1].kind == "h"


def test_real_archives_parse(tmp_path: Path) -> None:
    from tests.conftest import shared_path

    for folder, language in (("zh-news", "zh-Hans"), ("zh-hant-news", "zh-Hant")):
        files = sorted(shared_path("corpus", folder).glob("*.txt"))
        manifest = {
            line.split("\t")[0]: line.split("\t")
            for line in (shared_path("corpus", folder) / "manifest.tsv")
            .read_text(encoding="utf-8")
            .splitlines()[1:]
        }
        languages = []
        for path in files:
            article = parse_file(path).article
            row = manifest[path.name]
            assert article.date == (row[2] or None), path
            assert " ".join(article.title.split()) == " ".join(row[3].split()), path
            assert article.paragraphs, path
            assert not any("更新时间戳" in p for p in article.paragraphs)
            languages.append(article.language)
        assert languages.count(language) >= 0.95 * len(languages), folder

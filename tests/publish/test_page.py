"""The feed's own page (``<name>.html``) and ``feed.xsl``, which shows a raw feed as a page."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from lxml import etree
from test_feed import INFO, MAIN, NOW, TEASERS, sample_feed

from conftest import GoldenCheck
from pagefeed.model import Entry, FeedFormat, Image, Story
from pagefeed.publish.feed import build_feed, render
from pagefeed.publish.page import render_page
from pagefeed.publish.stylesheet import stylesheet
from pagefeed.publish.webpage import ABOUT_FEEDS

STORIES = (MAIN, *TEASERS)
VOID = {"meta", "link", "img", "br", "input"}


class Tree(HTMLParser):
    """Checks that tags nest and collects the visible text, links and autodiscovery tags."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.text: list[str] = []
        self.alternates: list[dict[str, str | None]] = []
        self.hrefs: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "alternate":
            self.alternates.append(found)
        for key in ("href", "src"):
            if found.get(key):
                self.hrefs.append(str(found[key]))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open[-1] == tag, f"</{tag}> closes <{self.open[-1]}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] not in ("style", "title"):
            self.text.append(data)


def parsed(data: bytes) -> Tree:
    tree = Tree()
    tree.feed(data.decode("utf-8"))
    tree.close()
    assert tree.open == []
    return tree


def test_golden_page(golden: GoldenCheck) -> None:
    golden("feed/harbour.html", render_page(sample_feed()))


def test_the_page_explains_feeds_and_shows_every_entry() -> None:
    page = parsed(render_page(sample_feed()))
    text = " ".join(" ".join(page.text).split())
    assert INFO.title in text
    assert " ".join(ABOUT_FEEDS.split()) in text
    for url in ("harbour.atom.xml", "harbour.rss.xml", "harbour.feed.json"):
        assert f"https://feeds.example.org/{url}" in text  # the address to copy
        assert url in page.hrefs  # a relative link: it works from disk too
    for story in STORIES:
        assert story.title in text
        if story.image is not None:
            for part in (story.image.caption, story.image.credit):
                assert not part or part in text
    assert MAIN.summary in text
    assert "15 January 2026, 12:00 UTC" in text
    assert [(a["type"], a["href"]) for a in page.alternates] == [
        ("application/atom+xml", "harbour.atom.xml"),
        ("application/rss+xml", "harbour.rss.xml"),
        ("application/feed+json", "harbour.feed.json"),
    ]
    assert "script" not in page.tags


def test_the_page_lists_only_the_formats_written() -> None:
    page = parsed(render_page(sample_feed(), formats=("rss",)))
    assert [a["href"] for a in page.alternates] == ["harbour.rss.xml"]
    assert "harbour.atom.xml" not in page.hrefs


def test_the_page_is_sanitised() -> None:
    story = Story(
        title='<script>alert("t")</script> & co',
        summary="<img src=x onerror=alert(1)>",
        link="javascript:alert(1)",
        id="urn:uuid:00000000-0000-4000-8000-00000000000b",
        image=Image(url="javascript:alert(2)", caption="<b>bold</b>", credit='"quoted"'),
    )
    info = INFO._replace(title="<i>Feeds</i>", description="<script>x</script>")
    feed = build_feed(info, [Entry(story=story, published=NOW, updated=NOW)], now=NOW)
    data = render_page(feed)
    page = parsed(data)
    assert page.tags <= {
        "html", "head", "meta", "title", "link", "style", "body", "main", "header", "h1", "h2",
        "h3", "p", "a", "section", "dl", "dt", "dd", "code", "article", "time", "figure",
        "figcaption", "small",
    }  # fmt: skip
    assert "javascript:" not in data.decode()
    text = " ".join(page.text)
    assert '<script>alert("t")</script> & co' in text
    assert "<b>bold</b>" in text


def test_an_empty_feed_says_so() -> None:
    feed = build_feed(INFO, [], now=NOW)
    assert "No stories yet." in " ".join(parsed(render_page(feed)).text)


@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_the_stylesheet_shows_a_raw_feed_like_the_page(fmt: FeedFormat) -> None:
    data = render(sample_feed(), fmt, stylesheet="feed.xsl")
    assert b'<?xml-stylesheet type="text/xsl" href="feed.xsl"?>' in data.split(b"\n")[1]
    transform = etree.XSLT(etree.fromstring(stylesheet()))
    html = str(transform(etree.fromstring(data)))
    page = parsed(html.encode("utf-8").replace(b"<!DOCTYPE html SYSTEM", b"<!DOCTYPE html"))
    text = " ".join(" ".join(page.text).split())
    assert INFO.title in text
    assert f"https://feeds.example.org/harbour.{fmt.value}.xml" in text
    for story in STORIES:
        assert story.title in text
        if story.image is not None:
            for part in (story.image.caption, story.image.credit):
                assert not part or part in text
    assert "https://img.example.org/ferry.jpg" in page.hrefs
    assert "script" not in page.tags

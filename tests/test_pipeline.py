"""Every page we ship as a fixture, through the whole core: parse, dates, feeds.

Golden files (``tests/golden/pipeline/``) hold each page's JSON parse and its RSS and Atom feeds;
``pytest --update-golden`` rewrites them for review. Every feed must be clean for the offline
W3C-rules checker and read by feedparser without a complaint.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, GoldenCheck
from pagefeed.errors import ParseError
from pagefeed.extract.dates import assign_dates
from pagefeed.extract.parse import parse
from pagefeed.model import FeedFormat, FeedInfo, Page
from pagefeed.publish.build import entries_from_page, read_source
from pagefeed.publish.feed import UNTITLED, build_feed, feed_text, render
from pagefeed.publish.feedcheck import check_feed
from pagefeed.serialize import page_to_json

NOW = datetime(2026, 1, 15, 12, tzinfo=UTC)
SAMPLE = ROOT / "examples" / "pages" / "world-briefing.txt"
PAGES = sorted(
    [SAMPLE, *(FIXTURES / "text").glob("*.txt"), *(FIXTURES / "html").glob("*.html")],
    key=lambda p: (p.parent.name, p.name),
)
INFO = FeedInfo(
    name="fixture",
    title="Fixture feed",
    site_url="https://news.example.org/",
    feed_url="https://feeds.example.org/",
    description="Built from a test page",
)


def build_page(text: str, *, url: str | None = None) -> tuple[Page, bytes, bytes]:
    page = assign_dates(parse(text, url=url), now=NOW)
    feed = build_feed(INFO, entries_from_page(page), now=NOW)
    return page, render(feed, FeedFormat.RSS), render(feed, FeedFormat.ATOM)


def assert_clean(rss: bytes, atom: bytes) -> None:
    assert check_feed(rss, fmt="rss", feed_url=INFO.url_for(FeedFormat.RSS)) == []
    assert check_feed(atom, fmt="atom", feed_url=INFO.url_for(FeedFormat.ATOM)) == []


def page_url(path: Path) -> str | None:
    return f"https://news.example.org/{path.stem}" if path.suffix == ".html" else None


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_pages_match_golden_files(path: Path, golden: GoldenCheck) -> None:
    text = read_source(str(path)).text
    page, rss, atom = build_page(text, url=page_url(path))
    stem = f"pipeline/{path.parent.name}/{path.stem}"
    golden(f"{stem}.json", page_to_json(page))
    golden(f"{stem}.rss.xml", rss)
    golden(f"{stem}.atom.xml", atom)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_feeds_are_valid_and_readable(path: Path) -> None:
    page, rss, atom = build_page(read_source(str(path)).text, url=page_url(path))
    assert_clean(rss, atom)
    ids = [story.id for story in page.stories]
    assert len(ids) == len(set(ids))
    dates = [story.date for story in page.stories]
    assert len(dates) == len(set(dates)), "entries need distinct dates"
    for data in (rss, atom):
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert len(parsed.entries) == len(page.stories)


def test_same_input_gives_same_bytes() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert build_page(text)[1:] == build_page(text)[1:]


def test_bundled_sample_shape() -> None:
    page, _, _ = build_page(SAMPLE.read_text(encoding="utf-8"))
    assert page.main is not None
    assert page.main.stated_date is not None
    assert len(page.teasers) == 8
    assert sum(1 for t in page.teasers if t.image is None) == 1


def test_real_gzero_page(shared_page: Callable[[str], Path]) -> None:
    path = shared_page("gzero-south-korea.txt")
    page, rss, atom = build_page(path.read_text(encoding="utf-8"))
    assert_clean(rss, atom)
    assert len(page.stories) == 9
    assert page.main is not None
    assert page.main.image is not None
    assert page.main.image.credit == "Vladimir Smirnov/Reuters"
    parsed = feedparser.parse(atom)
    assert parsed.entries[0].title == page.main.title
    credited = 0
    for story, entry in zip(page.stories, parsed.entries, strict=True):
        if story.image is not None and story.image.credit:
            figcaption = entry.content[0].value.split("<figcaption>", 1)[1]
            assert story.image.credit in figcaption.split("</figcaption>", 1)[0]
            credited += 1
    assert credited == 8  # every story but the "Listen:" teaser has a credited picture


text_pages = st.lists(
    st.one_of(
        st.text(min_size=0, max_size=80),
        st.sampled_from(
            [
                "More from Example News",
                "REUTERS/Jane Roe",
                "Jane Roe/ Pool via REUTERS",
                "A crowd gathers in the square on March 3, 2025.",
                "FILE PHOTO: A ship in the harbour in January 2023.",
                "Listen: a podcast about <b>things</b> & stuff.",
                "Read moreShow less",
                "",
                "By Example NewsJanuary 08, 2026",
                "December 02, 2025",
            ]
        ),
    ),
    min_size=1,
    max_size=30,
).map("\n".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_pages)
def test_any_parsed_page_renders_to_readable_valid_feeds(text: str) -> None:
    try:
        page, rss, atom = build_page(text)
    except ParseError:
        return
    assert_clean(rss, atom)
    for data in (rss, atom):
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        titles = [entry.title.replace("\u2060", "") for entry in parsed.entries]
        # A title of noncharacters only (U+FDD0) is cleaned away and published as UNTITLED.
        published = [feed_text(story.title) or UNTITLED for story in page.stories]
        assert len(titles) == len(published)
        for title, expected in zip(titles, published, strict=True):
            assert title in readings(expected)


def readings(text: str) -> set[str]:
    """How feedparser may read ``text``: as it is, or (a quirk) decoded again when it re-encodes
    to Latin-1 as valid UTF-8 ("Â¡" reads as "¡", but "&Â¼" stays). Our bytes are right."""
    text = text.replace("\u2060", "")
    try:
        return {text, text.encode("iso-8859-1").decode("utf-8")}
    except (UnicodeEncodeError, UnicodeDecodeError):
        return {text}

"""The feed builder: golden output, reproducibility, feedgen quirks, validator conformance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import GoldenCheck
from pagefeed.errors import FeedError
from pagefeed.model import Entry, FeedFormat, FeedInfo, Image, Story
from pagefeed.publish.feed import MEDIA_NS, UNTITLED, Feed, build_feed, feed_text, render
from pagefeed.publish.feedcheck import check_feed

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = f"{{{MEDIA_NS}}}"
NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
INFO = FeedInfo(
    name="harbour",
    title="Harbour Town Gazette (sample)",
    site_url="https://news.example.org/",
    feed_url="https://feeds.example.org/",
    description="Stories from the Harbour Town Gazette",
    author="Harbour Town Gazette",
    language="en",
)

MAIN = Story(
    title="Ferry service returns to the north shore after a winter of repairs",
    summary="The old car ferry is back on its route, with a new engine and a longer timetable.",
    body=(
        "The council's car ferry made its first crossing of the year on Monday morning.",
        "Engineers replaced the engine & rebuilt the ramp; the trip now takes 12 minutes.",
    ),
    author="Mara Quist",
    link="https://news.example.org/2026/01/ferry-returns",
    id="https://news.example.org/2026/01/ferry-returns",
    image=Image(
        url="https://img.example.org/ferry.jpg",
        caption="The ferry leaves the north pier on its first run, January 12, 2026.",
        credit="Ola Brandt/ Pool via REUTERS",
    ),
)
TEASERS = (
    Story(
        title="Lighthouse keepers' cottage to become a museum",
        summary="The trust that bought the cottage plans to open it in the spring.",
        section="More from the Gazette",
        id="urn:uuid:0f6d1c52-8d1e-4d3a-9a43-5b7c1e2d9f01",
        image=Image(
            url="https://img.example.org/cottage.jpg",
            caption="The keepers' cottage under scaffolding.",
            credit="REUTERS/Ines Vahl",
        ),
    ),
    Story(
        title="Listen: the fish market at dawn",
        summary="A ten-minute sound walk through the market before the first sale.",
        section="More from the Gazette",
        id="urn:uuid:4b1d7a0e-33c2-4f8e-b2d6-0c9e8a7f6e02",
    ),
    Story(
        title="Hard Numbers: the bridge vote",
        summary="Votes for, against, and the size of the bill <in euros> & cents.",
        section="Most Popular",
        label="Hard Numbers",
        link="https://news.example.org/2026/01/bridge-numbers",
        id="urn:uuid:9a3e5f10-2b4c-4d6e-8f10-1a2b3c4d5e03",
        image=Image(url="/images/relative.png", caption="", credit="Illustration by Tove Lind"),
    ),
)


def entries_for(stories: tuple[Story, ...], *, newest: datetime = NOW) -> list[Entry]:
    """Entries one minute apart, in page order, the first the newest."""
    return [
        Entry(
            story=s, published=newest - timedelta(minutes=i), updated=newest - timedelta(minutes=i)
        )
        for i, s in enumerate(stories)
    ]


def sample_feed() -> Feed:
    return build_feed(INFO, entries_for((MAIN, *TEASERS)), now=NOW)


def problems(feed: Feed, fmt: FeedFormat) -> list[str]:
    return check_feed(render(feed, fmt), fmt=fmt.value, feed_url=feed.info.url_for(fmt), now=NOW)


# --- build_feed ----------------------------------------------------------------------------


def test_build_feed_keeps_order_and_takes_newest_entry_date() -> None:
    entries = entries_for((MAIN, *TEASERS))
    entries[2] = entries[2]._replace(updated=NOW + timedelta(hours=1))
    feed = build_feed(INFO, entries, now=NOW + timedelta(days=3))
    assert [e.story.id for e in feed.entries] == [s.id for s in (MAIN, *TEASERS)]
    assert feed.updated == NOW + timedelta(hours=1)


def test_build_feed_without_entries_uses_now() -> None:
    assert build_feed(INFO, [], now=NOW).updated == NOW


def test_build_feed_normalises_dates_to_utc_seconds() -> None:
    plus_two = timezone(timedelta(hours=2))
    local = datetime(2026, 1, 15, 14, 0, 5, 123456, tzinfo=plus_two)
    feed = build_feed(INFO, [Entry(MAIN, local, local)], now=NOW)
    assert feed.entries[0].published == datetime(2026, 1, 15, 12, 0, 5, tzinfo=UTC)
    assert feed.entries[0].published.tzinfo is UTC


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: [e[0], e[1]._replace(story=MAIN)], "repeats entry 0"),
        (lambda e: [e[0]._replace(published=datetime(2026, 1, 1))], "no time zone"),
        (lambda e: [e[0]._replace(updated=datetime(2026, 1, 1))], "no time zone"),
        (lambda e: [e[0], e[1]._replace(updated=e[0].updated)], "updated time"),
        (
            lambda e: [e[0]._replace(story=MAIN._replace(id=""))],
            "not a URI",
        ),
        (
            lambda e: [e[0]._replace(story=MAIN._replace(id="no id"))],
            "not a URI",
        ),
    ],
)
def test_build_feed_rejects_bad_input(change: object, message: str) -> None:
    entries = change(entries_for((MAIN, *TEASERS)))  # type: ignore[operator]
    with pytest.raises(FeedError, match=message):
        build_feed(INFO, entries, now=NOW)


def test_ids_are_compared_in_published_form() -> None:
    twin = TEASERS[0]._replace(id="HTTPS://News.Example.ORG:443/2026/01/ferry-returns")
    with pytest.raises(FeedError, match="repeats entry 0"):
        build_feed(INFO, entries_for((MAIN, twin)), now=NOW)
    with pytest.raises(FeedError, match="not a URI"):
        build_feed(INFO, entries_for((MAIN._replace(id="urn:x:<a>"),)), now=NOW)


def test_build_feed_rejects_naive_now_and_relative_urls() -> None:
    with pytest.raises(FeedError, match="no time zone"):
        build_feed(INFO, [], now=datetime(2026, 1, 1))
    with pytest.raises(FeedError, match="site URL"):
        build_feed(INFO._replace(site_url="/news/"), [], now=NOW)


# --- rendering ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_golden_feeds(fmt: FeedFormat, golden: GoldenCheck) -> None:
    golden(f"feed/harbour.{fmt.value}.xml", render(sample_feed(), fmt))


@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_rendering_is_reproducible(fmt: FeedFormat) -> None:
    first = render(sample_feed(), fmt)
    later = build_feed(INFO, entries_for((MAIN, *TEASERS)), now=NOW + timedelta(days=30))
    assert render(later, fmt) == first
    assert render(sample_feed(), fmt) == first


@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_sample_feed_is_clean(fmt: FeedFormat) -> None:
    assert problems(sample_feed(), fmt) == []


def test_atom_details() -> None:
    root = etree.fromstring(render(sample_feed(), FeedFormat.ATOM))
    assert root.findtext(f"{ATOM}updated") == "2026-01-15T12:00:00+00:00"
    generator = root.find(f"{ATOM}generator")
    assert generator is not None
    assert generator.text == "pagefeed"
    assert generator.get("version") is None
    links = root.findall(f"{ATOM}link")
    assert [link.get("rel") for link in links] == ["self", "alternate"]
    assert links[0].get("href") == "https://feeds.example.org/harbour.atom.xml"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Harbour Town Gazette"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [s.title for s in (MAIN, *TEASERS)]
    first = entries[0]
    link = first.find(f"{ATOM}link")
    assert link is not None
    assert (link.get("rel"), link.get("type")) == ("alternate", "text/html")
    assert first.findtext(f"{ATOM}published") == "2026-01-15T12:00:00+00:00"
    content = first.find(f"{ATOM}content")
    assert content is not None
    assert content.get("type") == "html"
    assert content.text is not None
    assert content.text.startswith('<figure><img src="https://img.example.org/ferry.jpg"')
    assert "<small>Ola Brandt/ Pool via REUTERS</small></figcaption>" in content.text
    summary = first.find(f"{ATOM}summary")
    assert summary is not None
    assert summary.get("type") == "text"
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Mara Quist"


def test_rss_details() -> None:
    root = etree.fromstring(render(sample_feed(), FeedFormat.RSS))
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("link") == "https://news.example.org/"
    assert channel.findtext("lastBuildDate") == "Thu, 15 Jan 2026 12:00:00 +0000"
    assert channel.findtext("generator") == "pagefeed"
    items = channel.findall("item")
    guids = [item.find("guid") for item in items]
    assert [g.get("isPermaLink") for g in guids if g is not None] == [
        "true",
        "false",
        "false",
        "false",
    ]
    assert items[0].find("author") is None
    assert items[0].findtext("{http://purl.org/dc/elements/1.1/}creator") == "Mara Quist"
    assert items[1].findtext("link") == "https://news.example.org/"  # no link: the site
    assert items[1].findtext("pubDate") == "Thu, 15 Jan 2026 11:59:00 +0000"


@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_media_metadata(fmt: FeedFormat) -> None:
    root = etree.fromstring(render(sample_feed(), fmt))
    entries = root.findall(".//item") or root.findall(f"{ATOM}entry")
    assert not root.findall(f".//{MEDIA}group")
    first, cottage, listen, numbers = entries
    content = first.find(f"{MEDIA}content")
    assert content is not None
    assert dict(content.items()) == {"url": "https://img.example.org/ferry.jpg", "medium": "image"}
    credit = first.find(f"{MEDIA}credit")
    assert credit is not None
    assert dict(credit.items()) == {"role": "photographer", "scheme": "urn:ebu"}
    assert credit.text == "Ola Brandt/ Pool via REUTERS"
    # no media:description: feedparser would read the caption as the entry's summary
    assert not root.findall(f".//{MEDIA}description")
    assert cottage.findtext(f"{MEDIA}credit") == "REUTERS/Ines Vahl"
    assert listen.find(f"{MEDIA}credit") is None
    # a relative image URL is left out everywhere, the credit is kept
    assert numbers.find(f"{MEDIA}content") is None
    assert numbers.findtext(f"{MEDIA}credit") == "Illustration by Tove Lind"
    assert b"relative.png" not in render(sample_feed(), fmt)


SHAPES: dict[str, Story] = {
    "no image": MAIN._replace(image=None),
    "image without url": MAIN._replace(image=Image(caption="Only a caption")),
    "credit only": MAIN._replace(image=Image(credit="Reuters")),
    "empty image": MAIN._replace(image=Image()),
    "no text at all": Story(title="", id="urn:uuid:00000000-0000-4000-8000-000000000001"),
    "html body": MAIN._replace(
        body_html='<p>Read <a href="https://news.example.org/x">more</a>.</p>'
    ),
    "markup in text": MAIN._replace(
        title="Why <b>bold</b> &amp; &#38; matter </p>",
        summary="A < B && C > D; see <http://x>",
        author="<Ed> & Co",
        image=Image(url="https://img.example.org/a b.jpg?x=<1>", caption="Caps &lt; </i>"),
    ),
    "odd characters": MAIN._replace(
        title="Tab\there\x00 \x85 nul \ufffd \ufdd0 \U0001fffe\u200b end",
        summary="\x1bescape\x7f",
        body=("\x0c", "  "),
    ),
    "odd link": MAIN._replace(
        link="HTTPS://News.Example.ORG:443/påth with space",
        id="HTTPS://News.Example.ORG:443/påth",
    ),
    "ftp link": MAIN._replace(link="ftp://example.org/x"),
}


@pytest.mark.parametrize("fmt", list(FeedFormat))
@pytest.mark.parametrize("shape", list(SHAPES))
def test_shapes_are_clean(shape: str, fmt: FeedFormat) -> None:
    feed = build_feed(INFO, entries_for((SHAPES[shape], *TEASERS)), now=NOW)
    assert problems(feed, fmt) == []


@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_feed_level_text_is_clean(fmt: FeedFormat) -> None:
    info = INFO._replace(title="News </b> &amp;\x01", description="", author="", language=None)
    feed = build_feed(info, entries_for((MAIN,)), now=NOW)
    assert problems(feed, fmt) == []


@pytest.mark.parametrize("fmt", list(FeedFormat))
@pytest.mark.parametrize(
    ("site_url", "feed_url", "ascii_host"),
    [
        ("https://bücher.example/welt/", "https://fëeds.example/x", "xn--feds-lpa.example"),
        ("https://news.example.org:8443/world/", "http://feeds.example.org:8080/a/b", None),
    ],
)
def test_idn_hosts_ports_and_paths_give_clean_feeds(
    fmt: FeedFormat, site_url: str, feed_url: str, ascii_host: str | None
) -> None:
    info = INFO._replace(site_url=site_url, feed_url=feed_url)
    feed = build_feed(info, entries_for((MAIN._replace(link=site_url + "ä"),)), now=NOW)
    data = render(feed, fmt)
    assert problems(feed, fmt) == []
    if ascii_host:  # every URL holds the host's ASCII (IDNA) form
        assert ascii_host.encode() in data
        assert "fëeds".encode() not in data
        assert "bücher".encode() not in data


def test_feed_text_defuses_only_markup_lookalikes() -> None:
    assert feed_text("AT&T and R&D, 5 < 6") == "AT&T and R&D, 5 < 6"
    assert feed_text("a</b>") == "a<\u2060/b>"
    assert feed_text("&amp; &#38; &copy") == "&\u2060amp; &\u2060#38; &\u2060copy"
    assert feed_text(" two\n lines\x00 ") == "two lines"
    assert feed_text(None) == ""


# --- property: any reasonable story renders to clean, readable feeds ------------------------

TEXT = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from("<>&;#/ "),
    max_size=60,
)
URLS = st.sampled_from([None, "https://img.example.org/p.jpg", "/relative.jpg", "data:x", ""])


def story_of(**fields: Any) -> Story:
    """A story of the fields given, the others at their defaults (st.builds on the class would
    fill every field of a named tuple)."""
    return Story(**fields)


def image_of(**fields: Any) -> Image:
    """An image of the fields given, the others at their defaults."""
    return Image(**fields)


IMAGES = st.builds(image_of, url=URLS, caption=st.none() | TEXT, credit=st.none() | TEXT)
STORIES = st.builds(
    story_of,
    title=TEXT,
    summary=TEXT,
    body=st.lists(TEXT, max_size=3).map(tuple),
    author=st.none() | TEXT,
    link=st.sampled_from([None, "https://news.example.org/a?b=1&c=2", "relative/x"]),
    image=st.none() | IMAGES,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories=st.lists(STORIES, min_size=1, max_size=4))
def test_any_story_renders_to_clean_feeds(stories: list[Story]) -> None:
    stories = [
        s._replace(id=f"urn:uuid:00000000-0000-4000-8000-{i:012d}") for i, s in enumerate(stories)
    ]
    feed = build_feed(INFO, entries_for(tuple(stories)), now=NOW)
    assert len({e.story.id for e in feed.entries}) == len(stories)
    assert len({e.updated for e in feed.entries}) == len(stories)
    for fmt in FeedFormat:
        data = render(feed, fmt)
        assert check_feed(data, fmt=fmt.value, feed_url=INFO.url_for(fmt), now=NOW) == []
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        titles = [entry.title for entry in parsed.entries]
        assert titles == [as_feedparser_reads(feed_text(s.title) or UNTITLED) for s in stories]


def as_feedparser_reads(text: str) -> str:
    """feedparser "repairs" text that looks like double-encoded UTF-8 ("Â¡" becomes "¡")."""
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except UnicodeError:
        return text


@pytest.mark.shared
def test_shared_sample_renders_clean_feeds(shared_page: Callable[[str], Path]) -> None:
    """The real sample page: 9 entries, every caption and credit kept, zero validator problems."""
    from pagefeed.extract.dates import assign_dates
    from pagefeed.extract.parse import parse
    from pagefeed.publish.build import entries_from_page

    text = shared_page("gzero-south-korea.txt").read_text(encoding="utf-8")
    page = assign_dates(parse(text), now=NOW)
    info = INFO._replace(name="gzero-south-korea", site_url="https://www.gzeromedia.com/")
    feed = build_feed(info, entries_from_page(page), now=NOW)
    assert len(feed.entries) == 9
    for fmt in FeedFormat:
        data = render(feed, fmt)
        assert check_feed(data, fmt=fmt.value, feed_url=info.url_for(fmt), now=NOW) == []
        root = etree.fromstring(data)
        items = root.findall(".//item") or root.findall(f"{ATOM}entry")
        for item, entry in zip(items, feed.entries, strict=True):
            image = entry.story.image
            assert item.findtext(f"{MEDIA}credit") == (image.credit if image else None)
            assert item.find(f"{MEDIA}description") is None


@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_a_replacement_character_in_an_html_body_never_reaches_the_feed(fmt: FeedFormat) -> None:
    # A byte the page's encoding cannot decode becomes U+FFFD; the validator calls it
    # BadCharacters (found by tests/test_fuzz.py in a sanitised HTML body).
    story = MAIN._replace(body_html="<p>Ferry \ufffd times change.</p>")
    feed = build_feed(INFO, entries_for((story,)), now=NOW)
    data = render(feed, fmt)
    assert "\ufffd".encode() not in data
    assert b"Ferry  times change." in data
    assert problems(feed, fmt) == []

"""The catalog: OPML subscription list and index.html, parsed back and checked."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import cast

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import HtmlElement

from conftest import GoldenCheck
from pagefeed.extract.normalize import squash
from pagefeed.model import FeedFormat, FeedInfo
from pagefeed.publish.catalog import FeedListing, render_index, render_opml

HOSTILE = 'Tom & Jerry\'s <script>alert("x")</script> ]]> --> news'

WORLD = FeedListing(
    name="world",
    title="World Briefing",
    site_url="https://news.example.org/",
    rss_url="https://feeds.example.org/world.rss.xml",
    atom_url="https://feeds.example.org/world.atom.xml",
    updated=datetime(2026, 1, 15, 12, 0, 30, 999, tzinfo=UTC),
    entry_count=12,
    headlines=(
        ("Can the river pact survive the election?", "https://news.example.org/world/pact"),
        ("A headline without a link of its own", None),
    ),
)
HARBOUR = FeedListing(
    name="harbour-notes",
    title="Harbour Notes",
    site_url=None,
    rss_url="https://feeds.example.org/harbour-notes.rss.xml",
    atom_url="https://feeds.example.org/harbour-notes.atom.xml",
    updated=datetime(2026, 1, 16, 9, 5, tzinfo=timezone(timedelta(hours=2))),
    entry_count=1,
)
EMPTY = FeedListing(
    name="new.one",
    title="Not built yet",
    site_url="https://other.example.net/",
    rss_url="https://feeds.example.org/new.one.rss.xml",
    atom_url="https://feeds.example.org/new.one.atom.xml",
    updated=None,
    entry_count=0,
)
LISTINGS = (WORLD, HARBOUR, EMPTY)


class Collector(HTMLParser):
    """Records start tags (with attributes) and text, and which section they are in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.head_links: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self.in_head = False
        self.decl: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.decl.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "head":
            self.in_head = True
        elif tag == "link" and self.in_head:
            self.head_links.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(node: HtmlElement, path: str) -> list[HtmlElement]:
    return cast(list[HtmlElement], node.xpath(path))


def strings(node: HtmlElement, path: str) -> list[str]:
    return [str(value) for value in cast(list[object], node.xpath(path))]


def collect(page: bytes) -> Collector:
    parser = Collector()
    parser.feed(page.decode("utf-8"))
    parser.close()
    return parser


def test_listing_from_feed_info_uses_its_urls() -> None:
    info = FeedInfo(
        name="world",
        title="World Briefing",
        site_url="https://news.example.org/",
        feed_url="https://feeds.example.org",
    )
    listing = FeedListing.from_info(info, updated=WORLD.updated, entry_count=12)
    assert listing == WORLD._replace(
        json_url="https://feeds.example.org/world.feed.json",
        formats=("atom", "rss", "json"),
        headlines=(),
    )
    assert listing.url_for(FeedFormat.RSS) == WORLD.rss_url
    assert listing.url_for("json") == "https://feeds.example.org/world.feed.json"
    assert listing._replace(folder="other/").href("json") == "other/world.feed.json"


def test_opml_is_opml_2_with_one_outline_per_feed() -> None:
    root = ET.fromstring(render_opml(LISTINGS, title="Example feeds"))
    assert root.tag == "opml"
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == "Example feeds"
    outlines = root.findall("body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [x.atom_url for x in LISTINGS]
    assert [o.get("text") for o in outlines] == [x.title for x in LISTINGS]
    assert [o.get("title") for o in outlines] == [x.title for x in LISTINGS]
    assert {o.get("type") for o in outlines} == {"rss"}
    assert [o.get("htmlUrl") for o in outlines] == [
        "https://news.example.org/",
        None,
        "https://other.example.net/",
    ]


def test_opml_can_point_at_rss_instead() -> None:
    root = ET.fromstring(render_opml(LISTINGS, title="t", prefer=FeedFormat.RSS))
    assert [o.get("xmlUrl") for o in root.iter("outline")] == [x.rss_url for x in LISTINGS]


def test_opml_date_modified_is_the_newest_update_not_the_clock() -> None:
    root = ET.fromstring(render_opml(LISTINGS, title="t"))
    stamp = root.findtext("head/dateModified")
    assert stamp == "Fri, 16 Jan 2026 07:05:00 GMT"
    assert parsedate_to_datetime(stamp) == HARBOUR.updated
    no_dates = ET.fromstring(render_opml([EMPTY], title="t"))
    assert no_dates.find("head/dateModified") is None


def test_opml_without_feeds_is_still_well_formed() -> None:
    root = ET.fromstring(render_opml([], title="nothing"))
    assert root.findall("body/outline") == []


def test_opml_escapes_hostile_titles() -> None:
    hostile = EMPTY._replace(title=HOSTILE + "\x00\x1b\n", site_url='https://e.example/?a=1&b="2"')
    data = render_opml([hostile], title=HOSTILE)
    root = ET.fromstring(data)
    assert root.findtext("head/title") == HOSTILE
    (outline,) = root.iter("outline")
    assert outline.get("text") == HOSTILE
    assert outline.get("htmlUrl") == 'https://e.example/?a=1&b="2"'
    assert b"<script" not in data


def test_index_is_html5_with_autodiscovery_links_in_the_head() -> None:
    page = render_index(LISTINGS, title="Example feeds")
    assert page.startswith(b"<!DOCTYPE html>\n")
    parsed = collect(page)
    assert parsed.decl == ["DOCTYPE html"]
    alternates = [link for link in parsed.head_links if link.get("rel") == "alternate"]
    assert [(a["type"], a["href"], a["title"]) for a in alternates] == [
        ("application/atom+xml", "world.atom.xml", "World Briefing (Atom)"),
        ("application/rss+xml", "world.rss.xml", "World Briefing (RSS)"),
        ("application/atom+xml", "harbour-notes.atom.xml", "Harbour Notes (Atom)"),
        ("application/rss+xml", "harbour-notes.rss.xml", "Harbour Notes (RSS)"),
        ("application/atom+xml", "new.one.atom.xml", "Not built yet (Atom)"),
        ("application/rss+xml", "new.one.rss.xml", "Not built yet (RSS)"),
    ]
    (outline,) = [link for link in parsed.head_links if link.get("rel") == "outline"]
    assert outline["href"] == "feeds.opml"
    tags = [tag for tag, _ in parsed.tags]
    assert tags[:3] == ["html", "head", "meta"]
    assert tags.count("body") == 1
    assert ("meta", {"charset": "utf-8"}) in parsed.tags


def test_index_shows_each_feed_with_its_page_headlines_and_addresses() -> None:
    document = lxml.html.document_fromstring(render_index(LISTINGS, title="Example feeds"))
    assert document.findtext(".//title") == "Example feeds"
    assert document.findtext(".//h1") == "Example feeds"
    sections = elements(document, "//section[@class='feed']")
    assert [s.get("id") for s in sections] == ["feed-world", "feed-harbour-notes", "feed-new.one"]
    assert [strings(s, "h2/a/@href")[0] for s in sections] == [
        "world.html",
        "harbour-notes.html",
        "new.one.html",
    ]
    dates = [s.findtext("p[@class='date']") for s in sections]
    assert [" ".join(s.xpath("string(p[@class='date'])").split()) for s in sections] == [
        "Last update: 2026-01-15 12:00 UTC · 12 entries · from https://news.example.org/",
        "Last update: 2026-01-16 07:05 UTC · 1 entry",
        "Last update: not yet · 0 entries · from https://other.example.net/",
    ], dates
    world = sections[0]
    assert strings(world, ".//time/@datetime") == ["2026-01-15T12:00:30Z"]
    assert [li.text_content() for li in elements(world, "ul/li")] == [t for t, _ in WORLD.headlines]
    assert strings(world, "ul/li/a/@href") == ["https://news.example.org/world/pact"]
    assert strings(world, "dl/dt/a/@href") == ["world.atom.xml", "world.rss.xml"]
    assert strings(world, "dl/dd/code/text()") == [WORLD.atom_url, WORLD.rss_url]
    assert elements(sections[1], "ul") == []  # no headlines, no list


def test_index_links_feeds_in_other_folders_relatively() -> None:
    other = WORLD._replace(folder="../elsewhere/", formats=("atom", "rss", "json"))
    page = collect(render_index([other], title="t"))
    assert [link["href"] for link in page.head_links if link.get("rel") == "alternate"] == [
        "../elsewhere/world.atom.xml",
        "../elsewhere/world.rss.xml",
        "../elsewhere/world.feed.json",
    ]


def test_index_with_rss_preferred_and_no_opml() -> None:
    page = render_index([WORLD], title="t", opml_url=None, prefer=FeedFormat.RSS)
    parsed = collect(page)
    assert [link["type"] for link in parsed.head_links] == [
        "application/rss+xml",
        "application/atom+xml",
    ]
    assert b"opml" not in page.lower()


def test_index_escapes_hostile_text_and_drops_unsafe_links() -> None:
    hostile = EMPTY._replace(
        title=HOSTILE,
        site_url="javascript:alert(1)",
        rss_url='https://f.example/x.rss.xml?a=1&b="><script>',
        atom_url="data:text/html,<script>alert(1)</script>",
    )
    page = render_index([hostile], title=HOSTILE, opml_url="vbscript:x")
    assert b"<script" not in page
    assert b"javascript:" not in page
    assert b"data:" not in page
    assert b"vbscript:" not in page
    parsed = collect(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 0
    links = [link for link in parsed.head_links if link.get("rel") == "alternate"]
    assert [link["href"] for link in links] == ["new.one.atom.xml", "new.one.rss.xml"]
    assert links[1]["title"] == HOSTILE + " (RSS)"
    document = lxml.html.document_fromstring(page)
    assert document.findtext(".//title") == HOSTILE
    assert document.findtext(".//h1") == HOSTILE


def test_output_is_deterministic(golden: GoldenCheck) -> None:
    opml = render_opml(LISTINGS, title="Example feeds")
    index = render_index(LISTINGS, title="Example feeds")
    assert opml == render_opml(list(LISTINGS), title="Example feeds")
    assert index == render_index(list(LISTINGS), title="Example feeds")
    golden("catalog/feeds.opml", opml)
    golden("catalog/index.html", index)


_TITLE = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=80, deadline=None)
@given(_TITLE, _TITLE)
def test_any_title_round_trips_through_both_formats(feed_title: str, catalog_title: str) -> None:
    listing = WORLD._replace(title=feed_title)
    root = ET.fromstring(render_opml([listing], title=catalog_title))
    assert (root.findtext("head/title") or "") == squash(catalog_title)
    outline = root.find("body/outline")
    assert outline is not None
    assert outline.get("text") == squash(feed_title)
    parsed = collect(render_index([listing], title=catalog_title))
    assert parsed.head_links[0]["title"] == f"{squash(feed_title)} (Atom)"
    assert [tag for tag, _ in parsed.tags].count("script") == 0

"""Baselines for the benchmarks: synthetic entries, and the same feeds written with lxml alone.

The lxml writers build the very documents pagefeed.publish.feed renders (the bench checks
the bytes are equal), sharing its text preparation, so the ratio measures what going through
feedgen costs.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import NamedTuple

from lxml import etree

from pagefeed.model import Entry, FeedFormat, Image, Story
from pagefeed.publish import feed as F
from pagefeed.publish.feed import Feed

MEDIA = "http://search.yahoo.com/mrss/"
ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"


def synthetic_entries(count: int) -> list[Entry]:
    """``count`` teaser-like entries with an image, caption, credit and two paragraphs each."""
    start = datetime(2026, 1, 15, 12, tzinfo=UTC)
    entries = []
    for i in range(count):
        when = start - timedelta(minutes=i)
        story = Story(
            title=f"Story number {i} about the harbour bridge",
            summary=f"Summary {i}: the council met again & agreed on <nothing> at all.",
            body=(f"First paragraph of story {i}.", "Second paragraph, with “quotes”."),
            section="More from Example",
            link=f"https://news.example.org/story/{i}",
            image=Image(
                url=f"https://img.example.org/{i}.jpg",
                caption=f"A photo for story {i}, taken on January 15, 2026.",
                credit="REUTERS/Jane Doe",
            ),
            date=when,
            id=f"https://news.example.org/story/{i}",
        )
        entries.append(Entry(story=story, published=when, updated=when))
    return entries


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def _rfc822(value: datetime) -> str:
    return format_datetime(value)


class _Prepared(NamedTuple):
    """One entry's published strings, made with pagefeed.publish.feed's own text helpers."""

    entry: Entry
    story_id: str
    permalink: bool
    title: str
    link: str
    summary: str
    html: str
    image_url: str | None
    credit: str
    author: str


def _prepare(entry: Entry, site_url: str) -> _Prepared:
    """The text preparation both writers share (cleaning, escaping, the entry HTML)."""
    story = entry.story
    link = F.web_link(story.link) or site_url
    story_id = F._canonical_id(story.id)
    summary = F._clean(story.summary) or next(filter(None, map(F._clean, story.body)), "")
    image = story.image
    image_url = F.web_link(image.url) if image is not None else None
    return _Prepared(
        entry=entry,
        story_id=story_id,
        permalink=story_id == link and link.startswith(("http://", "https://")),
        title=F.feed_text(story.title) or F.UNTITLED,
        link=link,
        summary=summary,
        html=F._entry_html(story, summary, image_url=image_url),
        image_url=image_url,
        credit=F._clean(image.credit or "") if image is not None else "",
        author=story.author or "",
    )


def _media(parent: etree._Element, item: _Prepared) -> None:
    if item.image_url:
        _sub(parent, f"{{{MEDIA}}}content", url=item.image_url, medium="image")
    if item.credit:
        _sub(parent, f"{{{MEDIA}}}credit", item.credit, role="photographer", scheme="urn:ebu")


def lxml_rss(feed: Feed) -> bytes:
    """The RSS document ``publish.feed.render`` writes, built with lxml.etree directly."""
    info = feed.info
    site_url = F.web_link(info.site_url) or info.site_url
    title = F.feed_text(info.title) or F.feed_text(info.name) or F.UNTITLED
    nsmap = {"media": MEDIA, "dc": DC, "atom": ATOM, "content": CONTENT}
    rss = etree.Element("rss", nsmap=nsmap, version="2.0")
    channel = _sub(rss, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", site_url)
    _sub(channel, "description", F.feed_text(info.description) or title)
    _sub(
        channel,
        f"{{{ATOM}}}link",
        href=info.url_for(FeedFormat.RSS),
        rel="self",
        type="application/rss+xml",
    )
    _sub(channel, "docs", "http://www.rssboard.org/rss-specification")
    _sub(channel, "generator", F.GENERATOR)
    if info.language:
        _sub(channel, "language", info.language)
    _sub(channel, "lastBuildDate", _rfc822(feed.updated))
    for entry in feed.entries:
        item_data = _prepare(entry, site_url)
        item = _sub(channel, "item")
        _sub(item, "title", item_data.title)
        _sub(item, "link", item_data.link)
        if item_data.summary:
            _sub(item, "description", F._escape(item_data.summary))
        _sub(item, f"{{{CONTENT}}}encoded", item_data.html)
        _sub(
            item, "guid", item_data.story_id, isPermaLink="true" if item_data.permalink else "false"
        )
        _sub(item, "pubDate", _rfc822(entry.published))
        _media(item, item_data)
        creator = F._clean(item_data.author)
        if creator:
            _sub(item, f"{{{DC}}}creator", creator)
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def lxml_atom(feed: Feed) -> bytes:
    """The Atom document ``publish.feed.render`` writes, built with lxml.etree directly."""
    info = feed.info
    site_url = F.web_link(info.site_url) or info.site_url
    title = F.feed_text(info.title) or F.feed_text(info.name) or F.UNTITLED
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={"media": MEDIA, None: ATOM})  # type: ignore[dict-item]
    if info.language:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", info.language)
    _sub(root, f"{{{ATOM}}}id", F._canonical_id(info.url_for(FeedFormat.ATOM)))
    _sub(root, f"{{{ATOM}}}title", title)
    _sub(root, f"{{{ATOM}}}updated", feed.updated.isoformat())
    _sub(
        _sub(root, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", F.feed_text(info.author) or F.GENERATOR
    )
    _sub(
        root,
        f"{{{ATOM}}}link",
        href=info.url_for(FeedFormat.ATOM),
        rel="self",
        type="application/atom+xml",
    )
    _sub(root, f"{{{ATOM}}}link", href=site_url, rel="alternate", type="text/html")
    _sub(root, f"{{{ATOM}}}generator", F.GENERATOR)
    _sub(root, f"{{{ATOM}}}subtitle", F.feed_text(info.description) or title)
    for entry in feed.entries:
        item = _prepare(entry, site_url)
        element = _sub(root, f"{{{ATOM}}}entry")
        _sub(element, f"{{{ATOM}}}id", item.story_id)
        _sub(element, f"{{{ATOM}}}title", item.title)
        _sub(element, f"{{{ATOM}}}updated", entry.updated.isoformat())
        author = F.feed_text(item.author)
        if author:
            _sub(_sub(element, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", author)
        _sub(element, f"{{{ATOM}}}content", item.html, type="html")
        _sub(element, f"{{{ATOM}}}link", href=item.link, rel="alternate", type="text/html")
        if item.summary:
            _sub(element, f"{{{ATOM}}}summary", F.feed_text(item.summary), type="text")
        _sub(element, f"{{{ATOM}}}published", entry.published.isoformat())
        _media(element, item)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

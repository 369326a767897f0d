"""Baselines for the benchmarks: synthetic entries, and the same feeds written with lxml alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from lxml import etree

from pagefeed.model import Entry, FeedInfo, Image, Story

MEDIA = "http://search.yahoo.com/mrss/"
ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"


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


def _html(story: Story) -> str:
    parts = []
    if story.image is not None:
        caption = escape(story.image.caption or "")
        parts.append(
            f'<figure><img src="{escape(story.image.url or "")}" alt="{caption}"/>'
            f"<figcaption>{caption} <small>{escape(story.image.credit or '')}</small>"
            "</figcaption></figure>"
        )
    parts += [f"<p>{escape(p)}</p>" for p in story.body]
    return "".join(parts)


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def lxml_rss_atom(info: FeedInfo, entries: list[Entry]) -> tuple[bytes, bytes]:
    """The RSS and Atom documents pagefeed writes, built directly with lxml.etree."""
    rss = etree.Element("rss", version="2.0", nsmap={"atom": ATOM, "media": MEDIA, "dc": DC})
    channel = _sub(rss, "channel")
    _sub(channel, "title", info.title)
    _sub(channel, "link", info.site_url)
    _sub(channel, "description", info.description or info.title)
    _sub(
        channel,
        f"{{{ATOM}}}link",
        href=info.feed_url + "bench.rss.xml",
        rel="self",
        type="application/rss+xml",
    )
    _sub(channel, "lastBuildDate", format_datetime(entries[0].updated))
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM, "media": MEDIA})
    _sub(feed, f"{{{ATOM}}}id", info.feed_url + "bench.atom.xml")
    _sub(feed, f"{{{ATOM}}}title", info.title)
    _sub(feed, f"{{{ATOM}}}updated", entries[0].updated.isoformat())
    _sub(feed, f"{{{ATOM}}}link", href=info.feed_url + "bench.atom.xml", rel="self")
    _sub(_sub(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", info.author)
    for entry in entries:
        story = entry.story
        html = _html(story)
        item = _sub(channel, "item")
        _sub(item, "title", story.title)
        _sub(item, "link", story.link)
        _sub(item, "description", html)
        _sub(item, "guid", story.id, isPermaLink="true")
        _sub(item, "pubDate", format_datetime(entry.published))
        atom_entry = _sub(feed, f"{{{ATOM}}}entry")
        _sub(atom_entry, f"{{{ATOM}}}id", story.id)
        _sub(atom_entry, f"{{{ATOM}}}title", story.title)
        _sub(atom_entry, f"{{{ATOM}}}updated", entry.updated.isoformat())
        _sub(atom_entry, f"{{{ATOM}}}published", entry.published.isoformat())
        _sub(atom_entry, f"{{{ATOM}}}link", href=story.link or "", rel="alternate")
        _sub(atom_entry, f"{{{ATOM}}}summary", story.summary)
        _sub(atom_entry, f"{{{ATOM}}}content", html, type="html")
        if story.image is not None:
            for parent in (item, atom_entry):
                _sub(parent, f"{{{MEDIA}}}content", url=story.image.url or "", medium="image")
                _sub(parent, f"{{{MEDIA}}}description", story.image.caption)
                _sub(
                    parent,
                    f"{{{MEDIA}}}credit",
                    story.image.credit,
                    role="photographer",
                    scheme="urn:ebu",
                )
    return (
        etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True),
        etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True),
    )

"""The feed catalog: an OPML subscription list and a small ``index.html`` for the output folder.

Pure renderers: the same listings give the same bytes (no clock; the OPML ``dateModified`` is
the newest feed update). Feeds appear in the order given (the config's order).

The index page links every feed's page and files with relative links (so it works opened from
disk as well as served), shows each feed's newest headlines and its addresses to copy, and has
autodiscovery links. The OPML list holds one outline per feed
(an importing reader would otherwise subscribe twice) pointing at the Atom feed by default,
because Atom carries a per-entry ``updated`` date (an edited story shows as updated, not new)
and mandatory ids. ``prefer=FeedFormat.RSS`` points it, and the first autodiscovery link, at RSS.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import NamedTuple
from urllib.parse import urlsplit

from pagefeed.extract.normalize import squash
from pagefeed.model import FeedFormat, FeedInfo, feed_file_name
from pagefeed.publish.webpage import (
    ABOUT_FEEDS,
    FORMAT_LABELS,
    HEADLINES,
    MEDIA_TYPES,
    OPML_NAME,
    page_head,
)


class FeedListing(NamedTuple):
    """What the catalog says about one feed. ``updated`` is its newest entry's date."""

    name: str
    title: str
    site_url: str | None
    rss_url: str
    atom_url: str
    updated: datetime | None
    entry_count: int
    json_url: str | None = None
    formats: tuple[str, ...] = ("atom", "rss")  # the feed files written, in the index's order
    folder: str = ""  # where its files are, relative to the index ("" or "other/")
    headlines: tuple[tuple[str, str | None], ...] = ()  # (title, link), newest first

    @classmethod
    def from_info(
        cls,
        info: FeedInfo,
        *,
        updated: datetime | None,
        entry_count: int,
        formats: tuple[str, ...] = ("atom", "rss", "json"),
        folder: str = "",
        headlines: tuple[tuple[str, str | None], ...] = (),
    ) -> FeedListing:
        """The listing of a built feed."""
        return cls(
            name=info.name,
            title=info.title,
            site_url=info.site_url or None,
            rss_url=info.url_for(FeedFormat.RSS),
            atom_url=info.url_for(FeedFormat.ATOM),
            json_url=info.url_for("json"),
            updated=updated,
            entry_count=entry_count,
            formats=formats,
            folder=folder,
            headlines=headlines,
        )

    def url_for(self, fmt: str) -> str:
        """The feed's public URL in ``fmt`` (an OPML xmlUrl, an address to copy)."""
        if fmt == "json" and self.json_url:
            return self.json_url
        return self.atom_url if fmt == FeedFormat.ATOM else self.rss_url

    def href(self, kind: str) -> str:
        """The relative link to the feed's ``kind`` file ("rss", "atom", "json", "html")."""
        return self.folder + feed_file_name(self.name, kind)


def render_opml(
    listings: Iterable[FeedListing], *, title: str, prefer: FeedFormat = FeedFormat.ATOM
) -> bytes:
    """OPML 2.0: one ``type="rss"`` outline per feed (xmlUrl in the ``prefer`` format)."""
    items = list(listings)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _text(title)
    newest = _newest(items)
    if newest is not None:
        ET.SubElement(head, "dateModified").text = format_datetime(newest, usegmt=True)
    ET.SubElement(head, "docs").text = "https://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    for item in items:
        attrs = {
            "type": "rss",
            "text": _text(item.title),
            "title": _text(item.title),
            "xmlUrl": _text(item.url_for(prefer)),
        }
        if item.site_url:
            attrs["htmlUrl"] = _text(item.site_url)
        ET.SubElement(body, "outline", attrs)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n").encode("utf-8")


def render_index(
    listings: Sequence[FeedListing],
    *,
    title: str,
    opml_url: str | None = OPML_NAME,
    prefer: FeedFormat = FeedFormat.ATOM,
) -> bytes:
    """A small HTML5 page: every feed with its page, newest headlines and addresses to copy.

    Links are relative, so the page works from disk. ``opml_url`` (relative by default; None to
    leave it out) links the OPML list. ``prefer`` comes first among the formats.
    """
    page_title = _esc(title)
    links = []
    for item in listings:
        for kind in _ordered(item.formats, prefer):
            links.append(
                f'<link rel="alternate" type="{MEDIA_TYPES[kind]}"'
                f' title="{_esc(item.title)} ({FORMAT_LABELS[kind]})"'
                f' href="{_esc(item.href(kind))}">'
            )
    opml_href = _href(opml_url) if opml_url else None
    if opml_href:
        links.append(
            f'<link rel="outline" type="text/x-opml" title="{page_title}" href="{opml_href}">'
        )
    body = ["<body>", "<main>", f"<h1>{page_title}</h1>", f'<p class="about">{ABOUT_FEEDS}</p>']
    body += [_section(item, prefer) for item in listings]
    if not listings:
        body.append("<p>No feeds yet.</p>")
    if opml_href:
        body.append(
            f'<p>All feeds as one subscription list for a reader: <a href="{opml_href}">OPML</a>'
            "</p>"
        )
    body += ["</main>", "</body>", "</html>", ""]
    return "\n".join(page_head(page_title, links=links) + body).encode("utf-8")


def _ordered(formats: Sequence[str], prefer: FeedFormat) -> list[str]:
    first = [kind for kind in formats if kind == prefer.value]
    return first + [kind for kind in formats if kind != prefer.value]


def _section(item: FeedListing, prefer: FeedFormat) -> str:
    name = _esc(item.title)
    parts = [
        f'<section class="feed" id="feed-{_esc(item.name)}">',
        f'<h2><a href="{_esc(item.href("html"))}">{name}</a></h2>',
    ]
    if item.updated is None:
        when = "not yet"
    else:
        stamp = _utc(item.updated)
        when = f'<time datetime="{stamp:%Y-%m-%dT%H:%M:%SZ}">{stamp:%Y-%m-%d %H:%M} UTC</time>'
    count = f"{item.entry_count} {'entry' if item.entry_count == 1 else 'entries'}"
    site = _href(item.site_url) if item.site_url else None
    from_site = f' · from <a href="{site}">{_esc(item.site_url or "")}</a>' if site else ""
    parts.append(f'<p class="date">Last update: {when} · {count}{from_site}</p>')
    if item.headlines:
        parts.append("<ul>")
        for headline, link in item.headlines[:HEADLINES]:
            href = _href(link) if link else None
            text = _esc(headline)
            parts.append(f'<li><a href="{href}">{text}</a></li>' if href else f"<li>{text}</li>")
        parts.append("</ul>")
    parts.append("<dl>")
    for kind in _ordered(item.formats, prefer):
        address = _href(item.url_for(kind))  # only an http(s) address is worth copying
        parts.append(
            f'<dt><a href="{_esc(item.href(kind))}" type="{MEDIA_TYPES[kind]}">'
            f"{FORMAT_LABELS[kind]}</a></dt><dd><code>{address or ''}</code></dd>"
        )
    parts += ["</dl>", "</section>"]
    return "\n".join(parts)


def _newest(items: Sequence[FeedListing]) -> datetime | None:
    dates = [_utc(item.updated) for item in items if item.updated is not None]
    return max(dates) if dates else None


def _utc(moment: datetime) -> datetime:
    """UTC, whole seconds; a naive datetime is taken to be UTC already (no local clock)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def _text(value: str) -> str:
    """One line of XML-safe text."""
    return squash(value)


def _esc(value: str) -> str:
    return html.escape(squash(value), quote=True)


def _href(url: str | None) -> str | None:
    """An escaped link target: http(s) or relative URLs only (never ``javascript:``)."""
    if not url:
        return None
    clean = squash(url)
    try:
        scheme = urlsplit(clean).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("", "http", "https"):
        return None
    return html.escape(clean, quote=True)

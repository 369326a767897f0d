"""The feed catalog: an OPML subscription list and a small ``index.html`` for the output folder.

Pure renderers: the same listings give the same bytes (no clock; the OPML ``dateModified`` is
the newest feed update). Feeds appear in the order given (the config's order).

Each feed is offered in both formats on the index page; the OPML list holds one outline per feed
(an importing reader would otherwise subscribe twice) pointing at the Atom feed by default,
because Atom carries a per-entry ``updated`` date (an edited story shows as updated, not new)
and mandatory ids. ``prefer=FeedFormat.RSS`` points it, and the first autodiscovery link, at RSS.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit

from pagefeed.extract.normalize import squash
from pagefeed.model import FeedFormat, FeedInfo

OPML_NAME = "feeds.opml"
INDEX_NAME = "index.html"

_MEDIA_TYPES = {FeedFormat.ATOM: "application/atom+xml", FeedFormat.RSS: "application/rss+xml"}
_LABELS = {FeedFormat.ATOM: "Atom", FeedFormat.RSS: "RSS"}
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5}table{border-collapse:collapse;width:100%}th,td{text-align:left;"
    "padding:.4rem .6rem;border-bottom:1px solid #ddd}td.n{text-align:right}"
)


@dataclass(frozen=True, slots=True)
class FeedListing:
    """What the catalog says about one feed. ``updated`` is its newest entry's date."""

    name: str
    title: str
    site_url: str | None
    rss_url: str
    atom_url: str
    updated: datetime | None
    entry_count: int

    @classmethod
    def from_info(
        cls, info: FeedInfo, *, updated: datetime | None, entry_count: int
    ) -> FeedListing:
        """The listing of a built feed."""
        return cls(
            name=info.name,
            title=info.title,
            site_url=info.site_url or None,
            rss_url=info.url_for(FeedFormat.RSS),
            atom_url=info.url_for(FeedFormat.ATOM),
            updated=updated,
            entry_count=entry_count,
        )

    def url_for(self, fmt: FeedFormat) -> str:
        """The feed's URL in ``fmt``."""
        return self.atom_url if fmt is FeedFormat.ATOM else self.rss_url


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
    """A small HTML5 page listing the feeds, with ``<link rel="alternate">`` autodiscovery.

    ``opml_url`` (relative to the page by default; None to leave it out) links the OPML list.
    """
    formats = (prefer, FeedFormat.RSS if prefer is FeedFormat.ATOM else FeedFormat.ATOM)
    page_title = _esc(title)
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="pagefeed">',
        f"<title>{page_title}</title>",
    ]
    for item in listings:
        for fmt in formats:
            href = _href(item.url_for(fmt))
            if href:
                head.append(
                    f'<link rel="alternate" type="{_MEDIA_TYPES[fmt]}"'
                    f' title="{_esc(item.title)} ({_LABELS[fmt]})" href="{href}">'
                )
    opml_href = _href(opml_url) if opml_url else None
    if opml_href:
        head.append(
            f'<link rel="outline" type="text/x-opml" title="{page_title}" href="{opml_href}">'
        )
    head += [f"<style>{_STYLE}</style>", "</head>"]
    body = [
        "<body>",
        "<main>",
        f"<h1>{page_title}</h1>",
        "<table>",
        "<thead><tr><th>Feed</th><th>Last update</th><th>Entries</th><th>Subscribe</th></tr>"
        "</thead>",
        "<tbody>",
        *(_row(item, formats) for item in listings),
        "</tbody>",
        "</table>",
    ]
    if opml_href:
        body.append(f'<p>All feeds as a subscription list: <a href="{opml_href}">OPML</a></p>')
    body += ["</main>", "</body>", "</html>", ""]
    return "\n".join(head + body).encode("utf-8")


def _row(item: FeedListing, formats: tuple[FeedFormat, FeedFormat]) -> str:
    name = _esc(item.title)
    site = _href(item.site_url) if item.site_url else None
    feed = f'<a href="{site}">{name}</a>' if site else name
    if item.updated is None:
        when = "not yet"
    else:
        stamp = _utc(item.updated)
        when = f'<time datetime="{stamp:%Y-%m-%dT%H:%M:%SZ}">{stamp:%Y-%m-%d %H:%M} UTC</time>'
    count = f"{item.entry_count} {'entry' if item.entry_count == 1 else 'entries'}"
    links = " ".join(
        f'<a href="{href}" type="{_MEDIA_TYPES[fmt]}">{_LABELS[fmt]}</a>'
        for fmt in formats
        if (href := _href(item.url_for(fmt)))
    )
    return (
        f'<tr id="feed-{_esc(item.name)}"><td>{feed}</td><td>{when}</td>'
        f'<td class="n">{count}</td><td>{links}</td></tr>'
    )


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

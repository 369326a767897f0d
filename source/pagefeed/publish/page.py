"""A feed's own web page, ``<name>.html``: what a person sees who clicks a feed link.

Pure: one :class:`Feed` in, HTML5 bytes out, the same feed giving the same bytes. The page says
what a feed is and how to subscribe, with each format's address to copy, and shows every entry
with its title, date, picture, caption and credit, summary and link. It has autodiscovery
``<link rel="alternate">`` tags and no script. Every text is escaped and every URL is an http(s)
URL in canonical form or a relative file name, so nothing from a page runs in the browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pagefeed.model import Entry, feed_file_name
from pagefeed.publish.feed import UNTITLED, Feed, clean_text, entry_summary, web_link
from pagefeed.publish.webpage import ABOUT_FEEDS, FORMAT_LABELS, MEDIA_TYPES, page_head
from pagefeed.publish.webpage import esc as _esc

__all__ = ["render_page"]


def render_page(feed: Feed, *, formats: Sequence[str] = ("atom", "rss", "json")) -> bytes:
    """The feed's HTML page; ``formats`` are the feed files written beside it, in order."""
    info = feed.info
    title = _esc(clean_text(info.title) or clean_text(info.name) or UNTITLED)
    language = _esc(clean_text(info.language) or "en")
    site = web_link(info.site_url)
    links = [
        f'<link rel="alternate" type="{MEDIA_TYPES[kind]}" title="{title} '
        f'({FORMAT_LABELS[kind]})" href="{_esc(feed_file_name(info.name, kind))}">'
        for kind in formats
    ]
    head = page_head(title, language=language, links=links)
    body = ["<body>", "<main>", "<header>", f"<h1>{title}</h1>"]
    description = clean_text(info.description)
    if description:
        body.append(f"<p>{_esc(description)}</p>")
    if site:
        body.append(f'<p>From <a href="{_esc(site)}">{_esc(site)}</a></p>')
    body += ["</header>", '<section class="about">', "<h2>Subscribe</h2>"]
    body += [f"<p>This page is a feed's own page. {ABOUT_FEEDS}</p>", "<dl>"]
    for kind in formats:
        url = info.url_for(kind)
        shown = web_link(url) or url
        body.append(
            f'<dt><a href="{_esc(feed_file_name(info.name, kind))}" type="{MEDIA_TYPES[kind]}">'
            f"{FORMAT_LABELS[kind]}</a></dt><dd><code>{_esc(shown)}</code></dd>"
        )
    body += ["</dl>", "</section>", "<section>", "<h2>Latest stories</h2>"]
    body += [_article(entry, site) for entry in feed.entries]
    if not feed.entries:
        body.append("<p>No stories yet.</p>")
    body += ["</section>", "</main>", "</body>", "</html>", ""]
    return "\n".join(head + body).encode("utf-8")


def _article(entry: Entry, site: str | None) -> str:
    story = entry.story
    link = web_link(story.link) or site
    heading = _esc(clean_text(story.title) or UNTITLED)
    if link:
        heading = f'<a href="{_esc(link)}">{heading}</a>'
    parts = ["<article>", f"<h3>{heading}</h3>", f'<p class="date">{_time(entry.published)}</p>']
    image = story.image
    if image is not None:
        url = web_link(image.url)
        caption, credit = clean_text(image.caption), clean_text(image.credit)
        img = f'<img src="{_esc(url)}" alt="{_esc(caption)}" loading="lazy">' if url else ""
        small = f"<small>{_esc(credit)}</small>" if credit else ""
        text = " ".join(part for part in (_esc(caption), small) if part)
        figcaption = f"<figcaption>{text}</figcaption>" if text else ""
        if img or figcaption:
            parts.append(f"<figure>{img}{figcaption}</figure>")
    summary = entry_summary(story)
    if summary:
        parts.append(f"<p>{_esc(summary)}</p>")
    if link and story.link:
        parts.append(f'<p><a href="{_esc(link)}">Read the story</a></p>')
    parts.append("</article>")
    return "\n".join(parts)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # fmt: skip  (not strftime's %B, which follows the locale)


def _time(moment: datetime) -> str:
    month = _MONTHS[moment.month - 1]
    return (
        f'<time datetime="{moment:%Y-%m-%dT%H:%M:%SZ}">'
        f"{moment.day} {month} {moment.year}, {moment:%H:%M} UTC</time>"
    )

"""The data model: immutable records shared by parsers, the feed builder and the archive.

The records are named tuples (a changed copy is ``record._replace(field=value)``): immutable and
typed like frozen dataclasses, and a few times cheaper to define, which every process start pays.
Every datetime in the model is timezone-aware UTC with microsecond 0.
"""

# No ``from __future__ import annotations`` here: a named tuple's string annotations are each
# compiled by ``typing`` at import (some 15 us a field, in every process that loads it).
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple


class DateSource(StrEnum):
    """Where an entry's date came from (see ``pagefeed.extract.dates.assign_dates``)."""

    PAGE = "page"  # the date the page states for the story
    CAPTION = "caption"  # the date written in the image caption
    NOW = "now"  # the build's ``now`` (or, with an archive, the first-seen time)


class TitleSource(StrEnum):
    """Whether a story's title was printed on the page or derived from its summary."""

    PAGE = "page"
    DERIVED = "derived"


class Format(StrEnum):
    """Input formats the parsers understand."""

    TEXT = "text"
    HTML = "html"


class FeedFormat(StrEnum):
    """The XML formats the feed builder renders (JSON Feed is written beside them)."""

    RSS = "rss"
    ATOM = "atom"


# The file each kind of feed output gets, after the feed's name ("json" is JSON Feed 1.1, "html"
# the feed's own web page).
FILE_SUFFIXES = {"rss": ".rss.xml", "atom": ".atom.xml", "json": ".feed.json", "html": ".html"}


def feed_file_name(name: str, kind: str) -> str:
    """The file name of feed ``name``'s ``kind`` output: ``world.rss.xml``, ``world.feed.json``."""
    return name + FILE_SUFFIXES[str(kind)]


class Image(NamedTuple):
    """A story's picture: where it is, what the caption says, who took it."""

    url: str | None = None
    caption: str | None = None
    credit: str | None = None
    date: datetime | None = None  # the date printed in the caption, if any
    file_photo: bool = False  # the caption marks an archive ("FILE PHOTO") picture


class Story(NamedTuple):
    """The main story of a page, or one of its teasers.

    ``stated_date`` is what the page states; ``date``/``date_source`` are the resolved entry
    date, filled in by ``pagefeed.extract.dates.assign_dates`` (None until then). ``id`` is filled
    in by
    ``pagefeed.extract.parse.parse`` ("" straight out of a format parser).
    """

    title: str
    title_source: TitleSource = TitleSource.PAGE
    summary: str = ""
    body: tuple[str, ...] = ()  # plain-text paragraphs
    body_html: str | None = None  # sanitised HTML body, when the source was HTML
    section: str | None = None  # "More from GZERO Media", "Most Popular", ...; None for main
    label: str | None = None  # a series label above a card ("Hard Numbers")
    author: str | None = None
    link: str | None = None
    image: Image | None = None
    stated_date: datetime | None = None
    date: datetime | None = None
    date_source: DateSource | None = None
    id: str = ""


class Page(NamedTuple):
    """One parsed page: a main story (or none, for a listing page) and its teasers."""

    main: Story | None
    teasers: tuple[Story, ...] = ()
    warnings: tuple[str, ...] = ()
    title: str | None = None  # the page's own title (for a feed title default)
    url: str | None = None  # canonical URL of the page, when known
    site_name: str | None = None
    format: Format = Format.TEXT
    language: str | None = None  # the page's own language tag (``<html lang>``), when it has one

    @property
    def stories(self) -> tuple[Story, ...]:
        """The main story (if any) followed by the teasers, in page order."""
        return ((self.main,) if self.main is not None else ()) + self.teasers


class Entry(NamedTuple):
    """A story as published in a feed: its first-published and last-changed times."""

    story: Story
    published: datetime
    updated: datetime


class FeedInfo(NamedTuple):
    """Feed-level metadata. ``feed_url`` is the base URL the feed files are served from."""

    name: str
    title: str
    site_url: str
    feed_url: str
    description: str = ""
    author: str = "pagefeed"
    language: str | None = None

    def url_for(self, fmt: str) -> str:
        """The public URL of this feed in ``fmt`` (a FeedFormat, "json" or "html")."""
        base = self.feed_url if self.feed_url.endswith("/") else self.feed_url + "/"
        return base + feed_file_name(self.name, fmt)

"""pagefeed.outline: the readable outline ``pagefeed parse`` prints without ``--json``."""

from __future__ import annotations

from datetime import UTC, datetime

from pagefeed.model import DateSource, Image, Page, Story, TitleSource
from pagefeed.outline import page_outline


def test_main_story_and_teasers() -> None:
    page = Page(
        main=Story(
            title="Harbour reopens after the storm",
            image=Image(
                url="https://coast.example.org/img/harbour.jpg",
                caption="Boats return to the harbour on April 2, 2025.",
                credit="Mira Salo/Harbour Press",
            ),
            link="https://coast.example.org/news/harbour",
            date=datetime(2025, 4, 2, 8, 30, tzinfo=UTC),
            date_source=DateSource.PAGE,
            id="urn:uuid:1",
        ),
        teasers=(
            Story(
                title="Gulls return to the pier",
                title_source=TitleSource.DERIVED,
                section="More from Coastal Times",
                image=Image(caption="Gulls over the pier."),  # no URL, no credit: not listed
                date=datetime(2025, 3, 1, tzinfo=UTC),
                date_source=DateSource.CAPTION,
                id="urn:uuid:2",
            ),
            Story(title="Tide tables for May", id="urn:uuid:3"),
        ),
        warnings=("a date 'February 30, 2025' is impossible; ignored",),
    )
    assert page_outline(page) == (
        "main: Harbour reopens after the storm\n"
        "  date: 2025-04-02T08:30:00Z (from page)\n"
        "  image: https://coast.example.org/img/harbour.jpg\n"
        "  caption: Boats return to the harbour on April 2, 2025.\n"
        "  credit: Mira Salo/Harbour Press\n"
        "  link: https://coast.example.org/news/harbour\n"
        "  id: urn:uuid:1\n"
        "teaser 1: Gulls return to the pier (derived)\n"
        "  section: More from Coastal Times\n"
        "  date: 2025-03-01T00:00:00Z (from caption)\n"
        "  caption: Gulls over the pier.\n"
        "  id: urn:uuid:2\n"
        "teaser 2: Tide tables for May\n"
        "  id: urn:uuid:3\n"
        "warning: a date 'February 30, 2025' is impossible; ignored\n"
    )


def test_listing_page_has_no_main_and_lists_every_warning() -> None:
    page = Page(
        main=None,
        teasers=(Story(title="First card", id="urn:uuid:a"),),
        warnings=("first oddity", "second oddity"),
    )
    assert page_outline(page) == (
        "main: (none: a listing page)\n"
        "teaser 1: First card\n"
        "  id: urn:uuid:a\n"
        "warning: first oddity\n"
        "warning: second oddity\n"
    )


def test_a_date_without_a_source_says_so() -> None:
    story = Story(title="T", date=datetime(2025, 1, 1, tzinfo=UTC), id="i")
    assert "  date: 2025-01-01T00:00:00Z (from ?)\n" in page_outline(Page(main=story))

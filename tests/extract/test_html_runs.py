"""Runs of cards no heading announces (pagefeed.extract.html.runs), on fixtures of each shape:
grids, bare-link strips, deals boxes, CJK lists, a page foot's digest, previous/next story
links, a recent-posts widget; and the lists that are not teasers beside them."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pagefeed.extract.html.parser import parse_html
from pagefeed.model import Page

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def _page(name: str) -> Page:
    return parse_html((HTML / name).read_text(encoding="utf-8"))


def _path(link: str | None) -> str:
    """A teaser's link without the fixture site's address (all fixtures link to themselves)."""
    assert link is not None
    return urlsplit(link).path


def test_unheaded_runs_of_every_shape_and_no_listing_pages() -> None:
    page = _page("teaser-runs.html")
    assert [_path(t.link) for t in page.teasers] == [
        # link lines back to back closing the story (the single one above them is its text)
        "/2025/05/keeper-cottages",
        "/2025/05/lamp-history",
        "/2025/04/board-vote",
        "/2025/04/channel-chart",
        # a grid of posts whose classes differ by post id
        "/2025/07/seal-count",
        "/2025/07/rope-works",
        "/2025/07/tide-mill",
        # a box with no heading: headlines wrapped in their links, long blurbs, one big card
        # and smaller ones; the advertisement boxes beside it are not cards
        "/2025/07/oilskins-half-price",
        "/2025/07/kayak-hire-deal",
        "/2025/07/ferry-pass-offer",
        # a strip of bare headline links
        "/2025/07/gull-thief",
        "/2025/07/pier-piano",
        "/2025/07/harbour-swim",
        # Japanese headlines (no spaces) in the second link of each row, after the picture's
        "/archives/3101",
        "/archives/3102",
        "/archives/3103",
    ]  # the tag pages and the monthly archives are not stories
    assert page.teasers[0].title == "The keepers' cottages on the rock are repaired"
    assert page.teasers[7].title == "Oilskins are half price at the chandlery this week"
    assert page.teasers[13].title == "灯台守が四十年ぶりに島へ戻る"
    assert page.teasers[13].section == "このブログの人気記事"  # a CJK heading word anywhere
    assert page.main is not None
    assert page.main.title == "Lighthouse keepers return to Skerry Rock"


def test_story_lists_in_the_page_foot_are_teasers_its_menus_and_site_links_are_not() -> None:
    page = _page("page-foot.html")
    assert [_path(t.link) for t in page.teasers] == [
        "/harbour/dredger-arrives-for-the-channel-1.5010",
        "/harbour/crane-driver-retires-1.5011",
        "/harbour/pilot-boat-named-1.5012",
        "/weather/gales-due-1.5020",
        "/weather/frost-warning-1.5021",
        "/weather/sunny-spell-1.5022",
    ]  # not the menu inside the foot, the site's own links, nor a list of short lines
    assert page.teasers[0].title == "A dredger arrives to deepen the channel before the tall ships"
    assert page.main is not None
    assert page.main.title == "Ferry strike called off after late-night talks"


def test_previous_and_next_story_links_are_teasers_without_their_labels() -> None:
    page = _page("story-pager.html")
    assert [(t.title, _path(t.link)) for t in page.teasers] == [
        # rel=prev, a screen-reader "Prev" beside the title; a glued "Next" after it
        ("Tarring the hull before the winter storms", "/tarring-the-hull/"),
        ("Splicing rope for beginners, step by step", "/splicing-rope-for-beginners/"),
        # the label inside the link ("← Older Story") is not part of the headline
        ("The five knots every sailor should know by heart", "/knots-every-sailor-needs/"),
    ]  # not the breadcrumbs, the pagination, nor a menu of two long links with no label


def test_a_list_named_for_recent_posts_may_hold_short_titles_comments_never_count() -> None:
    page = _page("blog-widgets.html")
    assert [(t.title, _path(t.link)) for t in page.teasers] == [
        # "recent-posts" in the box's id: two-word titles over long excerpts are its cards
        ("Seed swap", "/seed-swap/"),
        ("Broad beans in November", "/broad-beans-in-november/"),
        ("The leaky shed", "/the-leaky-shed/"),
    ]  # not the recent comments (links to #comment-N), nor an unnamed list of site pages
    assert page.teasers[1].summary.startswith("Sow them now")


def _run_places(markup: str) -> list[tuple[str, int]]:
    from pagefeed.extract.html.scan import scan_page
    from pagefeed.extract.html.soup import make_soup
    from pagefeed.extract.html.tree import Classes

    scan = scan_page(make_soup(markup), Classes())
    return [(str(tag.get("id")), kind) for tag, kind in scan.run_places]


def test_the_scan_notes_where_the_run_search_reads_and_nowhere_else() -> None:
    from pagefeed.extract.html.runs import (
        RUN_PLACE_CONTAINER,
        RUN_PLACE_NOISE,
        RUN_PLACE_SUBTREE,
    )

    items = "<li>one</li><li>two</li><li>three</li>"
    markup = (
        f"<body><ul id=list>{items}</ul><ul id=short><li>one</li></ul>"
        f"<a href=/x><div id=in-link>{items}</div></a><p>text <span><ul>{items}</ul></span></p>"
        f"<nav id=menu>{items}</nav><footer id=foot><ul id=foot-list>{items}</ul></footer>"
        f"<div id=title class=section-title>More stories</div><div id=after>{items}</div></body>"
    )
    assert _run_places(markup) == [
        ("list", RUN_PLACE_CONTAINER),  # a list too short for a run, and those in links
        ("menu", RUN_PLACE_NOISE),  # and paragraphs, are not noted; noise is, not its inside
        ("foot", RUN_PLACE_NOISE),
        ("title", RUN_PLACE_SUBTREE),  # a section title the scan does not enter
        ("after", RUN_PLACE_CONTAINER),
    ]


def test_the_run_search_skips_places_under_taken_tags_found_before_or_during_it() -> None:
    from pagefeed.extract.html.runs import _skipped
    from pagefeed.extract.html.soup import make_soup

    soup = make_soup("<div id=a><div id=b><p id=c>x</p></div><div id=d><p id=e>y</p></div></div>")
    a, b, c, d, e = (soup.find(id=name) for name in "abcde")
    skip: set[int] = set()
    clean: set[int] = set()
    assert not _skipped(c, skip, clean)  # type: ignore[arg-type]
    assert {id(a), id(b), id(c)} <= clean
    skip.add(id(d))  # a card taken after c was read, below a place read later
    assert _skipped(e, skip, clean)  # type: ignore[arg-type]
    assert not _skipped(b, skip, clean)  # type: ignore[arg-type]

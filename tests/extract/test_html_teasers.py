"""Teaser decisions (pagefeed.extract.html.teasers) on a fixture of every kind of box: an
unheaded strip of cards, share buttons, an inline "Related:" link, tabbed most-read panes, a
native-ad box, forum threads and a "See all" link; plus links without a page address."""

from __future__ import annotations

from pathlib import Path

import pytest

from pagefeed.extract.html.parser import parse_html
from pagefeed.extract.html.teasers import (
    headline_words,
    keep_teaser,
    link_key,
    paid_section,
    story_shaped,
    without_pager_label,
)
from pagefeed.model import Story

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"
SITE = "https://harbourpost.example.com"


def test_every_kind_of_box_on_one_page() -> None:
    page = parse_html((HTML / "teaser-blocks.html").read_text(encoding="utf-8"))
    got = [(t.section, t.link) for t in page.teasers]
    assert got == [
        # an unheaded strip: the headline is the second link, after the picture's
        (None, f"{SITE}/2025/06/quay-lights"),
        (None, f"{SITE}/2025/06/fish-market"),
        (None, f"{SITE}/2025/06/pier-repairs"),
        (None, f"{SITE}/2025/06/lifeboat-crew"),
        # tabbed panes: a story in both tabs is kept once; "See all" is not a story
        ("Most read", f"{SITE}/2025/06/harbour-wall?ref=most-read-today"),
        ("Most read", f"{SITE}/2025/06/tide-tables?ref=most-read-today"),
        ("Most read", f"{SITE}/2025/06/gull-nests?ref=most-read-week"),
        # a forum thread is not a story; the native-ad box and share buttons are gone
        ("Recent posts", f"{SITE}/2025/06/ferry-music"),
    ]
    assert page.teasers[0].title == "New lights along the quay are switched on"
    assert page.main is not None
    # the inline "Related:" link stays a line of the story, not a section of its own
    assert "Related: Ferry fares to rise in the autumn" in page.main.body
    assert page.warnings == ()


def test_relative_links_without_any_page_address_are_dropped_with_a_warning() -> None:
    html = (
        "<html><body><h1>Ferry</h1><p>"
        + "The ferry ran late again on Monday, as usual. " * 8
        + "</p><h2>Related</h2><ul><li><a href='/a'>Harbour wall repairs begin next week</a>"
        "</li></ul></body></html>"
    )
    page = parse_html(html)
    assert any("relative links" in w for w in page.warnings)
    assert all(t.link is None for t in page.teasers)
    assert parse_html(html, url="https://news.example.org/x").teasers[0].link == (
        "https://news.example.org/a"
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.e.org/a/?utm_source=x&utm_medium=y", "https://e.org/a"),
        ("https://e.org/a#top", "https://e.org/a/"),
        ("https://e.org/a?ref=tab2", "https://e.org/a?ref=tab1"),
    ],
)
def test_links_that_differ_only_in_tracking_are_one(a: str, b: str) -> None:
    assert link_key(a) == link_key(b)


def test_a_real_query_keeps_links_apart() -> None:
    assert link_key("https://e.org/story.php?id=1") != link_key("https://e.org/story.php?id=2")


@pytest.mark.parametrize(
    ("title", "link", "keep"),
    [
        ("Harbour wall repairs begin next week", "https://e.org/a", True),
        ("関連記事のタイトルがここに入ります", "https://e.org/a", True),
        ("Rating", "https://e.org/rating/", False),  # one short word: a label
        ("See all harbour stories", "https://e.org/harbour", False),
        ("Share this story on Facebook", "https://www.facebook.com/sharer/sharer.php?u=1", False),
        ("The kettle sailors cannot stop buying", "https://www.amazon.com/dp/B0", False),
        ("What time does the last ferry leave", "https://e.org/forum/threads/last-ferry", False),
        ("Ferry fans compare notes on the crossing", "https://forums.e.org/t/1", False),
        ("This card pays you back on tickets", "https://x.net/c?utm_medium=cpc", False),
        ("Other news in this section", "https://e.org/eng/world/news/", False),
        ("All news", "https://e.org/news/", False),
        ("Harbour wall repairs begin", "https://e.org/news/harbour-wall", True),
    ],
)
def test_keep_teaser(title: str, link: str, keep: bool) -> None:
    assert keep_teaser(Story(title=title, link=link)) is keep


def test_a_box_of_off_site_ad_links_is_paid() -> None:
    ads = [
        Story(title="One", link="https://offers.example.net/a?utm_source=hp"),
        Story(title="Two", link="https://deals.example.org/b"),
    ]
    partners = [Story(title="One", link="https://partner.example.net/a")]
    assert paid_section(ads, "https://e.org/story")
    assert not paid_section(partners, "https://e.org/story")  # a partner site, no ad marks
    assert not paid_section(
        ads[:1] + [Story(title="x", link="https://e.org/b")] * 3, "https://e.org/"
    )


def test_a_rail_named_like_an_ad_column_that_holds_a_teaser_section_is_read() -> None:
    story = "".join(
        "<p>The harbour council met on Monday, and the ferry timetable changed again.</p>"
        for _ in range(4)
    )
    cards = "".join(
        f"<div class='tile'><div class='r'><a href='/2025/06/s{i}'><img src='/i{i}.jpg'></a>"
        f"</div><div class='tile-title'><a href='/2025/06/s{i}'>Ферри {i}</a></div>"
        "<div class='body'>A short blurb under the headline, longer than the headline.</div></div>"
        for i in range(3)
    )
    html = (
        f"<html><body><article><h1>Ferry</h1>{story}</article>"
        f"<section class='ad-column'><h2>Most popular</h2>{cards}</section></body></html>"
    )
    page = parse_html(html, url=f"{SITE}/2025/06/ferry")
    assert [t.link for t in page.teasers] == [f"{SITE}/2025/06/s{i}" for i in range(3)]
    assert {t.section for t in page.teasers} == {"Most popular"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Harbour wall repairs begin", 4),
        ("人気記事", 2),
        ("灯台守が四十年ぶりに島へ戻る", 7),
        ("Speccyのportable版", 1),
        ("", 0),
        ("Café “prices” rise — again", 5),  # non-ASCII, no CJK character
        ("Ｔｏｋｙｏ ｆｅｒｒｙ", 6),  # full-width letters count as CJK
    ],
)
def test_headline_words_count_cjk_characters_in_pairs(text: str, words: int) -> None:
    assert headline_words(text) == words


@pytest.mark.parametrize(
    ("href", "story"),
    [
        ("/2025/07/seal-count", True),
        ("https://e.org/news/10367796/prince-party/", True),
        ("https://e.org/canada/okanagan-man-sentenced-1.4692359", True),
        ("/archives/3101", True),
        ("/story.php?id=812", True),
        ("/?p=812", True),
        ("/video?clipId=1833115", True),
        ("/world/index.html", True),
        ("/", False),
        ("https://www.physicsforums.com/", False),
        ("/2025/07/", False),
        ("/tag/lighthouses/", False),
        ("/category/harbour/ferries/", False),
        ("/author/ola-brandt/", False),
        ("/events/regatta-2025/", False),
        ("/canada", False),
        ("/news/world/", False),
    ],
)
def test_story_shaped_links(href: str, story: bool) -> None:
    assert story_shaped(href) is story


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("← Previous Story Apple pie wins the fair", "Apple pie wins the fair"),
        ("Newer post → Ferries return", "Ferries return"),
        ("Next: Ferries return", "Ferries return"),
        ("PrevThe tide mill grinds again", "The tide mill grinds again"),
        ("The tide mill grinds againNext", "The tide mill grinds again"),
        ("次の記事 港の古い製綱所", "港の古い製綱所"),
        ("Next year's harbour budget is cut", "Next year's harbour budget is cut"),
        ("Older drivers face new tests", "Older drivers face new tests"),
        ("Preview of the regatta", "Preview of the regatta"),
        ("What comes next", "What comes next"),
        ("Next", "Next"),
    ],
)
def test_pager_labels_leave_headlines_alone(text: str, headline: str) -> None:
    assert without_pager_label(text) == headline


def test_a_comment_anchor_is_not_a_story() -> None:
    assert not story_shaped("/seed-swap/#comment-31")
    assert not story_shaped("https://e.org/2025/06/ferry-fares#respond")
    assert story_shaped("https://e.org/2025/06/ferry-fares#top")

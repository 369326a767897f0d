"""pagefeed.extract.html.content: candidate blocks scored by what they hold; and the parser's
use of it (story containers without <article>, regions judged by content, titles)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from pagefeed.extract.html.content import block_text_and_links, score_blocks
from pagefeed.extract.html.parser import parse_html
from pagefeed.extract.html.scan import scan_page
from pagefeed.extract.html.story import strip_site
from pagefeed.extract.html.tree import Classes, holds_story

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"
SENTENCE = "The harbour council met on Monday, and the ferry timetable changed again, as promised. "


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def best_class(html: str) -> str | None:
    best = score_blocks(soup(html), Classes(), set()).best()
    assert best is not None
    value = best.get("class")
    return " ".join(value) if isinstance(value, list) else value


def test_the_block_with_the_most_prose_wins_over_a_list_of_links() -> None:
    links = "".join(f"<p><a href='/s{i}'>{SENTENCE}</a></p>" for i in range(6))
    prose = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(3))
    html = f"<div class='links'>{links}</div><div class='x'>{prose}</div>"
    assert best_class(html) == "x"


def test_paragraphs_written_as_divs_score_for_their_container() -> None:
    grafs = "".join(f"<div class='graf'>{SENTENCE * 2}</div>" for _ in range(4))
    html = (
        f"<div class='story'><p>{SENTENCE}</p>{grafs}</div><div class='x'><p>{SENTENCE}</p></div>"
    )
    assert best_class(html) == "story"  # not one of its <div> paragraphs


def test_class_words_are_only_a_weak_hint() -> None:
    prose = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(4))
    html = f"<div class='content'><p>{SENTENCE}</p></div><div class='sidebar'>{prose}</div>"
    assert best_class(html) == "sidebar"  # four paragraphs outweigh one word of a class


def test_siblings_split_by_an_ad_join_the_best_block() -> None:
    part = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(3))
    html = (
        f"<div><div class='a'>{part}</div><div class='ad'></div><div class='b'>{part}!</div></div>"
    )
    joined = score_blocks(soup(html), Classes(), set()).joined()
    text = " ".join(t.get_text() for t in joined)
    assert text.count(SENTENCE) == 12  # both halves, once each


def test_skipped_subtrees_do_not_score() -> None:
    page = soup(f"<div class='a'><p>{SENTENCE * 3}</p></div><div class='b'><p>{SENTENCE}</p></div>")
    first = page.find("div")
    assert isinstance(first, Tag)
    best = score_blocks(page, Classes(), {id(first)}).best()
    assert best is not None
    assert best.get("class") == ["b"]


def test_bare_text_beside_blocks_keeps_both_in_page_order() -> None:
    html = (
        "<html><head><title>Quay repairs begin | Coastal Notes</title></head><body>"
        "<div class='col'><p class='titulo'>Quay repairs begin</p>"
        "<small>Published by Ana - <a href='/tag/quay'>quay</a></small><br><br>"
        "<p>The north quay closes for a month.</p>"
        f"{SENTENCE * 4}<br><br>{SENTENCE * 3}</div></body></html>"
    )
    page = parse_html(html, url="https://notes.example.com/quay")
    assert page.main is not None
    assert page.main.title == "Quay repairs begin"
    assert page.main.body == (
        "The north quay closes for a month.",  # the headline shown again is not body
        (SENTENCE * 4).strip(),
        (SENTENCE * 3).strip(),
    )


def test_a_first_line_repeating_the_headline_is_dropped_but_a_longer_one_stays() -> None:
    rest = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(3))
    head = "<html><head><meta property='og:title' content='Quay repairs begin'></head><body>"
    again = parse_html(f"{head}<p class='title'>Quay Repairs Begin.</p>{rest}</body></html>")
    longer = parse_html(f"{head}<p>Quay repairs begin on Monday.</p>{rest}</body></html>")
    assert again.main is not None
    assert longer.main is not None
    assert again.main.body == tuple((SENTENCE * 2).strip() for _ in range(3))
    assert longer.main.body[0] == "Quay repairs begin on Monday."


def test_a_region_holding_story_paragraphs_is_not_chrome_whatever_its_class() -> None:
    story = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(3))
    wrapper = soup(f"<div class='page non-ad-column'>{story}</div>").div
    share = soup("<div class='share-bar'><p>Share this</p></div>").div
    assert isinstance(wrapper, Tag)
    assert isinstance(share, Tag)
    assert holds_story(wrapper)
    assert Classes().classify(wrapper) is None
    assert Classes().classify(share) is not None  # still noise


def test_a_page_wide_wrapper_named_for_ads_is_not_chrome_but_an_ad_box_is() -> None:
    # Layouts that slide an off-canvas ad in name their page wrapper after it.
    story = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(3))
    html = (
        "<html><body><div class='site-advertisement-offset--pusher'><h1>Ferry news</h1>"
        f"<div class='advertisement-box'><p>{SENTENCE}</p></div>{story}</div></body></html>"
    )
    page = parse_html(html)
    assert page.main is not None
    assert page.main.body == tuple((SENTENCE * 2).strip() for _ in range(3))


def test_strong_noise_words_stay_noise_even_around_long_text() -> None:
    story = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(3))
    comments = soup(f"<div class='comments'>{story}</div>").div
    assert isinstance(comments, Tag)
    assert Classes().classify(comments) is not None


def test_a_form_around_the_whole_page_hides_nothing() -> None:
    text = (HTML / "form-wrapped.html").read_text(encoding="utf-8")
    page = parse_html(text, url="https://ledger.example.com/news/tide-gauges")
    assert page.main is not None
    # The <h1> is the site's logo: the <title> without its site suffix is the headline.
    assert page.main.title == "Tide gauges return to Oskar Bay after a decade"
    assert page.main.body[0].startswith("For the first time in ten years")
    assert page.main.author == "Ines Marlow"  # from the byline above the body, never the summary
    assert not page.main.summary.startswith("By ")
    assert page.main.stated_date is not None
    assert page.main.stated_date.date().isoformat() == "2025-03-12"


def test_bare_text_in_a_table_layout_is_a_story() -> None:
    text = (HTML / "bare-text.html").read_text(encoding="utf-8")
    page = parse_html(text, url="https://notes.example.com/lanterns")
    assert page.main is not None
    assert page.main.title == "Lantern festival moves to the quay"
    assert len(page.main.body) == 3
    assert page.main.body[1].startswith("The square is closed for repairs")


def test_a_card_classed_box_without_a_link_is_not_a_teaser() -> None:
    cards = "".join(f"<div class='card'><p>{SENTENCE * 2}</p></div>" for _ in range(4))
    page = parse_html(f"<html><body><h1>Ferry news</h1>{cards}</body></html>")
    assert page.main is not None
    assert page.teasers == ()
    assert len(page.main.body) == 4


def test_strip_site() -> None:
    assert strip_site("Ferry news | Coastal Times", "Coastal Times") == "Ferry news"
    assert strip_site("Coastal Times - Ferry news", "Coastal Times") == "Ferry news"
    assert strip_site("Ferry news - what next | Coastal Times", None, guess=True) == (
        "Ferry news - what next"
    )
    assert strip_site("Ferry news - what next", None) == "Ferry news - what next"
    assert strip_site("Ferry", None, guess=True) == "Ferry"


def test_a_bare_form_around_the_story_hides_nothing_either() -> None:
    story = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(3))
    page = parse_html(f"<html><body><form><h1>Ferry news</h1>{story}</form></body></html>")
    assert page.main is not None
    assert page.main.title == "Ferry news"
    assert len(page.main.body) == 3


@pytest.mark.parametrize("path", sorted(HTML.glob("*.html")), ids=lambda p: p.name)
def test_scoring_the_scanned_blocks_equals_scoring_by_a_walk(path: Path) -> None:
    page = soup(path.read_text(encoding="utf-8", errors="replace"))
    classes = Classes()
    scan = scan_page(page, classes)
    walked = score_blocks(page, classes, set()).ranked
    listed = score_blocks(page, classes, set(), blocks=scan.blocks).ranked
    assert [(id(c.tag), round(c.score, 6)) for c in walked] == [
        (id(c.tag), round(c.score, 6)) for c in listed
    ]


def test_a_date_line_opening_the_body_stays_the_date_when_the_byline_sits_above() -> None:
    story = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(3))
    html = (
        "<html><body><h1>Ferry news</h1><div class='meta'><span>By Ines Marlow</span></div>"
        f"<div class='text'><p>March 12, 2025</p>{story}</div></body></html>"
    )
    main = parse_html(html).main
    assert main is not None
    assert main.author == "Ines Marlow"
    assert main.stated_date is not None
    assert main.stated_date.date().isoformat() == "2025-03-12"
    assert main.body[0].startswith("The harbour council")


def _folded(tag: Tag) -> str:
    return " ".join("".join(s for s in tag.strings if type(s) is NavigableString).split())


@pytest.mark.parametrize("path", sorted(HTML.glob("*.html")), ids=lambda p: p.name)
def test_a_blocks_text_and_link_characters_are_those_of_its_strings_and_links(path: Path) -> None:
    page = soup(path.read_bytes().decode("utf-8", "replace"))
    blocks = page.find_all(["p", "td", "blockquote", "pre", "div"])
    assert blocks
    for block in blocks:
        links = sum(len(_folded(a)) for a in block.find_all("a"))
        assert block_text_and_links(block) == (_folded(block), links)


def test_nested_links_count_in_each_link_that_holds_them() -> None:
    block = soup(
        "<p>Read <a href='/a'>the <b>ferry</b> <a href='/b'>timetable</a></a> now "
        "<a href='/c'>here</a></p>"
    ).p
    assert block is not None
    expected = sum(len(_folded(a)) for a in block.find_all("a"))
    assert block_text_and_links(block) == (_folded(block), expected)


LEDE = "Ferries to Oskar Bay will run every hour from May, the council said on Monday."
BODY = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(8))
STORY_START = (SENTENCE * 2).strip()


@pytest.mark.parametrize(
    ("before", "first"),
    [
        (f"<div class='lede'><p>{LEDE}</p></div>", LEDE),
        (f"<p>{LEDE}</p><div class='ad-slot'>Advertisement</div><div></div>", LEDE),  # passed
        (f"<section><div>{LEDE}</div></section>", LEDE),
        ("<div class='meta'><p>By Ana Ruiz | March 3, 2025</p></div>", STORY_START),
        (f"<div class='dek'><p>{LEDE}</p></div>", STORY_START),  # a role: not the lede
        (f"<div><h2>Ferries</h2><p>{LEDE}</p></div>", STORY_START),  # holds a heading
        (f"<div class='related'><p>{LEDE}</p></div>", STORY_START),  # a down word
        (f"<p><a href='/a'>{LEDE}</a></p>", STORY_START),  # a link, not prose
    ],
)
def test_a_lead_paragraph_in_its_own_box_before_the_body_joins_it(before: str, first: str) -> None:
    html = f"<html><body><h1>Ferry news</h1>{before}<div class='body'>{BODY}</div></body></html>"
    main = parse_html(html).main
    assert main is not None
    assert main.body[0] == first

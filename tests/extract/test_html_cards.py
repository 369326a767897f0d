"""pagefeed.extract.html.cards: finding a section's cards and reading each card into a teaser
Story."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup, Tag

from pagefeed.extract.html.cards import card_roots, card_story, section_container
from pagefeed.extract.html.tree import Classes
from pagefeed.model import Image, Story, TitleSource

BASE = "https://coast.example.org/news/"
SITE = "https://coast.example.org"


def tag(html: str, selector: str = "*") -> Tag:
    found = BeautifulSoup(html, "lxml").select_one(f"body {selector}")
    assert found is not None
    return found


def story(html: str, *, notes: list[str] | None = None) -> Story | None:
    notes = [] if notes is None else notes
    return card_story(tag(html), "More from Coastal Times", BASE, Classes(), notes)


def test_a_full_card() -> None:
    notes: list[str] = []
    result = story(
        """<article class="card"><span class="card__kicker">Hard Numbers</span>
        <a href="/news/ferries"><img srcset="/i/f-320.jpg 320w, /i/f-960.jpg 960w" alt="x"></a>
        <figure><figcaption>Ferries at the quay on March 3, 2025.
          <span class="photo-credit">Dara Quill/Reuters</span></figcaption></figure>
        <h3><a href="/news/ferries#top">Ferry fares fall again</a></h3>
        <p class="card__dek">Fares fall for a third year.</p>
        <span class="byline">By Ola Brandt</span>
        <time datetime="2025-03-04T09:00:00Z">March 4</time>
        <div class="share-bar"><p>Share this story with your harbour friends</p></div>
        </article>""",
        notes=notes,
    )
    assert result == Story(
        title="Ferry fares fall again",
        summary="Fares fall for a third year.",
        section="More from Coastal Times",
        label="Hard Numbers",
        author="Ola Brandt",
        link="https://coast.example.org/news/ferries#top",
        image=Image(
            url="https://coast.example.org/i/f-960.jpg",
            caption="Ferries at the quay on March 3, 2025.",
            credit="Dara Quill/Reuters",
            date=datetime(2025, 3, 3, tzinfo=UTC),
        ),
        stated_date=datetime(2025, 3, 4, 9, tzinfo=UTC),
    )
    assert notes == []


def test_a_bare_link_card_takes_its_link_text_as_title() -> None:
    result = story(
        '<li><a href="https://other.example/gulls">Gulls return to the pier</a>'
        "<p>Gull numbers doubled this spring.</p></li>"
    )
    assert result is not None
    assert (result.title, result.title_source) == ("Gulls return to the pier", TitleSource.PAGE)
    assert result.link == "https://other.example/gulls"
    assert result.summary == "Gull numbers doubled this spring."
    assert result.image is None


def test_a_short_link_is_no_title_and_the_summary_gives_one() -> None:
    result = story(
        '<div class="card"><a href="/v">Video</a><p>Tide tables change in May. More soon.</p></div>'
    )
    assert result is not None
    assert (result.title, result.title_source) == ("Tide tables change in May", TitleSource.DERIVED)
    assert result.link == "https://coast.example.org/v"


def test_a_headline_classed_link_and_a_long_alt_as_caption() -> None:
    result = story(
        '<div class="card"><img src="/g.jpg" alt="Gulls circle the old lighthouse at dawn">'
        '<a class="card__headline" href="/g">Gulls are back</a></div>'
    )
    assert result is not None
    assert result.title == "Gulls are back"
    assert result.image is not None
    assert result.image.caption == "Gulls circle the old lighthouse at dawn"


def test_a_short_alt_is_not_a_caption() -> None:
    result = story('<div class="card"><img src="/g.jpg" alt="Gulls"><h3>Gulls are back</h3></div>')
    assert result is not None
    assert result.image == Image(url="https://coast.example.org/g.jpg")


def test_a_human_date_is_read_and_an_impossible_one_noted() -> None:
    result = story(
        '<div class="card"><h3>Tides</h3><span class="card-date">May 2, 2025</span></div>'
    )
    assert result is not None
    assert result.stated_date == datetime(2025, 5, 2, tzinfo=UTC)
    notes: list[str] = []
    result = story(
        '<div class="card"><h3>Tides</h3><span class="card-date">February 30, 2025</span></div>',
        notes=notes,
    )
    assert result is not None
    assert result.stated_date is None
    assert notes == ["impossible date 'February 30, 2025' ignored"]


@pytest.mark.parametrize(
    "html",
    [
        '<div class="card"><span class="label">Sponsored</span><h3><a href="/ad">Boats</a></h3>'
        "</div>",
        '<div class="card"><h3><a href="/ad">Boats</a></h3><p>Paid content</p></div>',
        '<div class="card"><img src="/x.jpg"></div>',  # nothing to title it
        "<div><p></p></div>",
    ],
)
def test_sponsored_or_empty_cards_give_nothing(html: str) -> None:
    assert story(html) is None


SECTION = """<main><div class="page">
<section>
  <h2>More from Coastal Times</h2>
  <ul>
    <li><a href="/a">Ferry fares fall again this year</a></li>
    <li class="ad-slot"><a href="/ad">An advert that looks like a card</a></li>
  </ul>
  <div class="card"><h3>Gulls are back</h3></div>
  <div><h3><a href="/c">A loose headline</a></h3><p>Its summary.</p></div>
  <div><a href="/d"><h4>A headline wrapped in its link</h4></a></div>
  <h2 id="next">Most Popular</h2>
  <div class="card"><h3>Not in this section</h3></div>
</section></div></main>"""


def test_card_roots_of_a_section_stop_at_the_next_heading() -> None:
    doc = BeautifulSoup(SECTION, "lxml")
    heading, stop = doc.find("h2"), doc.find(id="next")
    assert isinstance(heading, Tag)
    assert isinstance(stop, Tag)
    container = section_container(heading)
    assert container is not None
    assert container.name == "section"
    roots = card_roots(container, heading, {id(stop)}, set(), Classes())
    classes = Classes()
    titles = [s.title for s in (card_story(r, None, BASE, classes, []) for r in roots) if s]
    assert titles == [
        "Ferry fares fall again this year",
        "Gulls are back",
        "A loose headline",
        "A headline wrapped in its link",
    ]
    loose = roots[2]
    assert loose.name == "div"  # a loose headline's card is the wrapper holding its summary


def test_card_roots_skip_taken_elements() -> None:
    doc = BeautifulSoup(SECTION, "lxml")
    heading, taken = doc.find("h2"), doc.find("ul")
    assert isinstance(heading, Tag)
    assert isinstance(taken, Tag)
    container = section_container(heading)
    assert container is not None
    roots = card_roots(container, heading, set(), {id(taken)}, Classes())
    assert all(root.name != "li" for root in roots)
    assert len(roots) == 4  # the other three, and the card after "Most Popular" (no stop given)


def test_a_heading_with_no_link_after_it_has_no_container() -> None:
    assert (
        section_container(tag("<div><h2>Most Popular</h2><p>Nothing here</p></div>", "h2")) is None
    )


ROWS = """<main><div class="page">
<section>
  <h2>Top Video</h2>
  <ul>
    <li class="row">
      <div class="tile"><a href="/v/harbour-wall-1.101"><img src="/i/1.jpg"></a>
        <h4><a href="/v/harbour-wall-1.101">Divers inspect the harbour wall</a></h4></div>
      <div class="tile"><a href="/v/quay-market-1.102"><img src="/i/2.jpg"></a>
        <h4><a href="/v/quay-market-1.102">The quay market moves indoors</a></h4></div>
    </li>
  </ul>
  <div class="slides">
    <div class="slide"><div class="teaser-shade"></div>
      <a href="/news/1201/gull-count-rises/"><img src="/i/3.jpg"></a>
      <h3>GULL COUNT</h3><span>Twice as many gulls nest on the pier as last year</span>
      <a class="overlay" href="/news/1201/gull-count-rises/"></a></div>
    <div class="slide"><div class="teaser-shade"></div>
      <a href="/news/1202/tide-mill-grinds/"><img src="/i/4.jpg"></a>
      <h3>FIRST FLOUR</h3><span>The tide mill grinds again after eighty years</span>
      <a class="overlay" href="/news/1202/tide-mill-grinds/"></a></div>
  </div>
  <div class="card"><h3>Upcoming events</h3>
    <div><h4><a href="/events/regatta-2025/">The summer regatta and harbour festival</a></h4></div>
    <div><h4><a href="/events/boat-show-2025/">The autumn boat show on the old quay</a></h4></div>
  </div>
</section></div></main>"""


def test_card_roots_inside_rows_frames_and_boxes_of_several_cards() -> None:
    doc = BeautifulSoup(ROWS, "lxml")
    heading = doc.find("h2")
    assert isinstance(heading, Tag)
    container = section_container(heading)
    assert container is not None
    classes = Classes()
    roots = card_roots(container, heading, set(), set(), classes)
    stories = [s for s in (card_story(r, None, BASE, classes, []) for r in roots) if s]
    assert {(s.title, s.link) for s in stories} == {
        # a list item holding two cards is a row, not one card
        ("Divers inspect the harbour wall", f"{SITE}/v/harbour-wall-1.101"),
        ("The quay market moves indoors", f"{SITE}/v/quay-market-1.102"),
        # an empty frame classed as a teaser is no card; a headline with no link of its own
        # takes the link beside it
        ("GULL COUNT", f"{SITE}/news/1201/gull-count-rises/"),
        ("FIRST FLOUR", f"{SITE}/news/1202/tide-mill-grinds/"),
        # a box named "card" that holds two events: neither is a story, so it stays one card
        ("Upcoming events", None),
    }


def test_a_loose_headline_card_stops_below_other_stories_links() -> None:
    doc = BeautifulSoup(
        """<main><section><h2>Top stories</h2>
        <div class="wrap">
          <div class="lead"><h3><a href="/news/5001/">A ferry runs aground off the point</a></h3>
            <p>All passengers are safe.</p></div>
          <div class="column">
          <div class="row"><a href="/news/5002/">Passengers taken off by the lifeboat</a></div>
          <div class="row"><a href="/news/5003/">The harbour master explains it all</a></div>
          </div>
        </div></section></main>""",
        "lxml",
    )
    heading = doc.find("h2")
    assert isinstance(heading, Tag)
    container = section_container(heading)
    assert container is not None
    roots = card_roots(container, heading, set(), set(), Classes())
    # not the wrapper, which holds the column of other stories (read as a run elsewhere)
    assert [root.get_attribute_list("class") for root in roots] == [["lead"]]

"""pagefeed.extract.html.recipe_apply: a recipe applied around the automatic reading.

The pages are fixtures written for these tests (tests/fixtures/recipes/): the Harbour Gazette
page defeats the automatic reader (no headings, no <article>); the Saltmere Courier listing is
read automatically, with a few fields wrong, so a recipe's field-by-field override shows.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.errors import ConfigError, ParseError
from pagefeed.extract.html.recipe import FIELD_KEYS, Recipe, check_recipe, recipe_from_toml
from pagefeed.extract.html.recipe_apply import trial
from pagefeed.extract.parse import parse
from pagefeed.model import Image, Page

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "recipes"
GAZETTE_URL = "https://www.harbour-gazette.test/news/barrier"
COURIER_URL = "https://courier.saltmere.test/coast/"


def page_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def recipe(text: str, name: str = "test.toml") -> Recipe:
    return recipe_from_toml(text, name=name)


def gazette(r: Recipe) -> Page:
    return parse(page_text("harbour-gazette.html"), url=GAZETTE_URL, recipe=r)


def courier(r: Recipe | None) -> Page:
    return parse(page_text("coast-listing.html"), url=COURIER_URL, recipe=r)


def test_the_gazette_page_defeats_the_automatic_reader() -> None:
    with pytest.raises(ParseError):
        parse(page_text("harbour-gazette.html"), url=GAZETTE_URL)


def test_every_card_key_and_main_key() -> None:
    page = gazette(recipe(page_text("harbour-gazette.toml")))
    assert page.warnings == ()
    assert [t.title for t in page.teasers] == [
        "Winter ferry timetable extended to May",
        "Quota talks resume after a month of silence",
        "Storm warning lifted for the northern bays",
    ]  # the paid tile is excluded
    first = page.teasers[0]
    assert first.link == "https://www.harbour-gazette.test/news/ferry-timetable"
    assert first.summary == "Two extra sailings a day will run until the end of May."
    assert first.image is not None
    assert first.image.url == "https://www.harbour-gazette.test/img/ferry-800.jpg"  # srcset
    assert first.stated_date == datetime(2026, 3, 30, tzinfo=UTC)  # text, by the date policy
    assert (first.author, first.label) == ("Jon Pell", "Ferries")
    assert page.teasers[2].image is None
    assert page.teasers[2].author is None
    main = page.main
    assert main is not None
    assert main.title == "Tidal barrier opens two weeks early"
    assert main.summary == "Engineers finished the last gate ahead of the spring tides."
    assert main.label == "Coast"
    assert main.stated_date == datetime(2026, 4, 3, 8, 30, tzinfo=UTC)  # @data-when
    assert main.image == Image(
        url="https://www.harbour-gazette.test/img/barrier-1200.jpg",  # data-src
        caption="The new gates at Saltmere on April 2, 2026.",
        credit="Mira Tollan/Gazette",
        date=datetime(2026, 4, 2, tzinfo=UTC),
    )
    assert len(main.body) == 3  # the container's paragraphs (no automatic main story here)


def test_caption_and_credit_inside_cards() -> None:
    r = recipe(
        'cards = ".pic"\ntitle = "img@alt"\ncaption = ".pic-words"\ncredit = ".pic-who"\n'
        'link = "@data-none"\n'
    )
    page = gazette(r)
    (card,) = page.teasers
    assert card.title == "The barrier"  # an attribute as text
    assert card.image is not None
    assert (card.image.caption, card.image.credit) == (
        "The new gates at Saltmere on April 2, 2026.",
        "Mira Tollan/Gazette",
    )
    assert any("link '@data-none' matched nothing" in w for w in page.warnings)


def test_automatic_reading_without_a_recipe() -> None:
    page = courier(None)
    assert [t.summary for t in page.teasers] == ["Updated daily"] * 3
    assert all(t.stated_date is None for t in page.teasers)


def test_recipe_fields_override_the_automatic_reading_field_by_field() -> None:
    page = courier(
        recipe(
            'cards = "article.card"\nsummary = ".blurb"\ndate = ".stamp@data-iso"\n'
            'exclude = ".ad-slot"\n'
        )
    )
    titles = [t.title for t in page.teasers]
    assert titles == [  # titles, links and images are still the automatic reader's
        "Lifeboat crew rescues three kayakers off the point",
        "Pier repairs will close the promenade until June",
        "Record number of seal pups counted on the sandbanks",
    ]
    assert page.teasers[0].link == "https://courier.saltmere.test/coast/lifeboat-crew"
    assert page.teasers[0].image is not None
    assert page.teasers[0].image.caption
    summaries = [t.summary for t in page.teasers]
    # the third card has no .blurb: its summary stays the automatic one
    assert summaries == [
        "The three were found clinging to a buoy an hour after dark.",
        "Contractors start on Monday; the café stays open.",
        "Updated daily",
    ]
    assert page.teasers[1].stated_date == datetime(2026, 2, 10, 12, 30, tzinfo=UTC)
    assert page.teasers[2].stated_date is None
    # sections come from the automatic reading of the same card
    assert {t.section for t in page.teasers} == {"More from the coast desk"}
    assert page.warnings == ()


def test_a_card_selector_takes_what_the_user_names_unless_excluded() -> None:
    page = courier(recipe('cards = "article.card"\n'))
    assert "Wetsuits for every season, half price" in [t.title for t in page.teasers]
    page = courier(recipe('cards = "article.card"\nexclude = [".ad-slot"]\n'))
    assert "Wetsuits for every season, half price" not in [t.title for t in page.teasers]


def test_cards_matching_nothing_keep_the_automatic_reading_with_a_warning() -> None:
    automatic = courier(None)
    page = courier(recipe('cards = "li.story"\ntitle = "h4"\n'))
    assert page.teasers == automatic.teasers
    assert page.warnings == (
        "recipe test.toml: cards 'li.story' matched nothing; the automatic reading is used",
    )


def test_a_field_matching_nothing_in_any_card_is_a_warning() -> None:
    page = courier(recipe('cards = "article.card"\nsummary = ".standfirst"\n'))
    assert [t.summary for t in page.teasers][:1] == ["Updated daily"]
    assert any("summary '.standfirst' matched nothing in any of the" in w for w in page.warnings)


def test_main_matching_nothing_is_a_warning() -> None:
    page = courier(recipe('main = "article.lead"\n'))
    assert page.main is None
    assert any("main 'article.lead' matched nothing" in w for w in page.warnings)


def test_main_fields_without_a_container_read_the_whole_page() -> None:
    page = gazette(recipe('[main]\ntitle = ".headline-big"\nsummary = ".standfirst-x"\n'))
    assert page.main is not None
    assert page.main.title == "Tidal barrier opens two weeks early"
    assert page.teasers == ()


def test_a_text_page_with_a_recipe_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="recipes apply to HTML pages"):
        parse("Headline\n\nA plain text page.\n", recipe=recipe('cards = "li"\n'))


def test_a_recipe_finding_nothing_on_a_page_with_nothing_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        gazette(recipe('cards = "li.none"\n'))


def test_match_scopes_a_recipe_to_its_hosts() -> None:
    text = page_text("harbour-gazette.toml")
    assert gazette(recipe(text)).teasers
    elsewhere = parse(
        page_text("coast-listing.html"), url=COURIER_URL, recipe=recipe(text, "gazette.toml")
    )
    assert elsewhere.teasers == courier(None).teasers
    assert elsewhere.warnings[-1] == (
        "recipe gazette.toml: its match does not hold for this page; not used"
    )


def test_match_by_signature() -> None:
    quayside = recipe(
        'cards = "article.card"\nsummary = ".blurb"\n'
        '[match]\nsignature = [{ meta = "generator", contains = "quayside cms" }]\n'
    )
    assert courier(quayside).teasers[0].summary.startswith("The three were found")
    with pytest.raises(ParseError):  # the Gazette is not a Quayside site: automatic, and empty
        gazette(quayside)


def test_the_report_shows_each_hit() -> None:
    outcome = trial(
        page_text("coast-listing.html"),
        recipe('cards = "article.card"\nsummary = ".blurb"\nexclude = ".ad-slot"\n'),
        url=COURIER_URL,
    )
    report = outcome.report
    assert report.excluded == 1
    assert [card.hits[0].value for card in report.cards] == [
        "The three were found clinging to a buoy an hour after dark.",
        "Contractors start on Monday; the café stays open.",
        None,
    ]
    assert report.automatic is not None
    assert len(report.automatic.teasers) == 3


_ANY_SELECTOR = st.sampled_from(
    ["li", "a", "div", ".tile", "p", "img", "h3 a", "@href", "span@class", "*", "article > *",
     ":not(p)", "body", "b@data-iso", "img@srcset", "nav a", ".none"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    page=st.sampled_from(["harbour-gazette.html", "coast-listing.html"]),
    cards=_ANY_SELECTOR.filter(lambda css: "@" not in css),  # an @attribute is for fields
    fields=st.dictionaries(st.sampled_from(FIELD_KEYS), _ANY_SELECTOR, max_size=4),
    main=st.none() | _ANY_SELECTOR.filter(lambda css: "@" not in css),
)
def test_any_recipe_gives_a_sound_page_or_a_parse_error(
    page: str, cards: str, fields: dict[str, str], main: str | None
) -> None:
    data: dict[str, object] = {"cards": cards, **fields}
    if main is not None:
        data["main"] = main
    problems: list[str] = []
    checked = check_recipe(data, name="any", where="", problems=problems)
    assert checked is not None, problems
    try:
        result = parse(page_text(page), url=COURIER_URL, recipe=checked)
    except ParseError:
        return
    for story in result.stories:
        assert story.title
        assert story.title == " ".join(story.title.split())
        assert story.link is None or story.link.startswith(("http://", "https://"))
        assert story.id.startswith("urn:uuid:")
    assert len({story.id for story in result.stories}) == len(result.stories)
    assert all("\n" not in warning for warning in result.warnings)

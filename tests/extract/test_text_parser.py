"""The plain-text parser: a test per page shape (tests/fixtures/text/), the real sample, errors."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.errors import ParseError
from pagefeed.extract.normalize import clean_text, derive_title
from pagefeed.extract.text.classify import Kind, classify
from pagefeed.extract.text.lines import is_chrome, is_credit, is_headline, split_credit
from pagefeed.extract.text.parser import parse_text
from pagefeed.extract.text.segment import segment
from pagefeed.model import Format, Page, Story, TitleSource

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pages" / "world-briefing.txt"
P = TitleSource.PAGE
D = TitleSource.DERIVED
SITE = "More from Atlas Desk"


def parse_fixture(name: str) -> Page:
    return parse_text(clean_text((FIXTURES / name).read_text(encoding="utf-8")))


def day(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def row(story: Story) -> dict[str, Any]:
    """The fields a shape test pins down, in a form that compares readably."""
    image = story.image
    return {
        "title": story.title,
        "title_source": story.title_source,
        "caption": image.caption if image else None,
        "credit": image.credit if image else None,
        "image_date": image.date if image else None,
        "file_photo": image.file_photo if image else None,
        "section": story.section,
        "label": story.label,
        "stated_date": story.stated_date,
        "summary": story.summary,
        "has_image": image is not None,
    }


def expect(
    title: str,
    source: TitleSource,
    caption: str | None,
    credit: str | None,
    image_date: str | None,
    summary: str,
    *,
    section: str | None = SITE,
    label: str | None = None,
    stated: str | None = None,
    file_photo: bool = False,
) -> dict[str, Any]:
    has_image = caption is not None or credit is not None
    return {
        "title": title,
        "title_source": source,
        "caption": caption,
        "credit": credit,
        "image_date": day(image_date),
        "file_photo": file_photo if has_image else None,
        "section": section,
        "label": label,
        "stated_date": day(stated),
        "summary": summary,
        "has_image": has_image,
    }


def teaser(
    summary: str, caption: str | None, credit: str | None, date: str | None, **kw: Any
) -> Any:
    """A teaser with no headline line: its title is the summary's first sentence."""
    return expect(summary.rstrip("."), D, caption, credit, date, summary, **kw)


def check(page: Page, expected: list[dict[str, Any]], warnings: tuple[str, ...] = ()) -> None:
    assert [row(story) for story in page.stories] == expected
    assert page.warnings == warnings
    assert page.format is Format.TEXT
    assert all(story.id == "" and story.link is None for story in page.stories)


# --- 1. captions: printed twice, once, or a short alt line and then the caption -------------


def test_caption_twice_once_and_after_an_alt_line() -> None:
    page = parse_fixture("01_captions.txt")
    dock = (
        "Dockworkers march past idle cranes at the container terminal in Port Amaro, Calderra, "
        "May 6, 2025."
    )
    main_summary = (
        "Calderra's largest port has been shut for nineteen days as dockworkers hold out for a "
        "new wage deal."
    )
    check(
        page,
        [
            expect(
                "Harbour strike in Port Amaro enters its third week",
                P,
                dock,
                "REUTERS/Lena Okafor",
                "2025-05-06",
                main_summary,
                section=None,
            ),
            teaser(
                "Norvania's grain cooperatives say a late frost cut this year's wheat harvest by "
                "nearly a fifth.",
                "Farmers unload grain sacks at a cooperative depot outside Velgrad, Norvania, on "
                "April 28, 2025.",
                "Mateo Ruiz/Reuters",
                "2025-04-28",
            ),
            teaser(
                "Ostmark's parliament passed a leaner budget after a fourteen-hour session that "
                "ended just before dawn.",
                "Lawmakers leave the parliament building in Ostberg after a late-night budget "
                "vote, Ostmark, on May 2, 2025.",
                "REUTERS/Ida Brandt",
                "2025-05-02",
            ),
        ],
    )
    assert page.main is not None
    assert len(page.main.body) == 3
    assert page.main.body[-1] == "Union leaders plan a vote on the latest offer on Friday."
    assert page.title == page.main.title
    assert page.site_name == "Atlas Desk"


# --- 2. credits ------------------------------------------------------------------------------

CREDITS = [
    "Elif Sahin/Reuters",
    "REUTERS/Tomas Varga",
    "Yara Haddad/Omar Nasser/Lina Aziz/Reuters",
    "Pierre Lemaire/Pool via REUTERS",
    "Kim Seo-yeon/ Pool via REUTERS",
    "Anita Kowal/NurPhoto via Reuters",
    "Rafael Ortiz / SOPA Images via Reuters Connect",
    "REUTERS/Hanna Berg/Pool/File Photo",
    "Calderra Ministry of Defence/Handout via REUTERS",
    "Marco Bellini / Sipa USA",
    "REUTERS",
    "Reuters",
    "LUC ARNAUD/Pool via REUTERS",
    "Wren Adeyemi",
]


def test_every_credit_shape_is_kept_as_printed() -> None:
    page = parse_fixture("02_credits.txt")
    assert [story.image.credit if story.image else None for story in page.stories] == CREDITS
    assert [story.section for story in page.teasers] == ["More For You"] * 13
    filed = [story.image.file_photo for story in page.stories if story.image]
    assert filed == [credit.endswith("File Photo") for credit in CREDITS]
    artwork = page.teasers[-1]
    assert row(artwork) == teaser(
        "Three countries in the region go to the polls within a single month this autumn.",
        "An illustration of a ballot box wrapped in the flags of three neighbouring countries.",
        "Wren Adeyemi",
        None,
        section="More For You",
    )
    dam = page.teasers[6]
    assert row(dam) == teaser(
        "The Amber River dam will be fitted with new turbines by 2027.",
        "A view of the Amber River dam near Lissel on March 2, 2024.",
        "REUTERS/Hanna Berg/Pool/File Photo",
        "2024-03-02",
        section="More For You",
        file_photo=True,
    )
    assert page.warnings == ()


@pytest.mark.parametrize(
    "line",
    [*CREDITS[:-1], "POOL via ZUMA Press Wire via Reuters", "Majid Asgaripour/WANA via Reuters"],
)
def test_credit_vocabulary_accepts(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reuters/Ipsos poll shows a tight race",
        "Israel/Gaza",
        "The vote is on Sunday via the new online system.",
        "Wren Adeyemi",  # a name alone is a credit only after an artwork caption
        "24/7 News",
        "",
    ],
)
def test_credit_vocabulary_rejects(line: str) -> None:
    assert not is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Jane Roe / Velgrad Press Agency",
        "Photograph: Tomas Varga",  # one name is enough after "Photograph:"
        "Photo by Marta Ilves/Getty Images",
        "Photo credit: AP",
        "AP Photo/Tomas Varga",
        "Anita Kowal/AFP via Getty Images",
        "Getty Images",
    ],
)
def test_credit_prefixes_and_agency_shapes(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize("line", ["Photos: the week in pictures", "Image: a map", "Photo by"])
def test_credit_prefix_needs_names_after_it(line: str) -> None:
    assert not is_credit(line)


@pytest.mark.parametrize(
    ("caption", "loose", "expected"),
    [
        (
            "Children read on the deck, 3 March 2025. (Photo by Marta Ilves/Getty Images)",
            False,
            ("Children read on the deck, 3 March 2025.", "Photo by Marta Ilves/Getty Images"),
        ),
        (
            "The lighthouse at dusk. Photo: Jane Roe / Velgrad Press Agency",
            False,
            ("The lighthouse at dusk.", "Photo: Jane Roe / Velgrad Press Agency"),
        ),
        (
            "A ferry leaves the quay on June 1, 2025. AP Photo/Tomas Varga",
            True,
            ("A ferry leaves the quay on June 1, 2025.", "AP Photo/Tomas Varga"),
        ),
        (
            "The minister spoke on Monday. (Reuters)",
            True,
            ("The minister spoke on Monday.", "Reuters"),
        ),
        # body text: only a credit marked as one is split off
        ("The minister spoke on Monday. (Reuters)", False, None),
        ("A ferry leaves the quay. AP Photo/Tomas Varga", False, None),
        ("The talks (in Velgrad)", True, None),
    ],
)
def test_split_credit(caption: str, loose: bool, expected: tuple[str, str] | None) -> None:
    assert split_credit(caption, loose=loose) == (expected or (caption, None))


def test_credit_shapes_with_prefixes_and_inline_credits() -> None:
    page = parse_fixture("02_credit_shapes.txt")
    assert page.main is not None
    assert row(page.main)["caption"] == (
        "Children read on the deck of the new floating library moored in Port Amaro, 3 March 2025."
    )
    assert row(page.main)["credit"] == "Photo by Marta Ilves/Getty Images"
    assert row(page.main)["image_date"] == day("2025-03-03")
    assert len(page.main.body) == 2
    assert [(t.image.credit if t.image else None, t.title_source) for t in page.teasers] == [
        ("Photo: Jane Roe / Velgrad Press Agency", D),
        ("AP Photo/Tomas Varga", D),
        ("Anita Kowal/AFP via Getty Images", D),
        ("Getty Images", D),
        ("Photograph: Tomas Varga", D),
    ]
    assert page.teasers[0].image is not None
    assert page.teasers[0].image.date == day("2025-03-02")  # "March 2nd, 2025"
    assert page.warnings == ()


# --- 3. a caption with no credit, a credit with no caption ----------------------------------


def test_caption_without_credit_and_credit_without_caption() -> None:
    page = parse_fixture("03_missing_caption_or_credit.txt")
    check(
        page,
        [
            expect(
                "Velgrad opens its first metro line",
                P,
                "Commuters board a train at the new Central Station in Velgrad, Norvania, on "
                "September 1, 2025.",
                None,
                "2025-09-01",
                "The first stretch of the Velgrad metro opened on Monday with eleven stations and "
                "a free week of rides.",
                section=None,
            ),
            teaser(
                "A court in Port Amaro freed three journalists held for a month without charge.",
                None,
                "Mira Castell/Reuters",
                None,
            ),
            teaser(
                "Calderra wants a third of its power from offshore wind by the end of the decade.",
                "A wind farm rises off the coast of Calderra on August 12, 2025.",
                "REUTERS/Pablo Serra",
                "2025-08-12",
            ),
            teaser(
                "Calderra's fishing fleet stayed in port for a second day as storms lashed the "
                "coast.",
                "Fishing boats moored in the harbour at Port Amaro on July 30, 2025.",
                None,
                "2025-07-30",
            ),
        ],
    )
    assert page.main is not None
    assert len(page.main.body) == 2


# --- 4. blank lines or none -----------------------------------------------------------------


def test_a_page_without_blank_lines_parses_like_one_with_them() -> None:
    page = parse_fixture("04_no_blank_lines.txt")
    check(
        page,
        [
            expect(
                "Norvania's opposition picks a new leader",
                P,
                "Delegates vote at the opposition party congress in Velgrad, Norvania, October 4, "
                "2025.",
                "REUTERS/Sofia Brandt",
                "2025-10-04",
                "Norvania's main opposition party chose a former mayor of Velgrad as its leader on "
                "Saturday.",
                section=None,
            ),
            teaser(
                "Calderra's oil exports fell for a fourth month in a row.",
                "A tanker waits off the coast of Calderra on October 2, 2025.",
                "Jonas Pike/Reuters",
                "2025-10-02",
            ),
            teaser(
                "Ostmark will cut its deficit by raising taxes on tobacco and fuel.",
                "Ostmark's finance minister presents the budget in Ostberg on October 1, 2025.",
                "REUTERS/Eva Lund",
                "2025-10-01",
            ),
        ],
    )
    spaced = "\n\n".join(
        (FIXTURES / "04_no_blank_lines.txt").read_text(encoding="utf-8").splitlines()
    )
    assert parse_text(clean_text(spaced)) == page


# --- 5. sections: with a header, none, an empty one; an item with no image ------------------


def test_sections_run_on_teasers_empty_header_and_listen_item() -> None:
    page = parse_fixture("05_sections.txt")
    listen = (
        "Listen: On the Atlas Desk podcast, two economists explain why the price of bread in "
        "Calderra has doubled in a year and what the government can still do about it."
    )
    check(
        page,
        [
            expect(
                "Ostmark reopens its border with Calderra",
                P,
                "Trucks queue at the Haldor crossing between Ostmark and Calderra on November 10, "
                "2025.",
                "Petra Vang/Reuters",
                "2025-11-10",
                "The Haldor crossing reopened to freight on Monday after a six-week closure over a "
                "customs dispute.",
                section=None,
            ),
            teaser(
                "Ostmark and Norvania will restart a night train between their capitals in the "
                "spring.",
                "A night train leaves Ostberg station on November 8, 2025.",
                "REUTERS/Karl Moen",
                "2025-11-08",
                section=None,
            ),
            teaser(
                "Norvania's parliament delayed a vote on a law that would license news websites.",
                "Lawmakers debate a media law in Velgrad on November 6, 2025.",
                "Lina Aziz/Reuters",
                "2025-11-06",
            ),
            expect(
                "Listen: On the Atlas Desk podcast, two economists explain why the price of bread "
                "in Calderra has doubled in…",
                D,
                None,
                None,
                None,
                listen,
            ),
            teaser(
                "Forest fires near Lissel forced the evacuation of four villages.",
                "Firefighters battle a forest fire near Lissel on November 4, 2025.",
                "REUTERS/Noor Saleh",
                "2025-11-04",
            ),
        ],
    )
    assert "Most Popular" not in [story.section for story in page.stories]


# --- 6. cards with a headline line, series labels --------------------------------------------


def test_listing_cards_with_headlines_and_series_labels() -> None:
    page = parse_fixture("06_cards.txt")
    check(
        page,
        [
            expect(
                "Calderra's central bank holds rates",
                P,
                "The governor of Calderra's central bank speaks in Port Amaro on December 3, 2025.",
                "REUTERS/Ada Quint",
                "2025-12-03",
                "Calderra's central bank left its main rate unchanged on Wednesday, citing "
                "stubborn food prices.",
                section=None,
            ),
            expect(
                "Calderra's fuel subsidy, by the numbers",
                P,
                "A petrol station in Velgrad on December 1, 2025.",
                "REUTERS/Omar Nasser",
                "2025-12-01",
                "Calderra spends more on fuel subsidies than on schools, and the bill keeps "
                "rising.",
                label="Hard Numbers",
            ),
            expect(
                "What the Ostmark budget means for its neighbours",
                P,
                "Ostmark's prime minister arrives at a summit in Lissel on November 29, 2025.",
                "Ida Brandt/Reuters",
                "2025-11-29",
                "Ostmark's spending cuts could slow trade across the whole region next year.",
                label="Quick Take",
            ),
            teaser(
                "Ostmark's exports to Calderra hit a record in November.",
                "Shipping containers stacked in the port of Ostberg on November 27, 2025.",
                "REUTERS/Tomas Varga",
                "2025-11-27",
            ),
        ],
    )


# --- 7. story dates and caption dates --------------------------------------------------------


def test_date_marker_glued_to_the_first_line() -> None:
    page = parse_fixture("07_date_marker.txt")
    assert page.main is not None
    assert row(page.main) == expect(
        "Norvania's president dissolves parliament",
        P,
        "Norvania's president signs a decree in Velgrad, Norvania, October 22, 2024.",
        "REUTERS/Sofia Brandt",
        "2024-10-22",
        "Norvania's president dissolved parliament on Wednesday and called elections for December.",
        section=None,
        stated="2024-10-23",
    )
    assert page.teasers == ()
    assert page.warnings == ()


def test_byline_glued_to_its_date() -> None:
    page = parse_fixture("07_byline.txt")
    assert page.main is not None
    assert page.main.author == "Atlas Desk"
    assert row(page.main) == expect(
        "Three things to watch at the Lissel summit",
        P,
        "Leaders of Calderra, Norvania and Ostmark meet in Lissel, Norvania, January 7, 2026.",
        "REUTERS/Ada Quint",
        "2026-01-07",
        "The leaders of three neighbours meet in Lissel this week to talk about water, trade and "
        "fuel.",
        section=None,
        stated="2026-01-08",
    )


def test_date_line_under_the_title() -> None:
    page = parse_fixture("07_date_line.txt")
    assert page.main is not None
    assert page.main.stated_date == day("2025-12-02")
    assert page.main.image is not None
    assert page.main.image.date == day("2025-11-30")
    assert page.main.body == (
        "Calderra will cap heating fuel prices for households from January.",
        "The cap will cost the treasury about two percent of its budget.",
    )


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("Updated: Mar. 3, 2025 10:30 a.m. ET", datetime(2025, 3, 3, 15, 30, tzinfo=UTC)),
        ("3 March 2025", day("2025-03-03")),
        ("March 3rd, 2025", day("2025-03-03")),
        ("2025-03-03", day("2025-03-03")),
        ("By Mira Solberg, 3 March 2025", day("2025-03-03")),
    ],
)
def test_date_line_shapes_keep_the_story_together(line: str, stated: datetime) -> None:
    text = (FIXTURES / "07_date_line_shapes.txt").read_text(encoding="utf-8")
    text = text.replace("Updated: Mar. 3, 2025 10:30 a.m. ET", line)
    page = parse_text(clean_text(text))
    assert page.main is not None
    assert page.main.stated_date == stated
    assert row(page.main)["credit"] == "Tomas Varga/AFP via Getty Images"
    assert len(page.main.body) == 2
    assert [(t.section, t.image.date if t.image else None) for t in page.teasers] == [
        ("Related", day("2025-02-27"))
    ]


def test_caption_date_shapes_file_photo_and_impossible_date() -> None:
    page = parse_fixture("07_caption_dates.txt")
    images = [story.image for story in page.stories]
    assert all(image is not None for image in images)
    dates = [image.date if image else None for image in images]
    assert dates == [
        day("2024-12-04"),  # Dec. 4, 2024
        day("2025-02-05"),  # Feb. 05, 2025
        day("2025-03-03"),  # on March 3, 2025, in Velgrad
        day("2023-01-01"),  # in January 2023: the 1st of the month
        day("2024-09-09"),  # FILE PHOTO: ..., Sept. 9, 2024
        None,  # "their April 1 election": no year, not a date
        None,  # February 30, 2025
    ]
    assert [image.file_photo if image else None for image in images] == [False] * 4 + [
        True,
        False,
        False,
    ]
    assert page.warnings == (
        "caption 'Workers repair a bridge in Ostberg on Fe': impossible date "
        "'February 30, 2025' ignored",
    )


# --- 8. site chrome --------------------------------------------------------------------------


def test_site_chrome_never_becomes_text() -> None:
    page = parse_fixture("08_chrome.txt")
    check(
        page,
        [
            expect(
                "Calderra's new ferry line links its two largest ports",
                P,
                "A new ferry docks at Port Amaro, Calderra, on June 12, 2025.",
                "REUTERS/Pablo Serra",
                "2025-06-12",
                "Calderra's first fast ferry between Port Amaro and Sandvik cut the crossing to "
                "ninety minutes.",
                section=None,
            ),
            teaser(
                "Velgrad opened a bridge that took eleven years to build.",
                "A bus crosses the new bridge in Velgrad on June 10, 2025.",
                "Mateo Ruiz/Reuters",
                "2025-06-10",
            ),
        ],
    )
    assert page.main is not None
    assert page.main.body[1] == "The operator plans six crossings a day from July."


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content",
        "Latest Stories",
        "Site Navigation",
        "Trending Now",
        "© 2025 GZERO Media. All rights reserved.",
        "Subscribe to our daily newsletter",
        "We use cookies to improve the site. See our privacy policy and terms of use.",
    ],
)
def test_chrome_vocabulary(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Read moreShow less", Kind.MARKER),
        ("Keep reading...Show less", Kind.MARKER),
        ("- YouTube", Kind.VIDEO),
        ("Ian Explains: the week ahead - YouTube", Kind.VIDEO),
        ("{{ subpage.title }}", Kind.PLACEHOLDER),
    ],
)
def test_widgets_are_kept_as_their_own_kind_not_as_text(line: str, kind: Kind) -> None:
    """Markers, video embeds and placeholders are not content, but they show a page's shape."""
    assert not is_chrome(line)
    assert [token.kind for token in classify(segment(line).lines)] == [kind]


@pytest.mark.parametrize(
    "line",
    [
        "The ministry's privacy policy was at the heart of the court case.",
        "Subscribers to the state broadcaster fell by a third, the regulator said on Monday, "
        "and the decline is expected to continue as younger viewers move to streaming services "
        "and away from the old channels that their parents grew up with and still watch daily.",
        "Home prices rose again",
    ],
)
def test_body_text_is_not_chrome(line: str) -> None:
    assert not is_chrome(line)


# --- 9. listing pages and pages without a title line ----------------------------------------


def test_listing_page_has_no_main_story() -> None:
    page = parse_fixture("09_listing_page.txt")
    assert page.main is None
    assert page.title == "Norvania"
    check(
        page,
        [
            expect(
                "Velgrad bans cars from its old town",
                P,
                "A cyclist passes the old town hall in Velgrad, Norvania, on July 8, 2025.",
                "REUTERS/Ada Quint",
                "2025-07-08",
                "From August, only buses, bicycles and delivery vans may enter Velgrad's old town.",
                section="Norvania",
            ),
            expect(
                "Norvania expects a record harvest",
                P,
                "Wheat fields outside Lissel, Norvania, on July 7, 2025.",
                "Jonas Pike/Reuters",
                "2025-07-07",
                "Norvania's farm ministry raised its wheat forecast after a wet spring.",
                section="Norvania",
            ),
        ],
    )


def test_page_that_starts_with_a_section_header() -> None:
    page = parse_fixture("09_header_only_listing.txt")
    assert page.main is None
    assert page.title is None
    check(
        page,
        [
            teaser(
                "Ostmark's ruling party lost its majority in Sunday's vote.",
                "A crowd waits for the results in Ostberg on August 3, 2025.",
                "REUTERS/Eva Lund",
                "2025-08-03",
                section="Most Popular",
            ),
            teaser(
                "Warm water has bleached a third of the reef off Sandvik.",
                "Divers inspect a reef off Sandvik, Calderra, on August 1, 2025.",
                "Mira Castell/Reuters",
                "2025-08-01",
                section="Most Popular",
            ),
        ],
    )


def test_page_without_a_title_line_gets_a_derived_title_and_a_warning() -> None:
    page = parse_fixture("09_no_title.txt")
    assert page.title is None
    check(
        page,
        [
            expect(
                "Ostmark's copper miners ended a two-week strike on Monday after winning a nine "
                "percent raise",
                D,
                "Miners leave a shaft at the copper mine in Haldor, Ostmark, on September 15, "
                "2025.",
                "REUTERS/Karl Moen",
                "2025-09-15",
                "Ostmark's copper miners ended a two-week strike on Monday after winning a nine "
                "percent raise. The mine is the country's largest.",
                section=None,
            )
        ],
        warnings=("no title line: the main story's title was made from its first sentence",),
    )


# --- errors and robustness -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n  \n", "Skip to content\nSite Navigation\n- YouTube"])
def test_empty_page_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_text(text)


def test_page_of_only_sponsored_cards_is_a_parse_error() -> None:
    text = "Sponsored posts\nA beach on June 9, 2025.\nHandout via REUTERS\nBook your holiday now."
    with pytest.raises(ParseError, match="no story and no teaser"):
        parse_text(text)


def test_url_is_kept_on_the_page() -> None:
    page = parse_text("A title\n\nA body line.", url="https://news.example.org/a")
    assert page.url == "https://news.example.org/a"
    assert page.main is not None
    assert page.main.summary == "A body line."


LINES = st.sampled_from(
    [
        "",
        "A headline without a stop",
        "A sentence that ends with a stop.",
        "A caption in Velgrad on June 19, 2024.",
        "FILE PHOTO: A caption, Feb. 30, 2025.",
        "REUTERS/Jane Roe",
        "Jane Roe/ Pool via REUTERS",
        "Wren Adeyemi",
        "An illustration of a map.",
        "More from Atlas Desk",
        "Most Popular",
        "Sponsored posts",
        "Hard Numbers",
        "Sponsored post",
        "Listen: a podcast episode about bread.",
        "December 02, 2025",
        "By Atlas DeskJanuary 08, 2026",
        " date 2024-10-23",
        "date 9999-99-99Title",
        "Read moreShow less",
        "© 2025 Atlas Desk",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=25))
def test_parser_only_ever_raises_parse_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    for candidate in (text, clean_text(text)):
        try:
            page = parse_text(candidate)
        except ParseError:
            continue
        assert page.stories
        assert all(story.title for story in page.stories)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parser_on_any_text(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_text(text)


# --- titles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "title"),
    [
        ("Short summary.", "Short summary"),
        ("The U.S. said no. Then it said yes.", "The U.S. said no"),
        ("Is it over? Not yet.", "Is it over?"),
        (
            "Mr. Vale met Dr. Orr on Jan. 5 in Velgrad. They talked.",
            "Mr. Vale met Dr. Orr on Jan. 5 in Velgrad",
        ),
        ("", ""),
    ],
)
def test_derive_title_takes_the_first_sentence(summary: str, title: str) -> None:
    assert derive_title(summary) == title


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc .,!?ÅZ\n"), max_size=400))
def test_derived_titles_are_short_and_cut_at_words(summary: str) -> None:
    title = derive_title(summary)
    assert len(title) <= 110
    if title.endswith("…"):
        words = " ".join(summary.split())
        assert words.startswith(title[:-1].rstrip(" ,;:—–-").rstrip())


def test_headline_shapes() -> None:
    assert is_headline("How will Calderra respond?")
    assert not is_headline("A sentence with a stop.")
    assert not is_headline("One sentence. Two sentences")


# --- the real page in ../shared/ and the bundled sample --------------------------------------


def test_real_sample_page(shared_page: Callable[[str], Path]) -> None:
    page = parse_text(clean_text(shared_page("gzero-south-korea.txt").read_text(encoding="utf-8")))
    assert len(page.stories) == 9
    main = page.main
    assert main is not None
    assert main.title == "How will South Korea respond to North Korean troops in Russia?"
    assert main.title_source is P
    assert main.image is not None
    assert main.image.credit == "Vladimir Smirnov/Reuters"
    assert main.image.caption is not None
    assert main.image.caption.endswith("June 19, 2024.")
    assert main.image.date == day("2024-06-19")
    assert len(main.body) == 8
    assert [story.image.credit if story.image else None for story in page.teasers] == [
        "REUTERS/Umit Bektas",
        "Brian Cahn/ZUMA Press Wire via Reuters",
        "POOL via ZUMA Press Wire via Reuters",
        "Majid Asgaripour/WANA via Reuters",
        "REUTERS/Evelyn Hockstein",
        "REUTERS/Stringer",
        None,
        "LUDOVIC MARIN/Pool via REUTERS",
    ]
    assert [story.image.date if story.image else None for story in page.teasers] == [
        day("2025-03-29"),
        None,  # "their April 1 election" has no year
        day("2025-03-30"),
        day("2025-03-29"),
        day("2025-03-28"),
        day("2025-03-30"),
        None,
        day("2025-03-27"),
    ]
    assert {story.section for story in page.teasers} == {"More from GZERO Media"}
    listen = page.teasers[6]
    assert listen.image is None
    assert listen.summary.startswith("Listen:")
    assert all(story.title_source is D for story in page.teasers)
    assert all(len(story.title) <= 110 for story in page.teasers)
    assert page.warnings == ()


def test_bundled_sample() -> None:
    page = parse_text(clean_text(EXAMPLE.read_text(encoding="utf-8")))
    assert page.main is not None
    assert page.main.stated_date == day("2026-01-15")
    assert len(page.teasers) == 8
    assert page.warnings == ()
    images = [story.image for story in page.teasers]
    assert sum(image is None for image in images) == 1
    assert any(image and image.file_photo for image in images)
    assert any(image and image.credit and "/ " in image.credit for image in images)
    dates = [image.date for image in images if image and image.date]
    assert dates
    assert max(dates) <= datetime(2026, 1, 15, tzinfo=UTC)


def test_widget_tail_glued_to_a_line_is_dropped() -> None:
    image = "Gulls over the pier on May 2, 2025.\n" * 2 + "REUTERS/Ola Brandt\n"
    text = "A title\n" + image + "The first paragraph.Read moreShow less\nBy the end of May, more."
    page = parse_text(text)
    assert page.main is not None
    assert page.main.body == ("The first paragraph.", "By the end of May, more.")
    assert page.main.author is None

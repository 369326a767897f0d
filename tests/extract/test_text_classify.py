"""pagefeed.extract.text.classify: chrome dropped, every other line given its kind."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pagefeed.extract.text import classify as classify_module
from pagefeed.extract.text.classify import Kind, Token, classify
from pagefeed.extract.text.segment import segment

PAGE = """Skip to content
 date 2025-04-02Harbour reopens after the storm
By Mira SaloApril 02, 2025
A crane lifts a turbine in the harbour on April 1, 2025.
Dara Quill/Reuters

The harbour reopened on Monday after three weeks of repairs. Read moreShow less
More from Coastal Times
Hard Numbers
An illustration of three ferries in a row.
Pia Renn
Ferry fares fall for a third year.
Listen: The week in the harbour, with Ola Brandt.
December 02, 2025
Ferries at dusk. Photo: Jane Roe / Harbour Press
© 2025 Coastal Times. All rights reserved.
"""


def tokens(text: str) -> list[Token]:
    return classify(segment(text).lines)


def kinds(text: str) -> list[Kind]:
    return [token.kind for token in tokens(text)]


def test_a_small_page() -> None:
    assert segment(PAGE).date == datetime(2025, 4, 2, tzinfo=UTC)
    april_2 = datetime(2025, 4, 2, tzinfo=UTC)
    assert [token[:2] for token in tokens(PAGE)] == [
        (Kind.TEXT, "Harbour reopens after the storm"),
        (Kind.BYLINE, "By Mira SaloApril 02, 2025"),
        (Kind.TEXT, "A crane lifts a turbine in the harbour on April 1, 2025."),
        (Kind.CREDIT, "Dara Quill/Reuters"),
        (Kind.TEXT, "The harbour reopened on Monday after three weeks of repairs."),
        (Kind.MARKER, "Read moreShow less"),
        (Kind.HEADER, "More from Coastal Times"),
        (Kind.LABEL, "Hard Numbers"),
        (Kind.TEXT, "An illustration of three ferries in a row."),
        (Kind.CREDIT, "Pia Renn"),  # an illustrator's name after an artwork caption
        (Kind.TEXT, "Ferry fares fall for a third year."),
        (Kind.ITEM, "Listen: The week in the harbour, with Ola Brandt."),
        (Kind.DATE, "December 02, 2025"),
        (Kind.TEXT, "Ferries at dusk."),  # the credit at its end is split off
        (Kind.CREDIT, "Photo: Jane Roe / Harbour Press"),
    ]
    byline = tokens(PAGE)[1]
    assert (byline.date, byline.author) == (april_2, "Mira Salo")


def test_gaps_are_kept_on_each_token() -> None:
    assert [token.gap for token in tokens("Harbour\n\n\nThe quay is open.\nMore.")] == [0, 2, 0]


def test_a_name_after_a_plain_caption_is_text() -> None:
    assert kinds("Gulls over the pier at dawn.\nPia Renn\n") == [Kind.TEXT, Kind.TEXT]


def test_chrome_and_widgets_only() -> None:
    assert kinds("Skip to content\n\nMenu\nRead moreShow less\n") == [Kind.MARKER]


@pytest.mark.parametrize(
    "line",
    [
        "Coastal Times logo",
        "scroll to top arrow or icon",
        "AI-powered search, human-powered content.",
        "Menu Icon",
        "Open Search",
        "EVENTS",
        "Loading",
        "Get latest updates and insights delivered to your inbox.",
        "We have updated our Privacy Policy and Terms of Use to clarify the data we collect.",
        "Get Access to Coastal Times",
        "Read up to 3 free articles per week.",
        "Watch more videos from HARBOUR TALES here!",
        "Harbour Hour airs every Friday on public television (check local listings).",
        "New episodes every Monday. Subscribe to our YouTube channel and turn on alerts.",
        "NEWSHarbour TalksFerry WatchTide TablesThe Long ReadAsk Us",
    ],
)
def test_chrome_shapes_are_dropped(line: str) -> None:
    assert tokens(line + "\nThe quay reopened on Monday.") == [
        Token(Kind.TEXT, "The quay reopened on Monday.")
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Read moreShow less", Kind.MARKER),
        ("Read Now Show less", Kind.MARKER),
        ("Read Now", Kind.MARKER),
        ("{{ subpage.title }}", Kind.PLACEHOLDER),
        ("TITLE PLACEHOLDER", Kind.PLACEHOLDER),
        ("- YouTube", Kind.VIDEO),
        ("youtu.be", Kind.VIDEO),
        ("Ferries at dusk - YouTube", Kind.VIDEO),
        ("Tide tables explained | Harbour In :60 | Coastal Times", Kind.VIDEO_TITLE),
        ("Latest Episodes", Kind.HEADER),
        ("World News", Kind.HEADER),
        ("Hard Numbers", Kind.LABEL),
        ("Published Sep 4, 2024 at 4:27pm", Kind.DATE),
        ("by Harbour Desk", Kind.BYLINE),
        ("By Ola Brandt Published Apr. 2 2025, 1:59 p.m. ET", Kind.BYLINE),
        ("(Photo by Ola Brandt/NurPhoto)", Kind.CREDIT),
        ("via REUTERS", Kind.CREDIT),
        ("Harbour Authority/PORTPIX handout via REUTERS", Kind.CREDIT),
        ("ndra/Ola Brandt/Pool via REUTERS", Kind.CREDIT),  # a credit that lost its start
        ("Source: harbourpix", Kind.CREDIT),
        ("harbour ferries tides storm quay repairs budget mayor council vote", Kind.BREAK),
        ("The quay reopened on Monday.", Kind.TEXT),
        ("By Tuesday, the quay had reopened to traffic.", Kind.TEXT),
    ],
)
def test_kinds(line: str, kind: Kind) -> None:
    assert kinds(line) == [kind]


def test_a_brand_line_printed_again_and_again_is_chrome() -> None:
    page = "Tidewire\nLoading\nHarbour reopens\nThe quay is open.\nMore text.\nTidewire\nEnd."
    assert "Tidewire" not in [token.text for token in tokens(page)]


def test_a_short_credit_printed_twice_is_not_a_brand() -> None:
    page = "A pier on May 2, 2025.\nREUTERS\nText one.\nA boat on May 1, 2025.\nREUTERS\nText."
    assert kinds(page).count(Kind.CREDIT) == 2


def test_a_caption_with_its_credit_in_brackets_is_split() -> None:
    line = "Ola Brandt speaks in Lissel on June 13, 2024. (Ada Quint/The Canadian Press)"
    assert [token[:2] for token in tokens(line)] == [
        (Kind.TEXT, "Ola Brandt speaks in Lissel on June 13, 2024."),
        (Kind.CREDIT, "Ada Quint/The Canadian Press"),
    ]


def test_every_section_header_shape_starts_with_a_listed_word() -> None:
    import re

    from pagefeed.extract.text.vocabulary import SECTION_HEADER_WORDS, SECTION_HEADERS

    for pattern in SECTION_HEADERS:
        first = re.sub(r"[()?:]", "", pattern).split()[0]
        for word in first.split("|"):
            assert word.replace("'", "").rstrip("'") in {
                w.replace("'", "") for w in SECTION_HEADER_WORDS
            }, pattern


PARAGRAPH = (
    "The council voted on Tuesday to close the old ferry pier for a year, after engineers found"
    " that the pilings had rotted far faster than the last survey predicted."
)


def test_a_name_alone_between_title_and_first_paragraph_is_the_pictures_credit() -> None:
    text = f"Harbour pier to close for a year\n\nOrla Fenn\n\n{PARAGRAPH}\n"
    assert [(t.kind, t.text) for t in tokens(text)][:2] == [
        (Kind.TEXT, "Harbour pier to close for a year"),
        (Kind.CREDIT, "Orla Fenn"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a short line follows: the name may be a byline or a label, not an image slot
        "Harbour pier to close for a year\n\nOrla Fenn\n\nTuesday, 3 June\n",
        # not right under the page's first line
        f"Harbour pier to close for a year\n\n{PARAGRAPH}\n\nOrla Fenn\n\n{PARAGRAPH}\n",
        # the first line is a sentence, not a title
        f"The pier will close for a year, the council said.\n\nOrla Fenn\n\n{PARAGRAPH}\n",
    ],
)
def test_a_name_elsewhere_stays_text(text: str) -> None:
    assert Kind.CREDIT not in kinds(text)


def test_each_kind_constant_is_the_member_of_its_name() -> None:
    for kind in Kind:
        assert getattr(classify_module, kind.name) is kind

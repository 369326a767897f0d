"""pagefeed.extract.text.assemble: main story or listing, the head's parts, headerless teasers."""

from __future__ import annotations

import pytest

from pagefeed.extract.text.assemble import Assembled, assemble
from pagefeed.extract.text.classify import classify
from pagefeed.extract.text.segment import segment

CAPTION = "A ferry docks at Sandvik, Norvania, on May 2, 2025."
CREDIT = "REUTERS/Ola Brandt"
BODY = (
    "Ferry crews voted on Thursday to end a nine-day strike that had cut the islands off.\n"
    "The deal raises pay by six percent over two years and adds a second crew on long routes.\n"
)


def page(text: str) -> Assembled:
    seg = segment(text)
    return assemble(classify(seg.lines), date=seg.date)


@pytest.mark.parametrize(
    "text",
    [
        f"Ferry strike ends\n{CAPTION}\n{CAPTION}\n{CREDIT}\n{BODY}",  # image printed twice
        f"Ferry strike ends\n{BODY}",  # title and a body
        f" date 2025-05-02 Ferry strike ends\n{CAPTION}\n{CREDIT}\nThe crews voted.\n",
        "Ferry strike ends\n- YouTube\nIan Holm explains the deal in a minute.\n",  # one video
        f"Ferry strike ends\n{CAPTION}\n{CREDIT}\n{BODY}",  # a titled story, image printed once
        f"{CAPTION}\n{CREDIT}\n{BODY}",  # no title, one picture
        "The strike is over. What now?\nWho pays for the deal?\nThe ferry company, mostly.\n",
        f"Ferry strike ends\n{CAPTION}\n{CAPTION}\n{CREDIT}\n{BODY}Read moreShow less\n",
    ],
)
def test_story_pages(text: str) -> None:
    got = page(text)
    assert got.main is not None


@pytest.mark.parametrize(
    "text",
    [
        f"{{{{ subpage.title }}}}\n{CAPTION}\n{CREDIT}\nFerries return\nThe quay reopened.\n",
        "Harbour\nFerries return\nThe quay reopened.\nRead moreShow less\nGrain climbs\nWheat.\n",
        "World\n- YouTube\nIan on ferries.\n- YouTube\nIan on grain.\n",
        f"Hard Numbers\n{CAPTION}\n40: Bread costs 40 percent more.\n3: Trains ran late.\n",
        f"harbour plan\n{CAPTION}\nHarbour Watch\n\nWill the plan pass?\nThe board meets.\n",
        "Will the vote pass? Ian answers.\nWhat did the summit agree? Ines explains.\n"
        "Is the strike over? Crews voted.\n",
        f"{CAPTION}\nThe quay reopened on Monday.\nGrain prices climb\nWheat rose again today.\n",
    ],
)
def test_listing_pages(text: str) -> None:
    got = page(text)
    assert got.main is None
    assert got.teasers


def test_labels_above_the_title_and_the_title_repeated() -> None:
    got = page(f"CHEAT SHEET\nHIGH WATER\nFerry strike ends\nFerry strike ends\n{BODY}")
    assert got.main is not None
    assert got.main.headline == "Ferry strike ends"
    assert got.main.texts[0].startswith("Ferry crews voted")


def test_a_series_label_alone_is_the_title_of_a_story_with_a_body() -> None:
    got = page(
        "Hard Numbers\n40: Bread costs 40 percent more than a year ago, the office said.\n"
        "3: Trains between Lissel and the coast ran three hours late in March.\n"
    )
    assert got.main is not None
    assert got.main.headline == "Hard Numbers"


def test_an_image_after_a_dek_and_a_date_line_is_the_main_image() -> None:
    got = page(
        "Deal done\nThe strike is over after nine days of talks.\nPublished Sep 4, 2024 at 4:27pm\n"
        f"{CAPTION} (Ada Quint/The Harbour Press)\nGood evening to you.\n"
    )
    assert got.main is not None
    assert got.main.caption == CAPTION
    assert got.main.credit == "Ada Quint/The Harbour Press"
    assert got.main.texts == [
        "The strike is over after nine days of talks.",
        "Good evening to you.",
    ]


def test_after_a_tag_line_come_teasers_with_no_header() -> None:
    got = page(
        f"Ferry strike ends\n{BODY}"
        "harbour ferries strike crews pay deal isles routes unions talks\n"
        "How do small islands keep their ferries running? Three towns compare notes.\n"
    )
    assert got.main is not None
    assert len(got.main.texts) == 2
    assert [c.texts[0][:10] for c in got.teasers] == ["How do sma"]


def test_sections_and_the_site_name() -> None:
    got = page(f"Ferry strike ends\n{BODY}More from Atlas Desk\n{CAPTION}\n{CREDIT}\nText.\n")
    assert got.site_name == "Atlas Desk"
    assert [c.section for c in got.teasers] == ["More from Atlas Desk"]


def test_a_story_with_subheads_over_long_paragraphs_is_not_a_listing() -> None:
    long = "The crews voted to go back to work after the company raised its offer twice. " * 4
    got = page(f"What We're Watching: ferries\nStrike ends\n{long}\nGrain climbs\n{long}\n")
    assert got.main is not None


def test_headlines_over_short_deks_with_no_pictures_are_a_listing() -> None:
    got = page(
        "Ferry strike ends\nCrews voted to go back to work on Monday.\n"
        "Grain prices climb\nWheat rose for a fourth week.\n"
        "Velgrad's mayor wins again\nShe won a third term on Sunday.\n"
    )
    assert got.main is None
    assert [c.headline for c in got.teasers][:2] == ["Ferry strike ends", "Grain prices climb"]


def test_a_section_heading_over_a_captioned_card_is_a_listing() -> None:
    got = page(
        f"Latin America & Caribbean\n{CAPTION}\n{CREDIT}\nFerries return to Sandvik\n"
        "The quay reopened on Monday.\n"
    )
    assert got.main is None
    assert got.title == "Latin America & Caribbean"
    assert got.teasers[0].headline == "Ferries return to Sandvik"


BLURBS = (
    "Harbour Hour Podcast\n\n"
    "Ferries are older than the harbour. This week Ian Holm asks who will pay for new ones.\n\n"
    "The bread queue in Velgrad got longer, until it did not. Ines Moll explains the fall.\n\n"
    "There is no shortage of plans for the old docks, but only one has the money behind it.\n"
)


def test_a_name_over_blurbs_is_a_listing() -> None:
    got = page(BLURBS)
    assert got.main is None
    assert got.title == "Harbour Hour Podcast"
    assert len(got.teasers) == 3


def test_a_name_over_items_of_one_story_is_a_story() -> None:
    items = BLURBS.replace("Ferries are", "40: Ferries are").replace("The bread", "3: The bread")
    assert page(items).main is not None
    leads = BLURBS.replace("Ferries are", "Old boats – Ferries are")
    assert page(leads).main is not None


def test_a_picture_inside_the_body_is_skipped_and_the_body_goes_on() -> None:
    second = "A crane lifts a gangway at Sandvik, Norvania, on May 1, 2025.\nDara Quill/Reuters\n"
    more = "The company will buy two electric boats.\nThe first arrives in the spring.\n"
    got = page(f"Ferry strike ends\n{CAPTION}\n{CAPTION}\n{CREDIT}\n{BODY}{second}{more}")
    assert got.main is not None
    assert len(got.main.texts) == 4
    assert got.teasers == []


def test_a_picture_over_one_paragraph_at_the_end_heads_a_teaser() -> None:
    second = "A crane lifts a gangway at Sandvik, Norvania, on May 1, 2025.\nDara Quill/Reuters\n"
    got = page(f"Ferry strike ends\n{CAPTION}\n{CAPTION}\n{CREDIT}\n{BODY}{second}Boats.\n")
    assert got.main is not None
    assert [c.texts for c in got.teasers] == [["Boats."]]

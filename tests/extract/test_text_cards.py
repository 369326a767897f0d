"""pagefeed.extract.text.cards: image blocks, and runs of lines read into cards."""

from __future__ import annotations

import pytest

from pagefeed.extract.text.cards import Card, image_block, is_speaker, read_cards, similar
from pagefeed.extract.text.classify import Token, classify
from pagefeed.extract.text.segment import segment

CAPTION = "A ferry docks at Sandvik, Norvania, on May 2, 2025."
CREDIT = "REUTERS/Ola Brandt"


def tokens(text: str) -> list[Token]:
    return classify(segment(text).lines)


def cards(text: str, *, listing: bool) -> list[Card]:
    return read_cards(tokens(text), section=None, listing=listing)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{CAPTION}\n{CAPTION}\n{CREDIT}\nText.", (3, None, CAPTION, CREDIT)),
        (f"{CAPTION}\n{CAPTION}\nText.", (2, None, CAPTION, None)),
        (f"{CAPTION}\n{CREDIT}\nText.", (2, None, CAPTION, CREDIT)),
        (f"Ferries return\n{CAPTION}\n{CREDIT}\nText.", (3, "Ferries return", CAPTION, CREDIT)),
        (f"{CAPTION}\nHard Numbers\nFerries return", (1, None, CAPTION, None)),  # card label
        (f"{CAPTION}\nHarbour Watch\nFerries return", (1, None, CAPTION, None)),  # by shape
        ("Ferries return\nThe quay reopened on Monday.", (0, None, "", None)),
    ],
)
def test_image_blocks(text: str, expected: tuple[int, str | None, str, str | None]) -> None:
    assert image_block(tokens(text), 0) == expected


def test_teaser_cards_hold_one_paragraph_each() -> None:
    run = f"{CAPTION}\n{CREDIT}\nThe first card's text.\nA second card with no picture.\n"
    got = cards(run, listing=False)
    assert [(c.caption, c.texts) for c in got] == [
        (CAPTION, ["The first card's text."]),
        (None, ["A second card with no picture."]),
    ]


def test_listing_cards_run_on_until_the_next_card_starts() -> None:
    run = (
        f"{CAPTION}\n{CREDIT}\nFerries return to Sandvik\nThe quay reopened.\nMore text.\n"
        "Read moreShow less\n"
        f"{CAPTION.replace('May 2', 'May 1')}\n{CREDIT}\nGrain prices climb\nWheat rose again.\n"
    )
    got = cards(run, listing=True)
    assert [(c.headline, c.texts) for c in got] == [
        ("Ferries return to Sandvik", ["The quay reopened.", "More text."]),
        ("Grain prices climb", ["Wheat rose again."]),
    ]


def test_a_video_card_keeps_the_headline_above_its_embed_line() -> None:
    got = cards(
        "Revisiting the harbour deal\n- YouTube\nIan Holm looks back. [...]\n", listing=False
    )
    assert len(got) == 1
    assert (got[0].headline, got[0].video, got[0].texts) == (
        "Revisiting the harbour deal",
        True,
        ["Ian Holm looks back. [...]"],
    )


def test_a_video_title_is_a_card_title_unless_it_is_a_placeholder() -> None:
    got = cards(
        "Tide tables explained | Harbour In :60\nIan Holm explains.\nRead Now\n"
        "TITLE PLACEHOLDER | Harbour In :60\nIan Holm explains again.\n",
        listing=True,
    )
    assert [c.title() for c in got] == ["Tide tables explained", None]


def test_a_subhead_under_a_listing_headline_is_text_not_a_card() -> None:
    got = cards(
        f"{CAPTION}\n{CREDIT}\nWhat We're Watching: ferries\nDock talks stall\nTalks broke down.\n"
        "Read moreShow less\n",
        listing=True,
    )
    assert len(got) == 1
    assert got[0].texts == ["Dock talks stall", "Talks broke down."]
    assert got[0].summary() == "Talks broke down."


def test_a_listing_without_any_structure_is_one_card_per_paragraph() -> None:
    got = cards(
        "Will the vote pass? Ian answers.\nWhat did the summit agree? Ines explains.\n",
        listing=True,
    )
    assert len(got) == 2


def test_a_headline_list_is_one_card_per_line() -> None:
    got = cards("Ostmark raises fuel taxes\nVelgrad's mayor wins a third term\n", listing=False)
    assert [c.headline for c in got] == [
        "Ostmark raises fuel taxes",
        "Velgrad's mayor wins a third term",
    ]


def test_a_sponsored_label_marks_its_card_skipped() -> None:
    got = cards(f"Sponsored content\n{CAPTION}\n{CREDIT}\nBook a trip.\n", listing=False)
    assert [c.skip for c in got] == [True]


def test_speakers_and_repeats() -> None:
    assert is_speaker("Ian Holm:")
    assert not is_speaker("Jon Roe, who covers the harbour board for us, shares his views on it:")
    assert similar("Ferries return to Sandvik", "Ferries Return to Sandvik | Atlas Desk")
    assert not similar("Ferries return to Sandvik", "Grain prices climb")


def test_a_card_whose_headline_is_glued_to_its_text_is_a_card_of_its_own() -> None:
    run = (
        "Calderra's river levy passes its first vote\n"
        "The levy cleared the council by two votes on Thursday night.\n"
        "Ostmark Plans A Toll On The Amber BridgeOstmark wants drivers to pay from spring.\n"
        "The toll would repair the bridge's east span, the office says.\n"
    )
    read = cards(run, listing=True)
    assert [card.headline for card in read] == [
        "Calderra's river levy passes its first vote",
        "Ostmark Plans A Toll On The Amber Bridge",
    ]
    assert read[0].texts == ["The levy cleared the council by two votes on Thursday night."]
    assert read[1].texts == [
        "Ostmark wants drivers to pay from spring.",
        "The toll would repair the bridge's east span, the office says.",  # no seam: its text
    ]

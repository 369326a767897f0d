"""Ad copy inside a story's body (extract/text/ads.py): invented paragraphs, one shape each."""

from __future__ import annotations

import pytest

from pagefeed.extract.text.ads import ad_card, is_ad, without_ads
from pagefeed.extract.text.cards import Card

BODY = "The council met on Monday and voted to keep the harbour open through the winter storms."


@pytest.mark.parametrize(
    "text",
    [
        "Learn more about the Amber Line",
        "Download the Tidewatch app for the harbour's live arrivals.",
        "Find out more at the visitor centre on Quay Street.",
    ],
)
def test_a_short_call_to_action_is_ad_copy(text: str) -> None:
    assert is_ad(text, BODY)


@pytest.mark.parametrize(
    "text",
    [
        "This weather briefing is presented by Gullwing Coats. Stay dry with the Stormcap jacket.",
        "Today's podcast is sponsored by Ferro Bank, at ferrobank.example.com.",
        "Our river report is made possible by Tallow Boats. Book now for the summer season.",
    ],
)
def test_a_sponsor_read_that_speaks_to_the_reader_or_gives_an_address_is_ad_copy(
    text: str,
) -> None:
    assert is_ad(text, BODY)


def test_a_lone_web_address_is_ad_copy() -> None:
    assert is_ad("gullwing.example.com/sandvik", BODY)
    assert is_ad("https://tidewatch.example.org", BODY)


def test_a_hook_that_addresses_the_reader_is_ad_copy_before_a_call_or_at_the_end() -> None:
    hook = "Ferries are slow, but did you know they carry more people than any bridge? Ride on."
    assert is_ad(hook, "Learn more about the Amber Line")
    assert is_ad(hook, None, last=True)
    assert not is_ad(hook, BODY)  # more story after it: a columnist may ask the reader too
    assert not is_ad(hook, None)  # a teaser's text: it may ask the reader too


@pytest.mark.parametrize(
    "text",
    [
        # a sponsor named in the story's own words, nothing addressed to the reader
        "The regatta, presented by the sailing club since 1961, drew forty boats this year.",
        # someone quoted asking the reader's kind of question
        "\u201cDid you know the pier was built twice?\u201d asked the harbour master.",
        # reported speech that mentions signing up and a newsletter
        "Ada Rehn said she would sign up for a pass; the council's newsletter prints the times.",
        # a noun where a call's verb would be
        "Download speeds on the ferry are slower than on shore, the operator admits.",
        # a long paragraph that opens with a call's words is the story's own text
        "Join us, the mayor wrote in her letter, " + "and the harbour will thrive again " * 8,
    ],
)
def test_body_paragraphs_that_only_look_like_ads_are_kept(text: str) -> None:
    assert not is_ad(text, BODY)


def test_without_ads_keeps_the_first_paragraph_and_the_order() -> None:
    texts = ["Learn more about the harbour", BODY, "Learn more about the Amber Line", "End."]
    assert without_ads(texts) == ["Learn more about the harbour", BODY, "End."]


def test_a_speaker_label_goes_with_its_sponsor_read_or_when_it_is_left_empty() -> None:
    read = "This episode is brought to you by Ferro Bank. Visit ferrobank.example.com."
    texts = ["Host:", "Welcome to the show.", "Announcer:", read, "Host:", "Our guest is here."]
    assert without_ads(texts) == ["Host:", "Welcome to the show.", "Host:", "Our guest is here."]
    emptied = ["Host:", "Welcome.", "Announcer:", "Host:", "Back to the harbour."]
    assert without_ads(emptied) == ["Host:", "Welcome.", "Host:", "Back to the harbour."]


def card(
    *, headline: str | None = None, texts: tuple[str, ...] = (), caption: str | None = None
) -> Card:
    made = Card()
    made.headline, made.texts, made.caption = headline, list(texts), caption
    return made


def test_a_card_made_only_of_ad_copy_is_an_ad_card() -> None:
    assert ad_card(card(headline="Learn more about the Amber Line"))
    assert ad_card(
        card(texts=("This river report is brought to you by Tallow Boats, at tallow.example.com.",))
    )
    hook = "Ferries are slow, but did you know they carry more people than any bridge? Ride on."
    assert ad_card(card(texts=(hook, "Learn more about the Amber Line")))


def test_a_real_card_is_not_an_ad_card() -> None:
    hook = "Did you know the harbour is older than the town? Ann Roe explains how it was built."
    assert not ad_card(card(texts=(hook,)))  # a teaser may ask the reader
    assert not ad_card(card(headline="Join the harbour festival", texts=(BODY,)))
    assert not ad_card(card(headline="Learn more about the Amber Line", caption="A pier."))
    assert not ad_card(card())

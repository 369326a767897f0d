"""pagefeed.extract.ids: story keys, uuid5 ids, repeated cards; both ways of giving ids agree."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.extract.ids import StoryIds
from pagefeed.extract.normalize import clean_text, words
from pagefeed.extract.parse import assign_ids
from pagefeed.extract.text.parser import parse_text
from pagefeed.model import TitleSource

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pages" / "world-briefing.txt"
P = TitleSource.PAGE
D = TitleSource.DERIVED


def urn(name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def test_keys_in_order_link_caption_title_summary() -> None:
    ids = StoryIds("https://Coast.example.org/news/")
    site = "https://coast.example.org\n"
    link = "https://coast.example.org/a#x"
    assert ids.main(link=link, title="T", summary="", title_source=P) == (
        urn(site + "link:https://coast.example.org/a")
    )
    assert ids.teaser(link=None, caption="A Cat!", title="T", summary="", title_source=P) == (
        urn(site + "caption:a cat")
    )
    assert ids.teaser(
        link=None, caption=None, title="Tide  tables", summary="", title_source=P
    ) == (urn(site + "title:tide tables"))
    assert ids.teaser(
        link=None, caption=None, title="x", summary="Ferries run.", title_source=D
    ) == (urn(site + "summary:ferries run"))
    assert ids.warnings == []


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[a-z0-9]{1,9}( [a-z0-9]{1,9}){0,6}", fullmatch=True))
def test_every_id_is_the_uuid5_of_its_key(caption: str) -> None:
    ids = StoryIds("https://coast.example.org/")
    found = ids.teaser(link=None, caption=caption, title="T", summary="", title_source=P)
    assert found == urn(f"https://coast.example.org\ncaption:{caption}")


def test_a_repeat_is_refused_and_a_clash_gets_its_own_id() -> None:
    ids = StoryIds(None)
    first = ids.teaser(link=None, caption="Flag", title="One", summary="a.", title_source=P)
    clash = ids.teaser(link=None, caption="Flag", title="Two", summary="b.", title_source=P)
    again = ids.teaser(link=None, caption="Flag", title="One", summary="a.", title_source=P)
    assert first is not None
    assert clash not in (None, first)
    assert again is None
    assert ids.warnings == ["dropped a repeated card: 'One'"]


CARD = (
    "A gull over the harbour wall at dawn, March 3, 2025.\nJane Roe/Agency\n\n"
    "Gulls came back to the harbour this week after a long winter.\n\n"
)
REPEATED_CARD = (
    "Ferries run late all week\n\nThe ferries ran late on Monday. Crews blamed the fog.\n\n"
    "More from Atlas Desk\n\n" + CARD + CARD
)


def _pages() -> list[tuple[str, str]]:
    paths = [*sorted(FIXTURES.glob("*.txt")), EXAMPLE]
    pages = [(path.name, clean_text(path.read_text(encoding="utf-8"))) for path in paths]
    return [*pages, ("repeated card", REPEATED_CARD)]


def test_the_text_parser_drops_a_card_printed_twice() -> None:
    page = parse_text(REPEATED_CARD, ids=StoryIds(None))
    assert len(page.teasers) == 1
    assert page.warnings[-1].startswith("dropped a repeated card")


@pytest.mark.parametrize(("name", "text"), _pages(), ids=[name for name, _ in _pages()])
@pytest.mark.parametrize("url", [None, "https://news.example.org/story"])
def test_stories_built_with_ids_equal_ids_given_afterwards(
    name: str, text: str, url: str | None
) -> None:
    """The text parser's one-pass ids are exactly what assign_ids gives its id-less page."""
    built = parse_text(text, url=url, ids=StoryIds(url))
    later = assign_ids(parse_text(text, url=url), url=url)
    assert built == later
    assert all(story.id for story in built.stories)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Word", "wörd", "ß", "Σ", " ", ", ", "—", "x" * 30]), max_size=60))
def test_a_summary_key_reads_the_first_words_of_the_whole_summary(pieces: list[str]) -> None:
    from pagefeed.extract.ids import _SUMMARY_KEY_WORDS, _first_words

    summary = "".join(pieces)
    assert _first_words(summary) == words(summary.casefold())[:_SUMMARY_KEY_WORDS]

"""pagefeed.extract.hashing: the builtin SHA-1/SHA-256 agree with hashlib; story ids are uuid5."""

from __future__ import annotations

import hashlib
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.extract.hashing import sha1, sha256
from pagefeed.extract.parse import assign_ids
from pagefeed.model import Image, Page, Story, TitleSource


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.binary(max_size=300))
def test_digests_equal_hashlib_also_when_fed_in_pieces(head: bytes, tail: bytes) -> None:
    one, two = sha1(head), sha256(head)
    one.update(tail)
    two.update(tail)
    assert one.hexdigest() == hashlib.sha1(head + tail).hexdigest()
    assert two.hexdigest() == hashlib.sha256(head + tail).hexdigest()
    assert sha1(head + tail).digest() == hashlib.sha1(head + tail).digest()


def test_known_digests() -> None:
    assert sha1(b"abc").hexdigest() == "a9993e364706816aba3e25717850c26c9cd0d89d"
    assert sha256(b"").hexdigest() == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


def uuid5_urn(name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def test_ids_are_the_uuid5_of_origin_and_story_key() -> None:
    page = Page(
        main=Story(title="Harbour reopens", link="HTTPS://Coast.Example.org/news/harbour#top"),
        teasers=(
            Story(title="Gulls return", image=Image(caption="Gulls  over the PIER, at dawn!")),
            Story(title="Tide tables", summary="x"),
            Story(
                title="Derived one", title_source=TitleSource.DERIVED, summary="Ferries run late."
            ),
        ),
    )
    done = assign_ids(page, url="https://coast.example.org/news/")
    origin = "https://coast.example.org"
    assert [story.id for story in done.stories] == [
        uuid5_urn(f"{origin}\nlink:https://coast.example.org/news/harbour"),
        uuid5_urn(f"{origin}\ncaption:gulls over the pier at dawn"),
        uuid5_urn(f"{origin}\ntitle:tide tables"),
        uuid5_urn(f"{origin}\nsummary:ferries run late"),
    ]


def test_ids_without_a_page_url_have_no_origin() -> None:
    done = assign_ids(Page(main=Story(title="Harbour reopens")), url=None)
    assert done.main is not None
    assert done.main.id == uuid5_urn("\ntitle:harbour reopens")

"""The dispatcher: format detection, stable ids, repeated cards."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.extract.parse import assign_ids, detect_format
from pagefeed.model import Format, Image, Page, Story, TitleSource

URN_UUID = re.compile(
    r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
)


def teaser(summary: str, *, caption: str | None = None, title: str | None = None) -> Story:
    image = Image(caption=caption, credit="REUTERS/Somebody") if caption else None
    return Story(
        title=title or summary[:40],
        title_source=TitleSource.PAGE if title else TitleSource.DERIVED,
        summary=summary,
        section="More from Example",
        image=image,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", Format.HTML),
        ("\ufeff  <html lang=en><head><title>t</title></head></html>", Format.HTML),
        ("<div class=story>hello</div>", Format.HTML),
        ("A headline\n\nSome text about <b>bold</b> claims.", Format.TEXT),
        ("<3 this page\nmore text", Format.TEXT),
        ("", Format.TEXT),
    ],
)
def test_detect_format(text: str, expected: Format) -> None:
    assert detect_format(text) is expected


def test_ids_are_uuid_urns_and_match_uuid5() -> None:
    import uuid

    page = assign_ids(
        Page(main=None, teasers=(teaser("One story here.", caption="A cat"),)), url=None
    )
    story_id = page.teasers[0].id
    assert URN_UUID.match(story_id)
    assert story_id == uuid.uuid5(uuid.NAMESPACE_URL, "\ncaption:a cat").urn


def test_id_survives_a_typo_fix_in_the_summary() -> None:
    before = teaser("Teh minister resigned on Monday.", caption="The minister at a podium.")
    after = teaser("The minister resigned on Monday.", caption="The minister at a podium.")
    one = assign_ids(Page(main=None, teasers=(before,)), url="https://example.org/a")
    two = assign_ids(Page(main=None, teasers=(after,)), url="https://example.org/b")
    assert one.teasers[0].id == two.teasers[0].id


def test_ids_differ_by_site() -> None:
    story = teaser("Same words.", caption="Same caption")
    one = assign_ids(Page(main=None, teasers=(story,)), url="https://one.example/")
    two = assign_ids(Page(main=None, teasers=(story,)), url="https://two.example/")
    assert one.teasers[0].id != two.teasers[0].id


def test_main_story_link_defaults_to_page_url_and_keys_the_id() -> None:
    main = Story(title="Headline", summary="Lead.")
    page = assign_ids(Page(main=main), url="https://example.org/story#top")
    assert page.main is not None
    assert page.main.link == "https://example.org/story#top"
    edited = assign_ids(
        Page(main=Story(title="Headline, edited", summary="Lead.")), url="https://EXAMPLE.org/story"
    )
    assert edited.main is not None
    assert edited.main.id == page.main.id


def test_shared_caption_gives_distinct_ids_and_repeats_are_dropped() -> None:
    a = teaser("First story.", caption="Stock photo of a flag", title="First")
    b = teaser("Second story.", caption="Stock photo of a flag", title="Second")
    page = assign_ids(Page(main=None, teasers=(a, b, a)), url=None)
    assert [s.title for s in page.teasers] == ["First", "Second"]
    assert page.teasers[0].id != page.teasers[1].id
    assert any("repeated card" in w for w in page.warnings)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=30), st.text(max_size=20)), max_size=12))
def test_ids_never_collide(cards: list[tuple[str, str]]) -> None:
    stories = tuple(
        teaser(summary, caption=caption or None, title=f"T{i}")
        for i, (summary, caption) in enumerate(cards)
    )
    page = assign_ids(Page(main=None, teasers=stories), url=None)
    ids = [s.id for s in page.teasers]
    assert len(ids) == len(set(ids))
    assert all(URN_UUID.match(i) for i in ids)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.sampled_from([None, Format.TEXT, Format.HTML]))
def test_parse_raises_only_parse_error(text: str, fmt: Format | None) -> None:
    from pagefeed.errors import ParseError
    from pagefeed.extract.parse import parse

    try:
        page = parse(text, fmt=fmt)
    except ParseError:
        return
    assert page.main is not None or page.teasers
    assert all(URN_UUID.match(story.id) for story in page.stories)

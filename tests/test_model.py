"""pagefeed.model: feed URLs, story order, and that the model cannot be changed in place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pagefeed.model import Entry, FeedFormat, FeedInfo, Image, Page, Story


@pytest.mark.parametrize("feed_url", ["https://example.org/feeds/", "https://example.org/feeds"])
def test_url_for_joins_with_exactly_one_slash(feed_url: str) -> None:
    info = FeedInfo(
        name="harbour", title="Harbour", site_url="https://example.org/", feed_url=feed_url
    )
    assert info.url_for(FeedFormat.RSS) == "https://example.org/feeds/harbour.rss.xml"
    assert info.url_for(FeedFormat.ATOM) == "https://example.org/feeds/harbour.atom.xml"


def test_stories_are_main_then_teasers_in_page_order() -> None:
    main, first, second = Story(title="Main"), Story(title="First"), Story(title="Second")
    assert Page(main=main, teasers=(first, second)).stories == (main, first, second)
    assert Page(main=None, teasers=(second, first)).stories == (second, first)
    assert Page(main=None).stories == ()


NOW = datetime(2025, 4, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("instance", "field"),
    [
        (Image(url="https://example.org/a.jpg"), "caption"),
        (Story(title="Main"), "title"),
        (Page(main=None), "teasers"),
        (Entry(story=Story(title="Main"), published=NOW, updated=NOW), "updated"),
        (
            FeedInfo(name="n", title="t", site_url="https://e.org/", feed_url="https://e.org/"),
            "name",
        ),
    ],
)
def test_model_objects_are_frozen(instance: object, field: str) -> None:
    with pytest.raises(AttributeError):
        setattr(instance, field, "changed")
    with pytest.raises(AttributeError):
        delattr(instance, field)
    assert not hasattr(instance, "__dict__")  # no per-instance dict


def test_equal_values_are_equal_and_hashable() -> None:
    story = Story(title="Main", body=("One.", "Two."), image=Image(caption="A gull"))
    same = Story(title="Main", body=("One.", "Two."), image=Image(caption="A gull"))
    assert story == same
    assert hash(story) == hash(same)
    assert story._replace(title="Other") != story
    assert story._replace(title="Other") == Story(
        title="Other", body=("One.", "Two."), image=Image(caption="A gull")
    )

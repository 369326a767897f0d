"""The JSON form of the model round-trips."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pagefeed.model import DateSource, Image, Page, Story, TitleSource
from pagefeed.serialize import from_iso, iso, page_to_json, story_from_dict, story_to_dict


def test_story_round_trip() -> None:
    story = Story(
        title="T",
        title_source=TitleSource.DERIVED,
        summary="S",
        body=("a", "b"),
        section="More from X",
        label="Hard Numbers",
        link="https://example.org/t",
        image=Image(
            url=None,
            caption="c",
            credit="REUTERS",
            date=datetime(2024, 6, 19, tzinfo=UTC),
            file_photo=True,
        ),
        stated_date=None,
        date=datetime(2024, 6, 19, 0, 0, 1, tzinfo=UTC),
        date_source=DateSource.CAPTION,
        id="urn:uuid:x",
    )
    assert story_from_dict(json.loads(json.dumps(story_to_dict(story)))) == story


def test_iso_is_utc_with_z() -> None:
    value = datetime(2025, 3, 29, 12, 30, tzinfo=UTC)
    assert iso(value) == "2025-03-29T12:30:00Z"
    assert from_iso("2025-03-29T12:30:00Z") == value


def test_page_json_has_the_documented_top_level_keys() -> None:
    data = json.loads(page_to_json(Page(main=None, teasers=(), warnings=("w",))))
    assert data == {"main": None, "teasers": [], "warnings": ["w"]}

"""JSON Feed 1.1: valid against our schema of the spec, and the same stories as RSS and Atom."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_feed import ATOM, INFO, MAIN, NOW, TEASERS, sample_feed

from conftest import GoldenCheck
from pagefeed.model import Entry, FeedFormat, Image, Story
from pagefeed.publish.feed import build_feed, render
from pagefeed.publish.jsonfeed import VERSION, render_json

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def problems(document: object) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def test_the_schema_is_a_valid_schema_and_refuses_what_the_spec_refuses() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    good: dict[str, Any] = json.loads(render_json(sample_feed()))
    assert problems(good) == []
    broken = [
        {**good, "version": "https://jsonfeed.org/version/1"},
        {key: value for key, value in good.items() if key != "title"},
        {**good, "feed_url": "feeds/harbour.feed.json"},
        {**good, "favourite": 1},
        {**good, "items": [{"title": "no id"}]},
        {**good, "items": [{"id": "x", "title": "no content"}]},
        {**good, "items": [{**good["items"][0], "date_published": "15 January 2026"}]},
        {**good, "authors": [{}]},
    ]
    for document in broken:
        assert problems(document), document
    assert problems({**good, "_pagefeed": {"any": "extension"}}) == []


def test_golden_json_feed(golden: GoldenCheck) -> None:
    golden("feed/harbour.feed.json", render_json(sample_feed()))


def test_json_feed_carries_what_atom_carries() -> None:
    feed = sample_feed()
    document = json.loads(render_json(feed))
    atom = feedparser.parse(render(feed, FeedFormat.ATOM))
    assert document["version"] == VERSION
    assert document["title"] == atom.feed.title == INFO.title
    assert document["home_page_url"] == INFO.site_url
    assert document["feed_url"] == "https://feeds.example.org/harbour.feed.json"
    assert document["language"] == "en"
    assert document["authors"] == [{"name": INFO.author}]
    items = document["items"]
    assert [item["id"] for item in items] == [entry.id for entry in atom.entries]
    assert [item["url"] for item in items] == [entry.link for entry in atom.entries]
    assert [item["title"] for item in items] == [s.title for s in (MAIN, *TEASERS)]
    assert [item["date_published"] for item in items] == [
        e.published.strftime("%Y-%m-%dT%H:%M:%SZ") for e in feed.entries
    ]
    first = items[0]
    assert first["summary"] == MAIN.summary
    assert first["image"] == "https://img.example.org/ferry.jpg"
    assert first["authors"] == [{"name": "Mara Quist"}]
    raw_atom = etree.fromstring(render(feed, FeedFormat.ATOM))
    assert first["content_html"] == raw_atom.findtext(f"{ATOM}entry/{ATOM}content")
    assert "<figcaption>" in first["content_html"]
    assert MAIN.image is not None
    assert MAIN.image.credit in first["content_html"]
    # A relative image URL is never published; the teaser without an author has none.
    assert "image" not in items[3]
    assert "authors" not in items[1]


def test_same_feed_same_bytes() -> None:
    assert render_json(sample_feed()) == render_json(sample_feed())


_TEXT = st.text(
    st.characters(exclude_categories=["Cs"], max_codepoint=0x10FFFF), min_size=0, max_size=40
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_TEXT, summary=_TEXT, caption=_TEXT, credit=_TEXT, author=_TEXT)
def test_any_story_gives_a_valid_json_feed(
    title: str, summary: str, caption: str, credit: str, author: str
) -> None:
    story = Story(
        title=title,
        summary=summary,
        author=author or None,
        id="urn:uuid:00000000-0000-4000-8000-00000000000a",
        image=Image(url="https://img.example.org/a b.jpg", caption=caption, credit=credit),
    )
    info = INFO._replace(title=title or "x", description=summary)
    feed = build_feed(info, [Entry(story=story, published=NOW, updated=NOW)], now=NOW)
    document = json.loads(render_json(feed))
    assert problems(document) == []


@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_feed_ids_match_across_formats(fmt: FeedFormat) -> None:
    feed = sample_feed()
    ids = [item["id"] for item in json.loads(render_json(feed))["items"]]
    assert ids == [entry.id for entry in feedparser.parse(render(feed, fmt)).entries]

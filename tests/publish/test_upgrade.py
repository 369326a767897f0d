"""Upgrades never re-publish old stories (issue 7).

tests/fixtures/upgrade/NAME.json is what the text parser before the pipeline rewrite (the
line-by-line parser) made of tests/fixtures/text/NAME.txt (or the bundled sample), kept as data:
its titles were often chrome ("Menu Icon"), its cards split or merged differently, so many of
its ids differ from today's. A feed built from that output and then from today's parse must not
show any story it already published as a new entry: the archive matches them (see
``pagefeed.publish.merge``, parser upgrades) and keeps their ids and first-published dates.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pagefeed.extract.dates import assign_dates
from pagefeed.extract.parse import parse
from pagefeed.model import Image, Story, TitleSource
from pagefeed.publish.merge import ArchivedEntry, Status, plan_merge
from pagefeed.serialize import story_from_dict

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "tests" / "fixtures" / "upgrade"
NOW = datetime(2026, 1, 15, 12, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)


def source(name: str) -> Path:
    page = ROOT / "tests" / "fixtures" / "text" / f"{name}.txt"
    return page if page.exists() else ROOT / "examples" / "pages" / f"{name}.txt"


def archived(stories: list[Story], now: datetime) -> dict[str, ArchivedEntry]:
    """The archive after one run over ``stories`` (a first run: every story is new)."""
    plan = plan_merge(stories, known={}, now=now)
    assert {d.status for d in plan.decisions} <= {Status.NEW}
    return {
        d.story.id: ArchivedEntry(
            d.story.id, d.published, d.updated, now, now, d.content_hash, d.position, d.story
        )
        for d in plan.decisions
    }


def texts(story: Story) -> set[str]:
    """What a reader would recognise a story by: its caption and the start of its text."""
    found = {" ".join(story.summary.casefold().split())[:60]} - {""}
    if story.image is not None and story.image.caption:
        found.add(" ".join(story.image.caption.casefold().split()))
    return found


@pytest.mark.parametrize("name", sorted(p.stem for p in OLD.glob("*.json")))
def test_a_page_built_with_the_old_parser_then_the_new_one_brings_nothing_back(name: str) -> None:
    data = json.loads((OLD / f"{name}.json").read_text("utf-8"))
    old = [story_from_dict(s) for s in ([data["main"]] if data["main"] else []) + data["teasers"]]
    archive = archived(old, NOW)
    new = assign_dates(parse(source(name).read_text("utf-8")), now=LATER).stories
    known = {s.id: archive[s.id] for s in new if s.id in archive}
    plan = plan_merge(new, known=known, previous=list(archive.values()), now=LATER)
    published = set().union(*(texts(s) for s in old))
    back = [
        d.story.title
        for d in plan.decisions
        if d.status is Status.NEW and texts(d.story) & published
    ]
    assert back == [], f"{name}: published before, new again: {back}"
    for decision in plan.decisions:
        if decision.status is not Status.NEW:
            assert decision.story.id in archive
            assert decision.published == archive[decision.story.id].published


def story(title: str, *, caption: str | None, summary: str, id_: str) -> Story:
    image = Image(caption=caption) if caption else None
    return Story(title=title, summary=summary, body=(summary,), image=image, id=id_)


CAPTION = "Ferry crews leave the union hall in Sandvik, Norvania, on April 3, 2025."
TEXT = "Ferry crews in Norvania voted on Thursday to end a nine-day strike that cut off the isles."


def test_a_new_title_with_the_same_caption_is_the_same_entry() -> None:
    before = archived([story("Menu Icon", caption=CAPTION, summary="Open Search", id_="a")], NOW)
    after = story("Ferry strike ends", caption=CAPTION, summary=TEXT, id_="b")
    plan = plan_merge([after], known={}, previous=list(before.values()), now=LATER)
    assert plan.result().renamed == (("b", "a"),)
    assert plan.decisions[0].status is Status.UPDATED
    assert plan.decisions[0].published == before["a"].published


def test_a_derived_title_over_the_same_text_is_the_same_entry() -> None:
    old = story("Ferry crews in Norvania voted", caption=None, summary=TEXT, id_="a")._replace(
        title_source=TitleSource.DERIVED,
    )
    before = archived([old], NOW)
    after = story("Ferry strike ends", caption=None, summary=TEXT + " More.", id_="b")
    plan = plan_merge([after], known={}, previous=list(before.values()), now=LATER)
    assert plan.result().renamed == (("b", "a"),)


def test_two_candidates_for_one_caption_make_a_new_entry() -> None:
    """Any doubt makes a new entry: two archived stories share the caption."""
    old = [
        story("One", caption=CAPTION, summary="First old text.", id_="a"),
        story("Two", caption=CAPTION, summary="Second old text.", id_="c"),
    ]
    before = archived(old, NOW)
    after = story("Ferry strike ends", caption=CAPTION, summary=TEXT, id_="b")
    plan = plan_merge([after], known={}, previous=list(before.values()), now=LATER)
    assert plan.decisions[0].status is Status.NEW


def test_short_texts_and_captions_are_not_enough() -> None:
    before = archived([story("Old", caption="A pier.", summary="Short.", id_="a")], NOW)
    after = story("New", caption="A pier.", summary="Short.", id_="b")
    plan = plan_merge([after], known={}, previous=list(before.values()), now=LATER)
    assert plan.decisions[0].status is Status.NEW


def test_a_chrome_title_over_the_same_text_is_the_same_entry() -> None:
    before = archived([story("Atlas Desk logo", caption=None, summary=TEXT, id_="a")], NOW)
    after = story("Ferry strike ends", caption=None, summary=TEXT, id_="b")
    plan = plan_merge([after], known={}, previous=list(before.values()), now=LATER)
    assert plan.result().renamed == (("b", "a"),)

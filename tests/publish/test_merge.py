"""The archive's pure decision core: new / updated / unchanged, and the dates it hands out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.model import DateSource, Image, Story
from pagefeed.publish.merge import (
    ArchivedEntry,
    Plan,
    Status,
    candidate_windows,
    content_hash,
    plan_merge,
)

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
DAY = datetime(2025, 11, 3, tzinfo=UTC)
S = timedelta(seconds=1)
LONG = (
    "Harbour officials in the fictional port of Velmar said on Tuesday that the new ferry "
    "timetable would add two evening crossings to the island of Brisk from next spring."
)


def story(
    n: int,
    *,
    summary: str | None = None,
    date: datetime | None = None,
    source: DateSource = DateSource.NOW,
    ident: str | None = None,
    section: str | None = "More For You",
) -> Story:
    """A teaser; its date is ``now`` (source NOW) unless a page or caption date is given."""
    return Story(
        title=f"Story number {n}",
        summary=f"Summary of story {n}." if summary is None else summary,
        section=section,
        image=Image(caption=f"Caption {n}", credit="Jo Doe/Reuters"),
        date=date or NOW,
        date_source=source,
        id=ident or f"urn:test:{n}",
    )


Archive = dict[str, ArchivedEntry]


def apply(archive: Archive, plan: Plan, *, now: datetime) -> None:
    """What pagefeed.publish.archive does with a plan, on a dict."""
    for d in plan.decisions:
        old = archive.get(d.story.id)
        archive[d.story.id] = ArchivedEntry(
            id=d.story.id,
            published=d.published,
            updated=d.updated,
            first_seen=old.first_seen if old else now,
            last_seen=now,
            content_hash=d.content_hash,
            position=d.position,
            story=d.story,
        )


def run(archive: Archive, stories: Sequence[Story], *, now: datetime) -> Plan:
    """One merge against a dict archive, the way pagefeed.publish.archive calls the core."""
    last = max((e.last_seen for e in archive.values()), default=None)
    plan = plan_merge(
        stories,
        known={s.id: archive[s.id] for s in stories if s.id in archive},
        previous=[e for e in archive.values() if e.last_seen == last],
        taken={t for e in archive.values() for t in (e.published, e.updated)},
        now=now,
    )
    apply(archive, plan, now=now)
    return plan


def test_new_stories_without_dates_get_first_seen_times_in_page_order() -> None:
    plan = plan_merge([story(1), story(2), story(3)], known={}, now=NOW)
    assert [d.status for d in plan.decisions] == [Status.NEW] * 3
    assert [d.published for d in plan.decisions] == [NOW, NOW - S, NOW - 2 * S]
    assert all(d.updated == d.published for d in plan.decisions)
    assert all(d.story.date == d.published for d in plan.decisions)
    assert all(d.story.date_source is DateSource.NOW for d in plan.decisions)


def test_page_and_caption_dates_are_kept_and_ties_keep_page_order() -> None:
    stories = [
        story(1, date=DAY, source=DateSource.PAGE),
        story(2, date=DAY, source=DateSource.CAPTION),
        story(3),
    ]
    plan = plan_merge(stories, known={}, now=NOW)
    first, second, third = plan.decisions
    assert second.published == DAY
    assert first.published == DAY + S  # earlier on the page: later, on the same day
    assert third.published == NOW
    assert first.story.date_source is DateSource.PAGE


def test_microseconds_and_offsets_are_normalised() -> None:
    odd = datetime(2026, 1, 15, 13, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    plan = plan_merge([story(1)], known={}, now=odd)
    assert plan.decisions[0].published == NOW
    with pytest.raises(ValueError, match="naive"):
        plan_merge([story(1)], known={}, now=datetime(2026, 1, 15))


def test_rerun_of_the_same_page_changes_nothing() -> None:
    archive: Archive = {}
    page = [story(1), story(2, date=DAY, source=DateSource.CAPTION)]
    run(archive, page, now=NOW)
    before = dict(archive)
    plan = run(archive, page, now=NOW + timedelta(minutes=5))
    assert plan.result().unchanged == ("urn:test:1", "urn:test:2")
    assert plan.result().new == plan.result().updated == ()
    for d in plan.decisions:
        assert d.story is before[d.story.id].story  # the stored story is untouched
        assert (d.published, d.updated) == (
            before[d.story.id].published,
            before[d.story.id].updated,
        )


def test_a_typo_fix_updates_text_and_updated_but_not_id_or_published() -> None:
    archive: Archive = {}
    run(archive, [story(1, summary="The mayor opend the bridge.")], now=NOW)
    later = NOW + timedelta(hours=2)
    plan = run(archive, [story(1, summary="The mayor opened the bridge.")], now=later)
    (d,) = plan.decisions
    assert d.status is Status.UPDATED
    assert (d.story.id, d.published, d.updated) == ("urn:test:1", NOW, later)
    assert d.story.summary == "The mayor opened the bridge."
    assert d.story.date == NOW  # the stored story carries its published date


def test_an_edit_keeps_the_date_source_of_its_first_publication() -> None:
    archive: Archive = {}
    run(archive, [story(1, date=DAY, source=DateSource.CAPTION)], now=NOW)
    (d,) = run(archive, [story(1, summary="Changed.")], now=NOW + S * 60).decisions
    assert d.status is Status.UPDATED
    assert (d.published, d.story.date, d.story.date_source) == (DAY, DAY, DateSource.CAPTION)


def test_the_page_date_of_a_known_story_never_moves_its_published() -> None:
    archive: Archive = {}
    run(archive, [story(1)], now=NOW)
    (d,) = run(archive, [story(1, date=DAY, source=DateSource.PAGE)], now=NOW + S).decisions
    assert (d.status, d.published) == (Status.UNCHANGED, NOW)


def test_content_hash_ignores_dates_id_and_section_only() -> None:
    base = story(1)
    same = base._replace(
        id="urn:other",
        date=DAY,
        date_source=DateSource.PAGE,
        stated_date=DAY,
        section="Most Popular",
        image=(base.image or Image())._replace(date=DAY),
    )
    assert content_hash(same) == content_hash(base)
    for change in (
        {"summary": "Another summary."},
        {"title": "Another title"},
        {"body": ("A paragraph.",)},
        {"link": "https://example.org/a"},
        {"image": Image(caption="Other caption", credit="Jo Doe/Reuters")},
    ):
        assert content_hash(base._replace(**change)) != content_hash(base), change


def test_a_teaser_moving_to_another_section_is_not_an_edit() -> None:
    archive: Archive = {}
    run(archive, [story(1, section="More For You")], now=NOW)
    (d,) = run(archive, [story(1, section="Most Popular")], now=NOW + S).decisions
    assert d.status is Status.UNCHANGED


def test_instants_already_in_the_archive_are_not_handed_out_again() -> None:
    taken = {NOW, NOW - S, DAY, DAY + S}
    stories = [story(1), story(2, date=DAY, source=DateSource.PAGE), story(3)]
    first, second, third = plan_merge(stories, known={}, taken=taken, now=NOW).decisions
    assert (first.published, third.published) == (NOW - 2 * S, NOW - 3 * S)
    assert second.published == DAY + 2 * S


def test_edits_and_new_stories_of_one_run_share_the_run_time_group() -> None:
    archive: Archive = {}
    run(archive, [story(1), story(2)], now=NOW)
    later = NOW + timedelta(days=1)
    page = [story(3), story(1, summary="Edited one."), story(2, summary="Edited two.")]
    decisions = run(archive, page, now=later).decisions
    assert [d.status for d in decisions] == [Status.NEW, Status.UPDATED, Status.UPDATED]
    assert [d.updated for d in decisions] == [later, later - S, later - 2 * S]


def test_a_repeated_id_on_the_page_is_kept_once_with_a_warning() -> None:
    plan = plan_merge([story(1), story(1, summary="Copy.")], known={}, now=NOW)
    assert len(plan.decisions) == 1
    assert plan.decisions[0].story.summary == "Summary of story 1."
    assert "appears twice" in plan.warnings[0]


def test_candidate_windows_cover_now_and_each_page_date_merged() -> None:
    stories = [
        story(1, date=DAY, source=DateSource.PAGE),
        story(2, date=DAY + timedelta(hours=3), source=DateSource.CAPTION),
        story(3),
    ]
    assert candidate_windows(stories, now=NOW) == [
        (DAY, DAY + timedelta(days=1, hours=3)),
        (NOW - timedelta(days=1), NOW),
    ]


LAST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
FIRST = datetime(1, 1, 1, tzinfo=UTC)


def test_windows_and_instants_at_the_ends_of_the_datetime_range_do_not_overflow() -> None:
    stories = [
        story(1, date=LAST, source=DateSource.PAGE),
        story(2, date=LAST, source=DateSource.PAGE),
    ]
    assert candidate_windows(stories, now=NOW) == [(NOW - timedelta(days=1), NOW), (LAST, LAST)]
    plan = plan_merge(stories, known={}, taken={LAST}, now=NOW)
    assert [d.published for d in plan.decisions] == [LAST - 2 * S, LAST - S]
    early = plan_merge([story(1), story(2)], known={}, taken={FIRST}, now=FIRST)
    assert [d.published for d in early.decisions] == [FIRST + S, FIRST + 2 * S]
    assert candidate_windows([], now=FIRST) == [(FIRST, FIRST)]


# Re-identification of teasers whose (text-derived) id changed.


def test_an_edited_teaser_with_a_new_id_is_matched_to_the_entry_that_just_left() -> None:
    archive: Archive = {}
    run(archive, [story(1, summary=LONG), story(2)], now=NOW)
    edited = story(1, summary=LONG.replace("Tuesday", "Wednesday"), ident="urn:test:new")
    later = NOW + timedelta(minutes=10)
    plan = run(archive, [edited, story(2)], now=later)
    first = plan.decisions[0]
    assert (first.status, first.story.id, first.page_id) == (
        Status.UPDATED,
        "urn:test:1",
        "urn:test:new",
    )
    assert (first.published, first.updated) == (NOW, later)
    assert plan.result().renamed == (("urn:test:new", "urn:test:1"),)
    assert "urn:test:new" not in archive


def test_no_match_when_the_old_entry_is_still_on_the_page() -> None:
    archive: Archive = {}
    run(archive, [story(1, summary=LONG)], now=NOW)
    near = story(1, summary=LONG + " Tickets go on sale soon.", ident="urn:test:new")
    plan = run(archive, [story(1, summary=LONG), near], now=NOW + S * 60)
    assert plan.result().new == ("urn:test:new",)


def test_no_match_for_different_text_short_text_or_when_turned_off() -> None:
    archive: Archive = {}
    run(archive, [story(1, summary=LONG), story(2, summary="Short.")], now=NOW)
    bakery = "The island of Brisk will lose its only bakery when its owners retire in the spring."
    other = story(1, summary=bakery, ident="urn:test:o")
    short = story(2, summary="Short!", ident="urn:test:short")
    assert (
        plan_merge([other, short], known={}, previous=list(archive.values()), now=NOW + S)
        .result()
        .renamed
        == ()
    )
    close = story(1, summary=LONG + "!", ident="urn:test:close")
    off = plan_merge(
        [close], known={}, previous=list(archive.values()), now=NOW + S, similarity=None
    )
    assert off.result().new == ("urn:test:close",)
    on = plan_merge([close], known={}, previous=list(archive.values()), now=NOW + S)
    assert on.result().renamed == (("urn:test:close", "urn:test:1"),)


def test_an_ambiguous_match_makes_new_entries() -> None:
    archive: Archive = {}
    run(archive, [story(1, summary=LONG)], now=NOW)
    one = story(1, summary=LONG + ".", ident="urn:test:one")
    two = story(1, summary=LONG + " And more.", ident="urn:test:two")
    plan = run(archive, [one, two], now=NOW + S * 60)
    assert plan.result().renamed == ()
    assert plan.result().new == ("urn:test:one", "urn:test:two")


def test_a_similar_text_under_a_different_title_is_another_story() -> None:
    archive: Archive = {}
    run(archive, [story(1, summary=LONG)], now=NOW)
    other = story(1, summary=LONG, ident="urn:x")._replace(title="Ferry strike ends")
    assert run(archive, [other], now=NOW + S * 60).result().new == ("urn:x",)


# Properties over sequences of runs.

POOL = 8
Page = list[tuple[int, int, int]]  # (story number, summary variant, date kind)
pages = st.lists(
    st.lists(
        st.tuples(st.integers(0, POOL - 1), st.integers(0, 2), st.integers(0, 2)),
        max_size=6,
        unique_by=lambda t: t[0],
    ),
    min_size=1,
    max_size=5,
)
gaps = st.lists(st.integers(0, 3 * 86400), min_size=5, max_size=5)


def build(page: Page) -> list[Story]:
    kinds = (DateSource.NOW, DateSource.PAGE, DateSource.CAPTION)
    out = []
    for n, variant, kind in page:
        date = DAY + timedelta(days=n % 3) if kinds[kind] is not DateSource.NOW else None
        summary = f"Summary of story {n}, version {variant}."
        out.append(story(n, summary=summary, date=date, source=kinds[kind]))
    return out


@settings(max_examples=150, deadline=None)
@given(pages, gaps)
def test_published_is_fixed_instants_are_distinct_and_reruns_are_stable(
    runs: list[Page], steps: list[int]
) -> None:
    archive: Archive = {}
    first_published: dict[str, datetime] = {}
    now = NOW
    for page, step in zip(runs, steps, strict=False):
        now += timedelta(seconds=step)
        stories = build(page)
        result = run(archive, stories, now=now).result()
        ids = [s.id for s in stories]
        assert sorted(result.new + result.updated + result.unchanged) == sorted(ids)
        for ident in ids:
            first_published.setdefault(ident, archive[ident].published)
            assert archive[ident].published == first_published[ident]
        entries = list(archive.values())
        assert len({e.published for e in entries}) == len(entries)
        assert len({e.updated for e in entries}) == len(entries)
        new_first_seen = [
            archive[s.id].published
            for s in stories
            if s.id in result.new and s.date_source is DateSource.NOW
        ]
        assert new_first_seen == sorted(new_first_seen, reverse=True)
        snapshot = dict(archive)
        again = run(archive, stories, now=now + timedelta(minutes=3)).result()
        assert again.unchanged == tuple(ids)
        for ident in ids:
            assert archive[ident].story is snapshot[ident].story
            assert archive[ident].updated == snapshot[ident].updated


def test_taken_is_read_only_when_an_instant_is_handed_out() -> None:
    """The archive's taken instants cost it two queries per window: a page of unchanged
    stories never reads them; a new or an edited story does."""
    archive: Archive = {}
    run(archive, [story(1), story(2)], now=NOW)
    reads: list[str] = []

    def taken(label: str) -> Iterator[datetime]:
        reads.append(label)
        yield from (e.published for e in archive.values())

    known = dict(archive)
    for label, page in (
        ("unchanged", [story(2), story(1)]),
        ("edited", [story(1, summary="Edited.")]),
        ("new", [story(1), story(3)]),
    ):
        plan_merge(page, known=known, taken=taken(label), now=NOW + timedelta(hours=1))
    assert reads == ["edited", "new"]

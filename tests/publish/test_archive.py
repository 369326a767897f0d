"""The SQLite entry archive: merging runs, reading the newest entries, upkeep, schema, failures."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pagefeed.publish.archive as archive_module
from pagefeed.errors import ArchiveError
from pagefeed.model import DateSource, Entry, Image, Story
from pagefeed.publish.archive import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Archive,
    ArchivedEntry,
    apply_migrations,
)
from pagefeed.serialize import story_to_dict

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
MINUTES = timedelta(minutes=5)


def teaser(n: int, *, summary: str | None = None, date: datetime | None = None) -> Story:
    """A teaser as assign_dates leaves it: with a caption date, or dated ``now`` (NOW)."""
    return Story(
        title=f"Lighthouse keepers of Orrin, part {n}",
        summary=summary or f"The keepers of the Orrin light tell story {n} of the winter storms.",
        section="More For You",
        image=Image(
            caption=f"The Orrin light on a grey morning, view {n}", credit="Ana Bel/Reuters"
        ),
        date=date or NOW,
        date_source=DateSource.CAPTION if date else DateSource.NOW,
        id=f"urn:test:{n}",
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "feeds" / ".pagefeed.sqlite"


@pytest.fixture
def archive(path: Path) -> Iterator[Archive]:
    with Archive.open(path) as opened:
        yield opened


def ids(entries: list[Entry]) -> list[str]:
    return [e.story.id for e in entries]


def test_first_run_publishes_every_story_in_page_order(archive: Archive) -> None:
    result = archive.merge("orrin", [teaser(1), teaser(2), teaser(3)], now=NOW)
    assert result.new == ("urn:test:1", "urn:test:2", "urn:test:3")
    entries = archive.entries("orrin", limit=50)
    assert ids(entries) == ["urn:test:1", "urn:test:2", "urn:test:3"]
    assert [e.published for e in entries] == [
        NOW,
        NOW - timedelta(seconds=1),
        NOW - timedelta(seconds=2),
    ]
    assert all(e.updated == e.published == e.story.date for e in entries)


def test_rerun_on_the_same_page_changes_nothing(archive: Archive, path: Path) -> None:
    page = [teaser(1), teaser(2, date=datetime(2025, 12, 2, tzinfo=UTC)), teaser(3)]
    archive.merge("orrin", page, now=NOW)
    entries = archive.entries("orrin", limit=50)
    rows = _rows(path)
    result = archive.merge("orrin", page, now=NOW + MINUTES)
    assert (result.new, result.updated) == ((), ())
    assert result.unchanged == ("urn:test:1", "urn:test:2", "urn:test:3")
    assert archive.entries("orrin", limit=50) == entries
    after = _rows(path)
    assert [r[:-1] for r in after] == [r[:-1] for r in rows]  # all but last_seen
    assert all(r[-1] == int((NOW + MINUTES).timestamp()) for r in after)


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT id, published, last_changed, first_seen, content_hash, position, story, "
            "last_seen FROM entries ORDER BY id"
        ).fetchall()


def _page_story(n: int, variant: int, hours: int) -> Story:
    """Teaser ``n`` as one of a page's versions: 0 as first seen, 1 edited, 2 edited under
    a new id (re-identified), 3 dated by its caption in another time zone."""
    text = f"The keepers of the Orrin light tell story {n} of the storms, the ships they saw."
    story = teaser(n, summary=text)
    if variant in (1, 2):
        story = story._replace(summary=text.replace("saw", "watched"))
    if variant == 2:
        story = story._replace(id=f"urn:test:{n}:edited")
    if variant == 3:
        local = datetime(2026, 1, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))
        image = Image(caption=f"The Orrin light, view {n}", date=local)
        story = story._replace(date=local, date_source=DateSource.CAPTION, image=image)
    return story._replace(date=NOW + timedelta(hours=hours)) if variant == 0 else story


def _merged_then_read(
    archive: Archive, stories: list[Story], *, now: datetime, limit: int
) -> object:
    """What a build read back before Archive.publish: merge, the page's ids, the newest."""
    result = archive.merge("orrin", stories, now=now)
    renamed = dict(result.renamed)
    on_page = [renamed.get(story.id, story.id) for story in stories]
    entries = archive.entries_by_id("orrin", on_page[:limit])
    room = limit - len(entries)
    if room > 0:
        shown = {entry.story.id for entry in entries}
        newest = archive.entries("orrin", limit=room + len(shown))
        entries += [entry for entry in newest if entry.story.id not in shown][:room]
    return result, entries


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.tuples(st.integers(0, 6), st.integers(0, 3)), max_size=6),
            st.integers(0, 8),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_publish_gives_what_merging_and_reading_back_gives(
    runs: list[tuple[list[tuple[int, int]], int]],
) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        Archive.open(Path(folder) / "a.sqlite") as published,
        Archive.open(Path(folder) / "b.sqlite") as merged,
    ):
        for hours, (page, limit) in enumerate(runs):
            stories = [_page_story(n, variant, hours) for n, variant in page]
            now = NOW + timedelta(hours=hours)
            expected = _merged_then_read(merged, stories, now=now, limit=limit)
            got = published.publish("orrin", stories, now=now, limit=limit)
            assert repr(got) == repr(expected)  # repr: time zones too


def test_teasers_that_rotate_off_the_page_stay_in_the_feed(archive: Archive) -> None:
    archive.merge("orrin", [teaser(1), teaser(2), teaser(3)], now=NOW)
    later = NOW + timedelta(hours=1)
    result = archive.merge("orrin", [teaser(4), teaser(2), teaser(3)], now=later)
    assert result.new == ("urn:test:4",)
    assert ids(archive.entries("orrin", limit=50)) == [f"urn:test:{n}" for n in (4, 1, 2, 3)]


def test_max_entries_gives_the_newest(archive: Archive) -> None:
    for run in range(5):
        archive.merge("orrin", [teaser(run)], now=NOW + run * MINUTES)
    assert ids(archive.entries("orrin", limit=2)) == ["urn:test:4", "urn:test:3"]
    assert archive.entries("orrin", limit=0) == []
    with pytest.raises(ValueError, match="limit"):
        archive.entries("orrin", limit=-1)


def test_a_typo_fix_keeps_id_and_published_and_bumps_updated(archive: Archive) -> None:
    archive.merge("orrin", [teaser(1, summary="The keeper climbd 120 steps.")], now=NOW)
    later = NOW + timedelta(hours=3)
    result = archive.merge("orrin", [teaser(1, summary="The keeper climbed 120 steps.")], now=later)
    assert (result.new, result.updated) == ((), ("urn:test:1",))
    (entry,) = archive.entries("orrin", limit=50)
    assert (entry.story.id, entry.published, entry.updated) == ("urn:test:1", NOW, later)
    assert entry.story.summary == "The keeper climbed 120 steps."
    assert len(archive.list("orrin")) == 1


def test_the_date_of_an_entry_never_changes(archive: Archive) -> None:
    caption_day = datetime(2025, 12, 2, tzinfo=UTC)
    archive.merge("orrin", [teaser(1, date=caption_day), teaser(2)], now=NOW)
    for step in range(1, 4):
        # The page's dates move (a caption re-dated, "now" later) and one summary is edited.
        page = [
            teaser(1, date=caption_day + timedelta(days=step)),
            teaser(2, summary=f"Edit {step}"),
        ]
        archive.merge("orrin", page, now=NOW + step * MINUTES)
        published = {e.story.id: e.published for e in archive.entries("orrin", limit=50)}
        assert published == {"urn:test:1": caption_day, "urn:test:2": NOW}


def test_an_edited_teaser_whose_id_changed_is_not_a_new_item(archive: Archive) -> None:
    text = (
        "On the last night of the season the keepers of Orrin lit every lamp in the tower, "
        "and the fishing boats answered with their horns."
    )
    archive.merge("orrin", [teaser(1, summary=text), teaser(2)], now=NOW)
    edited = teaser(1, summary=text.replace("horns", "horns."))._replace(id="urn:new")
    result = archive.merge("orrin", [edited, teaser(2)], now=NOW + MINUTES)
    assert result.renamed == (("urn:new", "urn:test:1"),)
    assert result.updated == ("urn:test:1",)
    assert sorted(ids(archive.entries("orrin", limit=50))) == ["urn:test:1", "urn:test:2"]


def test_feeds_are_independent(archive: Archive) -> None:
    archive.merge("orrin", [teaser(1)], now=NOW)
    archive.merge("brisk", [teaser(1, summary="Another feed, another text.")], now=NOW + MINUTES)
    assert archive.feeds() == ["brisk", "orrin"]
    assert archive.entries("orrin", limit=5)[0].published == NOW
    assert archive.entries("brisk", limit=5)[0].story.summary == "Another feed, another text."
    assert archive.entries("nowhere", limit=5) == []


def test_stable_across_reopen(path: Path) -> None:
    page = [teaser(1), teaser(2)]
    with Archive.open(path) as archive:
        archive.merge("orrin", page, now=NOW)
        before = archive.entries("orrin", limit=50)
    with Archive.open(path, create=False) as archive:
        assert archive.entries("orrin", limit=50) == before
        assert archive.merge("orrin", page, now=NOW + MINUTES).unchanged == (
            "urn:test:1",
            "urn:test:2",
        )
        assert archive.entries("orrin", limit=50) == before


def test_prune_keeps_the_newest_and_whatever_is_on_the_page(archive: Archive) -> None:
    for run in range(6):
        archive.merge("orrin", [teaser(run)], now=NOW + run * MINUTES)
    archive.merge("brisk", [teaser(1)], now=NOW)
    assert archive.prune("orrin", keep=2) == 4
    assert ids(archive.entries("orrin", limit=50)) == ["urn:test:5", "urn:test:4"]
    assert archive.prune("orrin", keep=2) == 0
    # keep=0 still keeps the entry on the latest page: deleting it would re-date it next run.
    assert archive.prune("orrin", keep=0) == 1
    assert ids(archive.entries("orrin", limit=50)) == ["urn:test:5"]
    assert len(archive.list("brisk")) == 1
    with pytest.raises(ValueError, match="keep"):
        archive.prune("orrin", keep=-1)


def test_list_and_stats(archive: Archive) -> None:
    archive.merge("orrin", [teaser(1), teaser(2)], now=NOW)
    archive.merge("orrin", [teaser(2, summary="Edited.")], now=NOW + MINUTES)
    listed = archive.list("orrin")
    assert [e.id for e in listed] == ["urn:test:1", "urn:test:2"]
    assert listed[1].first_seen == NOW
    assert listed[1].last_seen == listed[1].updated == NOW + MINUTES
    stats = archive.stats("orrin")
    assert (stats.entries, stats.newest, stats.last_updated) == (2, NOW, NOW + MINUTES)
    assert (stats.first_run, stats.last_run) == (NOW, NOW + MINUTES)
    empty = archive.stats("nowhere")
    assert (empty.entries, empty.newest, empty.last_run) == (0, None, None)


def test_a_failed_merge_leaves_the_archive_as_it_was(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive.merge("orrin", [teaser(1)], now=NOW)
    before = archive.list("orrin")
    real = archive_module._rows

    def broken(*args: object, **kwargs: object) -> object:
        inserts, _, touches, blobs = real(*args, **kwargs)  # type: ignore[arg-type]
        return inserts, [("too", "few")], touches, blobs

    monkeypatch.setattr(archive_module, "_rows", broken)
    with pytest.raises(ArchiveError, match=r"pagefeed\.sqlite"):
        archive.merge("orrin", [teaser(2), teaser(1, summary="Edited.")], now=NOW + MINUTES)
    assert archive.list("orrin") == before
    assert archive.stats("orrin").last_run == NOW


# Schema, journal and failures.


def test_a_build_does_not_import_what_only_rare_paths_use() -> None:
    """Importing the archive defines no FeedStats and loads no text-reader grammar (the merge
    needs it only to re-identify a story): an HTML build with an archive pays for neither."""
    code = (
        "import sys, pagefeed.publish.archive\n"
        "print(*(name in sys.modules for name in "
        "('pagefeed.publish.feedstats', 'pagefeed.extract.text.lines', 'sqlite3')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "True"]


def test_a_new_file_is_migrated_from_version_0_in_wal_mode(path: Path) -> None:
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:  # a database at user_version 0 (not a 0-byte file)
        db.execute("CREATE TABLE notes (text TEXT)")
    db.close()
    with Archive.open(path):
        pass
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"feeds", "entries"} <= tables


def test_migrations_run_in_order_and_a_newer_schema_is_refused(path: Path) -> None:
    with Archive.open(path) as archive:
        archive.merge("orrin", [teaser(1)], now=NOW)
    step = ("ALTER TABLE entries ADD COLUMN note TEXT", "UPDATE entries SET note = 'kept'")
    db = sqlite3.connect(path, isolation_level=None)
    try:
        assert apply_migrations(db, path=path, migrations=(*MIGRATIONS, step)) == SCHEMA_VERSION
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION + 1,)
        assert db.execute("SELECT note FROM entries").fetchall() == [("kept",)]
        assert apply_migrations(db, path=path, migrations=(*MIGRATIONS, step)) == SCHEMA_VERSION + 1
    finally:
        db.close()
    with pytest.raises(
        ArchiveError, match=r"schema version 2, newer than this pagefeed knows \(1\)"
    ):
        Archive.open(path)


def test_a_failed_migration_changes_nothing(path: Path) -> None:
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError):
            apply_migrations(db, path=path, migrations=(*MIGRATIONS, ("NOT SQL AT ALL",)))
        assert db.execute("PRAGMA user_version").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    finally:
        db.close()


def _one_line_naming(exc: pytest.ExceptionInfo[ArchiveError], path: Path) -> str:
    message = str(exc.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_a_file_that_is_not_sqlite_is_an_archive_error(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("These are the lighthouse keepers' notes, not a database.\n" * 40)
    with pytest.raises(ArchiveError) as exc:
        Archive.open(path)
    assert "not an SQLite database" in _one_line_naming(exc, path)


def test_a_damaged_database_is_an_archive_error(path: Path) -> None:
    with Archive.open(path) as archive:
        archive.load("orrin", _records(400))
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset : offset + 64] = b"\xff" * 64  # every page header after the first
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError) as exc, Archive.open(path) as archive:
        archive.list("orrin")
    assert "corrupt" in _one_line_naming(exc, path)


def test_a_missing_file_without_create_and_a_folder_are_archive_errors(path: Path) -> None:
    with pytest.raises(ArchiveError, match="no such file"):
        Archive.open(path, create=False)
    path.mkdir(parents=True)
    with pytest.raises(ArchiveError) as exc:
        Archive.open(path)
    assert "is a folder" in _one_line_naming(exc, path)


def test_a_locked_archive_is_an_archive_error(path: Path) -> None:
    with Archive.open(path) as archive:
        archive.merge("orrin", [teaser(1)], now=NOW)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with Archive.open(path, timeout=0.05) as archive:
            assert len(archive.entries("orrin", limit=5)) == 1  # readers are not blocked (WAL)
            with pytest.raises(ArchiveError) as exc:
                archive.merge("orrin", [teaser(2)], now=NOW + MINUTES)
        assert "locked by another run" in _one_line_naming(exc, path)
    finally:
        holder.close()


def test_a_damaged_story_record_is_an_archive_error(archive: Archive, path: Path) -> None:
    archive.merge("orrin", [teaser(1)], now=NOW)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET story = '{\"summary\": 1'")
    with pytest.raises(ArchiveError, match="malformed story record"):
        archive.entries("orrin", limit=5)


# Scale: 100,000 entries, and the query plans of a run.


def _records(count: int, *, feed: str = "orrin") -> Iterator[ArchivedEntry]:
    story = teaser(0)
    for n in range(count):
        when = NOW - n * MINUTES
        yield ArchivedEntry(
            id=f"urn:{feed}:{n}",
            published=when,
            updated=when,
            first_seen=when,
            last_seen=when,
            content_hash="0" * 64,
            position=0,
            story=story._replace(id=f"urn:{feed}:{n}", date=when),
        )


def _fill(path: Path, *, feeds: int, per_feed: int) -> None:
    """Raw rows (one shared story blob) in one transaction: fast enough for a unit test."""
    blob = json.dumps(story_to_dict(teaser(0)))
    with sqlite3.connect(path) as db:
        for f in range(feeds):
            first = int((NOW - per_feed * MINUTES).timestamp())
            db.execute("INSERT INTO feeds VALUES (?, ?, ?)", (f"feed{f}", first, first))
            db.executemany(
                archive_module.SQL_INSERT,
                (
                    (f"feed{f}", f"urn:{f}:{n}", t, t, t, t, "0" * 64, 0, blob)
                    for n in range(per_feed)
                    for t in (first + 300 * n,)
                ),
            )


def test_a_run_in_a_100k_entry_archive(path: Path) -> None:
    with Archive.open(path):
        pass
    _fill(path, feeds=10, per_feed=10_000)
    with Archive.open(path) as archive:
        assert archive.stats("feed3").entries == 10_000
        result = archive.merge("feed3", [teaser(1), teaser(2)], now=NOW)
        assert result.new == ("urn:test:1", "urn:test:2")
        newest = archive.entries("feed3", limit=50)
        assert ids(newest)[:2] == ["urn:test:1", "urn:test:2"]
        assert len(newest) == 50
        assert archive.merge("feed3", [teaser(1), teaser(2)], now=NOW + MINUTES).new == ()
        assert archive.entries("feed3", limit=50) == newest


def test_every_query_of_a_run_is_an_index_search(path: Path) -> None:
    with Archive.open(path):
        pass
    _fill(path, feeds=3, per_feed=2_000)
    with sqlite3.connect(path) as db:
        db.execute("ANALYZE")  # the planner must pick the indexes with statistics too
        queries = {
            "newest": (archive_module.SQL_NEWEST, ("feed1", 50)),
            "by ids": (archive_module.SQL_BY_IDS.format(marks="?, ?"), ("feed1", "a", "b")),
            "seen at": (archive_module.SQL_SEEN_AT, ("feed1", 0)),
            "published in": (archive_module.SQL_PUBLISHED_IN, ("feed1", 0, 9)),
            "changed in": (archive_module.SQL_CHANGED_IN, ("feed1", 0, 9)),
            "last run": (archive_module.SQL_LAST_RUN, ("feed1",)),
            "update": (archive_module.SQL_UPDATE, (1, 1, "h", 0, "{}", "feed1", "a")),
            "touch": (archive_module.SQL_TOUCH, (1, 0, "feed1", "a")),
            "list": (archive_module.SQL_LIST, ("feed1",)),
            "prune": (archive_module.SQL_PRUNE, ("feed1", 5)),
            "stats": (archive_module.SQL_STATS, ("feed1",)),
        }
        for name, (sql, args) in queries.items():
            plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, args)]
            assert any(step.startswith("SEARCH") for step in plan), (name, plan)
            for step in plan:
                assert not step.startswith("SCAN") or step == "SCAN CONSTANT ROW", (name, plan)
                assert "TEMP B-TREE" not in step, (name, plan)


def test_load_imports_records_in_one_go(archive: Archive) -> None:
    assert archive.load("orrin", _records(300)) == 300
    assert archive.load("orrin", []) == 0
    newest = archive.entries("orrin", limit=3)
    assert ids(newest) == ["urn:orrin:0", "urn:orrin:1", "urn:orrin:2"]
    assert archive.stats("orrin").last_run == NOW
    with pytest.raises(ArchiveError, match="UNIQUE"):
        archive.load("orrin", _records(1))


# Property: through SQLite, dates stay fixed, instants stay distinct, re-runs change nothing.

runs = st.lists(
    st.tuples(
        st.lists(st.tuples(st.integers(0, 9), st.booleans(), st.booleans()), max_size=5),
        st.integers(0, 2 * 86400),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=30, deadline=None)
@given(runs)
def test_runs_through_sqlite_keep_dates_and_reruns_change_nothing(
    pages: list[tuple[list[tuple[int, bool, bool]], int]],
) -> None:
    caption_day = datetime(2025, 12, 2, tzinfo=UTC)
    first_published: dict[str, datetime] = {}
    now = NOW
    with (
        tempfile.TemporaryDirectory() as folder,
        Archive.open(Path(folder) / "a.sqlite") as archive,
    ):
        for cards, gap in pages:
            now += timedelta(seconds=gap)
            page = {
                n: teaser(
                    n, summary=f"Edit {n}" if edited else None, date=caption_day if dated else None
                )
                for n, edited, dated in cards
            }
            stories = list(page.values())
            archive.merge("orrin", stories, now=now)
            entries = archive.entries("orrin", limit=100)
            for entry in entries:
                assert (
                    first_published.setdefault(entry.story.id, entry.published) == entry.published
                )
            assert len({e.published for e in entries}) == len(entries)
            assert len({e.updated for e in entries}) == len(entries)
            rerun = archive.merge("orrin", stories, now=now + MINUTES)
            assert rerun.unchanged == tuple(s.id for s in stories)
            assert archive.entries("orrin", limit=100) == entries


def test_the_wal_gives_its_space_back_when_a_run_closes_the_archive(path: Path) -> None:
    with Archive.open(path):
        pass
    bystander = sqlite3.connect(path)  # another reader keeps the WAL file from being removed
    try:
        bystander.execute("SELECT count(*) FROM entries").fetchone()
        with Archive.open(path) as opened:
            opened.merge(
                "orrin", [teaser(n, summary="x" * 4000 + str(n)) for n in range(40)], now=NOW
            )
            wal = path.with_name(path.name + "-wal")
            assert wal.stat().st_size > 100_000
        assert wal.stat().st_size == 0
    finally:
        bystander.close()
    with Archive.open(path) as again:
        assert again.stats("orrin").entries == 40


def test_an_empty_archive_file_is_refused_not_started_again(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.touch()  # `: > feeds/.pagefeed.sqlite`
    with pytest.raises(ArchiveError, match=r"an empty file \(0 bytes\), not an archive"):
        Archive.open(path)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_new_archive_appears_only_complete_and_a_failed_creation_leaves_nothing(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(*_args: object, **_kwargs: object) -> int:
        raise KeyboardInterrupt  # the run dies while the schema is being created

    monkeypatch.setattr(archive_module, "apply_migrations", killed)
    with pytest.raises(KeyboardInterrupt):
        Archive.open(path)
    assert list(path.parent.iterdir()) == []  # no 0-byte archive, no temp file
    monkeypatch.undo()
    with Archive.open(path) as made:
        made.merge("orrin", [teaser(1), teaser(2)], now=NOW)
    with Archive.open(path, create=False) as again:  # archived entries keep their ids
        assert ids(again.entries("orrin", limit=5)) == ["urn:test:1", "urn:test:2"]
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]

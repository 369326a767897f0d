"""The entry archive: every entry a feed ever published, in SQLite (the only module using sqlite3).

Decisions (new / updated / unchanged, and dates) are made by the pure
:mod:`pagefeed.publish.merge`; this
module reads what it needs, writes the outcome in one transaction per feed run, and answers
"the newest N entries of a feed" for the feed builder.

Schema (version :data:`SCHEMA_VERSION`, kept in ``PRAGMA user_version``; :data:`MIGRATIONS` holds
one tuple of statements per version step, applied in order in one transaction):

* ``feeds(name, first_run, last_run)``: one row per feed; ``last_run`` is the ``now`` of its
  latest merge (the entries with ``last_seen = last_run`` are those on the page then).
* ``entries(feed, id, first_seen, last_seen, last_changed, published, content_hash, position,
  story)``: times are Unix seconds (UTC); ``last_changed`` is the Atom ``updated``; ``position``
  the place on the page in the last run that showed it; ``story`` the JSON of
  :func:`pagefeed.serialize.story_to_dict` with ``date`` = ``published``.

Every query on the run path is an index search (no table scan, no sort): see ``tests/test_archive``.
The database runs in WAL mode; writers take the lock up front (``BEGIN IMMEDIATE``) and wait
``timeout`` seconds for another writer before failing with :class:`~pagefeed.errors.ArchiveError`.
"""

from __future__ import annotations

import builtins
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from pagefeed.errors import ArchiveError
from pagefeed.logs import get_logger
from pagefeed.model import Entry, Story
from pagefeed.publish.merge import (
    DEFAULT_SIMILARITY,
    ArchivedEntry,
    Decision,
    MergeResult,
    Plan,
    Status,
    candidate_windows,
    plan_merge,
    utc_second,
)
from pagefeed.serialize import story_from_dict, story_to_dict

if TYPE_CHECKING:
    from pagefeed.publish.feedstats import FeedStats

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Archive",
    "ArchivedEntry",
    "MergeResult",
    "apply_migrations",
]

log = get_logger(__name__)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 -> 1: feeds and their entries.
    (
        """CREATE TABLE feeds (
            name TEXT PRIMARY KEY,
            first_run INTEGER NOT NULL,
            last_run INTEGER NOT NULL
        )""",
        """CREATE TABLE entries (
            feed TEXT NOT NULL REFERENCES feeds (name) ON DELETE CASCADE,
            id TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            last_changed INTEGER NOT NULL,
            published INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            position INTEGER NOT NULL,
            story TEXT NOT NULL,
            UNIQUE (feed, id)
        )""",
        "CREATE INDEX entries_newest ON entries (feed, published DESC, position, id)",
        "CREATE INDEX entries_changed ON entries (feed, last_changed)",
        "CREATE INDEX entries_seen ON entries (feed, last_seen)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
DEFAULT_TIMEOUT = 5.0
Row = tuple[str | int, ...]
_CHUNK = 500  # ids per "IN (...)" lookup, well under SQLite's variable limit

_COLUMNS = "id, published, last_changed, first_seen, last_seen, content_hash, position, story"
# The queries of a feed run; tests/test_archive.py checks each plan for index use.
SQL_NEWEST = (
    "SELECT id, story, published, last_changed FROM entries WHERE feed = ? "
    "ORDER BY published DESC, position, id LIMIT ?"
)
SQL_BY_IDS = f"SELECT {_COLUMNS} FROM entries WHERE feed = ? AND id IN ({{marks}})"
SQL_SEEN_AT = f"SELECT {_COLUMNS} FROM entries WHERE feed = ? AND last_seen = ?"
SQL_PUBLISHED_IN = "SELECT published FROM entries WHERE feed = ? AND published BETWEEN ? AND ?"
SQL_CHANGED_IN = "SELECT last_changed FROM entries WHERE feed = ? AND last_changed BETWEEN ? AND ?"
SQL_LAST_RUN = "SELECT last_run FROM feeds WHERE name = ?"
SQL_INSERT = (
    "INSERT INTO entries (feed, id, first_seen, last_seen, last_changed, published, "
    "content_hash, position, story) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
SQL_UPDATE = (
    "UPDATE entries SET last_seen = ?, last_changed = ?, content_hash = ?, position = ?, "
    "story = ? WHERE feed = ? AND id = ?"
)
SQL_TOUCH = "UPDATE entries SET last_seen = ?, position = ? WHERE feed = ? AND id = ?"
SQL_UPSERT_FEED = (
    "INSERT INTO feeds (name, first_run, last_run) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (name) DO UPDATE SET last_run = ?3"
)
SQL_LIST = f"SELECT {_COLUMNS} FROM entries WHERE feed = ? ORDER BY published DESC, position, id"
SQL_PRUNE = (
    "DELETE FROM entries WHERE feed = ?1 "
    "AND last_seen IS NOT (SELECT last_run FROM feeds WHERE name = ?1) "
    "AND rowid NOT IN (SELECT rowid FROM entries WHERE feed = ?1 "
    "ORDER BY published DESC, position, id LIMIT ?2)"
)
SQL_STATS = (
    "SELECT (SELECT count(*) FROM entries WHERE feed = ?1), "
    "(SELECT max(published) FROM entries WHERE feed = ?1), "
    "(SELECT max(last_changed) FROM entries WHERE feed = ?1), "
    "(SELECT first_run FROM feeds WHERE name = ?1), "
    "(SELECT last_run FROM feeds WHERE name = ?1)"
)


def apply_migrations(
    connection: sqlite3.Connection,
    *,
    path: Path,
    migrations: Sequence[Sequence[str]] = MIGRATIONS,
) -> int:
    """Bring the schema up to ``len(migrations)`` in one transaction; return the version found.

    A database newer than ``len(migrations)`` is refused with :class:`ArchiveError`.
    """
    target = len(migrations)
    (found,) = connection.execute("PRAGMA user_version").fetchone()
    if found == target:
        return int(found)
    with _transaction(connection):
        (found,) = connection.execute("PRAGMA user_version").fetchone()  # another run may have
        if found > target:
            raise ArchiveError(
                f"archive {path} has schema version {found}, newer than this pagefeed "
                f"knows ({target}); upgrade pagefeed"
            )
        if found == 0 and target > 0:
            log.info("archive %s: new, schema version %d", path, target)
        for version in range(found, target):
            if found > 0:
                log.info("archive %s: migrating schema %d -> %d", path, version, version + 1)
            for statement in migrations[version]:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {int(target)}")
    return int(found)


class Archive:
    """An open archive file. Use :meth:`open`; it is a context manager that closes the file."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, timeout: float) -> None:
        self._db = connection
        self.path = path
        self.timeout = timeout

    @classmethod
    def open(cls, path: Path, *, timeout: float = DEFAULT_TIMEOUT, create: bool = True) -> Archive:
        """Open (or, with ``create``, make) the archive at ``path`` and migrate its schema.

        A new archive is made complete in a temp file beside ``path`` and only then linked into
        place, so a run killed while creating it leaves no file that looks like an archive. An
        existing file of 0 bytes is therefore damage (a truncated archive), refused with
        :class:`ArchiveError` rather than silently started again with no history.
        """
        if path.is_dir():
            raise ArchiveError(f"archive {path}: is a folder, not a file")
        if not path.exists():
            if not create:
                raise ArchiveError(f"archive {path}: no such file")
            _create(path, timeout)
        elif path.is_file() and path.stat().st_size == 0:
            raise ArchiveError(
                f"archive {path}: an empty file (0 bytes), not an archive: the history is gone; "
                "restore it from a backup, or delete it to start a new archive"
            )
        with _guard(path, timeout):
            connection = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        try:
            with _guard(path, timeout):
                connection.execute("PRAGMA foreign_keys = ON")
                (mode,) = connection.execute("PRAGMA journal_mode = WAL").fetchone()
                if str(mode).lower() != "wal":
                    log.warning("archive %s: journal mode %s, not WAL", path, mode)
                apply_migrations(connection, path=path)
        except BaseException:
            connection.close()
            raise
        return cls(connection, path, timeout=timeout)

    def close(self) -> None:
        """Checkpoint the WAL into the database and truncate it, then close the connection.

        A WAL that grew (or a run that hit a full disk) gives its space back at the end of every
        run instead of keeping it until some later checkpoint; a failure here is only logged,
        since every transaction was committed already.
        """
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            log.info("archive %s: WAL checkpoint skipped: %s", self.path, exc)
        finally:
            self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with _guard(self.path, self.timeout), _transaction(self._db):
            yield self._db

    def merge(
        self,
        feed: str,
        stories: Sequence[Story],
        *,
        now: datetime,
        similarity: float | None = DEFAULT_SIMILARITY,
    ) -> MergeResult:
        """Record the stories on ``feed``'s page now, in one transaction (see :mod:`.merge`)."""
        plan, _ = self._record(feed, stories, now=now, similarity=similarity)
        return self._report(feed, plan)

    def publish(
        self,
        feed: str,
        stories: Sequence[Story],
        *,
        now: datetime,
        limit: int,
        similarity: float | None = DEFAULT_SIMILARITY,
    ) -> tuple[MergeResult, builtins.list[Entry]]:
        """:meth:`merge`, then the feed's entries: the stories on the page (the first ``limit``
        of them, in page order), then the newest entries that have rotated off it, ``limit`` in
        all.

        The same entries as :meth:`entries_by_id` and :meth:`entries` would read back after
        the merge, but each stored story is decoded once: the page's come from the merge.
        """
        if limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit}")
        plan, blobs = self._record(feed, stories, now=now, similarity=similarity)
        result = self._report(feed, plan)
        renamed = dict(result.renamed)
        by_id = {d.story.id: d for d in plan.decisions}
        with _guard(self.path, self.timeout):
            shown = [
                _stored(by_id[i], blobs)
                for i in dict.fromkeys(renamed.get(s.id, s.id) for s in stories[:limit])
            ]
            room = limit - len(shown)
            if room > 0:
                ids = {entry.story.id for entry in shown}
                rows = self._db.execute(SQL_NEWEST, (feed, room + len(ids))).fetchall()
                for ident, story, published, changed in rows:
                    if ident in ids:  # on the page: not decoded again
                        continue
                    entry = Entry(_story(story), published=_time(published), updated=_time(changed))
                    if entry.story.id not in ids:
                        shown.append(entry)
                        if len(shown) == limit:
                            break
        return result, shown

    def _record(
        self, feed: str, stories: Sequence[Story], *, now: datetime, similarity: float | None
    ) -> tuple[Plan, dict[str, str]]:
        """The merge's transaction: the plan, and the story JSON written, by archived id."""
        now = utc_second(now)
        stamp = _seconds(now)
        with self._write() as db:
            known = self._by_ids(feed, [s.id for s in stories])
            previous: list[ArchivedEntry] = []
            if similarity is not None and any(s.id not in known for s in stories):
                row = db.execute(SQL_LAST_RUN, (feed,)).fetchone()
                if row is not None:
                    previous = [_archived(r) for r in db.execute(SQL_SEEN_AT, (feed, row[0]))]
            taken = self._taken(feed, stories, now=now)  # read only if the merge needs it
            plan = plan_merge(
                stories, known=known, previous=previous, taken=taken, now=now, similarity=similarity
            )
            db.execute(SQL_UPSERT_FEED, (feed, stamp, stamp))
            inserts, updates, touches, blobs = _rows(feed, plan, stamp)
            db.executemany(SQL_INSERT, inserts)
            db.executemany(SQL_UPDATE, updates)
            db.executemany(SQL_TOUCH, touches)
        return plan, blobs

    def _taken(self, feed: str, stories: Sequence[Story], *, now: datetime) -> Iterator[datetime]:
        """The instants the feed's entries use in the merge's candidate windows (lazily)."""
        for start, end in candidate_windows(stories, now=now):
            span = (feed, _seconds(start), _seconds(end))
            for sql in (SQL_PUBLISHED_IN, SQL_CHANGED_IN):
                for (instant,) in self._db.execute(sql, span).fetchall():
                    yield _time(instant)

    def _report(self, feed: str, plan: Plan) -> MergeResult:
        for warning in plan.warnings:
            log.warning("%s: %s", feed, warning)
        result = plan.result()
        for page_id, old_id in result.renamed:
            log.info("%s: %s is archived entry %s with edited text", feed, page_id, old_id)
        return result

    def entries(self, feed: str, *, limit: int) -> builtins.list[Entry]:
        """The newest ``limit`` entries of ``feed`` by ``published`` (ties: page order)."""
        if limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit}")
        with _guard(self.path, self.timeout):
            rows = self._db.execute(SQL_NEWEST, (feed, limit)).fetchall()
            return [Entry(_story(r[1]), published=_time(r[2]), updated=_time(r[3])) for r in rows]

    def entries_by_id(self, feed: str, ids: Sequence[str]) -> builtins.list[Entry]:
        """The archived entries of ``feed`` with these ids, in the given order (unknown skipped)."""
        with _guard(self.path, self.timeout):
            found = self._by_ids(feed, ids)
        return [
            Entry(found[i].story, published=found[i].published, updated=found[i].updated)
            for i in dict.fromkeys(ids)
            if i in found
        ]

    def known_ids(self, feed: str, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are archived entries of ``feed``."""
        with _guard(self.path, self.timeout):
            return set(self._by_ids(feed, ids))

    def list(self, feed: str) -> builtins.list[ArchivedEntry]:
        """Every archived entry of ``feed``, newest first."""
        with _guard(self.path, self.timeout):
            return [_archived(r) for r in self._db.execute(SQL_LIST, (feed,))]

    def prune(self, feed: str, *, keep: int) -> int:
        """Delete all but the newest ``keep`` entries of ``feed``; return how many went.

        Entries on the page in the feed's latest run are always kept: deleting one would make
        it new again on the next run, with a new date.
        """
        if keep < 0:
            raise ValueError(f"keep must be >= 0, not {keep}")
        with self._write() as db:
            return db.execute(SQL_PRUNE, (feed, keep)).rowcount

    def feeds(self) -> builtins.list[str]:
        """Names of every feed in the archive, sorted."""
        with _guard(self.path, self.timeout):
            return [r[0] for r in self._db.execute("SELECT name FROM feeds ORDER BY name")]

    def stats(self, feed: str) -> FeedStats:
        """Entry count and the latest times of ``feed`` (zero and None for an unknown feed)."""
        from pagefeed.publish.feedstats import FeedStats

        with _guard(self.path, self.timeout):
            count, newest, changed, first, last = self._db.execute(SQL_STATS, (feed,)).fetchone()
        return FeedStats(
            feed=feed,
            entries=int(count),
            newest=_time_or_none(newest),
            last_updated=_time_or_none(changed),
            first_run=_time_or_none(first),
            last_run=_time_or_none(last),
        )

    def load(self, feed: str, records: Iterable[ArchivedEntry]) -> int:
        """Bulk-insert archived entries (import, tests, benchmarks) in one transaction."""
        rows = [
            (
                feed,
                r.id,
                _seconds(r.first_seen),
                _seconds(r.last_seen),
                _seconds(r.updated),
                _seconds(r.published),
                r.content_hash,
                r.position,
                _json(r.story),
            )
            for r in records
        ]
        if not rows:
            return 0
        first, last = min(r[2] for r in rows), max(r[3] for r in rows)
        with self._write() as db:
            db.execute(
                "INSERT INTO feeds (name, first_run, last_run) VALUES (?1, ?2, ?3) ON CONFLICT "
                "(name) DO UPDATE SET first_run = min(first_run, ?2), last_run = max(last_run, ?3)",
                (feed, first, last),
            )
            db.executemany(SQL_INSERT, rows)
        return len(rows)

    def _by_ids(self, feed: str, ids: Sequence[str]) -> dict[str, ArchivedEntry]:
        found: dict[str, ArchivedEntry] = {}
        unique = sorted(set(ids))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start : start + _CHUNK]
            sql = SQL_BY_IDS.format(marks=", ".join("?" * len(chunk)))
            for row in self._db.execute(sql, (feed, *chunk)):
                entry = _archived(row)
                found[entry.id] = entry
        return found


def _create(path: Path, timeout: float) -> None:
    """Make a new, migrated archive at ``path`` via a temp file (see :meth:`Archive.open`)."""
    from pagefeed.publish.files import create_temp

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = create_temp(path)
        os.close(fd)
    except OSError as exc:
        raise ArchiveError(f"archive {path}: cannot create it: {exc.strerror or exc}") from None
    try:
        with _guard(path, timeout):
            connection = sqlite3.connect(tmp, timeout=timeout, isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode = WAL")
                apply_migrations(connection, path=path)
            finally:
                connection.close()  # the last connection: the WAL is checkpointed and removed
        try:
            os.link(tmp, path)  # never replaces an archive another run has just made
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            os.replace(tmp, path)
    except OSError as exc:
        raise ArchiveError(f"archive {path}: cannot create it: {exc.strerror or exc}") from None
    finally:
        for leftover in (tmp, f"{tmp}-wal", f"{tmp}-shm"):
            with suppress(OSError):
                os.unlink(leftover)


def _rows(
    feed: str, plan: Plan, stamp: int
) -> tuple[list[Row], list[Row], list[Row], dict[str, str]]:
    """Parameters for SQL_INSERT, SQL_UPDATE and SQL_TOUCH from a merge plan, and the story
    JSON of the inserts and updates by archived id."""
    inserts: list[Row] = []
    updates: list[Row] = []
    touches: list[Row] = []
    blobs: dict[str, str] = {}
    for d in plan.decisions:
        if d.status is Status.UNCHANGED:  # the stored story is left as it is
            touches.append((stamp, d.position, feed, d.story.id))
            continue
        changed, blob = _seconds(d.updated), _json(d.story)
        blobs[d.story.id] = blob
        if d.status is Status.NEW:
            times = (stamp, stamp, changed, _seconds(d.published))
            inserts.append((feed, d.story.id, *times, d.content_hash, d.position, blob))
        else:
            updates.append((stamp, changed, d.content_hash, d.position, blob, feed, d.story.id))
    return inserts, updates, touches, blobs


def _stored(decision: Decision, blobs: dict[str, str]) -> Entry:
    """The entry a merge decision left in the archive, as reading it back gives it."""
    blob = blobs.get(decision.story.id)
    if blob is None:  # unchanged: the story as read from the archive
        return Entry(decision.story, published=decision.published, updated=decision.updated)
    return Entry(
        _story(blob),
        published=_time(_seconds(decision.published)),
        updated=_time(_seconds(decision.updated)),
    )


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


@contextmanager
def _guard(path: Path, timeout: float) -> Iterator[None]:
    """Turn sqlite3 errors into one-line :class:`ArchiveError` messages naming the file."""
    try:
        yield
    except sqlite3.Error as exc:
        text = " ".join(str(exc).split())
        if "locked" in text or "busy" in text:
            cause = f"locked by another run (waited {timeout:g}s)"
        elif "not a database" in text:
            cause = "not an SQLite database (corrupt, or some other kind of file)"
        elif "malformed" in text or "corrupt" in text:
            cause = f"corrupt ({text})"
        else:
            cause = text
        raise ArchiveError(f"archive {path}: {cause}") from None


def _seconds(value: datetime) -> int:
    return int(utc_second(value).timestamp())


def _time(value: int) -> datetime:
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError, TypeError):
        # Reported through _guard like any other damage to the file.
        raise sqlite3.DatabaseError(f"malformed time {value!r}") from None


def _time_or_none(value: int | None) -> datetime | None:
    return None if value is None else _time(value)


def _json(story: Story) -> str:
    return json.dumps(story_to_dict(story), ensure_ascii=False, separators=(",", ":"))


def _story(text: str) -> Story:
    try:
        return story_from_dict(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        # Reported through _guard like any other damage to the file.
        raise sqlite3.DatabaseError(f"malformed story record: {exc}") from None


def _archived(row: Sequence[Any]) -> ArchivedEntry:
    ident, published, changed, first, last, digest, position, story = row
    return ArchivedEntry(
        id=str(ident),
        published=_time(published),
        updated=_time(changed),
        first_seen=_time(first),
        last_seen=_time(last),
        content_hash=str(digest),
        position=int(position),
        story=_story(story),
    )

"""The archive's decision core: which stories on the page are new, edited or unchanged, and when.

Pure: no clock, no I/O. ``pagefeed.publish.archive`` reads what this module needs from SQLite, calls
:func:`plan_merge`, and writes the :class:`Decision` values back.

Policy (issue 4):

* A story whose id is archived keeps its ``published`` forever. When its content hash changed
  (see :func:`content_hash`) it is *updated*: the new text is stored and ``updated`` becomes the
  run's time; else it is *unchanged* and its stored story is left as it is.
* A new story is published at its page or caption date (``date_source`` PAGE or CAPTION), else at
  the run's ``now`` (its first-seen time); ``updated`` equals ``published``.
* Every instant this module hands out (a new entry's ``published``, an edit's ``updated``) is
  distinct from the others of the run and from the ``taken`` instants of the archive, so that no
  two entries of a feed share an Atom ``updated`` (the W3C validator warns) and order is defined:

  - run-time stamps (new entries with no page date, and edits) form one group in page order:
    story k of the group gets ``now - k`` seconds, stepping further back past taken instants;
  - page/caption dates step *forward* past taken instants (a day-only date stays on its day),
    assigned from the bottom of the page up so that earlier on the page means later in time.

* Teaser re-identification: ids derived from text can change when a teaser is edited. A story
  with an unseen id is taken to be an archived entry (under the old id, then compared by hash as
  usual) when all of these hold: the entry was on the page in the previous run and is absent
  now; their titles, and their texts (summary and body), are each at least ``similarity`` alike
  (difflib ratio); both texts have at least :data:`MIN_MATCH_CHARS` characters (short texts
  differ in few characters even when they tell different stories); and the pair is unambiguous
  (neither side has a second candidate). Cheap (a handful of candidates per run) and safe: only
  entries that just left the page can be claimed, and any doubt makes a new entry.
* Parser upgrades (issue 7): a better parser can change a story's title and so its id. A story
  still unpaired is the archived entry that just left the page when both show the same image
  caption, or when their texts start with the same :data:`MIN_MATCH_CHARS` characters and their
  titles are alike, or one of them was derived from the text or is site chrome; one to one.
"""

# No ``from __future__ import annotations`` here: a named tuple's string annotations are each
# compiled by ``typing`` at import (some 15 us a field, in every process that loads it).
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from pagefeed.extract.hashing import sha256
from pagefeed.model import DateSource, Story, TitleSource
from pagefeed.serialize import story_to_dict

SECOND = timedelta(seconds=1)
DAY = timedelta(days=1)
DEFAULT_SIMILARITY = 0.9
MIN_MATCH_CHARS = 80
# Story fields left out of the content hash: dates and the id are the archive's business, and a
# teaser moving between page sections ("Most Popular" -> "More For You") is not an edit.
_UNHASHED = frozenset({"date", "date_source", "stated_date", "id", "section"})


class Status(StrEnum):
    """What a merge decided for one story on the page."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class ArchivedEntry(NamedTuple):
    """One archived entry of a feed, as stored (times are UTC, whole seconds).

    (This module's records are named tuples: immutable, and cheaper to define at import than
    dataclasses, which every build with an archive pays.)"""

    id: str
    published: datetime
    updated: datetime  # the Atom ``updated``: when its content last changed
    first_seen: datetime
    last_seen: datetime
    content_hash: str
    position: int  # its place on the page in the last run that showed it
    story: Story


class Decision(NamedTuple):
    """The outcome for one story on the page: what to store and with which times."""

    status: Status
    story: Story  # to store: archived id, ``date`` = published, original date source
    published: datetime
    updated: datetime
    content_hash: str
    position: int
    page_id: str  # the id the page gave (differs from ``story.id`` when re-identified)


class MergeResult(NamedTuple):
    """Ids of the stories on the page by outcome (archived ids), plus re-identified pairs."""

    new: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()  # (id on the page, archived id it was matched to)
    warnings: tuple[str, ...] = ()


class Plan(NamedTuple):
    """Every decision of one merge, in page order, and what was odd about the input."""

    decisions: tuple[Decision, ...]
    warnings: tuple[str, ...] = ()

    def result(self) -> MergeResult:
        """The summary a caller reports (counts and ids)."""
        by_status: dict[Status, list[str]] = {status: [] for status in Status}
        for decision in self.decisions:
            by_status[decision.status].append(decision.story.id)
        return MergeResult(
            new=tuple(by_status[Status.NEW]),
            updated=tuple(by_status[Status.UPDATED]),
            unchanged=tuple(by_status[Status.UNCHANGED]),
            renamed=tuple(
                (d.page_id, d.story.id) for d in self.decisions if d.page_id != d.story.id
            ),
            warnings=self.warnings,
        )


def utc_second(value: datetime) -> datetime:
    """``value`` in UTC with microsecond 0; naive values are refused."""
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value.isoformat()}: give a timezone-aware time")
    return value.astimezone(UTC).replace(microsecond=0)


def content_hash(story: Story) -> str:
    """sha256 (hex) of the canonical JSON of the story's content (no dates, id or section)."""
    data = {k: v for k, v in story_to_dict(story).items() if k not in _UNHASHED}
    if data.get("image"):
        data["image"] = {k: v for k, v in data["image"].items() if k != "date"}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return sha256(text.encode("utf-8")).hexdigest()


def page_date(story: Story) -> datetime | None:
    """The story's own date when the page or its caption gave one, else None (first-seen)."""
    if story.date is not None and story.date_source in (DateSource.PAGE, DateSource.CAPTION):
        return utc_second(story.date)
    return None


def candidate_windows(
    stories: Sequence[Story], *, now: datetime
) -> list[tuple[datetime, datetime]]:
    """Time ranges (inclusive, merged, sorted) in which :func:`plan_merge` may hand out instants.

    The archive passes the instants it already holds in these ranges as ``taken``.
    """
    now = utc_second(now)
    spans = [(shifted(now, -DAY), now)]
    spans += [(d, shifted(d, DAY)) for d in map(page_date, stories) if d is not None]
    spans.sort()
    merged: list[tuple[datetime, datetime]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_FIRST = datetime.min.replace(tzinfo=UTC)
_LAST = datetime.max.replace(tzinfo=UTC, microsecond=0)


def shifted(value: datetime, delta: timedelta) -> datetime:
    """``value + delta``, held at the ends of the datetime range instead of overflowing."""
    try:
        return value + delta
    except OverflowError:
        return _FIRST if delta < timedelta(0) else _LAST


def _free(instant: datetime, used: set[datetime], step: timedelta) -> datetime:
    """The first instant from ``instant`` on, by ``step``, not in ``used`` (turning back at an
    end of the datetime range)."""
    while instant in used:
        moved = shifted(instant, step)
        if moved == instant:  # at an end: search the other way
            step = -step
            moved = shifted(instant, step)
        instant = moved
    return instant


def _alike(a: str, b: str, *, similarity: float) -> bool:
    import difflib  # only when a teaser may have been edited: not on every run's start-up

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= similarity
        and matcher.quick_ratio() >= similarity
        and matcher.ratio() >= similarity
    )


def _text(story: Story) -> str:
    return "\n".join((story.summary, *story.body)).strip()


def rematch(
    unseen: Sequence[Story], gone: Sequence[ArchivedEntry], *, similarity: float
) -> dict[str, str]:
    """Pair unseen page ids with archived ids of entries that just left the page (see module)."""
    pairs: list[tuple[int, int]] = []
    gone_texts = [(entry.story.title, _text(entry.story)) for entry in gone]
    for i, story in enumerate(unseen):
        text = _text(story)
        if len(text) < MIN_MATCH_CHARS:
            continue
        for j, (title, other) in enumerate(gone_texts):
            if (
                len(other) >= MIN_MATCH_CHARS
                and _alike(text, other, similarity=similarity)
                and _alike(story.title, title, similarity=similarity)
            ):
                pairs.append((i, j))
    news = Counter(i for i, _ in pairs)
    olds = Counter(j for _, j in pairs)
    found = {i: j for i, j in pairs if news[i] == 1 and olds[j] == 1}
    # A new parser version can change a story's title and id (issue 7): one left unpaired
    # still is the archived entry when both show the same caption or start with the same text.
    pairs = [
        (i, j)
        for i, story in enumerate(unseen)
        if i not in found and not news[i]
        for j, entry in enumerate(gone)
        if j not in found.values() and not olds[j] and _same_story(story, entry.story)
    ]
    news = Counter(i for i, _ in pairs)
    olds = Counter(j for _, j in pairs)
    found.update((i, j) for i, j in pairs if news[i] == 1 and olds[j] == 1)
    return {unseen[i].id: gone[j].id for i, j in found.items()}


def _same_story(a: Story, b: Story) -> bool:
    """The same caption; or the same start of the text, under alike titles or a derived one."""
    caption_a, caption_b = _caption(a), _caption(b)
    if caption_a and caption_a == caption_b:
        return True
    start = _start(a)
    if len(start) < MIN_MATCH_CHARS or start != _start(b):
        return False
    # Another printed title over the same text is another story, unless one of the titles was
    # derived from the text or is a line the parser now knows as site chrome ("Site logo").
    from pagefeed.extract.text.lines import is_chrome  # the text reader's: not every run's

    derived = TitleSource.DERIVED in (a.title_source, b.title_source)
    chrome = is_chrome(a.title) or is_chrome(b.title)
    return derived or chrome or _alike(a.title, b.title, similarity=DEFAULT_SIMILARITY)


def _caption(story: Story) -> str:
    caption = story.image.caption if story.image is not None else None
    folded = " ".join(caption.casefold().split()) if caption else ""
    return folded if len(folded) >= MIN_MATCH_CHARS // 2 else ""


def _start(story: Story) -> str:
    return " ".join(_text(story).casefold().split())[:MIN_MATCH_CHARS]


def plan_merge(
    stories: Sequence[Story],
    *,
    known: Mapping[str, ArchivedEntry],
    previous: Sequence[ArchivedEntry] = (),
    taken: Iterable[datetime] = (),
    now: datetime,
    similarity: float | None = DEFAULT_SIMILARITY,
) -> Plan:
    """Decide new/updated/unchanged and the dates for ``stories`` (the page now, in order).

    ``known``: the archived entries whose ids are on the page (others are ignored).
    ``previous``: archived entries seen in the previous run (candidates for re-identification;
    those on the page now are skipped). ``taken``: instants already used as ``published`` or
    ``updated`` by the feed's archived entries (at least those in :func:`candidate_windows`),
    read only when a story needs an instant (a new story, or an edit): a merge of unchanged
    stories never reads it.
    ``similarity``: None turns re-identification off.
    """
    now = utc_second(now)
    warnings: list[str] = []
    page: list[Story] = []
    seen: set[str] = set()
    for story in stories:
        if story.id in seen:
            warnings.append(f"story id {story.id} appears twice on the page; the first one is kept")
            continue
        seen.add(story.id)
        page.append(story)

    renames: dict[str, str] = {}
    if similarity is not None:
        unseen = [s for s in page if s.id not in known]
        gone = [e for e in previous if e.id not in seen and e.id not in known]
        if unseen and gone:
            renames = rematch(unseen, gone, similarity=similarity)
    gone_by_id = {e.id: e for e in previous}
    used: set[datetime] | None = None  # ``taken``, read when the first instant is handed out

    # Pass 1: what each story is, and which instants must be handed out.
    kinds: list[tuple[Story, ArchivedEntry | None, str]] = []
    for story in page:
        old = known.get(story.id)
        if old is None and story.id in renames:
            old = gone_by_id[renames[story.id]]
        kinds.append((story, old, content_hash(story)))

    stamps: dict[int, datetime] = {}
    # Page/caption dates of new stories: bottom of the page first, stepping forward.
    for index in reversed(range(len(kinds))):
        story, old, _ = kinds[index]
        date = page_date(story)
        if old is None and date is not None:
            used = set(taken) if used is None else used
            date = _free(date, used, SECOND)
            used.add(date)
            stamps[index] = date
    # Run-time stamps (first-seen times and edits): top of the page first, stepping back.
    instant: datetime | None = None
    for index, (_, old, digest) in enumerate(kinds):
        needs_now = (old is None and index not in stamps) or (
            old is not None and old.content_hash != digest
        )
        if needs_now:
            instant = now if instant is None else shifted(instant, -SECOND)
            used = set(taken) if used is None else used
            instant = _free(instant, used, -SECOND)
            used.add(instant)
            stamps[index] = instant

    decisions: list[Decision] = []
    for index, (story, old, digest) in enumerate(kinds):
        if old is None:
            published = stamps[index]
            source = story.date_source if page_date(story) is not None else DateSource.NOW
            stored = story._replace(date=published, date_source=source)
            decisions.append(
                Decision(Status.NEW, stored, published, published, digest, index, story.id)
            )
        elif index in stamps:
            stored = story._replace(
                id=old.id, date=old.published, date_source=old.story.date_source
            )
            decisions.append(
                Decision(
                    Status.UPDATED, stored, old.published, stamps[index], digest, index, story.id
                )
            )
        else:
            decisions.append(
                Decision(
                    Status.UNCHANGED,
                    old.story,
                    old.published,
                    old.updated,
                    old.content_hash,
                    index,
                    story.id,
                )
            )
    return Plan(tuple(decisions), tuple(warnings))

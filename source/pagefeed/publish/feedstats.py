"""What the archive knows about one feed (:meth:`pagefeed.publish.archive.Archive.stats`).

A module of its own so that a build, which never asks, does not define the record at import.
"""

# No ``from __future__ import annotations``: a named tuple's string annotations are each
# compiled by ``typing`` at import.
from datetime import datetime
from typing import NamedTuple


class FeedStats(NamedTuple):
    """What the archive knows about one feed (times None when it has never run)."""

    feed: str
    entries: int
    newest: datetime | None  # the newest ``published``
    last_updated: datetime | None  # the newest Atom ``updated``
    first_run: datetime | None
    last_run: datetime | None

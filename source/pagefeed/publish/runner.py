"""``pagefeed run``: build every feed of a config under a lock, then the OPML list and index page.

A failure in one feed is recorded and the others still run, whatever it is: an error pagefeed
raises on purpose is one line; any other exception is a bug, reported on one line too (its
traceback is logged at ``-v``) so that one hostile page cannot stop the later feeds or the
catalog. The catalog lists every feed that has been published, including ones whose page did
not change or could not be read this time.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pagefeed.config import Config, FeedConfig
from pagefeed.errors import PagefeedError
from pagefeed.logs import get_logger
from pagefeed.model import FeedFormat
from pagefeed.publish.build import (
    STYLESHEET,
    VALIDATORS_NAME,
    BuildOptions,
    BuildResult,
    FetchOptions,
    PageText,
    Prepared,
    conditional_validators,
    is_url,
    keep_validators,
    output_names,
    prepare,
    read_source,
    write_prepared,
)
from pagefeed.publish.files import atomic_write, remove_leftover_temps
from pagefeed.publish.lock import acquire_locks, lock_path
from pagefeed.publish.validators import ValidatorStore
from pagefeed.publish.webpage import HEADLINES, INDEX_NAME, OPML_NAME
from pagefeed.serialize import from_iso
from pagefeed.values import redact_urls

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from pagefeed.publish.archive import Archive
    from pagefeed.publish.catalog import FeedListing

log = get_logger(__name__)
ATOM_NS = "{http://www.w3.org/2005/Atom}"
PER_HOST = 2  # requests in flight to one host at a time
WRITES_AHEAD = 2  # feeds built and waiting for the writer thread, at most
SYNCS = 4  # temp files of one feed written and synced side by side


class FeedOutcome(NamedTuple):
    """One feed's run: its result, or the error that stopped it."""

    feed: FeedConfig
    result: BuildResult | None = None
    error: Exception | None = None  # a PagefeedError, or any other exception (a bug)


class RunReport(NamedTuple):
    """Every feed's outcome, in config order."""

    outcomes: tuple[FeedOutcome, ...]

    @property
    def failed(self) -> tuple[FeedOutcome, ...]:
        """The feeds that could not be built."""
        return tuple(outcome for outcome in self.outcomes if outcome.error is not None)


def options_for(feed: FeedConfig, *, strict: bool = False) -> BuildOptions:
    """The build options a config's feed table stands for."""
    return BuildOptions(
        out=feed.out,
        name=feed.name,
        feed_url=feed.feed_url,
        site_url=feed.site_url,
        title=feed.title,
        description=feed.description,
        author=feed.author,
        language=feed.language,
        fmt=feed.format_hint,
        url=feed.url,
        strict=strict,
        archive=feed.archive,
        max_entries=feed.max_entries,
        fetch=FetchOptions(
            timeout=feed.timeout,
            user_agent=feed.user_agent,
            allow_private=feed.allow_private,
            max_bytes=feed.max_bytes,
        ),
        lock_wait=None,  # run_config holds every output folder's lock for the whole run
        emit=feed.emit,
        recipe=feed.recipe,
    )


def run_config(
    config: Config,
    *,
    now: datetime,
    only: Sequence[str] = (),
    strict: bool = False,
    lock_wait: float = 5.0,
    on_feed: Callable[[FeedOutcome], None] | None = None,
) -> RunReport:
    """Build the selected feeds (all by default), then rewrite the catalog files.

    Three things overlap, and the output is still that of one feed after the other: the pool
    fetches ahead (:func:`fetching_ahead`); this thread reads, merges and renders each feed in
    config order (:func:`prepare`); one writer thread writes each feed's files in that order
    while the next feed is built, so the fsyncs do not hold the builds up. A feed's outcome
    (its ``on_feed`` call, its failure line, its validators) comes in order, once its files
    are written.
    """
    feeds = config.select(only)
    jobs = [(str(feed.source), options_for(feed, strict=strict)) for feed in feeds]
    with acquire_locks([lock_path(folder) for folder in config.out_dirs], wait=lock_wait):
        remove_temps(config)
        store = ValidatorStore()  # every validators file read once and written once per run
        with (
            OpenArchives() as archives,
            fetching_ahead(jobs, store, concurrency=config.concurrency) as fetched,
            _Writes(store, on_feed, index_folder=config.out) as writes,
        ):
            for index, (feed, (source, options)) in enumerate(zip(feeds, jobs, strict=True)):
                try:
                    prepared = prepare(
                        source, options, now=now, store=store, fetched=fetched(index),
                        archives=archives,
                    )  # fmt: skip
                except Exception as exc:  # any failure, even a bug, stays with its feed
                    writes.failed(feed, exc)
                else:
                    writes.submit(feed, prepared)
        try:
            store.flush()
        except PagefeedError as exc:  # a cache: the next run fetches those pages in full
            log.warning("HTTP validators not saved: %s", exc)
        write_catalog(config, writes.listings)
    return RunReport(tuple(writes.outcomes))


class _Writes:
    """The run's feed files, written by one thread in config order, and each feed's outcome.

    At most :data:`WRITES_AHEAD` built feeds wait for the writer. Outcomes are settled in
    order in the calling thread: a failure's line, the feed's validators, ``on_feed``, and its
    catalog listing (a feed not built this time is read from its published Atom file, while
    the pool is still fetching).
    """

    def __init__(
        self,
        store: ValidatorStore,
        on_feed: Callable[[FeedOutcome], None] | None,
        *,
        index_folder: Path,
    ) -> None:
        self._store = store
        self._index_folder = index_folder
        self._on_feed = on_feed
        self._pending: deque[tuple[FeedConfig, Prepared | None, Future[BuildResult]]] = deque()
        self._writer: ThreadPoolExecutor | None = None
        self._syncs: ThreadPoolExecutor | None = None  # the writer's: a feed's files side by side
        self.outcomes: list[FeedOutcome] = []
        self.listings: dict[str, FeedListing] = {}

    def submit(self, feed: FeedConfig, prepared: Prepared) -> None:
        """Queue a built feed's files for the writer (a feed with none settles in its turn)."""
        if prepared.files:
            if self._writer is None:
                from concurrent.futures import ThreadPoolExecutor

                self._writer = ThreadPoolExecutor(1, thread_name_prefix="pagefeed-write")
                self._syncs = ThreadPoolExecutor(SYNCS, thread_name_prefix="pagefeed-sync")
            job = self._writer.submit(write_prepared, prepared, pool=self._syncs)
        else:
            job = Future()
            job.set_result(prepared.result)
        self._pending.append((feed, prepared, job))
        self._settle(keep=WRITES_AHEAD)

    def failed(self, feed: FeedConfig, error: Exception) -> None:
        """A feed that could not be built: its failure is reported in its turn."""
        job: Future[BuildResult] = Future()
        job.set_exception(error)
        self._pending.append((feed, None, job))
        self._settle(keep=WRITES_AHEAD)

    def _settle(self, *, keep: int) -> None:
        """Settle the oldest outcomes: every one already done, and more until ``keep`` wait."""
        while self._pending and (len(self._pending) > keep or self._pending[0][2].done()):
            feed, prepared, job = self._pending.popleft()
            try:
                result = job.result()
                if prepared is not None:
                    keep_validators(prepared, self._store)
                outcome = FeedOutcome(feed, result=result)
            except Exception as exc:  # a write failure too: it stays with its feed
                report_failure(feed.name, exc)
                outcome = FeedOutcome(feed, error=exc)
            self.outcomes.append(outcome)
            if self._on_feed is not None:
                self._on_feed(outcome)
            listing = feed_listing(feed, outcome.result, index_folder=self._index_folder)
            if listing is not None:
                self.listings[feed.name] = listing

    def __enter__(self) -> _Writes:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            if exc_type is None:
                self._settle(keep=0)
        finally:
            if self._writer is not None:  # after an interruption too: handed over, written
                self._writer.shutdown(wait=True)
            if self._syncs is not None:
                self._syncs.shutdown(wait=True)


def report_failure(name: str, error: Exception) -> None:
    """Log one feed's failure as one error line; a bug's traceback follows at ``-v`` (INFO)."""
    if isinstance(error, PagefeedError):
        log.error("%s: %s", name, error, extra={"feed": name})
        return
    text = " ".join(str(error).split())[:300]
    log.error(
        "%s: unexpected %s%s (a bug in pagefeed; -v shows the traceback, please report it)",
        name,
        type(error).__name__,
        f": {text}" if text else "",
        extra={"feed": name, "bug": True},
    )
    log.info("%s: traceback of the bug above", name, exc_info=error)


class OpenArchives:
    """The run's archives: each opened on first use and kept open until the run ends.

    Opening one (schema check, WAL set-up) and closing it (a WAL checkpoint) once per run instead
    of once per feed; every merge is still its own transaction. A failed open is not kept: the
    next feed tries again.
    """

    def __init__(self) -> None:
        self._open: dict[Path, Archive] = {}

    def __call__(self, path: Path) -> AbstractContextManager[Archive]:
        archive = self._open.get(path)
        if archive is None:
            from pagefeed.publish.archive import Archive

            archive = self._open[path] = Archive.open(path)
        return nullcontext(archive)

    def __enter__(self) -> OpenArchives:
        return self

    def __exit__(self, *exc: object) -> None:
        for archive in self._open.values():
            archive.close()
        self._open.clear()


@contextmanager
def fetching_ahead(
    jobs: Sequence[tuple[str, BuildOptions]], store: ValidatorStore, *, concurrency: int
) -> Iterator[Callable[[int], PageText | None]]:
    """Fetch the URL sources of ``jobs`` in threads, ahead of the builds, which stay in order.

    Yields ``fetched(index)``: job ``index``'s page (waiting for it; a fetch error is raised
    there, in its turn), or None for a file source. At most ``concurrency`` fetches run or wait
    for their build besides the one being built; one connection pool serves them all, with at
    most :data:`PER_HOST` requests in flight per host. The conditional-GET validators are chosen
    here, in the calling thread, from ``store``.
    """
    urls = [index for index, (source, _) in enumerate(jobs) if is_url(source)]
    if not urls:
        yield lambda index: None
        return
    from concurrent.futures import Future, ThreadPoolExecutor

    from pagefeed.fetch.http import new_pool

    pool = new_pool(per_host=PER_HOST)
    workers = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="pagefeed-fetch")
    ahead: dict[int, Future[PageText]] = {}
    queue = iter(urls)

    def submit_next() -> None:
        index = next(queue, None)
        if index is None:
            return
        source, options = jobs[index]
        try:
            sent = conditional_validators(source, options, store)
        except Exception as exc:  # reported in that feed's turn, like a fetch error
            failed: Future[PageText] = Future()
            failed.set_exception(exc)
            ahead[index] = failed
            return
        ahead[index] = workers.submit(
            read_source, source, fmt=options.fmt, url=options.url, fetch=options.fetch,
            validators=sent, pool=pool,
        )  # fmt: skip

    def fetched(index: int) -> PageText | None:
        future = ahead.pop(index, None)
        if future is None:
            return None
        submit_next()
        return future.result()

    for _ in range(concurrency):
        submit_next()
    finished = False
    try:
        yield fetched
        finished = True
    finally:
        # After an interruption, fetches still running end within their own deadline.
        workers.shutdown(wait=finished, cancel_futures=True)
        pool.close()


def remove_temps(config: Config) -> None:
    """Delete temp files that killed runs left beside the files this config writes.

    Runs under the output folders' locks, so no live write can lose its temp file. Only the
    names of this config's files (feeds, catalog, HTTP validators) are considered.
    """
    targets: dict[Path, set[str]] = {
        folder: {VALIDATORS_NAME, STYLESHEET} for folder in config.out_dirs
    }
    targets[config.out] |= {OPML_NAME, INDEX_NAME}
    for feed in config.feeds:
        targets[feed.out] |= set(output_names(feed.name))
        if feed.archive is not None and feed.archive.parent in targets:  # a killed creation's
            targets[feed.archive.parent].add(feed.archive.name)
    for folder, names in targets.items():
        for path in remove_leftover_temps(folder, names):
            log.info("removed %s, left behind by an interrupted run", path)


def feed_listing(
    feed: FeedConfig, result: BuildResult | None, *, index_folder: Path
) -> FeedListing | None:
    """What the catalog in ``index_folder`` lists for one feed: the build's, else what its
    published Atom file says (None: the feed was never published)."""
    from pagefeed.publish.catalog import FeedListing

    folder = _folder(index_folder, feed.out)
    if result is None or result.info is None:
        return listing_from_file(feed, folder=folder)
    return FeedListing.from_info(
        result.info,
        updated=result.feed_updated,
        entry_count=result.entry_count,
        formats=_index_order(feed.emit),
        folder=folder,
        headlines=result.headlines,
    )


def write_catalog(config: Config, listings: dict[str, FeedListing]) -> None:
    """Write ``feeds.opml`` and ``index.html`` into the config's ``out`` folder: every
    published feed of the config, in config order; ``listings`` holds those of this run's
    feeds (by name), the others are read from their files."""
    from pagefeed.publish.catalog import render_index, render_opml

    listed = []
    for feed in config.feeds:
        listing = (
            listings[feed.name]
            if feed.name in listings
            else feed_listing(feed, None, index_folder=config.out)
        )
        if listing is not None:
            listed.append(listing)
    atomic_write(config.out / OPML_NAME, render_opml(listed, title=config.catalog_title))
    atomic_write(config.out / INDEX_NAME, render_index(listed, title=config.catalog_title))


def _folder(index_folder: Path, feed_folder: Path) -> str:
    """Where a feed's files are, relative to the index page: "" or "path/"."""
    relative = Path(os.path.relpath(feed_folder, index_folder)).as_posix()
    return "" if relative == "." else relative + "/"


def _index_order(emit: Sequence[str]) -> tuple[str, ...]:
    return tuple(kind for kind in ("atom", "rss", "json") if kind in emit)


def listing_from_file(feed: FeedConfig, *, folder: str = "") -> FeedListing | None:
    """What an already published Atom feed says of itself (None when there is none)."""
    from lxml import etree

    from pagefeed.publish.catalog import FeedListing

    path = feed.out / f"{feed.name}.{FeedFormat.ATOM.value}.xml"
    try:
        root = etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError):
        return None
    base = feed.feed_url if feed.feed_url.endswith("/") else feed.feed_url + "/"
    alternate = root.find(f"{ATOM_NS}link[@rel='alternate']")
    updated = root.findtext(f"{ATOM_NS}updated")
    return FeedListing(
        name=feed.name,
        title=root.findtext(f"{ATOM_NS}title") or feed.title or feed.name,
        site_url=alternate.get("href") if alternate is not None else feed.site_url,
        rss_url=f"{base}{feed.name}.{FeedFormat.RSS.value}.xml",
        atom_url=f"{base}{feed.name}.{FeedFormat.ATOM.value}.xml",
        json_url=f"{base}{feed.name}.feed.json",
        updated=from_iso(updated) if updated else None,
        entry_count=len(root.findall(f"{ATOM_NS}entry")),
        formats=_index_order(feed.emit),
        folder=folder,
        headlines=tuple(
            (entry.findtext(f"{ATOM_NS}title") or "", _alternate(entry))
            for entry in root.findall(f"{ATOM_NS}entry")[:HEADLINES]
        ),
    )


def _alternate(element: Any) -> str | None:
    link = element.find(f"{ATOM_NS}link[@rel='alternate']")
    return link.get("href") if link is not None else None


def describe_plan(config: Config) -> list[str]:
    """One line per feed: what ``run`` would do (for ``pagefeed check``)."""
    lines = []
    for feed in config.feeds:
        archive = str(feed.archive) if feed.archive else "no archive"
        recipe = f", recipe {feed.recipe.name}" if feed.recipe else ""
        target = Path(feed.out) / f"{feed.name}.{{rss,atom}}.xml"
        source = redact_urls(str(feed.source))
        lines.append(
            f"{feed.name}: {source} [{feed.format}] -> {target} "
            f"(max {feed.max_entries} entries, {archive}{recipe})"
        )
    return lines

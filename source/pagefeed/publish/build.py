"""The one orchestrator: read a source, parse it, merge with the archive, render, write atomically.

Only this layer (and the CLI above it) touches files, the network and the clock's value; the clock
itself is read by the CLI and passed in as ``now``. Heavy modules (HTTP, SQLite, BeautifulSoup) are
imported only on the paths that need them, so a plain-text build starts as fast as its imports.
"""

# No ``from __future__ import annotations`` here: a named tuple's string annotations are each
# compiled by ``typing`` at import (some 15 us a field, in every process that loads it).
import re
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple
from urllib.parse import urlsplit

from pagefeed.errors import ConfigError, FetchError, ParseError, SourceError, StrictError
from pagefeed.fetch.decoding import decode_page, looks_binary
from pagefeed.logs import get_logger
from pagefeed.model import Entry, FeedFormat, FeedInfo, Format, Page, feed_file_name
from pagefeed.patterns import on_first_use
from pagefeed.values import (
    DEFAULT_MAX_BYTES,
    EMIT_KINDS,
    MAX_NAME_LENGTH,
    language_problem,
    name_problem,
    redact_urls,
    reserved_name_problem,
    web_origin,
    without_userinfo,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from pagefeed.extract.html.recipe import Recipe
    from pagefeed.fetch.validators import Validators
    from pagefeed.fetch.wire import Pool
    from pagefeed.publish.archive import Archive
    from pagefeed.publish.validators import ValidatorStore

ArchiveOpener = Callable[[Path], AbstractContextManager["Archive"]]
"""Opens an archive for one feed's merge (``Archive.open``, or a run's already open ones)."""

log = get_logger(__name__)
VALIDATORS_NAME = ".pagefeed-http.json"

STDIN = "-"
STDOUT = Path("-")  # BuildOptions.out for `build -o -`: one feed to standard output
TEASERS_PER_ENTRY = 4  # a page adds at most max_entries x this many teasers to the archive
FEED_FORMATS = (FeedFormat.RSS, FeedFormat.ATOM)
STYLESHEET = "feed.xsl"  # written beside the feeds; both XML formats name it
# A missing "file" that reads like an address without its scheme: www.host..., or host.tld/path.
_HOST_LIKE = (
    r"(www\.[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/)"
)
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_MORE_FROM = on_first_use(r"^more from\s+(.+)$", re.I)  # most teasers have no section


class FetchOptions(NamedTuple):
    """How to fetch a URL source.

    This module's records are named tuples, like the model's: immutable, and some ten times
    cheaper than frozen dataclasses to define at import, which every build does."""

    timeout: float = 20.0
    max_bytes: int = DEFAULT_MAX_BYTES
    user_agent: str | None = None
    allow_private: bool = False


class BuildOptions(NamedTuple):
    """Everything one feed build needs besides the source and the time."""

    out: Path
    name: str | None = None  # default: the source's file stem, or the URL's last segment
    feed_url: str | None = None  # base URL the feeds are served from; default file:// of out
    site_url: str | None = None  # default: the page URL's origin, else feed_url
    title: str | None = None
    description: str | None = None
    author: str | None = None
    language: str | None = None
    fmt: Format | None = None  # None: detect
    url: str | None = None  # where a file or stdin page came from
    strict: bool = False
    archive: Path | None = None  # None: stateless build from the page alone
    max_entries: int = 50
    fetch: FetchOptions = FetchOptions()
    lock_wait: float | None = 5.0  # None: the caller already holds the output folder's lock
    emit: tuple[str, ...] = EMIT_KINDS  # the feed formats written ("rss", "atom", "json")
    recipe: "Recipe | None" = None  # CSS selectors applied around the automatic HTML reading


class PageText(NamedTuple):
    """A source read and decoded: its text, its address, and whether it changed at all."""

    text: str
    url: str | None
    content_type: str | None = None
    not_modified: bool = False
    validators: "Validators | None" = None  # what the server sent, to store once published


class BuildResult(NamedTuple):
    """What a build did: the feeds it wrote or left alone, and what it found."""

    name: str
    page: Page | None
    info: FeedInfo | None = None
    entry_count: int = 0
    feed_updated: datetime | None = None  # the feed's updated time (its newest entry's)
    written: tuple[Path, ...] = ()
    data: bytes | None = None  # the one feed's bytes, when ``out`` is STDOUT
    unchanged: tuple[Path, ...] = ()
    not_modified: bool = False
    new: int = 0
    updated: int = 0
    same: int = 0
    headlines: tuple[tuple[str, str | None], ...] = ()  # the first entries' (title, link)


def is_url(source: str) -> bool:
    """Whether a source names a web address rather than a file."""
    return source.startswith(("http://", "https://"))


def read_source(
    source: str,
    *,
    fmt: Format | None = None,
    url: str | None = None,
    stdin: BinaryIO | None = None,
    fetch: FetchOptions | None = None,
    validators: "Validators | None" = None,
    pool: "Pool | None" = None,
) -> PageText:
    """Read a file, standard input (``-``) or a URL and decode it to text.

    ``pool`` is a connection pool shared by the fetches of a run (thread-safe), if any. Files and
    standard input are capped at ``fetch.max_bytes`` like URLs: a larger one (a 20 MB page,
    ``/dev/zero``) is a SourceError, read no further than one byte past the cap.
    """
    fetch = fetch or FetchOptions()
    if is_url(source):
        return _read_url(source, fetch, validators, pool)
    if source == STDIN:
        where = "standard input"
        data = _read_stdin(stdin, limit=fetch.max_bytes)
    else:
        where = source
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", source)
        if scheme:
            raise ConfigError(f"cannot fetch {source}: only http(s) URLs, not {scheme[1]}://")
        try:
            with open(source, "rb") as handle:
                data = handle.read(fetch.max_bytes + 1)
        except IsADirectoryError:
            raise SourceError(f"cannot read {source}: it is a folder") from None
        except FileNotFoundError:
            if re.match(_HOST_LIKE, source):
                raise SourceError(
                    f"cannot read {source}: not a file; did you mean https://{source}?"
                ) from None
            raise SourceError(f"cannot read {source}: No such file or directory") from None
        except OSError as exc:
            raise SourceError(f"cannot read {source}: {exc.strerror or exc}") from None
    if len(data) > fetch.max_bytes:
        raise SourceError(
            f"cannot read {where}: larger than {fetch.max_bytes:,} bytes (see --max-bytes)"
        )
    if looks_binary(data):
        raise SourceError(f"cannot read {where}: it is binary data, not a text or HTML page")
    content_type = "text/html" if fmt is Format.HTML else None
    return PageText(text=decode_page(data, content_type=content_type), url=url)


def _read_stdin(stdin: BinaryIO | None, *, limit: int) -> bytes:
    """All of standard input; a closed one (``<&-``) is a source error, not a crash."""
    if stdin is None:
        if sys.stdin is None:  # Python sets it to None when file descriptor 0 is closed
            raise SourceError("cannot read standard input: it is closed")
        stdin = sys.stdin.buffer
    try:
        return stdin.read(limit + 1)
    except (OSError, ValueError) as exc:  # ValueError: a closed file object
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is closed"
        raise SourceError(f"cannot read standard input: {reason}") from None


def _read_url(
    source: str, options: FetchOptions, validators: "Validators | None", pool: "Pool | None"
) -> PageText:
    from pagefeed.fetch.http import fetch

    kwargs: dict[str, object] = {}
    if options.user_agent:
        kwargs["user_agent"] = options.user_agent
    try:
        result = fetch(
            source,  # with its credentials, which the fetcher sends as Basic auth
            validators=validators,
            timeout=options.timeout,
            max_bytes=options.max_bytes,
            allow_private=options.allow_private,
            pool=pool,
            **kwargs,  # type: ignore[arg-type]
        )
    except FetchError as exc:  # its message names the URL: never with the password in it
        raise FetchError(redact_urls(str(exc))) from None
    if result.not_modified or result.body is None:
        return PageText(text="", url=result.url, not_modified=True)
    if looks_binary(result.body):
        raise SourceError(
            f"cannot read {without_userinfo(source)}: the server sent binary data, not a page"
        )
    text = decode_page(result.body, content_type=result.content_type)
    return PageText(
        text=text, url=result.url, content_type=result.content_type, validators=result.validators
    )


def format_of(page_text: PageText, fmt: Format | None) -> Format | None:
    """The format to parse with: the override, else a URL's Content-Type, else detection."""
    if fmt is not None:
        return fmt
    ctype = (page_text.content_type or "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return Format.HTML
    if ctype == "text/plain":
        return Format.TEXT
    return None


def feed_name(source: str, name: str | None) -> str:
    """The feed's file stem: ``name`` if given (checked), else one made from the source."""
    if name is not None:
        problem = name_problem(name) or reserved_name_problem(name)
        if problem:
            raise ConfigError(problem)
        return name
    if source == STDIN:
        raise ConfigError("reading standard input needs --name for the feed files")
    if is_url(source):
        parts = urlsplit(source)
        segments = [s for s in parts.path.split("/") if s]
        stem = segments[-1] if segments else parts.hostname or "feed"
        stem = stem.rsplit(".", 1)[0] if "." in stem and segments else stem
    else:
        stem = Path(source).stem
    stem = _UNSAFE_CHARS.sub("-", stem).strip("-.")[:MAX_NAME_LENGTH] or "page"
    problem = reserved_name_problem(stem)
    if problem:
        raise ConfigError(f"{problem}; give the feed another one with --name")
    return stem


def feed_info(page: Page, options: BuildOptions, *, name: str, page_url: str | None) -> FeedInfo:
    """Feed metadata from the options, with defaults taken from the page."""
    folder = Path.cwd() if options.out == STDOUT else options.out.resolve()
    feed_url = without_userinfo(options.feed_url or folder.as_uri() + "/")
    if not options.feed_url:
        log.info("%s: no --feed-url, so the self links point at %s", name, feed_url)
    from pagefeed.publish.feed import web_link

    site_url = without_userinfo(options.site_url or web_origin(page_url) or feed_url)
    site_url = web_link(site_url) or site_url  # as published, so catalog listings match the files
    title = options.title or page.site_name or _site_from_sections(page) or page.title or name
    description = options.description or f"Stories from {title}, as published by pagefeed"
    return FeedInfo(
        name=name,
        title=title,
        site_url=site_url,
        feed_url=feed_url,
        description=description,
        author=options.author or title,
        language=options.language or page_language(page),
    )


def page_language(page: Page) -> str | None:
    """The page's ``<html lang>`` as the feed's language when none is configured (only a
    well-formed tag: a bad one is dropped rather than published)."""
    tag = page.language
    return tag if tag and language_problem(tag) is None else None


def _site_from_sections(page: Page) -> str | None:
    for story in page.teasers:
        match = _MORE_FROM().match(story.section) if story.section else None
        if match:
            return match.group(1).strip()
    return None


def entries_from_page(page: Page) -> list[Entry]:
    """Entries for a stateless build: each story's resolved date is both published and updated."""
    entries = []
    for story in page.stories:
        assert story.date is not None, "assign_dates gives every story a date"
        entries.append(Entry(story=story, published=story.date, updated=story.date))
    return entries


def read_page(
    page_text: PageText,
    *,
    source: str,
    fmt: Format | None,
    url: str | None,
    strict: bool,
    now: datetime,
    max_teasers: int | None = None,
    recipe: "Recipe | None" = None,
) -> Page:
    """Parse a source that was read, keep at most ``max_teasers`` teasers (a warning says how many
    went), apply ``--strict``, and date its stories."""
    from pagefeed.extract.dates import assign_dates
    from pagefeed.extract.parse import parse  # here: a run of 304s never loads the parsers

    try:
        page = parse(
            page_text.text, url=url or page_text.url, fmt=format_of(page_text, fmt), recipe=recipe
        )
    except ParseError as exc:
        raise ParseError(f"{_describe(source)}: {exc}") from None
    if max_teasers is not None and len(page.teasers) > max_teasers:
        dropped = len(page.teasers) - max_teasers
        note = (
            f"{len(page.teasers):,} teasers on the page; the first {max_teasers:,} "
            f"({TEASERS_PER_ENTRY} per entry the feed shows) are kept, {dropped:,} dropped"
        )
        page = page._replace(teasers=page.teasers[:max_teasers], warnings=(*page.warnings, note))
    page = assign_dates(page, now=now)  # a page's date outside the window is a warning too
    for warning in page.warnings:
        log.info("%s: %s", _describe(source), warning)
    if strict and page.warnings:
        raise StrictError(
            f"{_describe(source)}: {len(page.warnings)} parser warning(s) with --strict; "
            f"first: {page.warnings[0]}"
        )
    return page


class Prepared(NamedTuple):
    """One feed built up to its files: the files to write, then the validators to keep.

    ``result`` lacks only what writing tells (``written``, ``unchanged``). ``validators`` is
    (validators file, key, value) to record once the files are written, or None.
    """

    result: BuildResult
    files: tuple[tuple[Path, bytes], ...] = ()
    validators: "tuple[Path, str, Validators | None] | None" = None


def prepare(
    source: str,
    options: BuildOptions,
    *,
    now: datetime,
    store: "ValidatorStore",
    stdin: BinaryIO | None = None,
    fetched: PageText | None = None,
    archives: ArchiveOpener | None = None,
    lock: ExitStack | None = None,
) -> Prepared:
    """Read, parse, merge with the archive, render and pass the publish gate: everything of a
    build but writing its files (:func:`write_prepared`) and keeping its validators.

    ``lock`` keeps the output folder's lock (taken before the merge) until the caller has
    written the files; None: the caller holds it already (``run``).
    """
    name = feed_name(source, options.name)
    public = without_userinfo(source)  # what may be stored or printed: never a password
    to_stdout = options.out == STDOUT
    validators_path = options.out / VALIDATORS_NAME if is_url(source) and not to_stdout else None
    fingerprint = _settings_fingerprint(name, options) if validators_path else None
    page_text = (
        fetched
        if fetched is not None
        else read_source(
            source,
            fmt=options.fmt,
            url=options.url,
            stdin=stdin,
            fetch=options.fetch,
            validators=conditional_validators(source, options, store),
        )
    )
    if page_text.not_modified:
        log.info("%s: not modified since the last fetch; feeds left as they are", name)
        return Prepared(BuildResult(name=name, page=None, not_modified=True))
    given_url = options.url or page_text.url
    page_url = without_userinfo(given_url) if given_url else None
    page = read_page(
        page_text,
        source=public,
        fmt=options.fmt,
        url=page_url,
        strict=options.strict,
        now=now,
        max_teasers=options.max_entries * TEASERS_PER_ENTRY,
        recipe=options.recipe,
    )
    log.info(
        "%s: main story %s, %d teaser(s)", name, "found" if page.main else "none", len(page.teasers)
    )
    # The site is where the page was fetched from (or said to come from with --url); a canonical
    # URL on another host (syndicated copies) names the story's origin, not this site.
    info = feed_info(page, options, name=name, page_url=page_url or page.url)
    aliases = _legacy_ids(page, page_text, options, given_url, page_url)
    if lock is not None:
        lock.enter_context(_output_lock(options))
        if options.lock_wait is not None and not to_stdout:  # else run holds it and tidies up
            _remove_leftover_temps(options.out, name, options.archive)
    if options.archive is not None:
        entries, counts = _merge_with_archive(
            options.archive, name, page, options, now=now, archives=archives, aliases=aliases
        )
    else:
        entries = entries_from_page(page)[: options.max_entries]
        counts = (len(page.stories), 0, 0)
    data: bytes | None = None
    files: tuple[tuple[Path, bytes], ...] = ()
    if to_stdout:
        data = _one_feed(info, entries, now=now, emit=options.emit)
    else:
        files = tuple(feed_files(info, entries, out=options.out, now=now, emit=options.emit))
    keep = None
    if validators_path is not None:
        # Kept only once the feeds are published: a failed run must fetch the page again.
        key = f"{name} {public}"  # per feed: two feeds of one URL keep their own
        current = page_text.validators
        if current:
            current = current._replace(fingerprint=fingerprint)
        keep = (validators_path, key, current or None)
    result = BuildResult(
        name=name,
        page=page,
        info=info,
        entry_count=len(entries),
        feed_updated=max((entry.updated for entry in entries), default=None),
        data=data,
        headlines=_headlines(entries, info.site_url),
        new=counts[0],
        updated=counts[1],
        same=counts[2],
    )
    return Prepared(result, files, keep)


def write_prepared(prepared: Prepared, *, pool: "Executor | None" = None) -> BuildResult:
    """Write a prepared feed's files together (:func:`atomic_write_all`, its temp files side by
    side in ``pool`` if given); its full result.

    Touches no shared state: ``run`` calls it in its writer thread, one feed after the other.
    """
    if not prepared.files:
        return prepared.result
    from pagefeed.publish.files import atomic_write_all

    written = atomic_write_all(prepared.files, pool=pool)
    unchanged = tuple(path for path, _ in prepared.files if path not in written)
    return prepared.result._replace(written=tuple(written), unchanged=unchanged)


def keep_validators(prepared: Prepared, store: "ValidatorStore") -> None:
    """Record a written feed's HTTP validators in ``store`` (for the next conditional GET)."""
    if prepared.validators is not None:
        store.put(*prepared.validators)


def build(
    source: str,
    options: BuildOptions,
    *,
    now: datetime,
    stdin: BinaryIO | None = None,
    fetched: PageText | None = None,
    validators: "ValidatorStore | None" = None,
    archives: ArchiveOpener | None = None,
) -> BuildResult:
    """Build (or refresh) the RSS and Atom feeds of one page source into ``options.out``.

    ``fetched`` is the source already read (``run`` fetches ahead, asking with
    :func:`conditional_validators`). ``validators`` is the run's store of HTTP validators,
    which the caller writes once at the end; without one, this build writes its own.
    ``archives`` opens the archive (``run`` keeps each open for the whole run); without it,
    this build opens and closes its own.
    """
    from pagefeed.publish.validators import ValidatorStore

    store = ValidatorStore() if validators is None else validators
    with ExitStack() as lock:
        prepared = prepare(
            source, options, now=now, store=store, stdin=stdin, fetched=fetched,
            archives=archives, lock=lock,
        )  # fmt: skip
        result = write_prepared(prepared)
        keep_validators(prepared, store)
        if validators is None:
            store.flush()
    return result


def _headlines(entries: Sequence[Entry], site_url: str) -> tuple[tuple[str, str | None], ...]:
    """The first entries' titles and links, as the index shows them."""
    from pagefeed.publish.feed import UNTITLED, clean_text, web_link
    from pagefeed.publish.webpage import HEADLINES  # not catalog: a build writes no index

    return tuple(
        (clean_text(e.story.title) or UNTITLED, web_link(e.story.link) or site_url)
        for e in entries[:HEADLINES]
    )


def _remove_leftover_temps(out: Path, name: str, archive: Path | None) -> None:
    """Delete temp files a killed run left beside this feed's files (we hold the lock), and
    beside its archive when that is in ``out`` (an archive being created)."""
    from pagefeed.publish.files import remove_leftover_temps

    targets = [*output_names(name), VALIDATORS_NAME, STYLESHEET]
    if archive is not None and archive.parent == out:
        targets.append(archive.name)
    for path in remove_leftover_temps(out, targets):
        log.info("removed %s, left behind by an interrupted run", path)


def _output_lock(options: BuildOptions) -> AbstractContextManager[object]:
    """The output folder's lock, so that overlapping runs never interleave their writes.

    Written to standard output, a build locks its archive's folder (no archive: nothing)."""
    folder: Path | None = options.out
    if options.out == STDOUT:
        folder = options.archive.parent if options.archive is not None else None
    if options.lock_wait is None or folder is None:
        return nullcontext()
    from pagefeed.publish.lock import acquire_lock, lock_path

    return acquire_lock(lock_path(folder), wait=options.lock_wait)


def _one_feed(
    info: FeedInfo, entries: Sequence[Entry], *, now: datetime, emit: Sequence[str]
) -> bytes:
    """The bytes of the one format in ``emit``, through the publish gate (``build -o -``)."""
    if len(emit) != 1:
        raise ConfigError("-o - writes one feed to standard output: name it with --emit")
    outputs = render_outputs(info, entries, now=now, emit=emit, stylesheet=None)  # no feed.xsl
    wanted = feed_file_name(info.name, emit[0])
    feed = [(file_name, data) for file_name, data in outputs if file_name == wanted]
    check_outputs(info, feed)
    return feed[0][1]


def _merge_with_archive(
    path: Path,
    name: str,
    page: Page,
    options: BuildOptions,
    *,
    now: datetime,
    archives: ArchiveOpener | None,
    aliases: dict[str, str] | None = None,
) -> tuple[list[Entry], tuple[int, int, int]]:
    """Record the page in the archive; the feed shows what is on the page now, in page order,
    then the newest of the entries that have rotated off it, up to ``max_entries`` in all.

    ``aliases`` maps a story's id to the id an older pagefeed gave it (from a URL with
    credentials in it): an entry archived under the old id keeps it."""
    from pagefeed.publish.archive import Archive

    with (Archive.open if archives is None else archives)(path) as archive:
        stories = page.stories
        if aliases:
            old = archive.known_ids(name, list(aliases.values()))
            stories = tuple(
                s._replace(id=aliases[s.id]) if aliases.get(s.id) in old else s for s in stories
            )
        result, entries = archive.publish(name, stories, now=now, limit=options.max_entries)
    return [_without_credentials(e) for e in entries], (
        len(result.new),
        len(result.updated),
        len(result.unchanged),
    )


def _without_credentials(entry: Entry) -> Entry:
    """An archived entry with no ``user:password@`` left in its URLs (an older pagefeed stored
    them for pages fetched with credentials)."""
    story = entry.story
    image = story.image
    if "@" not in f"{story.link}{story.body_html}{image.url if image else ''}":
        return entry
    cleaned = story._replace(
        link=redact_urls(story.link) if story.link else story.link,
        body_html=redact_urls(story.body_html) if story.body_html else story.body_html,
        image=image._replace(url=redact_urls(image.url)) if image and image.url else image,
    )
    return entry._replace(story=cleaned)


def _legacy_ids(
    page: Page,
    page_text: PageText,
    options: BuildOptions,
    given_url: str | None,
    page_url: str | None,
) -> dict[str, str]:
    """When the page URL carried credentials: each story's id -> the id it got when they were
    part of it (pagefeed used to keep them), so that archived entries keep their ids."""
    if options.archive is None or not given_url or given_url == page_url:
        return {}
    from pagefeed.extract.parse import parse

    try:
        legacy = parse(page_text.text, url=given_url, fmt=format_of(page_text, options.fmt))
    except ParseError:
        return {}
    legacy_stories = legacy.stories[: len(page.stories)]
    if len(legacy_stories) != len(page.stories):
        return {}
    return {
        new.id: old.id
        for new, old in zip(page.stories, legacy_stories, strict=True)
        if new.id != old.id
    }


def _settings_fingerprint(name: str, options: BuildOptions) -> str:
    """A digest of everything besides the page that shapes a feed's bytes (and our version)."""
    from pagefeed import __version__
    from pagefeed.extract.hashing import sha256

    settings = (
        __version__, name, options.feed_url, options.site_url, options.title,
        options.description, options.author, options.language, options.fmt, options.url,
        options.max_entries, options.archive is None, options.strict, options.emit,
        options.recipe,
    )  # fmt: skip
    return sha256(repr(settings).encode()).hexdigest()[:16]


def conditional_validators(
    source: str, options: BuildOptions, store: "ValidatorStore"
) -> "Validators | None":
    """What to send for a conditional GET of ``source``, if anything.

    A 304 leaves the feeds as they are: ask for one only when this name's feeds exist and were
    built with the same settings.
    """
    if not is_url(source):
        return None
    name = feed_name(source, options.name)
    stored = store.get(options.out / VALIDATORS_NAME).get(f"{name} {without_userinfo(source)}")
    if stored is None or stored.fingerprint != _settings_fingerprint(name, options):
        return None
    out = options.out
    published = all((out / file_name).is_file() for file_name in output_names(name, options.emit))
    return stored if published else None


def output_names(name: str, emit: Sequence[str] = EMIT_KINDS) -> list[str]:
    """The files a feed has in its output folder: each format in ``emit``, and its page."""
    return [feed_file_name(name, kind) for kind in (*EMIT_KINDS, "html") if kind in (*emit, "html")]


def render_outputs(
    info: FeedInfo,
    entries: Sequence[Entry],
    *,
    now: datetime,
    emit: Sequence[str] = EMIT_KINDS,
    stylesheet: str | None = STYLESHEET,
) -> list[tuple[str, bytes]]:
    """Every file of one feed as (file name, bytes): the formats in ``emit``, the feed's page,
    and the stylesheet the XML formats name. Pure: nothing is written."""
    from pagefeed.publish.feed import build_feed, render
    from pagefeed.publish.page import render_page

    feed = build_feed(info, entries, now=now)
    files: list[tuple[str, bytes]] = []
    for kind in EMIT_KINDS:
        if kind not in emit:
            continue
        if kind == "json":
            from pagefeed.publish.jsonfeed import render_json

            data = render_json(feed)
        else:
            data = render(feed, FeedFormat(kind), stylesheet=stylesheet)
        files.append((feed_file_name(info.name, kind), data))
    order = [kind for kind in ("atom", "rss", "json") if kind in emit]
    files.append((feed_file_name(info.name, "html"), render_page(feed, formats=order)))
    if stylesheet is not None and ("rss" in emit or "atom" in emit):
        from pagefeed.publish import stylesheet as xsl

        files.append((STYLESHEET, xsl.stylesheet()))
    return files


def check_outputs(info: FeedInfo, outputs: Sequence[tuple[str, bytes]]) -> None:
    """The publish gate: every new feed passes the project's feed checks, or nothing is written.

    Raises InvalidFeedError naming the feed, the format and the first problem; the published
    files stay as they were. (A feed served from a file:// base has no absolute self link to
    check: the README says so for builds without --feed-url.)
    """
    from pagefeed.errors import InvalidFeedError
    from pagefeed.publish.feed import web_link
    from pagefeed.publish.feedcheck import check_feed, check_json_feed

    served = web_link(info.feed_url) is not None
    for file_name, data in outputs:
        kind = next((k for k in EMIT_KINDS if file_name == feed_file_name(info.name, k)), None)
        if kind is None:
            continue
        location = web_link(info.url_for(kind)) if served else None
        if kind == "json":
            problems = check_json_feed(data, feed_url=location)
        else:
            problems = check_feed(data, fmt=kind, feed_url=location)
        if not served:
            problems = [p for p in problems if not p.startswith("RelativeSelf")]
        if problems:
            raise InvalidFeedError(
                f"feed {info.name!r}: the new {file_name} fails the feed checks "
                f"({problems[0]}{f'; {len(problems)} problems' if len(problems) > 1 else ''}); "
                "the published files are kept"
            )


def feed_files(
    info: FeedInfo,
    entries: Sequence[Entry],
    *,
    out: Path,
    now: datetime,
    emit: Sequence[str] = EMIT_KINDS,
) -> list[tuple[Path, bytes]]:
    """Every file of one feed rendered and passed through the publish gate
    (:func:`check_outputs`), as (path in ``out``, bytes); nothing is written."""
    outputs = render_outputs(info, entries, now=now, emit=emit)
    check_outputs(info, outputs)
    return [(out / file_name, data) for file_name, data in outputs]


def _describe(source: str) -> str:
    return "standard input" if source == STDIN else source

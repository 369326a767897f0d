"""The ``pagefeed`` command line: click commands over the publishing layer.

Errors become exit codes here and only here (:data:`EXIT_CODES`); every user mistake is one line
on stderr. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from pagefeed import __version__
from pagefeed.cli_values import Seconds, echo_out, language, name_value, user_agent
from pagefeed.errors import (
    ArchiveError,
    ConfigError,
    FeedError,
    FetchError,
    InvalidFeedError,
    LockError,
    PagefeedError,
    ParseError,
    SourceError,
    StrictError,
)
from pagefeed.logs import get_logger, set_up_on_first_record
from pagefeed.model import Format
from pagefeed.values import DEFAULT_MAX_BYTES, MAX_BYTES, MAX_ENTRIES, MAX_KEEP, redact_urls

if TYPE_CHECKING:
    from pagefeed.extract.html.recipe import Recipe
    from pagefeed.publish.archive import Archive

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_SOME_FAILED = 10
EXIT_INTERRUPTED = 130
# The one map from error class to exit code (the most specific class wins).
EXIT_CODES: dict[type[PagefeedError], int] = {
    ConfigError: EXIT_USAGE,
    SourceError: 3,
    FetchError: 4,
    ParseError: 5,
    FeedError: 6,
    ArchiveError: 7,
    StrictError: 8,
    LockError: 9,
    InvalidFeedError: 11,
}

log = get_logger("pagefeed")


def exit_code_for(error: PagefeedError) -> int:
    """The documented exit code of an error (its most specific mapped class)."""
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return EXIT_BUG


def fail(message: str, code: int) -> NoReturn:
    """Print one error line and exit with ``code``."""
    error_line(message)
    sys.exit(code)


def error_line(message: str) -> None:
    """``pagefeed: error: message`` on stderr, or a JSON record once ``--log-json`` is set up.

    Credentials in any URL of the message are left out (so are they in every log line).
    """
    message = redact_urls(message)
    if _logs_json():
        log.error("%s", message)
    else:
        click.echo(f"pagefeed: error: {message}", err=True)


class PagefeedGroup(click.Group):
    """A click group that turns user mistakes into one line and a documented exit code."""

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        kwargs["standalone_mode"] = False
        if "logging" in sys.modules:  # each invocation sets up its own (see _setup_logging)
            sys.modules["logging"].getLogger("pagefeed").handlers.clear()
        argv = kwargs.get("args")
        completing = "_PAGEFEED_COMPLETE" in os.environ  # click's shell completion: its own path
        if not (sys.argv[1:] if argv is None else argv) and not completing:  # bare: help, exit 0
            context = click.Context(self, info_name=kwargs.get("prog_name") or "pagefeed")
            click.echo(self.get_help(context))
            sys.exit(EXIT_OK)
        try:
            try:
                super().main(*args, **kwargs)
            finally:
                set_up_on_first_record(None)  # the command's logging ends with it
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            fail(f"{exc.format_message()}{hint}", EXIT_USAGE)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except PagefeedError as exc:
            fail(str(exc), exit_code_for(exc))
        except (KeyboardInterrupt, click.exceptions.Abort):
            fail("interrupted", EXIT_INTERRUPTED)
        sys.exit(EXIT_OK)


def _logs_json() -> bool:
    """Whether ``--log-json`` set up the ``pagefeed`` logger (it imports logging at once)."""
    logging = sys.modules.get("logging")
    handlers = logging.getLogger("pagefeed").handlers if logging is not None else []
    return any(type(h.formatter).__name__ == "JsonFormatter" for h in handlers)


def _setup_logging(verbose: int, log_json: bool) -> None:
    """Log to stderr from WARNING (-v: INFO, -vv: DEBUG), as text lines or JSON objects.

    At the default level, ``logging`` is set up (and imported) only once a warning or an error
    is logged (:mod:`pagefeed.logs`): most commands log nothing."""
    if verbose == 0 and not log_json:
        set_up_on_first_record(_setup_default_logging)
    else:
        set_up_on_first_record(None)
        from pagefeed.cli_log import set_up_logging

        set_up_logging(verbose, log_json)


def _setup_default_logging() -> None:
    from pagefeed.cli_log import set_up_logging

    set_up_logging(0, False)


def _parse_now(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    from pagefeed.extract.dates import parse_machine_date
    from pagefeed.values import now_problem

    parsed = parse_machine_date(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date-time (2026-01-15T12:00:00Z)")
    problem = now_problem(parsed)
    if problem:
        raise click.BadParameter(f"{problem}, got {value!r}")
    return parsed


def _http_url(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An absolute http(s) URL (``--feed-url``: a base, without query or fragment)."""
    from pagefeed.values import url_problem

    problem = url_problem(value, base=param.name == "feed_url") if value is not None else None
    if problem:
        raise click.BadParameter(f"{problem}, got {value!r}")
    return value


def _emit(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    from pagefeed.values import EMIT_KINDS, emit_problem

    kinds = [part.strip().lower() for part in value.split(",") if part.strip()]
    problem = emit_problem(kinds)
    if problem:
        raise click.BadParameter(f"{problem}, got {value!r}")
    return tuple(kind for kind in EMIT_KINDS if kind in kinds)


def _format(value: str) -> Format | None:
    return None if value == "auto" else Format(value)


def _recipe(path: Path | None, fmt: str) -> Recipe | None:
    """The ``--recipe`` file, checked (a ConfigError, exit 2, names each problem's key)."""
    if path is None:
        return None
    if fmt == "text":
        raise click.UsageError("--recipe applies to HTML pages, not to --format text")
    from pagefeed.recipes import load_recipe

    return load_recipe(path)


verbose_option = click.option(
    "-v", "--verbose", count=True, help="Log what was found (-vv for debugging detail)."
)
log_json_option = click.option(
    "--log-json", is_flag=True, help="Log one JSON object per line (for machines)."
)
now_option = click.option(
    "--now",
    metavar="DATETIME",
    callback=_parse_now,
    help="The build's time (ISO 8601; default: the current time). Entries with no date get it.",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "html", "text"]),
    default="auto",
    show_default=True,
    help="Input format; auto detects it from the content (and a URL's Content-Type).",
)
url_option = click.option(
    "--url",
    "page_url",
    metavar="URL",
    callback=_http_url,
    help="The address a file or stdin page came from (for links and ids).",
)
lock_wait_option = click.option(
    "--lock-wait",
    type=Seconds(zero=True),
    default=5.0,
    show_default=True,
    help="Seconds to wait for another run's lock on the output folder (then exit 9).",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Fail (exit 8) when the parser records any warning."
)
max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1, max=MAX_BYTES),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest page read from a file, stdin or a URL (bigger: exit 3, a URL exit 4).",
)
recipe_option = click.option(
    "--recipe",
    "recipe_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.toml",
    help="A site recipe (CSS selectors) applied around the automatic reading of an HTML page.",
)


@click.group(cls=PagefeedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pagefeed")
def cli() -> None:
    """Publish RSS 2.0 and Atom 1.0 feeds from raw news pages (text or HTML)."""


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("feeds"),
    show_default=True,
    help="Folder the feeds are written to.",
)
@click.option(
    "--name",
    callback=name_value,
    help="Feed file stem (default: the source's file stem). Needed for '-'.",
)
@click.option(
    "--emit",
    metavar="FORMATS",
    default="rss,atom,json",
    show_default=True,
    callback=_emit,
    help="Feed formats to write, comma-separated: rss, atom, json (NAME.html is always written).",
)
@click.option(
    "--site-url",
    metavar="URL",
    callback=_http_url,
    help="The site's home page (RSS <link>, Atom alternate).",
)
@click.option(
    "--feed-url",
    metavar="URL",
    callback=_http_url,
    help="Base URL the feeds are served from (self links). Default: file:// of --out.",
)
@click.option("--title", help="Feed title (default: the site name found on the page).")
@click.option("--description", help="Feed description / subtitle.")
@click.option("--author", help="Feed author name (default: the feed title).")
@click.option("--language", callback=language, help="Feed language code, e.g. en or en-GB.")
@url_option
@format_option
@now_option
@strict_option
@recipe_option
@click.option(
    "--archive",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Entry archive (SQLite). Default: OUT/.pagefeed.sqlite.",
)
@click.option("--no-archive", is_flag=True, help="Stateless: publish only what the page shows now.")
@click.option(
    "--max-entries",
    type=click.IntRange(min=1, max=MAX_ENTRIES),
    default=50,
    show_default=True,
    help="Newest entries a feed keeps (from the archive).",
)
@click.option(
    "--timeout",
    type=Seconds(zero=False),
    default=20.0,
    show_default=True,
    help="Seconds one fetch attempt may take (connect, headers, body); retries end within 3x.",
)
@click.option("--user-agent", callback=user_agent, help="User-Agent header for fetching URLs.")
@max_bytes_option
@click.option(
    "--allow-private", is_flag=True, help="Allow fetching from loopback and private addresses."
)
@lock_wait_option
@verbose_option
@log_json_option
def build(
    sources: Sequence[str],
    out: Path,
    name: str | None,
    emit: tuple[str, ...],
    site_url: str | None,
    feed_url: str | None,
    title: str | None,
    description: str | None,
    author: str | None,
    language: str | None,
    page_url: str | None,
    fmt: str,
    now: datetime,
    strict: bool,
    recipe_path: Path | None,
    archive: Path | None,
    no_archive: bool,
    max_entries: int,
    timeout: float,
    user_agent: str | None,
    max_bytes: int,
    allow_private: bool,
    lock_wait: float,
    verbose: int,
    log_json: bool,
) -> None:
    """Build the feeds of each SOURCE (a file, '-' for stdin, or a URL).

    Each source gives OUT/NAME.rss.xml, OUT/NAME.atom.xml and OUT/NAME.feed.json (see --emit),
    and the feed's page OUT/NAME.html. Files that would not change are left alone.
    """
    from pagefeed.publish.build import BuildOptions, FetchOptions
    from pagefeed.publish.build import build as build_one

    _setup_logging(verbose, log_json)
    if len(sources) > 1 and (name or page_url):
        raise click.UsageError("--name and --url apply to a single SOURCE")
    if archive and no_archive:
        raise click.UsageError("--archive and --no-archive exclude each other")
    if out == Path("-") and (len(sources) > 1 or len(emit) != 1):
        raise click.UsageError(
            "-o - writes one feed to standard output: one SOURCE, and --emit rss, atom or json"
        )
    if len(sources) > 1:
        _refuse_shared_names(sources)
    options = BuildOptions(
        out=out,
        name=name,
        feed_url=feed_url,
        site_url=site_url,
        title=title,
        description=description,
        author=author,
        language=language,
        fmt=_format(fmt),
        url=page_url,
        strict=strict,
        archive=None if no_archive else (archive or _default_archive(out)),
        max_entries=max_entries,
        fetch=FetchOptions(
            timeout=timeout, user_agent=user_agent, allow_private=allow_private, max_bytes=max_bytes
        ),
        lock_wait=lock_wait,
        emit=emit,
        recipe=_recipe(recipe_path, fmt),
    )
    failures: list[Exception] = []
    for source in sources:
        try:
            result = build_one(source, options, now=now)
        except Exception as exc:
            if len(sources) == 1:
                raise  # one source: its error's own exit code (a bug keeps exit 1)
            from pagefeed.publish.runner import report_failure

            failures.append(exc)  # several: each failure, even a bug, is one line (exit 10)
            if isinstance(exc, PagefeedError):
                error_line(str(exc))  # it names its source already
            else:
                report_failure(source, exc)
            continue
        if result.not_modified:
            continue  # publish already said so; nothing was built
        if result.data is not None:  # -o -
            sys.stdout.buffer.write(result.data)
            sys.stdout.buffer.flush()
        log.info(
            "%s: %d new, %d updated, %d unchanged entries; wrote %d file(s), %d unchanged",
            result.name,
            result.new,
            result.updated,
            result.same,
            len(result.written),
            len(result.unchanged),
        )
    if failures:
        sys.exit(EXIT_SOME_FAILED)


def _default_archive(out: Path) -> Path | None:
    """OUT/.pagefeed.sqlite; written to standard output (``-o -``), none unless --archive."""
    return None if out == Path("-") else out / ".pagefeed.sqlite"


def _refuse_shared_names(sources: Sequence[str]) -> None:
    """Two sources that would write (and archive) the same feed are a usage error."""
    from pagefeed.publish.build import feed_name

    seen: dict[str, str] = {}
    for source in sources:
        try:
            stem = feed_name(source, None)
        except PagefeedError:
            continue  # reported when that source is built
        first = seen.setdefault(stem.casefold(), source)
        if first != source:
            raise click.UsageError(
                f"{first} and {source} would both be feed {stem!r}; build them one at a time "
                "with --name"
            )


@cli.command("parse")
@click.argument("source", metavar="SOURCE")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed page as JSON.")
@url_option
@format_option
@now_option
@strict_option
@max_bytes_option
@recipe_option
@click.option(
    "--allow-private", is_flag=True, help="Allow fetching from loopback and private addresses."
)
@verbose_option
def parse_command(
    source: str,
    as_json: bool,
    page_url: str | None,
    fmt: str,
    now: datetime,
    strict: bool,
    max_bytes: int,
    recipe_path: Path | None,
    allow_private: bool,
    verbose: int,
) -> None:
    """Parse SOURCE and show what pagefeed finds (a file, '-' for stdin, or a URL)."""
    from pagefeed.publish.build import FetchOptions, read_page, read_source
    from pagefeed.serialize import page_to_json

    _setup_logging(verbose, False)
    recipe = _recipe(recipe_path, fmt)
    page_text = read_source(
        source,
        fmt=_format(fmt),
        url=page_url,
        fetch=FetchOptions(allow_private=allow_private, max_bytes=max_bytes),
    )
    page = read_page(
        page_text,
        source=source,
        fmt=_format(fmt),
        url=page_url,
        strict=strict,
        now=now,
        recipe=recipe,
    )
    if as_json:
        echo_out(page_to_json(page), nl=False)
        return
    from pagefeed.outline import page_outline

    echo_out(page_outline(page), nl=False)


config_option = click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("pagefeed.toml"),
    show_default=True,
    help="The configuration file (TOML).",
)


@cli.command()
@config_option
@click.option("--only", multiple=True, metavar="NAME", help="Build only this feed (repeatable).")
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write into DIR instead of the config's top-level out (and its archive there).",
)
@now_option
@strict_option
@lock_wait_option
@verbose_option
@log_json_option
def run(
    config_path: Path,
    only: Sequence[str],
    out: Path | None,
    now: datetime,
    strict: bool,
    lock_wait: float,
    verbose: int,
    log_json: bool,
) -> None:
    """Build every feed of the configuration file (quiet on success, for cron)."""
    from pagefeed.config import load_config
    from pagefeed.publish.runner import FeedOutcome, run_config

    _setup_logging(verbose, log_json)
    config = load_config(config_path, out=out)
    selected = config.select(only)
    bar = None
    if sys.stderr.isatty() and not log_json and len(selected) > 1:
        bar = click.progressbar(length=len(selected), label="feeds", file=sys.stderr)

    def on_feed(outcome: FeedOutcome) -> None:
        result = outcome.result
        if result is not None:
            state = (
                "not modified"
                if result.not_modified
                else (f"{result.new} new, {result.updated} updated, {result.same} unchanged")
            )
            log.info(
                "%s: %s",
                result.name,
                state,
                extra={
                    "feed": result.name,
                    "new": result.new,
                    "updated": result.updated,
                    "unchanged": result.same,
                    "not_modified": result.not_modified,
                },
            )
        if bar is not None:
            bar.update(1)

    try:
        report = run_config(
            config, now=now, only=only, strict=strict, lock_wait=lock_wait, on_feed=on_feed
        )
    finally:
        if bar is not None:
            bar.render_finish()
    if report.failed:  # each failure was logged (one line, as an error) when it happened
        sys.exit(EXIT_SOME_FAILED)


@cli.command()
@config_option
def check(config_path: Path) -> None:
    """Check the configuration file and print what `run` would build."""
    from pagefeed.config import InvalidConfigError, load_config
    from pagefeed.publish.runner import describe_plan

    try:
        config = load_config(config_path)
    except InvalidConfigError as exc:
        for problem in exc.problems:  # every problem, one line each (run shows the first)
            click.echo(f"pagefeed: error: {problem}", err=True)
        sys.exit(EXIT_CODES[ConfigError])
    echo_out(f"{config_path}: ok, {len(config.feeds)} feed(s), output in {config.out}")
    for line in describe_plan(config):
        echo_out(f"  {line}")


@cli.command()
@click.argument(
    "folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("feeds"),
    required=False,
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
def serve(folder: Path, port: int) -> None:
    """Preview FOLDER (default: feeds) on http://127.0.0.1:PORT/, served as a host would.

    Feeds, pages, XSL and OPML get their real content types, with ETag, Last-Modified and 304s;
    dot-files are refused. GET and HEAD only; for a preview, not for production.
    """
    from pagefeed.cli_serve import run_server

    run_server(folder, port=port)


@cli.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE..."
)
@click.option(
    "--feed-url",
    metavar="URL",
    callback=_http_url,
    help="Base URL the files are served from (checks their self links). Default: not checked.",
)
def validate(files: Sequence[Path], feed_url: str | None) -> None:
    """Check RSS, Atom and JSON Feed FILEs with the rules the publish gate applies.

    Prints each file's problems, one per line (W3C validator message names); exit 11 when any.
    """
    from pagefeed.cli_validate import validate_files

    validate_files(files, feed_url=feed_url)


@cli.group()
def archive() -> None:
    """Inspect and tidy the entry archive."""


archive_path_option = click.option(
    "--archive",
    "archive_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The archive file (default: the config's, else feeds/.pagefeed.sqlite).",
)


def _archive_for(feed: str, archive_path: Path | None, config_path: Path) -> Path:
    if archive_path is not None:
        return archive_path
    if config_path.is_file():
        from pagefeed.config import load_config

        config = load_config(config_path)
        for item in config.feeds:
            if item.name == feed and item.archive is not None:
                return item.archive
        if config.archive is not None:
            return config.archive
    return Path("feeds") / ".pagefeed.sqlite"


def _open_archive(path: Path) -> Archive:
    from pagefeed.publish.archive import Archive

    if not path.is_file():
        raise ArchiveError(f"archive {path}: no such file")
    return Archive.open(path, create=False)


@archive.command("list")
@click.argument("feed")
@archive_path_option
@config_option
def archive_list(feed: str, archive_path: Path | None, config_path: Path) -> None:
    """List FEED's archived entries, newest first."""
    from pagefeed.serialize import iso

    path = _archive_for(feed, archive_path, config_path)
    with _open_archive(path) as store:
        records = store.list(feed)
        known = store.feeds() if not records else []
    if not records:  # a feed name the archive does not know is the user's mistake (exit 2)
        held = ", ".join(repr(name) for name in known[:10]) or "no feeds"
        raise ConfigError(f"archive {path} has no feed {feed!r} (it holds {held})")
    for record in records:
        echo_out(f"{iso(record.published)}  {record.id}  {record.story.title}")


@archive.command("prune")
@click.argument("feed")
@click.option(
    "--keep", type=click.IntRange(min=0, max=MAX_KEEP), required=True, help="Entries to keep."
)
@archive_path_option
@config_option
def archive_prune(feed: str, keep: int, archive_path: Path | None, config_path: Path) -> None:
    """Remove all but FEED's newest KEEP entries (those on the latest page always stay)."""
    path = _archive_for(feed, archive_path, config_path)
    with _open_archive(path) as store:
        removed = store.prune(feed, keep=keep)
    echo_out(f"{feed}: removed {removed} entr{'y' if removed == 1 else 'ies'}")


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Console-script entry point: defers unused imports, collects cycles less often, and exits
    without the interpreter's teardown once the command has returned (``pagefeed.cli_process``)."""
    from pagefeed.cli_process import collect_less, defer_imports, exit_now

    collect_less()
    defer_imports()
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="pagefeed")
    except SystemExit as exc:
        exit_now(exc.code)


import pagefeed.cli_recipe  # noqa: E402, F401  (registers `pagefeed recipe`; it uses the options above)

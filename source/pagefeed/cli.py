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
from pagefeed.cli_values import Seconds, language, name_value, user_agent
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
from pagefeed.values import DEFAULT_MAX_BYTES, MAX_BYTES, MAX_ENTRIES, redact_urls

if TYPE_CHECKING:
    from pagefeed.extract.html.recipe import Recipe

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


# The commands defined outside this module, by the module that registers each on ``cli``: a
# process imports only the one it runs (``--help`` and completion load them all).
LAZY_COMMANDS = {
    "archive": "pagefeed.cli_archive",
    "check": "pagefeed.cli_run",
    "parse": "pagefeed.cli_parse",
    "recipe": "pagefeed.cli_recipe",
    "run": "pagefeed.cli_run",
    "serve": "pagefeed.cli_serve",
    "validate": "pagefeed.cli_validate",
}


class PagefeedGroup(click.Group):
    """A click group that turns user mistakes into one line and a documented exit code, and
    imports a command's module (:data:`LAZY_COMMANDS`) when the command is first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            __import__(LAZY_COMMANDS[cmd_name])  # its decorators register it on cli
        return self.commands.get(cmd_name)

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

config_option = click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("pagefeed.toml"),
    show_default=True,
    help="The configuration file (TOML).",
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


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Console-script entry point (as ``pagefeed.cli_process.main``, which it calls)."""
    from pagefeed.cli_process import main as process_main

    process_main(argv)

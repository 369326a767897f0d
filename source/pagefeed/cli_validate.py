"""``pagefeed validate FILE...``: the project's own feed checks, on files.

The same rules as the publish gate (``pagefeed.publish.feedcheck``): for RSS and Atom the W3C
Feed Validation Service messages our output could draw, for JSON Feed the 1.1 structure. The
format is told by the bytes. Problems go to stdout, one line each; any problem is exit 11.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from pagefeed.cli import _http_url, cli
from pagefeed.errors import InvalidFeedError, SourceError


def validate_files(files: Sequence[Path], *, feed_url: str | None) -> None:
    """Check each file; raise InvalidFeedError (after printing every problem) when any fails."""
    from pagefeed.publish.feedcheck import check_feed, check_json_feed, feed_format

    failed = 0
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
        kind = feed_format(data)
        location = feed_url.rstrip("/") + "/" + path.name if feed_url else None
        if kind is None:
            problems = ["NotAFeed: neither RSS 2.0, Atom 1.0 nor JSON Feed"]
        elif kind == "json":
            problems = check_json_feed(data, feed_url=location)
        else:
            problems = check_feed(data, fmt=kind, feed_url=location)
        if problems:
            failed += 1
            for problem in problems:
                click.echo(f"{path}: {problem}")
        else:
            click.echo(f"{path}: ok ({kind})")
    if failed:
        raise InvalidFeedError(f"{failed} of {len(files)} file(s) failed the feed checks")


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
    validate_files(files, feed_url=feed_url)

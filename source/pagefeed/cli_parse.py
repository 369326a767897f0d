"""``pagefeed parse``: what the parser finds on one page, as an outline or JSON.

Registered on :data:`pagefeed.cli.cli` when the command is first asked for (``LAZY_COMMANDS``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from pagefeed.cli import (
    _format,
    _recipe,
    _setup_logging,
    cli,
    format_option,
    max_bytes_option,
    now_option,
    recipe_option,
    strict_option,
    url_option,
    verbose_option,
)
from pagefeed.cli_values import echo_out


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

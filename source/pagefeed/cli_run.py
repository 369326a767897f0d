"""``pagefeed run`` and ``pagefeed check``: the feeds of a configuration file.

Registered on :data:`pagefeed.cli.cli` when a command is first asked for (``LAZY_COMMANDS``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import click

from pagefeed.cli import (
    EXIT_CODES,
    EXIT_SOME_FAILED,
    _setup_logging,
    cli,
    config_option,
    lock_wait_option,
    log,
    log_json_option,
    now_option,
    strict_option,
    verbose_option,
)
from pagefeed.cli_values import echo_out
from pagefeed.errors import ConfigError


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

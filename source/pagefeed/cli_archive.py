"""``pagefeed archive list`` and ``pagefeed archive prune``: the entry archive.

Registered on :data:`pagefeed.cli.cli` when the group is first asked for (``LAZY_COMMANDS``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pagefeed.cli import cli, config_option
from pagefeed.cli_values import echo_out
from pagefeed.errors import ArchiveError, ConfigError
from pagefeed.values import MAX_KEEP

if TYPE_CHECKING:
    from pagefeed.publish.archive import Archive


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

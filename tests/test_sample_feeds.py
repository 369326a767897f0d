"""The committed feeds/ folder is exactly what `make run` builds from the bundled sample."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from conftest import ROOT
from pagefeed.config import load_config
from pagefeed.publish.runner import run_config

SAMPLE_NOW = datetime(2026, 1, 15, 12, tzinfo=UTC)  # the Makefile's SAMPLE_NOW


def test_committed_feeds_are_what_make_run_builds(tmp_path: Path) -> None:
    config = load_config(ROOT / "examples" / "pagefeed.toml")
    archive = tmp_path / ".pagefeed.sqlite"
    feeds = tuple(feed._replace(out=tmp_path, archive=archive) for feed in config.feeds)
    config = config._replace(out=tmp_path, archive=archive, feeds=feeds)
    report = run_config(config, now=SAMPLE_NOW)
    assert not report.failed
    committed = sorted(p.name for p in (ROOT / "feeds").iterdir() if not p.name.startswith("."))
    built = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert committed == built
    for name in built:
        assert (tmp_path / name).read_bytes() == (ROOT / "feeds" / name).read_bytes(), (
            f"feeds/{name} is stale: run `make run` and commit it"
        )

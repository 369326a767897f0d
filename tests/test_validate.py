"""``pagefeed validate`` and the publish gate: the project's feed checks, from the package."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import pagefeed.publish.feed
from pagefeed.cli import EXIT_CODES, cli
from pagefeed.errors import InvalidFeedError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "pages" / "world-briefing.txt"
FEEDS = ROOT / "feeds"
ARGS = ["--now", "2026-01-15T12:00:00Z", "--feed-url", "https://feeds.example.org/"]
EXIT_INVALID = EXIT_CODES[InvalidFeedError]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_the_committed_feeds_validate() -> None:
    files = sorted([*FEEDS.glob("*.xml"), *FEEDS.glob("*.json")])
    result = run("validate", *files, "--feed-url", "https://feeds.example.org/")
    assert result.exit_code == 0, result.output
    assert [line.rsplit(" ", 1)[-1] for line in result.stdout.splitlines()] == [
        "(atom)",
        "(json)",
        "(rss)",
    ]


def test_validate_reports_each_problem_and_exits_11(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss.xml"
    data = (FEEDS / "world-briefing.rss.xml").read_bytes()
    broken.write_bytes(data.replace(b"<guid", b"<guid isPermaLink='maybe'", 1))
    elsewhere = run("validate", FEEDS / "world-briefing.atom.xml", "--feed-url", "https://x.org/")
    assert elsewhere.exit_code == EXIT_INVALID
    assert "SelfDoesntMatchLocation" in elsewhere.stdout
    result = run("validate", broken, tmp_path / "missing.xml")
    assert result.exit_code == 3  # a missing file is a source error, as for build
    not_a_feed = run("validate", FEEDS / "index.html")
    assert not_a_feed.exit_code == EXIT_INVALID
    assert "NotAFeed" in not_a_feed.stdout
    assert not_a_feed.stderr.startswith("pagefeed: error: 1 of 1 file(s) failed")
    bad_json = tmp_path / "x.feed.json"
    bad_json.write_text('{"version": "https://jsonfeed.org/version/1.1", "items": [{}]}')
    lines = run("validate", bad_json).stdout.splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "MissingTitle",
        "MissingId",
        "MissingContent",
    ]


def test_the_gate_keeps_the_published_files_when_a_new_feed_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", SAMPLE, "--out", tmp_path, *ARGS).exit_code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.startswith(".")}
    render = pagefeed.publish.feed.render

    def broken_render(*args: object, **kwargs: object) -> bytes:
        data = render(*args, **kwargs)  # type: ignore[arg-type]
        return data.replace(b'rel="self"', b'rel="selfish"', 1)

    monkeypatch.setattr(pagefeed.publish.feed, "render", broken_render)
    result = run("build", SAMPLE, "--out", tmp_path, *ARGS, "--title", "A new title")
    assert result.exit_code == EXIT_INVALID == 11
    line = result.stderr.strip()
    assert line.startswith("pagefeed: error: feed 'world-briefing': the new world-briefing.rss")
    assert "MissingAtomSelfLink" in line
    assert line.endswith("the published files are kept")
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.startswith(".")}
    assert after == before  # not one file replaced, the JSON feed and page included


def test_a_build_without_feed_url_passes_the_gate(tmp_path: Path) -> None:
    result = run("build", SAMPLE, "--out", tmp_path, "--now", "2026-01-15T12:00:00Z")
    assert result.exit_code == 0, result.output

"""`pagefeed run`, `check` and `archive` end to end: a config of several feeds, as cron runs it.

The site lives in ``tmp_path/site`` (config, pages, output) while the tests run from another
folder, so every case also proves that relative paths resolve against the config file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from pagefeed.cli import EXIT_CODES, EXIT_SOME_FAILED, cli
from pagefeed.config import load_config
from pagefeed.errors import ConfigError, LockError
from pagefeed.publish.build import BuildOptions, Prepared
from pagefeed.publish.runner import FeedOutcome, run_config

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "runs"
NOW = "2026-02-10T08:00:00Z"
LATER = "2026-02-10T09:00:00Z"
FEED_URL = "https://feeds.example.org/"
SUMMARY = re.compile(r"^pagefeed: ([\w-]+): (\d+) new, (\d+) updated, (\d+) unchanged$")
OPML_OUTLINE = "body/outline"
BOTH_PUBLISHED = [
    "feed.xsl",
    "feeds.opml",
    "harbour.atom.xml",
    "harbour.feed.json",
    "harbour.html",
    "harbour.rss.xml",
    "index.html",
    "valley.atom.xml",
    "valley.feed.json",
    "valley.html",
    "valley.rss.xml",
]
VALLEY_ONLY = [name for name in BOTH_PUBLISHED if not name.startswith("harbour.")]


@dataclass
class Site:
    """A config folder: ``pagefeed.toml``, ``pages/`` and the output folder ``public/``."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "pagefeed.toml"

    @property
    def out(self) -> Path:
        return self.root / "public"

    @property
    def archive(self) -> Path:
        return self.out / ".pagefeed.sqlite"

    def page(self, name: str, fixture: str) -> None:
        """Put a fixture page's text at ``pages/<name>.txt`` (the page "changes" on the site)."""
        shutil.copyfile(PAGES / fixture, self.root / "pages" / f"{name}.txt")

    def write_config(self, feeds: str, *, top: str = "") -> None:
        text = f'out = "public"\nfeed_url = "{FEED_URL}"\n{top}\n{feeds}'
        self.config.write_text(text, encoding="utf-8")

    def feed_files(self) -> list[str]:
        """Names of the visible files in the output folder (not dot files)."""
        if not self.out.is_dir():
            return []
        return sorted(p.name for p in self.out.iterdir() if not p.name.startswith("."))


THREE_FEEDS = """
[[feeds]]
name = "harbour"
source = "pages/harbour.txt"
title = "Harbour news"

[[feeds]]
name = "missing"
source = "pages/missing.txt"

[[feeds]]
name = "valley"
source = "pages/valley.txt"
"""

TWO_FEEDS = THREE_FEEDS.replace('[[feeds]]\nname = "missing"\nsource = "pages/missing.txt"\n\n', "")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A site with the harbour and valley pages; the working folder is somewhere else."""
    root = tmp_path / "site"
    (root / "pages").mkdir(parents=True)
    made = Site(root)
    made.page("harbour", "harbour-1.txt")
    made.page("valley", "valley.txt")
    made.write_config(THREE_FEEDS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    yield made
    assert list(elsewhere.iterdir()) == [], "nothing may be written to the working folder"


def pagefeed(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def run(site: Site, *args: str, now: str = NOW) -> Result:
    return pagefeed("run", "--config", site.config, "--now", now, *args)


def error_lines(result: Result) -> list[str]:
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def summaries(result: Result) -> dict[str, tuple[int, int, int]]:
    """The ``-v`` summary lines as {feed: (new, updated, unchanged)}; each feed at most once."""
    found: dict[str, tuple[int, int, int]] = {}
    for line in result.stderr.splitlines():
        match = SUMMARY.match(line)
        if match:
            assert match[1] not in found, f"two summary lines for {match[1]}"
            found[match[1]] = (int(match[2]), int(match[3]), int(match[4]))
    return found


# --- one failing feed, output and logging ------------------------------------------------------


def test_a_missing_source_fails_alone_with_one_line(site: Site) -> None:
    result = run(site)
    assert result.exit_code == EXIT_SOME_FAILED
    assert result.stdout == ""
    [line] = error_lines(result)
    assert line.startswith("pagefeed: error: missing: cannot read ")
    assert str(site.root / "pages" / "missing.txt") in line
    assert site.feed_files() == BOTH_PUBLISHED


def test_quiet_on_success(site: Site) -> None:
    site.write_config(TWO_FEEDS)
    first = run(site)
    again = run(site, now=LATER)
    for result in (first, again):
        assert result.exit_code == 0
        assert (result.stdout, result.stderr) == ("", "")


def test_verbose_gives_one_summary_line_per_feed(site: Site) -> None:
    first = run(site, "-v")
    assert first.exit_code == EXIT_SOME_FAILED
    assert summaries(first) == {"harbour": (4, 0, 0), "valley": (3, 0, 0)}
    assert "pagefeed: error: missing: cannot read" in first.stderr
    site.page("harbour", "harbour-2.txt")  # a teaser added, one rotated off
    assert summaries(run(site, "-v", now=LATER)) == {"harbour": (1, 0, 3), "valley": (0, 0, 3)}
    site.page("harbour", "harbour-3.txt")  # a typo fixed in one summary
    third = run(site, "-v", now="2026-02-10T10:00:00Z")
    assert summaries(third) == {"harbour": (0, 1, 3), "valley": (0, 0, 3)}


def test_log_json_gives_json_lines(site: Site) -> None:
    result = run(site, "-v", "--log-json")
    assert result.exit_code == EXIT_SOME_FAILED
    assert result.stdout == ""
    records = [json.loads(line) for line in result.stderr.splitlines()]
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    counts = {r["feed"]: (r["new"], r["updated"], r["unchanged"]) for r in records if "new" in r}
    assert counts == {"harbour": (4, 0, 0), "valley": (3, 0, 0)}
    [failure] = [r for r in records if r["level"] == "error"]
    assert failure["feed"] == "missing"
    assert "cannot read" in failure["message"]
    quiet = run(site, "--log-json", now=LATER)  # without -v only the failure is logged
    assert [json.loads(line)["feed"] for line in quiet.stderr.splitlines()] == ["missing"]


def test_only_builds_the_named_feeds(site: Site) -> None:
    result = run(site, "--only", "valley")
    assert result.exit_code == 0, result.output
    assert site.feed_files() == VALLEY_ONLY
    unknown = run(site, "--only", "valey")
    assert unknown.exit_code == EXIT_CODES[ConfigError]
    [line] = error_lines(unknown)
    assert 'no feed named "valey"' in line
    assert 'did you mean "valley"' in line


# --- check and bad configs ----------------------------------------------------------------------


def test_check_prints_the_plan_and_writes_nothing(site: Site) -> None:
    result = pagefeed("check", "--config", site.config)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{site.config}: ok, 3 feed(s), output in {site.out}"
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["harbour", "missing", "valley"]
    assert str(site.root / "pages" / "valley.txt") in lines[3]
    assert not site.out.exists()


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ('titel = "Valley"', 'feeds[1].titel: unknown key (did you mean "title"?)'),
        ('max_entries = "ten"', 'feeds[1].max_entries: expected an integer, got "ten"'),
        ("title = 7", "feeds[1].title: expected a string, got 7"),
    ],
)
@pytest.mark.parametrize("command", ["run", "check"])
def test_a_bad_config_names_the_key_and_writes_nothing(
    site: Site, command: str, bad: str, problem: str
) -> None:
    site.write_config(
        TWO_FEEDS.replace('source = "pages/valley.txt"\n', f'source = "pages/valley.txt"\n{bad}\n')
    )
    result = pagefeed(command, "--config", site.config)
    assert result.exit_code == EXIT_CODES[ConfigError]
    [line] = error_lines(result)
    assert line == f"pagefeed: error: {site.config}: {problem}"
    assert not site.out.exists(), "a bad config must not create the output folder or archive"


# --- catalog, unchanged runs --------------------------------------------------------------------


def catalog(site: Site) -> dict[str, tuple[str, str]]:
    """{feed title: (Atom URL, entry count cell)} from feeds.opml and index.html together."""
    opml = etree.parse(str(site.out / "feeds.opml")).getroot()
    index = (site.out / "index.html").read_text(encoding="utf-8")
    found = {}
    for outline in opml.iterfind(OPML_OUTLINE):
        title, url = outline.get("title"), outline.get("xmlUrl")
        assert title is not None
        assert url is not None
        name = url.removeprefix(FEED_URL).removesuffix(".atom.xml")
        row = re.search(
            rf'<section class="feed" id="feed-{name}">.*? · ([0-9]+ entr[a-z]+)', index, re.S
        )
        assert row is not None, f"{name} is in the OPML list but not on the index page"
        for fmt, media in (("atom", "application/atom+xml"), ("rss", "application/rss+xml")):
            assert f'<link rel="alternate" type="{media}"' in index
            assert f'href="{name}.{fmt}.xml"' in index  # relative: it works from disk too
            assert f"<code>{FEED_URL}{name}.{fmt}.xml</code>" in index  # the address to copy
        found[title] = (url, row[1])
    return found


def test_catalog_lists_every_published_feed_with_entry_counts(site: Site) -> None:
    assert run(site).exit_code == EXIT_SOME_FAILED
    expected = {
        "Harbour news": (f"{FEED_URL}harbour.atom.xml", "4 entries"),
        "Example News": (f"{FEED_URL}valley.atom.xml", "3 entries"),
    }
    assert catalog(site) == expected
    # A feed that fails later keeps its published files and its place in the catalog.
    valley = (site.out / "valley.atom.xml").read_bytes()
    (site.root / "pages" / "valley.txt").unlink()
    site.page("harbour", "harbour-2.txt")
    result = run(site, now=LATER)
    assert result.exit_code == EXIT_SOME_FAILED
    assert [line.split(":")[2].strip() for line in error_lines(result)] == ["missing", "valley"]
    assert (site.out / "valley.atom.xml").read_bytes() == valley
    expected["Harbour news"] = (f"{FEED_URL}harbour.atom.xml", "5 entries")  # ferry kept
    assert catalog(site) == expected


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and mtime (ns) of every visible file."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if not p.name.startswith(".")
    }


def archived(site: Site) -> list[tuple[object, ...]]:
    with sqlite3.connect(site.archive) as db:
        return db.execute(
            "SELECT feed, id, first_seen, last_seen, last_changed, published, content_hash, "
            "story FROM entries ORDER BY feed, id"
        ).fetchall()


def test_an_unchanged_page_changes_no_file(site: Site) -> None:
    site.write_config(TWO_FEEDS)
    site.page("harbour", "harbour-2.txt")
    assert run(site, now="2026-02-09T08:00:00Z").exit_code == 0
    site.page("harbour", "harbour-3.txt")  # edited: one entry's updated is now later
    assert run(site).exit_code == 0
    for path in site.out.iterdir():  # an old mtime, so that any rewrite would show
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before, rows_before = snapshot(site.out), archived(site)
    assert run(site, now=LATER).exit_code == 0
    assert snapshot(site.out) == before
    assert len(before) == 11
    # The catalog made from the other feeds' files equals the one made from fresh builds.
    assert run(site, "--only", "valley", now="2026-02-10T10:00:00Z").exit_code == 0
    assert snapshot(site.out) == before
    # The archive records that the entries were seen again (last_seen moves to the new run);
    # nothing a feed shows (ids, dates, hashes, stories) changes.
    rows_after = archived(site)
    later = int(datetime(2026, 2, 10, 9, tzinfo=UTC).timestamp())
    last_seen = {"harbour": later, "valley": later + 3600}
    assert [r[3] for r in rows_after] == [last_seen[str(r[0])] for r in rows_before]
    assert [r[:3] + r[4:] for r in rows_after] == [r[:3] + r[4:] for r in rows_before]


def test_the_catalog_is_the_same_from_fresh_builds_and_from_the_files(site: Site) -> None:
    """A site URL written loosely (capitals, no path, a default port) is listed as published."""
    loose = 'title = "Harbour news"\nsite_url = "HTTPS://News.Example.org:443"'
    site.write_config(TWO_FEEDS.replace('title = "Harbour news"', loose))
    assert run(site).exit_code == 0
    before = snapshot(site.out)
    assert b'href="https://news.example.org/"' in before["index.html"][0]
    assert run(site, "--only", "valley").exit_code == 0  # harbour listed from its files
    assert snapshot(site.out) == before


# --- the lock -----------------------------------------------------------------------------------

HOLDER = """
import sys
from pathlib import Path
from pagefeed.publish.lock import acquire_lock, lock_path
with acquire_lock(lock_path(Path(sys.argv[1])), wait=0):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_second_run_gives_up_on_the_lock_with_its_own_code(site: Site) -> None:
    site.write_config(TWO_FEEDS)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(site.out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        result = run(site, "--lock-wait", "0.5")
        assert result.exit_code == EXIT_CODES[LockError]
        assert EXIT_CODES[LockError] not in (0, EXIT_CODES[ConfigError], EXIT_SOME_FAILED)
        [line] = error_lines(result)
        assert line == (
            f"pagefeed: error: another pagefeed run holds {site.out.resolve()}/.pagefeed.lock "
            f"(pid {holder.pid}); gave up after 0.5s"
        )
        assert site.feed_files() == []
    finally:
        holder.communicate("", timeout=10)
    assert run(site, "--lock-wait", "0.5").exit_code == 0


# --- archive list / prune -----------------------------------------------------------------------


def test_archive_list_and_prune_through_the_cli(site: Site) -> None:
    site.write_config(TWO_FEEDS)
    assert run(site).exit_code == 0
    site.page("harbour", "harbour-2.txt")
    assert run(site, now=LATER).exit_code == 0
    listed = pagefeed("archive", "list", "harbour", "--config", site.config)
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert [line.split("  ")[0] for line in lines] == [
        "2026-02-06T00:00:00Z",  # lanterns (the new teaser)
        "2026-02-02T00:00:00Z",  # the main story
        "2026-01-25T00:00:00Z",  # runners
        "2026-01-20T00:00:00Z",  # hay
        "2025-03-03T00:00:00Z",  # ferry: rotated off the page, still archived
    ]
    assert all(line.split("  ")[1].startswith("urn:uuid:") for line in lines)
    assert lines[1].endswith("Why Port Selwyn's new harbour wall split the town council")

    pruned = pagefeed("archive", "prune", "harbour", "--keep", "1", "--config", site.config)
    assert (pruned.exit_code, pruned.stdout) == (0, "harbour: removed 1 entry\n")
    relisted = pagefeed("archive", "list", "harbour", "--config", site.config)
    assert relisted.stdout.splitlines() == lines[:4]  # what the latest page shows always stays
    explicit = pagefeed("archive", "list", "valley", "--archive", site.archive)
    assert len(explicit.stdout.splitlines()) == 3

    unknown = pagefeed("archive", "list", "nope", "--config", site.config)
    assert unknown.exit_code == EXIT_CODES[ConfigError]  # a name the archive lacks: usage
    assert error_lines(unknown) == [
        f"pagefeed: error: archive {site.archive} has no feed 'nope' (it holds 'harbour', 'valley')"
    ]


# --- relative paths and the library entry point --------------------------------------------------


def test_relative_paths_resolve_against_the_config_folder(site: Site, tmp_path: Path) -> None:
    site.write_config(TWO_FEEDS, top='archive = "state/db.sqlite"')
    relative = Path("..") / "site" / "pagefeed.toml"  # from tmp_path/elsewhere
    result = pagefeed("run", "--config", relative, "--now", NOW)
    assert result.exit_code == 0, result.output
    assert site.feed_files() == BOTH_PUBLISHED
    assert (site.root / "state" / "db.sqlite").is_file()
    assert not site.archive.exists()
    listed = pagefeed("archive", "list", "harbour", "--config", relative)
    assert len(listed.stdout.splitlines()) == 4
    assert not (tmp_path / "state").exists()


def test_run_config_reports_each_feed_in_order(site: Site) -> None:
    seen: list[FeedOutcome] = []
    config = load_config(site.config)
    report = run_config(
        config, now=datetime(2026, 2, 10, 8, tzinfo=UTC), on_feed=seen.append, lock_wait=0
    )
    assert report.outcomes == tuple(seen)
    assert [o.feed.name for o in report.outcomes] == ["harbour", "missing", "valley"]
    assert [o.feed.name for o in report.failed] == ["missing"]
    harbour, valley = report.outcomes[0].result, report.outcomes[2].result
    assert harbour is not None
    assert valley is not None
    assert (harbour.new, harbour.entry_count, valley.new, valley.entry_count) == (4, 4, 3, 3)
    assert sorted(p.name for p in harbour.written) == [
        "feed.xsl",
        *(f"harbour.{suffix}" for suffix in ("atom.xml", "feed.json", "html", "rss.xml")),
    ]


# --- dates a page gives that no feed can carry ---------------------------------------------------

PLACEHOLDER_DATES = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Lighthouse keepers return</title>
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "The lighthouse keepers of Corran Head come back for one winter",
 "datePublished": "{published}"}}
</script></head>
<body><article>
<h1>The lighthouse keepers of Corran Head come back for one winter</h1>
<time datetime="{shown}">Today</time>
<p>For the first time in thirty years the light on Corran Head will be tended by hand, after
the automatic lamp failed in an autumn storm and the spare parts were months away.</p>
<p>Two retired keepers volunteered to live in the tower until the spring.</p>
</article></body></html>
"""


@pytest.mark.parametrize(
    ("published", "shown"),
    [
        ("0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00+01:00"),  # no UTC instant at all
        ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),  # the archive's windows overflowed
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),  # published as year 1 before
    ],
)
def test_a_placeholder_page_date_is_ignored_and_every_feed_and_the_catalog_are_built(
    site: Site, published: str, shown: str
) -> None:
    from pagefeed.publish.feedcheck import check_feed

    (site.root / "pages" / "light.html").write_text(
        PLACEHOLDER_DATES.format(published=published, shown=shown), encoding="utf-8"
    )
    site.write_config(
        '[[feeds]]\nname = "light"\nsource = "pages/light.html"\n'
        'url = "https://coast.example.org/light"\n' + TWO_FEEDS
    )
    result = run(site, "-v")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert site.feed_files() == sorted(
        [*BOTH_PUBLISHED, *(f"light.{s}" for s in ("atom.xml", "feed.json", "html", "rss.xml"))]
    )
    for fmt in ("rss", "atom"):
        data = (site.out / f"light.{fmt}.xml").read_bytes()
        assert check_feed(data, fmt=fmt, feed_url=f"{FEED_URL}light.{fmt}.xml") == []
        assert b"0001" not in data
        assert b"9999" not in data
    assert "ignored" in result.stderr
    assert run(site, "--strict").exit_code == EXIT_SOME_FAILED  # a warning like any other


# --- a bug in one feed -----------------------------------------------------------------------


@pytest.fixture
def harbour_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building the harbour feed raises what no code path raises on purpose."""
    from pagefeed.publish import build as publish
    from pagefeed.publish import runner

    real = publish.prepare

    def prepare(source: str, options: BuildOptions, *, now: datetime, **extra: Any) -> Prepared:
        if options.name == "harbour":
            raise ZeroDivisionError("division by zero\nin a hostile page")
        return real(source, options, now=now, **extra)

    monkeypatch.setattr(runner, "prepare", prepare)


@pytest.mark.usefixtures("harbour_bug")
def test_an_unexpected_exception_in_one_feed_is_one_line_and_the_rest_is_built(
    site: Site,
) -> None:
    site.write_config(TWO_FEEDS)
    result = run(site)
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    [line] = error_lines(result)
    assert line.startswith("pagefeed: error: harbour: unexpected ZeroDivisionError: division by")
    assert "a bug in pagefeed" in line
    assert site.feed_files() == VALLEY_ONLY
    verbose = run(site, "-v", now=LATER)
    assert verbose.exit_code == EXIT_SOME_FAILED
    assert "Traceback (most recent call last)" in verbose.stderr
    assert 'raise ZeroDivisionError("division by zero' in verbose.stderr
    logged = run(site, "-v", "--log-json", now=LATER)
    records = [json.loads(line) for line in logged.stderr.splitlines()]
    bug = [r for r in records if r.get("bug")]
    assert [(r["level"], r["feed"]) for r in bug] == [("error", "harbour")]
    assert any("ZeroDivisionError" in r.get("traceback", "") for r in records)


def test_a_mixed_rss_and_atom_pair_left_by_a_kill_between_renames_is_repaired_next_run(
    site: Site,
) -> None:
    site.write_config(TWO_FEEDS)
    assert run(site).exit_code == 0
    old_atom = (site.out / "harbour.atom.xml").read_bytes()
    site.page("harbour", "harbour-2.txt")
    assert run(site, now=LATER).exit_code == 0
    new_rss = (site.out / "harbour.rss.xml").read_bytes()
    new_atom = (site.out / "harbour.atom.xml").read_bytes()
    assert new_atom != old_atom
    # A SIGKILL after the RSS rename and before the Atom one: new RSS beside old Atom.
    (site.out / "harbour.atom.xml").write_bytes(old_atom)
    assert run(site, now=LATER).exit_code == 0
    assert (site.out / "harbour.rss.xml").read_bytes() == new_rss
    assert (site.out / "harbour.atom.xml").read_bytes() == new_atom

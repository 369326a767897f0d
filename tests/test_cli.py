"""The command line, driven through click's CliRunner (and once as a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pagefeed.cli import EXIT_CODES, cli
from pagefeed.errors import ConfigError, FeedError, ParseError, SourceError, StrictError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "pages" / "world-briefing.txt"
NOW = "2026-01-15T12:00:00Z"
FEED_ARGS = ["--site-url", "https://news.example.org/", "--feed-url", "https://feeds.example.org/"]


def run(*args: str | Path, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin)


def one_line_error(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pagefeed: error: ")
    assert "Traceback" not in result.output
    return lines[0]


def test_build_writes_both_feeds_quietly(tmp_path: Path) -> None:
    result = run("build", SAMPLE, "--out", tmp_path, "--now", NOW, *FEED_ARGS)
    assert result.exit_code == 0, result.output
    assert result.output == ""
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == [
        "feed.xsl",
        *(f"world-briefing.{suffix}" for suffix in ("atom.xml", "feed.json", "html", "rss.xml")),
    ]


def test_rebuild_is_byte_identical_and_leaves_mtime(tmp_path: Path) -> None:
    args: list[str | Path] = ["build", SAMPLE, "--out", tmp_path, "--now", NOW, "--no-archive"]
    args += FEED_ARGS
    assert run(*args).exit_code == 0
    rss = tmp_path / "world-briefing.rss.xml"
    before = rss.read_bytes()
    os.utime(rss, (1_000_000, 1_000_000))
    assert run(*args).exit_code == 0
    assert rss.read_bytes() == before
    assert rss.stat().st_mtime == 1_000_000


def test_verbose_logs_what_was_found(tmp_path: Path) -> None:
    result = run("build", SAMPLE, "--out", tmp_path, "--now", NOW, "-v", *FEED_ARGS)
    assert result.exit_code == 0
    assert "teaser(s)" in result.stderr


def test_stdin_needs_a_name(tmp_path: Path) -> None:
    result = run("build", "-", "--out", tmp_path, stdin=SAMPLE.read_bytes())
    assert result.exit_code == EXIT_CODES[ConfigError]
    assert "--name" in one_line_error(result)
    ok = run(
        "build", "-", "--name", "piped", "--out", tmp_path, "--now", NOW, stdin=SAMPLE.read_bytes()
    )
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "piped.atom.xml").is_file()


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (None, SourceError, "No such file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", SourceError, "binary"),
        (b"", ParseError, "empty"),
        (b"   \n\n \t \n", ParseError, "empty"),
    ],
)
def test_bad_input_is_one_line_and_a_documented_code(
    tmp_path: Path, content: bytes | None, error: type[Exception], words: str
) -> None:
    page = tmp_path / "page.txt"
    if content is not None:
        page.write_bytes(content)
    out = tmp_path / "out"
    result = run("build", page, "--out", out, "--now", NOW)
    assert result.exit_code == EXIT_CODES[error]  # type: ignore[index]
    assert words in one_line_error(result)
    assert not out.exists() or not [p for p in out.iterdir() if p.suffix == ".xml"]


@pytest.mark.parametrize(
    "args",
    [
        ["--now", "yesterday"],
        ["--feed-url", "ftp://example.org/"],
        ["--site-url", "example.org"],
        ["--site-url", "https://"],
        ["--feed-url", "https://exa mple.org/feeds/"],
        ["--feed-url", "https://example.org/feeds/?v=1"],
        ["--feed-url", "https://example.org:99999/"],
        ["--url", "not a url"],
        ["--language", "pt_BR"],
        ["--max-entries", "0"],
        ["--format", "pdf"],
        ["--name", "../escape"],
    ],
)
def test_bad_option_values_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = run("build", SAMPLE, "--out", tmp_path, *args)
    assert result.exit_code == 2
    one_line_error(result)


@pytest.mark.parametrize(
    "args",
    [
        ["--now", "0001-01-01T00:00:00Z"],
        ["--now", "9999-12-31T23:59:59-14:00"],
        ["--now", "1989-12-31T23:59:59Z"],
        ["--now", "1990-02-28T23:59:59Z"],  # undated entries would step back before 1990
        ["--now", "9000-01-01T00:00:01Z"],
        ["--max-entries", str(2**63)],
        ["--max-entries", "1000001"],
        ["--timeout", "nan"],
        ["--timeout", "inf"],
        ["--timeout", "1e308"],
        ["--timeout", "-0"],
        ["--lock-wait", "nan"],
        ["--lock-wait", "-inf"],
        ["--user-agent", "pagefeed été"],
        ["--user-agent", "pagefeed\r\nX-Injected: 1"],
        ["--name", "n" * 101],
    ],
)
def test_option_values_at_their_edges_are_one_line_exit_2_and_write_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "out"
    result = run("build", SAMPLE, "--out", out, *args)
    assert result.exit_code == 2, result.output
    one_line_error(result)
    assert not out.exists()


def test_the_last_values_inside_the_edges_are_accepted(tmp_path: Path) -> None:
    edges = ["--max-entries", "1000000", "--timeout", "86400", "--lock-wait", "0"]
    name = ["--name", "n" * 100, "--user-agent", "pagefeed/1 (+https://example.org/)"]
    # The earliest --now leaves room for undated entries, which step back a second each.
    now = ["--now", "1990-03-01T00:00:00Z"]
    result = run("build", SAMPLE, "--out", tmp_path, *now, *edges, *name)
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{'n' * 100}.atom.xml").is_file()
    keep = run("archive", "prune", "n" * 100, "--keep", str(2**63 - 1), "--archive",
               tmp_path / ".pagefeed.sqlite")  # fmt: skip
    assert (keep.exit_code, keep.stdout) == (0, f"{'n' * 100}: removed 0 entries\n")
    too_many = run("archive", "prune", "x", "--keep", str(2**63), "--archive", tmp_path / "a.db")
    assert too_many.exit_code == 2
    one_line_error(too_many)


def test_a_name_the_config_refuses_is_refused_by_build_and_the_other_way_round(
    tmp_path: Path,
) -> None:
    from pagefeed.config import config_from_dict
    from pagefeed.errors import ConfigError

    for name, accepted in (("n" * 100, True), ("n" * 101, False), (".x", False), ("-x", True)):
        table = {"feed_url": "https://f.example/", "feeds": [{"name": name, "source": "p.txt"}]}
        try:
            config_from_dict(table, base_dir=tmp_path)
            by_config = True
        except ConfigError:
            by_config = False
        result = run("build", SAMPLE, "--out", tmp_path / name, f"--name={name}", "--now", NOW)
        assert by_config is accepted, name
        assert result.exit_code == (0 if accepted else 2), (name, result.output)


def test_a_closed_stdin_is_a_source_error(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("pagefeed")
    script = f'"{exe}" build - --name world --out "{tmp_path}" --now {NOW} <&-'
    result = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == EXIT_CODES[SourceError]
    assert result.stderr == "pagefeed: error: cannot read standard input: it is closed\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "command",
    [
        ["parse", str(SAMPLE), "--json"],
        ["parse", str(SAMPLE)],
        ["check", "-c", str(ROOT / "examples" / "pagefeed.toml")],
    ],
)
def test_stdout_on_a_full_device_is_a_write_error(command: list[str]) -> None:
    exe = Path(sys.executable).with_name("pagefeed")
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = subprocess.run(
            [exe, *command], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert result.returncode == EXIT_CODES[FeedError]
    assert (
        result.stderr
        == "pagefeed: error: cannot write to standard output: No space left on device\n"
    )


def test_failed_build_keeps_the_published_feed(tmp_path: Path) -> None:
    args = ("--out", tmp_path, "--now", NOW, "--name", "world", "--no-archive")
    assert run("build", SAMPLE, *args).exit_code == 0
    before = (tmp_path / "world.rss.xml").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("build", empty, *args)
    assert result.exit_code == EXIT_CODES[ParseError]
    assert (tmp_path / "world.rss.xml").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_strict_turns_warnings_into_a_failure(tmp_path: Path) -> None:
    page = tmp_path / "untitled.txt"
    # No title line: the parser derives one and records a warning.
    page.write_text(
        "Officials in the river town said on Tuesday that the bridge will reopen next week after "
        "repairs. The work took four months.\n\nTraffic has used a ferry since the spring floods.\n"
    )
    result = run("build", page, "--out", tmp_path / "out", "--now", NOW, "--strict")
    assert result.exit_code == EXIT_CODES[StrictError]
    one_line_error(result)
    assert not (tmp_path / "out" / "untitled.rss.xml").exists()
    assert run("build", page, "--out", tmp_path / "out", "--now", NOW).exit_code == 0


def test_several_sources_one_failing(tmp_path: Path) -> None:
    result = run("build", SAMPLE, tmp_path / "missing.txt", "--out", tmp_path, "--now", NOW)
    assert result.exit_code == 10
    assert (tmp_path / "world-briefing.rss.xml").is_file()
    assert "missing.txt" in result.stderr


def test_a_bug_in_one_of_several_sources_is_one_line_and_the_others_are_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pagefeed.publish.build as publish

    real = publish.build

    def build(source: str, options: publish.BuildOptions, **kwargs: Any) -> publish.BuildResult:
        if source.endswith("hostile.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(source, options, **kwargs)

    monkeypatch.setattr(publish, "build", build)
    hostile = tmp_path / "hostile.txt"
    hostile.write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    both = run("build", hostile, SAMPLE, "--out", out, "--now", NOW)
    assert both.exit_code == 10
    line = one_line_error(both)
    assert line.startswith(f"pagefeed: error: {hostile}: unexpected RecursionError: maximum")
    assert sorted(p.name for p in out.glob("*.xml")) == [
        "world-briefing.atom.xml",
        "world-briefing.rss.xml",
    ]
    alone = run("build", hostile, "--out", out, "--now", NOW)
    assert alone.exit_code == 1  # a single source's bug stays a bug (the README's exit 1)
    assert isinstance(alone.exception, RecursionError)


def test_out_that_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "taken"
    out.write_text("x")
    result = run("build", SAMPLE, "--out", out, "--now", NOW, "--no-archive")
    assert result.exit_code in (2, 6)
    one_line_error(result)


def test_parse_json_schema() -> None:
    result = run("parse", SAMPLE, "--json", "--now", NOW)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"main", "teasers", "warnings"}
    story_keys = {
        "title",
        "title_source",
        "summary",
        "body",
        "section",
        "date",
        "date_source",
        "image",
        "link",
        "id",
    }
    for story in [data["main"], *data["teasers"]]:
        assert story_keys <= set(story)
        assert story["date_source"] in ("page", "caption", "now")
        assert story["title_source"] in ("page", "derived")
        assert story["id"].startswith("urn:uuid:")
        if story["image"] is not None:
            assert {"url", "caption", "credit", "date"} <= set(story["image"])


def test_parse_outline() -> None:
    result = run("parse", SAMPLE, "--now", NOW)
    assert result.exit_code == 0
    assert result.stdout.startswith("main: ")
    assert "teaser 1: " in result.stdout


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefeed",
            "build",
            str(tmp_path / "nope.txt"),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == EXIT_CODES[SourceError]
    assert proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr


def test_build_removes_temp_files_a_killed_run_left(tmp_path: Path) -> None:
    leftover = tmp_path / ".world-briefing.rss.xml.k2x9_q0a.tmp"
    leftover.write_text("<rss>half")
    unrelated = tmp_path / ".notes.txt.abcdefgh.tmp"
    unrelated.write_text("not ours")
    assert run("build", SAMPLE, "--out", tmp_path, "--now", NOW, "--no-archive").exit_code == 0
    assert not leftover.exists()
    assert unrelated.exists()


def test_bad_config_is_one_line_for_run_and_every_problem_for_check(tmp_path: Path) -> None:
    config = tmp_path / "pagefeed.toml"
    config.write_text('out = 3\n[[feeds]]\nname = "a"\nsourc = "x.txt"\n', encoding="utf-8")
    result = run("run", "--config", config)
    assert result.exit_code == 2
    line = one_line_error(result)
    assert "out: expected a string, got 3" in line
    assert line.endswith("(and 3 more problems: `pagefeed check` lists all)")
    listed = run("check", "--config", config)
    assert listed.exit_code == 2
    problems = listed.stderr.strip().splitlines()
    assert len(problems) == 4
    assert any('feeds[0].sourc: unknown key (did you mean "source"?)' in p for p in problems)
    assert not (tmp_path / "feeds").exists()


def test_two_sources_with_one_feed_name_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other" / SAMPLE.name
    other.parent.mkdir()
    other.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", SAMPLE, other, "--out", out)
    assert result.exit_code == 2
    assert "would both be feed 'world-briefing'" in one_line_error(result)
    assert not out.exists()


def test_log_json_errors_are_json_too(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    for sources in ([missing], [SAMPLE, missing]):
        result = run("build", *sources, "--out", tmp_path / "out", "--log-json")
        assert result.exit_code == (3 if len(sources) == 1 else 10)
        [record] = [json.loads(line) for line in result.stderr.splitlines()]
        assert record["level"] == "error"
        assert "cannot read" in record["message"]


def test_a_page_adds_at_most_four_teasers_per_shown_entry_to_the_archive(tmp_path: Path) -> None:
    from pagefeed.publish.archive import Archive

    args = ("--out", tmp_path, "--now", NOW, "--max-entries", "1", "-v")
    result = run("build", SAMPLE, *args)
    assert result.exit_code == 0, result.output
    assert (
        "8 teasers on the page; the first 4 (4 per entry the feed shows) are kept" in result.stderr
    )
    with Archive.open(tmp_path / ".pagefeed.sqlite", create=False) as archive:
        assert archive.stats("world-briefing").entries == 5  # the main story and 4 teasers
    strict = run("build", SAMPLE, *args, "--strict")
    assert strict.exit_code == EXIT_CODES[StrictError]


def test_emit_chooses_the_formats_and_the_page_is_always_written(tmp_path: Path) -> None:
    result = run("build", SAMPLE, "--out", tmp_path, "--now", NOW, "--emit", "json", *FEED_ARGS)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == ["world-briefing.feed.json", "world-briefing.html"]
    bad = run("build", SAMPLE, "--out", tmp_path, "--emit", "rss,pdf")
    assert bad.exit_code == EXIT_CODES[ConfigError]
    assert "--emit" in one_line_error(bad)


@pytest.mark.parametrize("name", ["index", "feeds", "FEED"])
def test_names_that_collide_with_the_catalog_are_refused(tmp_path: Path, name: str) -> None:
    result = run("build", SAMPLE, "--out", tmp_path, "--name", name)
    assert result.exit_code == EXIT_CODES[ConfigError]
    assert "reserved" in one_line_error(result)
    page = tmp_path / "index.txt"
    page.write_bytes(SAMPLE.read_bytes())
    assert run("build", page, "--out", tmp_path).exit_code == EXIT_CODES[ConfigError]
    assert not list(tmp_path.glob("*.xml"))


def test_an_emptied_archive_file_is_exit_7_and_the_feeds_stay(tmp_path: Path) -> None:
    assert run("build", SAMPLE, "--out", tmp_path, "--now", NOW).exit_code == 0
    before = (tmp_path / "world-briefing.atom.xml").read_bytes()
    (tmp_path / ".pagefeed.sqlite").write_bytes(b"")  # `: > feeds/.pagefeed.sqlite`
    result = run("build", SAMPLE, "--out", tmp_path, "--now", "2026-01-16T12:00:00Z")
    assert result.exit_code == 7
    assert "an empty file (0 bytes), not an archive" in one_line_error(result)
    assert (tmp_path / "world-briefing.atom.xml").read_bytes() == before


def test_bare_pagefeed_prints_its_help_and_exits_0() -> None:
    result = run()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")  # (CliRunner names the program "cli")
    assert "COMMAND [ARGS]..." in result.stdout
    assert "build" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("source", "code", "message"),
    [
        ("www.example.com/news", 3, "not a file; did you mean https://www.example.com/news?"),
        ("example.org/world/", 3, "not a file; did you mean https://example.org/world/?"),
        ("missing-page.txt", 3, "cannot read missing-page.txt: No such file or directory"),
        ("ftp://example.org/page", 2, "only http(s) URLs, not ftp://"),
        ("file:///etc/hostname", 2, "only http(s) URLs, not file://"),
    ],
)
def test_a_source_that_is_not_a_file_or_web_address_says_what_it_is(
    tmp_path: Path, source: str, code: int, message: str
) -> None:
    result = run("build", source, "--out", tmp_path, "--name", "x")
    assert result.exit_code == code
    assert message in one_line_error(result)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts_come_from_click(shell: str) -> None:
    env = {**os.environ, "_PAGEFEED_COMPLETE": f"{shell}_source"}
    command = [sys.executable, "-c", "from pagefeed.cli import main; main()"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "_PAGEFEED_COMPLETE" in done.stdout
    assert "Usage:" not in done.stdout


def test_out_dash_writes_one_feed_to_stdout_and_nothing_else(tmp_path: Path) -> None:
    archive = tmp_path / "state" / "a.sqlite"
    archive.parent.mkdir()
    args: list[str | Path] = ["build", SAMPLE, "-o", "-", "--now", NOW, *FEED_ARGS]
    os.chdir(tmp_path)  # (a stray file named "-" would show here)
    try:
        result = run(*args, "--emit", "atom", "--archive", archive)
        plain = run(*args, "--emit", "json")
        both = run(*args)
    finally:
        os.chdir(ROOT)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"<?xml")
    assert b"<feed" in result.stdout_bytes
    assert b"xml-stylesheet" not in result.stdout_bytes  # no feed.xsl beside a pipe
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state"]
    assert sorted(p.name for p in archive.parent.iterdir())[:2] == [".pagefeed.lock", "a.sqlite"]
    assert json.loads(plain.stdout)["items"][0]["title"]
    assert both.exit_code == EXIT_CODES[ConfigError]
    assert "-o - writes one feed" in one_line_error(both)


def test_a_temp_archive_left_by_a_kill_during_its_creation_is_removed(tmp_path: Path) -> None:
    leftover = tmp_path / "..pagefeed.sqlite.0a1b2c3d.tmp"  # named as Archive.open makes it
    leftover.write_bytes(b"")
    assert run("build", SAMPLE, "--out", tmp_path, "--now", NOW).exit_code == 0
    assert not leftover.exists()
    assert (tmp_path / ".pagefeed.sqlite").stat().st_size > 0

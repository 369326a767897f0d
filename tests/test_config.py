"""pagefeed.toml: loading, defaults, per-feed overrides, and one clear line per problem."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.config import (
    FEED_KEYS,
    TOP_KEYS,
    Config,
    InvalidConfigError,
    config_from_dict,
    load_config,
)
from pagefeed.errors import ConfigError
from pagefeed.model import Format

ROOT = Path(__file__).resolve().parents[1]
BASE = Path("/srv/pagefeed")

MINIMAL = """
feed_url = "https://feeds.example.org/"

[[feeds]]
name = "world"
source = "https://news.example.org/world/today?edition=int"
"""


def parse(text: str, base: Path = BASE) -> Config:
    return config_from_dict(tomllib.loads(text), base_dir=base)


def problems(text: str) -> tuple[str, ...]:
    with pytest.raises(InvalidConfigError) as info:
        parse(text)
    return info.value.problems


def with_feed(extra: str, top: str = "") -> str:
    return f"""
feed_url = "https://feeds.example.org/"
{top}
[[feeds]]
name = "world"
source = "pages/world.txt"
{extra}
"""


def test_minimal_config_gets_the_documented_defaults() -> None:
    config = parse(MINIMAL)
    assert config.out == BASE / "feeds"
    assert config.archive == BASE / "feeds" / ".pagefeed.sqlite"
    assert (config.max_entries, config.timeout, config.user_agent) == (50, 20.0, None)
    assert config.catalog_title == "Feeds"
    assert config.concurrency == 8
    (feed,) = config.feeds
    assert feed.name == "world"
    assert feed.source_url == "https://news.example.org/world/today?edition=int"
    assert feed.source_path is None
    assert feed.site_url == "https://news.example.org/"
    assert feed.format == "auto"
    assert feed.format_hint is None
    assert feed.out == config.out
    assert feed.archive == config.archive
    assert feed.feed_url == "https://feeds.example.org/"
    assert (feed.max_entries, feed.timeout, feed.allow_private) == (50, 20.0, False)


def test_relative_paths_are_relative_to_the_config_folder() -> None:
    config = parse(
        with_feed('out = "../elsewhere"', top='out = "public"\narchive = "state/archive.db"')
    )
    (feed,) = config.feeds
    assert config.out == BASE / "public"
    assert config.archive == BASE / "state" / "archive.db"
    assert feed.source == BASE / "pages" / "world.txt"
    assert feed.source_path == BASE / "pages" / "world.txt"
    assert feed.out == Path("/srv/elsewhere")
    # An explicit top-level archive is shared, even by a feed with its own out folder.
    assert feed.archive == BASE / "state" / "archive.db"


def test_absolute_paths_stay_absolute() -> None:
    (feed,) = parse(with_feed('source = "/var/pages/w.txt"').replace('source = "pages', "#")).feeds
    assert feed.source == Path("/var/pages/w.txt")


def test_default_archive_follows_a_feed_s_own_out_folder() -> None:
    (feed,) = parse(with_feed('out = "other"')).feeds
    assert feed.archive == BASE / "other" / ".pagefeed.sqlite"


@pytest.mark.parametrize(
    ("top", "extra", "expected"),
    [
        ("archive = false", "", None),
        ("archive = false", "archive = true", BASE / "feeds" / ".pagefeed.sqlite"),
        ("", "archive = false", None),
        ("archive = true", "", BASE / "feeds" / ".pagefeed.sqlite"),
        ("", 'archive = "a.db"', BASE / "a.db"),
    ],
)
def test_archive_can_be_disabled_moved_or_re_enabled(
    top: str, extra: str, expected: Path | None
) -> None:
    (feed,) = parse(with_feed(extra, top=top)).feeds
    assert feed.archive == expected


def test_every_top_level_key_is_a_per_feed_override() -> None:
    top = """
out = "a"
archive = "a.db"
max_entries = 10
user_agent = "top-agent"
timeout = 5
allow_private = false
language = "en"
author = "Desk A"
"""
    extra = """
out = "b"
feed_url = "http://other.example.net/f/"
archive = "b.db"
max_entries = 3
user_agent = "feed-agent"
timeout = 1.5
allow_private = true
language = "fr-CA"
author = "Desk B"
"""
    config = parse(MINIMAL.replace("[[feeds]]", top + "\n[[feeds]]"))
    assert config.feeds[0].max_entries == 10
    assert config.feeds[0].author == "Desk A"
    (feed,) = parse(with_feed(extra, top=top)).feeds
    assert feed.out == BASE / "b"
    assert feed.feed_url == "http://other.example.net/f/"
    assert feed.archive == BASE / "b.db"
    assert (feed.max_entries, feed.user_agent, feed.timeout) == (3, "feed-agent", 1.5)
    assert (feed.allow_private, feed.language, feed.author) == (True, "fr-CA", "Desk B")


def test_feed_only_keys() -> None:
    extra = """
title = "World today"
site_url = "https://www.example.com/"
format = "html"
description = "Stories from the world desk."
url = "https://news.example.org/world"
"""
    (feed,) = parse(with_feed(extra)).feeds
    assert feed.title == "World today"
    assert feed.site_url == "https://www.example.com/"
    assert feed.format_hint is Format.HTML
    assert feed.description == "Stories from the world desk."
    assert feed.url == "https://news.example.org/world"


def test_site_url_defaults_to_the_origin_of_url_for_a_file_source() -> None:
    (feed,) = parse(with_feed('url = "https://news.example.org:8443/a/b"')).feeds
    assert feed.site_url == "https://news.example.org:8443/"
    (feed,) = parse(with_feed("")).feeds
    assert feed.site_url is None


def test_feeds_keep_file_order_and_select_picks_by_name() -> None:
    text = MINIMAL + '\n[[feeds]]\nname = "b"\nsource = "b.txt"\n[[feeds]]\nname = "c.x"\n'
    text += 'source = "c.txt"\n'
    config = parse(text)
    assert [f.name for f in config.feeds] == ["world", "b", "c.x"]
    assert [f.name for f in config.select(["c.x", "world"])] == ["world", "c.x"]
    assert config.select([]) == config.feeds
    with pytest.raises(
        ConfigError, match=r'no feed named "wrld" in the config \(did you mean "world"'
    ):
        config.select(["wrld"])


def test_out_dirs_lists_each_output_folder_once_sorted() -> None:
    text = MINIMAL + '\n[[feeds]]\nname = "b"\nsource = "b.txt"\nout = "aaa"\n'
    assert parse(text).out_dirs == (BASE / "aaa", BASE / "feeds")


@pytest.mark.parametrize(
    ("extra", "top", "expected"),
    [
        ('titel = "x"', "", 'feeds[0].titel: unknown key (did you mean "title"?)'),
        ("", "max_entrys = 3", 'max_entrys: unknown key (did you mean "max_entries"?)'),
        ("", "zzz = 3", "zzz: unknown key"),
        ("", 'source = "x"', "source: only allowed inside [[feeds]]"),
        ('catalog_title = "x"', "", "feeds[0].catalog_title: only allowed at the top level"),
        ('"odd key" = 1', "", 'feeds[0]."odd key": unknown key'),
        ("", 'max_entries = "fifty"', 'max_entries: expected an integer, got "fifty"'),
        ("", "max_entries = true", "max_entries: expected an integer, got true"),
        ("", "max_entries = 5.0", "max_entries: expected an integer, got 5.0"),
        ("max_entries = 0", "", "feeds[0].max_entries: must be at least 1, got 0"),
        ('format = "htm"', "", 'feeds[0].format: expected one of auto, html, text, got "htm"'),
        ("format = 1", "", "feeds[0].format: expected a string, got 1"),
        ("", "timeout = 0", "timeout: must be a positive number of seconds, got 0"),
        ("", "timeout = -1.5", "timeout: must be a positive number of seconds, got -1.5"),
        ("concurrency = 2", "", "feeds[0].concurrency: only allowed at the top level"),
        ("", "concurrency = 0", "concurrency: must be from 1 to 64, got 0"),
        ("", "concurrency = 65", "concurrency: must be from 1 to 64, got 65"),
        ("", "concurrency = 2.5", "concurrency: expected an integer, got 2.5"),
        ("", "concurrency = true", "concurrency: expected an integer, got true"),
        ("", "timeout = inf", "timeout: must be a positive number of seconds, got inf"),
        ("", "timeout = nan", "timeout: must be a positive number of seconds, got nan"),
        ("", "timeout = false", "timeout: expected a number of seconds, got false"),
        ("", "timeout = [1]", "timeout: expected a number of seconds, got an array"),
        ("", "out = {a = 1}", "out: expected a string, got a table"),
        ("", 'out = ""', "out: must not be empty"),
        ("", "archive = 3", "archive: expected a path or false, got 3"),
        ("", "allow_private = 1", "allow_private: expected true or false, got 1"),
        ("", 'allow_private = "yes"', 'allow_private: expected true or false, got "yes"'),
        ("", "user_agent = 1979-05-27", "user_agent: expected a string, got a date/time"),
        ("", 'user_agent = "a\\nb"', "user_agent: expected one line of printable ASCII"),
        ("", 'user_agent = "a\\r\\nX-Evil: 1"', "user_agent: expected one line of printable"),
        ("", 'user_agent = "pagefeed \u00e9t\u00e9"', "user_agent: expected one line of printable"),
        ("", 'user_agent = " "', "user_agent: expected one line of printable ASCII"),
        ("", "max_entries = 9223372036854775808", "max_entries: must be at most 1,000,000, got"),
        ("max_entries = 1000001", "", "feeds[0].max_entries: must be at most 1,000,000, got"),
        ("", "timeout = 1e308", "timeout: must be at most 86400 seconds, got 1e+308"),
        ("", "max_bytes = 0", "max_bytes: must be from 1 to 1,000,000,000 bytes, got 0"),
        ("max_bytes = 9223372036854775808", "", "feeds[0].max_bytes: must be from 1 to"),
        ("", 'max_bytes = "10 MB"', 'max_bytes: expected an integer, got "10 MB"'),
        ("timeout = 86401", "", "feeds[0].timeout: must be at most 86400 seconds, got 86401"),
        (f'name = "{"n" * 101}"', "", f'feeds[0].name: "{"n" * 59}…" is not a safe file name'),
        ('language = "english!"', "", 'feeds[0].language: expected a language tag such as "en"'),
        ('title = "a\\nb"', "", "feeds[0].title: must be one line without control characters"),
        ('name = ".hidden"', "", 'feeds[0].name: ".hidden" is not a safe file name'),
        ('name = "a/b"', "", 'feeds[0].name: "a/b" is not a safe file name'),
        ('name = "a b"', "", 'feeds[0].name: "a b" is not a safe file name'),
        ('name = "index"', "", "feeds[0].name: feed name 'index' is reserved"),
        ('name = "Feeds"', "", "feeds[0].name: feed name 'Feeds' is reserved"),
        ('name = "feed"', "", "feeds[0].name: feed name 'feed' is reserved"),
        ("", 'emit = "rss"', 'emit: expected a list of formats such as ["rss", "atom", "json"]'),
        ("", "emit = []", "emit: expected at least one of rss, atom, json"),
        ('emit = ["rss", "html"]', "", "feeds[0].emit: expected formats among rss, atom, json"),
        ('emit = ["rss", "rss"]', "", "feeds[0].emit: a format is named twice"),
        ('name = ""', "", 'feeds[0].name: "" is not a safe file name'),
        ('source = ""', "", "feeds[0].source: must not be empty"),
        (
            'source = "ftp://x.example/p"',
            "",
            'feeds[0].source: expected an absolute http(s) URL or a file path, got "ftp://',
        ),
        ('source = "http:///nohost"', "", "feeds[0].source: expected an absolute http(s) URL"),
        ('site_url = "news.example.org"', "", "feeds[0].site_url: expected an absolute http(s)"),
        ('url = "javascript:alert(1)"', "", "feeds[0].url: expected an absolute http(s) URL"),
        ('feed_url = "/feeds/"', "", "feeds[0].feed_url: expected an absolute http(s) URL"),
        ("", 'feed_url = "https://x.example/f?a=1"', "feed_url: expected a base URL without query"),
        ('feed_url = "https://x.example:99999/"', "", "feeds[0].feed_url: expected an absolute"),
    ],
)
def test_one_problem_one_line_with_its_dotted_path(extra: str, top: str, expected: str) -> None:
    text = with_feed(extra, top=top)
    if "feed_url" in top:
        text = text.replace('feed_url = "https://feeds.example.org/"', "", 1)
    if extra.startswith("name ="):
        text = text.replace('name = "world"', "")
    if extra.startswith("source ="):
        text = text.replace('source = "pages/world.txt"', "")
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].startswith(expected), found[0]


def test_url_key_is_only_for_file_sources() -> None:
    found = problems(MINIMAL + 'url = "https://news.example.org/x"\n')
    assert found == ("feeds[0].url: only for a file source (this source is already a URL)",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('feed_url = "https://f.example/"', "feeds: no feeds configured (add a [[feeds]] table)"),
        ('feed_url = "https://f.example/"\nfeeds = []', "feeds: no feeds configured"),
        (
            'feed_url = "https://f.example/"\n[feeds]\nname = "a"',
            "feeds: expected an array of tables ([[feeds]]), got a table ([feeds])",
        ),
        ('feed_url = "https://f.example/"\nfeeds = 3', "feeds: expected an array of tables"),
        ('feed_url = "https://f.example/"\nfeeds = [1]', "feeds[0]: expected a table, got 1"),
    ],
)
def test_the_feeds_list_must_hold_tables(text: str, expected: str) -> None:
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].startswith(expected)


def test_required_keys() -> None:
    found = problems('[[feeds]]\ntitle = "x"')
    assert found == (
        "feed_url: required (the base URL the feeds are served from)",
        "feeds[0].name: required (the feed's file name stem)",
        "feeds[0].source: required (an http(s) URL or a file path)",
    )


def test_duplicate_names_are_refused_ignoring_case() -> None:
    text = MINIMAL + '[[feeds]]\nname = "World"\nsource = "w.txt"\ntitel = 1\n'
    found = problems(text)
    assert 'feeds[1].name: duplicate feed name "World" (also feeds[0])' in found
    assert len(found) == 2


def test_every_problem_is_collected_in_one_error() -> None:
    text = """
max_entries = "fifty"
[[feeds]]
name = "a"
source = "a.txt"
titel = "x"
[[feeds]]
name = "b"
source = "b.txt"
format = "pdf"
"""
    with pytest.raises(InvalidConfigError) as info:
        parse(text)
    assert info.value.problems == (
        "feed_url: required (the base URL the feeds are served from)",
        'max_entries: expected an integer, got "fifty"',
        'feeds[0].titel: unknown key (did you mean "title"?)',
        'feeds[1].format: expected one of auto, html, text, got "pdf"',
    )
    assert str(info.value) == (
        "feed_url: required (the base URL the feeds are served from)"
        " (and 3 more problems: `pagefeed check` lists all)"
    )
    assert isinstance(info.value, ConfigError)


def test_a_long_list_of_problems_is_one_line_with_a_count() -> None:
    text = MINIMAL + "".join(f"bad{i} = 1\n" for i in range(25))
    with pytest.raises(InvalidConfigError) as info:
        parse(text)
    assert len(info.value.problems) == 25
    assert "\n" not in str(info.value)
    assert str(info.value).endswith("(and 24 more problems: `pagefeed check` lists all)")


def test_hostile_values_are_quoted_on_one_line() -> None:
    (line,) = problems(with_feed('format = "a\\nb\\"c' + "x" * 100 + '"'))
    assert "\n" not in line
    assert line.startswith('feeds[0].format: expected one of auto, html, text, got "a\\x0ab\\"cx')
    assert line.endswith('…"')


def test_load_config_reads_a_file_and_resolves_against_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "pagefeed.toml"
    path.parent.mkdir()
    path.write_text(with_feed(""), encoding="utf-8")
    config = load_config(path)
    assert config.feeds[0].source == tmp_path / "conf" / "pages" / "world.txt"
    assert config.out == tmp_path / "conf" / "feeds"


def test_load_config_resolves_a_relative_config_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pagefeed.toml").write_text(with_feed(""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("pagefeed.toml"))
    assert config.out == tmp_path / "feeds"
    assert config.out.is_absolute()


def test_load_config_prefixes_each_problem_with_the_path(tmp_path: Path) -> None:
    path = tmp_path / "pagefeed.toml"
    path.write_text(with_feed("titel = 1\nformat = 2"), encoding="utf-8")
    with pytest.raises(InvalidConfigError) as info:
        load_config(path)
    assert info.value.problems == (
        f'{path}: feeds[0].titel: unknown key (did you mean "title"?)',
        f"{path}: feeds[0].format: expected a string, got 2",
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == f"cannot read config {path}: No such file or directory"


def test_toml_syntax_error_names_path_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "pagefeed.toml"
    path.write_text('feed_url = "https://f.example/"\nmax_entries = \n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}:2:15: invalid TOML: ")
    assert "\n" not in message


def test_toml_error_at_end_of_document(tmp_path: Path) -> None:
    path = tmp_path / "pagefeed.toml"
    path.write_text('feed_url = "https://f.example/', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"invalid TOML"):
        load_config(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "pagefeed.toml"
    path.write_bytes(b'title = "\xff"\n')
    with pytest.raises(ConfigError, match=r"pagefeed.toml: not UTF-8 text \(byte 9\)"):
        load_config(path)


def test_the_shipped_example_loads_and_uses_every_key() -> None:
    path = ROOT / "examples" / "pagefeed.toml"
    config = load_config(path)
    (feed,) = config.feeds
    assert feed.name == "world-briefing"
    assert feed.source == ROOT / "examples" / "pages" / "world-briefing.txt"
    assert config.out == ROOT / "examples" / "out"  # gitignored: a run by hand
    assert config.archive == ROOT / "examples" / "out" / ".pagefeed.sqlite"
    moved = load_config(path, out=ROOT / "feeds")  # what `make run` does with --out feeds
    assert (moved.out, moved.feeds[0].out) == (ROOT / "feeds", ROOT / "feeds")
    assert moved.archive == moved.feeds[0].archive == ROOT / "feeds" / ".pagefeed.sqlite"
    assert feed.max_entries == 30
    assert config.max_entries == 50
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    # The commented-out URL feed is valid too once uncommented.
    uncommented = text.replace("# [[feeds]]", "[[feeds]]").replace("# name", "name")
    for key in ("source", "format", "timeout", "archive", "recipe"):
        uncommented = uncommented.replace(f"# {key} = ", f"{key} = ")
    used = set(data) | set(data["feeds"][0]) | set(tomllib.loads(uncommented)["feeds"][1])
    assert used >= set(TOP_KEYS) - {"feeds"}
    assert used >= set(FEED_KEYS) - {"out", "feed_url"}  # overrides shown once is enough
    both = config_from_dict(tomllib.loads(uncommented), base_dir=path.parent)
    assert [f.name for f in both.feeds] == ["world-briefing", "example-politics"]
    assert both.feeds[1].archive is None
    assert both.feeds[1].site_url == "https://news.example.org/"
    recipe = both.feeds[1].recipe
    assert recipe is not None
    assert recipe.cards == "section.latest li"


_KEY = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
_VALUE = st.one_of(st.integers(), st.booleans(), st.text(max_size=10), st.floats())


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(_KEY, _VALUE, max_size=4), st.dictionaries(_KEY, _VALUE, max_size=4))
def test_any_document_either_loads_or_fails_with_dotted_lines(
    top: dict[str, object], feed: dict[str, object]
) -> None:
    data: dict[str, object] = {"feed_url": "https://f.example/", **top}
    data["feeds"] = [{"name": "n", "source": "s.txt", **feed}]
    found: tuple[str, ...] = ()
    config: Config | None = None
    try:
        config = config_from_dict(data, base_dir=BASE)
    except InvalidConfigError as exc:
        found = exc.problems
    if config is None:
        assert found
        for line in found:
            assert "\n" not in line
            where = line.split(": ", 1)[0]
            assert where.split(".")[-1].split("[")[0] in {*top, *feed, "feeds", "name", "source"}
    else:
        assert len(config.feeds) == 1
        assert set(top) <= set(TOP_KEYS)
        assert set(feed) <= set(FEED_KEYS)


def test_emit_is_inherited_and_kept_in_canonical_order(tmp_path: Path) -> None:
    text = with_feed('emit = ["json", "rss"]', top='emit = ["atom"]')
    text += '\n[[feeds]]\nname = "other"\nsource = "o.txt"\n'
    path = tmp_path / "pagefeed.toml"
    path.write_text(text, encoding="utf-8")
    first, second = load_config(path).feeds
    assert (first.emit, second.emit) == (("rss", "json"), ("atom",))

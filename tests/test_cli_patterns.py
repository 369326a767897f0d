"""Compiled patterns kept between runs of the ``pagefeed`` process (pagefeed.cli_patterns)."""

from __future__ import annotations

import importlib
import marshal
import os
import re
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed import cli_patterns
from pagefeed.cli_patterns import FORMAT, cache_file, load, save

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "pages" / "world-briefing.txt"
NOW = "2026-01-15T12:00:00Z"
MARK = "cli-patterns-test"  # in every pattern these tests put into re's cache (and take out)
ENGINE = cli_patterns._engine()
pytestmark = pytest.mark.skipif(ENGINE is None, reason="this Python's re lacks the parts used")


def engine() -> tuple[dict[object, re.Pattern[str]], object, object, object]:
    assert ENGINE is not None
    return ENGINE


def remade(pattern: str | bytes, flags: int) -> re.Pattern[str]:
    """The pattern made from the program the cache would store for it."""
    _, make, parse, generate = engine()
    program = cli_patterns._program(pattern, flags, parse, generate)
    return make(pattern, *program)  # type: ignore[operator, no-any-return]


@pytest.fixture
def own_patterns() -> Iterator[None]:
    """Takes the patterns a test put into ``re``'s cache out again (they hold MARK)."""
    yield
    cache = engine()[0]
    for key in [k for k in cache if MARK in str(k[1])]:  # type: ignore[index]
        del cache[key]


# --- where the file lives ---------------------------------------------------------------------


def test_the_file_is_per_interpreter_under_the_cache_folder() -> None:
    tag = sys.implementation.cache_tag
    assert cache_file({"HOME": "/home/ann"}) == f"/home/ann/.cache/pagefeed/patterns.{tag}.bin"
    xdg = {"HOME": "/home/ann", "XDG_CACHE_HOME": "/var/cache/ann"}
    assert cache_file(xdg) == f"/var/cache/ann/pagefeed/patterns.{tag}.bin"
    chosen = {**xdg, "PAGEFEED_CACHE_DIR": "/srv/feeds/cache"}
    assert cache_file(chosen) == f"/srv/feeds/cache/patterns.{tag}.bin"


def test_relative_or_missing_folders_and_the_off_switch_turn_it_off() -> None:
    relative = {"HOME": "/home/ann", "XDG_CACHE_HOME": "cache"}  # XDG: ignore a relative path
    assert cache_file(relative) == cache_file({"HOME": "/home/ann"})
    assert cache_file({}) is None
    assert cache_file({"HOME": "relative"}) is None
    assert cache_file({"HOME": "/home/ann", "PAGEFEED_NO_CACHE": "1"}) is None
    assert cache_file({"HOME": "/home/ann", "PAGEFEED_NO_CACHE": "0"}) is not None


# --- the programs it stores -------------------------------------------------------------------


def test_every_pattern_pagefeed_compiles_is_remade_exactly() -> None:
    for name in (
        "pagefeed.extract.text.parser",
        "pagefeed.extract.html.parser",
        "pagefeed.publish.build",
        "pagefeed.publish.feedcheck",
        "pagefeed.cli",
    ):
        importlib.import_module(name)
    cache = engine()[0]
    ours = [(k, v) for k, v in list(cache.items()) if isinstance(k[1], str)]  # type: ignore[index]
    assert len(ours) > 50
    for key, compiled in ours:
        pattern, flags = key[1], key[2]  # type: ignore[index]
        if flags & (re.LOCALE | re.DEBUG):
            continue
        made = remade(pattern, flags)
        assert made == compiled, pattern
        assert (made.groups, made.groupindex) == (compiled.groups, compiled.groupindex)


_piece = st.sampled_from(
    [
        "a", "é", "\\d", "\\w+", "[a-z]", "[^.!?]", ".", "\\s*", "x{2,5}", "(?i:Jan)",
        "\\b", "$", "^", "(?<=a)", "(?!b)", "\\u2019", "[\\u0400-\\u04ff]", "ſ",
    ]
)  # fmt: skip


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    def group(inner: str) -> str:
        kind = draw(st.sampled_from(["(", "(?:", f"(?P<g{draw(st.integers(0, 9))}>"]))
        return f"{kind}{inner})"

    parts = draw(st.lists(_piece, min_size=1, max_size=6))
    body = "|".join(parts) if draw(st.booleans()) else "".join(parts)
    text = group(body) + draw(st.sampled_from(["", "?", "*", "+", "{1,3}"]))
    return text if "(?P<" not in text or text.count("(?P<") == 1 else body


_FLAGS = st.sampled_from([0, re.IGNORECASE, re.MULTILINE | re.DOTALL, re.ASCII, re.VERBOSE])


@settings(max_examples=200, deadline=None)
@given(_patterns(), _FLAGS, st.text(max_size=30))
def test_a_remade_pattern_equals_and_matches_as_re_compiles_it(
    pattern: str, flags: int, text: str
) -> None:
    compiled = re._compiler.compile(pattern, flags)  # type: ignore[attr-defined]
    made = remade(pattern, flags)
    assert made == compiled
    assert made.groupindex == compiled.groupindex
    found = [m.span() for m in made.finditer(text)]
    assert found == [m.span() for m in compiled.finditer(text)]


def test_a_stored_file_puts_its_patterns_into_re(tmp_path: Path, own_patterns: None) -> None:
    path = str(tmp_path / "patterns.bin")
    texts = [f"(?P<word>{MARK}\\w+)", f"{MARK}[0-9]{{2,}}", f"(?i){MARK}-b"]
    for text in texts:
        re.compile(text)
    assert save(path, {})  # the three (and whatever else re holds) were new
    assert not save(path, load(path))  # nothing new since: the file is not written again
    cache = engine()[0]
    for text in texts:
        del cache[(str, text, 0)]
    loaded = load(path)
    assert {(text, 0) for text in texts} <= loaded.keys()
    for text in texts:
        installed = cache[(str, text, 0)]
        assert re.compile(text) is installed  # re.compile answers from its cache
        assert installed == re._compiler.compile(text, 0)  # type: ignore[attr-defined]
    assert re.compile(texts[0]).match(f"{MARK}xy").group("word") == f"{MARK}xy"  # type: ignore[union-attr]


def test_locale_patterns_are_never_stored(tmp_path: Path, own_patterns: None) -> None:
    path = str(tmp_path / "patterns.bin")
    re.compile(f"{MARK}\\w".encode(), re.LOCALE)
    save(path, {})
    assert (f"{MARK}\\w".encode(), re.LOCALE) not in load(path)


def test_past_the_limit_only_this_process_patterns_are_kept(
    tmp_path: Path, own_patterns: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / "patterns.bin")
    old: dict[cli_patterns.Key, cli_patterns.Program] = {
        (f"{MARK}-old-{n}", 0): cli_patterns._program(f"{MARK}-old-{n}", 0, *engine()[2:])
        for n in range(3)
    }
    re.compile(f"{MARK}-new")
    monkeypatch.setattr(cli_patterns, "MAX_PATTERNS", len(engine()[0]))
    assert save(path, old)
    kept = load(path)
    assert (f"{MARK}-new", 0) in kept
    assert not old.keys() & kept.keys()


# --- files it must ignore ---------------------------------------------------------------------


def _stored(tmp_path: Path) -> bytes:
    path = tmp_path / "good.bin"
    re.compile(f"{MARK}-kept")
    assert save(str(path), {})
    return path.read_bytes()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit flipped
        lambda data: b"some other format\n" + data[len(FORMAT) :],
        lambda data: b"",
    ],
    ids=["truncated", "bit-flipped", "other-format", "empty"],
)
def test_a_damaged_file_gives_nothing(tmp_path: Path, own_patterns: None, damage: object) -> None:
    data = damage(_stored(tmp_path))  # type: ignore[operator]
    (tmp_path / "bad.bin").write_bytes(data)
    del engine()[0][(str, f"{MARK}-kept", 0)]
    assert load(str(tmp_path / "bad.bin")) == {}
    assert (str, f"{MARK}-kept", 0) not in engine()[0]


def test_a_file_from_another_interpreter_gives_nothing(tmp_path: Path, own_patterns: None) -> None:
    program = cli_patterns._program(f"{MARK}-x", 0, *engine()[2:])
    interpreter = ("3.99.0 (another build)", *cli_patterns._interpreter()[1:])
    payload = marshal.dumps((interpreter, {(f"{MARK}-x", 0): program}))  # type: ignore[arg-type]
    data = FORMAT + zlib.crc32(payload).to_bytes(4, "big") + payload
    (tmp_path / "foreign.bin").write_bytes(data)
    assert load(str(tmp_path / "foreign.bin")) == {}
    assert load(str(tmp_path / "missing.bin")) == {}


def test_a_folder_it_cannot_write_is_no_error(tmp_path: Path, own_patterns: None) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    re.compile(f"{MARK}-unsaved")
    assert not save(str(blocker / "patterns.bin"), {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


# --- the process ------------------------------------------------------------------------------


def _build(out: Path, cache: Path | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFEED_")}
    env.update({"PAGEFEED_CACHE_DIR": str(cache)} if cache else {"PAGEFEED_NO_CACHE": "1"})
    command = [sys.executable, "-m", "pagefeed", "build", str(SAMPLE), "--out", str(out)]
    command += ["--now", NOW, "--no-archive"]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_builds_with_and_without_the_cache_write_the_same_bytes(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    written: list[dict[str, bytes]] = []
    for folder in (None, cache, cache):  # off, the first run (stores), the second (loads)
        done = _build(out, folder)
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
        written.append(_files(out))
    assert written[0] == written[1] == written[2]
    (stored,) = cache.iterdir()
    assert stored.name == f"patterns.{sys.implementation.cache_tag}.bin"
    when = stored.stat().st_mtime_ns
    assert _build(out, cache).returncode == 0
    assert stored.stat().st_mtime_ns == when  # nothing new: not written again


def test_a_damaged_cache_file_is_rewritten_and_the_build_unharmed(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    assert _build(out, None).returncode == 0
    expected = _files(out)
    cache.mkdir()
    stored = cache / f"patterns.{sys.implementation.cache_tag}.bin"
    stored.write_bytes(FORMAT + b"\0\0\0\0garbage")
    done = _build(out, cache)
    assert (done.returncode, done.stderr) == (0, "")
    assert cli_patterns._decode(stored.read_bytes())  # a good file again
    assert _files(out) == expected

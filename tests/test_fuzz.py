"""The whole command line under Hypothesis, in-process (click's CliRunner).

Inputs: random bytes, the fixture pages (HTML and text) mutated (cut, doubled, spliced with
hostile snippets), pages built around odd date strings, option values at and past their edges,
and ``pagefeed.toml`` files put together from real and misspelt keys and odd values.

The property, for every input:

* the exit code is one the README documents, and never 1 (a bug);
* no traceback reaches stderr;
* a refused input (any non-zero exit) writes no feed, page or catalog file;
* every feed written is well-formed and clean for ``pagefeed.publish.feedcheck``;
* ``pagefeed check`` refuses exactly the configs ``pagefeed run`` refuses as configs (exit 2).

``make test`` runs a small, derandomized profile (the same cases on every run, so CI is stable);
``make fuzz`` runs a long random one (``PAGEFEED_FUZZ_EXAMPLES``, default there 1500 per test)
and prints Hypothesis' statistics: how many cases each property tried.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from pagefeed.cli import cli
from pagefeed.publish.feedcheck import check_feed

LONG = os.environ.get("PAGEFEED_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(LONG) if LONG else 25,
    derandomize=not LONG,  # the bounded profile is the same cases every time
    deadline=None,
    **({} if LONG else {"database": None}),  # type: ignore[arg-type]
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The README's exit-code table, minus 1 (a bug) and 11 (the publish gate refused a feed that
# pagefeed itself made invalid: a bug too, as far as a page is concerned).
DOCUMENTED = {0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 130}
NOW = "2026-01-15T12:00:00Z"
FEEDS = "https://feeds.example.org/"
PAGES = sorted((FIXTURES / "html").glob("*.html")) + sorted((FIXTURES / "text").glob("*.txt"))
PUBLISHED = (".xml", ".json", ".html", ".xsl", ".opml")

# Pieces hostile or broken pages are made of.
SNIPPETS = [
    b'<time datetime="0001-01-01T00:00:00+01:00">',
    b'<time datetime="9999-12-31T23:59:59-14:00">then</time>',
    b'<script type="application/ld+json">{"@type":"NewsArticle","headline":"H",'
    b'"datePublished":"9999-12-31T23:59:59Z","image":{"@id":[]}}</script>',
    b'<script type="application/ld+json">{"@graph":[{"@id":"#a","@type":"Article"}',
    b"<h1>A headline of no great length</h1><p>One paragraph, with a comma, in it.</p>",
    b'<a href="javascript:alert(1)">x</a><img src="data:text/html,x" onerror="alert(1)">',
    b"<figure><img src=/a.jpg><figcaption>Caption, June 31, 2025. Jo Doe/Reuters"
    b"</figcaption></figure>",
    b"</article></div></main></body></html>",
    b"<!--",
    b"<![CDATA[",
    b"&#1;&#xD800;&#0;&bogus;",
    b"\x00\x01\x7f",
    b"\xff\xfe\xfa",
    "\u202e\u2028\ufeff".encode(),
    b"\r\n\r\n\r\n",
    b" date 2024-13-45\n",
    b"More from Elsewhere\n",
    b"FILE PHOTO: a caption on February 30, 2025. REUTERS/Someone\n",
    b"<base href='http://user:pw@[::1]:99999/'>",
    b"<meta property='og:image' content='//'><link rel=canonical href='http://'>",
]
DATES = st.one_of(
    st.sampled_from(
        [
            "0001-01-01T00:00:00Z",
            "0001-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59-14:00",
            "1989-12-31",
            "2026-01-16T12:00:01Z",
            "2025-02-29",
            "Sat, 01 Jan 0001 00:00:00 +0100",
            "31 Feb 2025",
            "2024-10-23T10:30:00.250+02:00",
            "",
            "now",
        ]
    ),
    st.text(alphabet="0123456789-:+TZ .,WedFbJanuary", max_size=30),
    st.datetimes().map(lambda d: d.isoformat()),
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A fixture page with a few cuts, doublings and hostile splices."""
    data = bytearray(draw(st.sampled_from(PAGES)).read_bytes())
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        start = draw(st.integers(0, len(data) - 1))
        end = draw(st.integers(start, min(len(data), start + 400)))
        op = draw(st.sampled_from(["cut", "double", "splice", "bytes"]))
        if op == "cut":
            del data[start:end]
        elif op == "double":
            data[start:start] = data[start:end]
        elif op == "splice":
            data[start:start] = draw(st.sampled_from(SNIPPETS))
        else:
            data[start:end] = draw(st.binary(max_size=16))
    return bytes(data)


@st.composite
def dated(draw: st.DrawFn) -> bytes:
    """A small page whose dates are drawn, as HTML (time, JSON-LD, meta) or as text."""
    date = draw(DATES)
    if draw(st.booleans()):
        return (
            f"<html><head><meta property='article:published_time' content='{date}'>"
            '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": '
            f'"Harbour board moves the ferry", "datePublished": "{date}"}}</script></head><body>'
            f"<article><h1>Harbour board moves the ferry</h1><time datetime='{date}'>{date}</time>"
            "<p>The morning ferry leaves later from February, the board said.</p>"
            f"<figure><img src='https://img.example.org/f.jpg'><figcaption>The ferry on {date}. "
            "Jo Doe/Reuters</figcaption></figure></article></body></html>"
        ).encode("utf-8", "replace")
    return (
        f"Harbour board moves the ferry date {date}\n\nThe morning ferry leaves later.\n\n"
        f"The ferry at dawn, {date}. Jo Doe/Reuters\n"
    ).encode("utf-8", "replace")


PAGE_BYTES = st.one_of(st.binary(max_size=3000), mutated(), dated())
OPTIONS = st.lists(
    st.sampled_from(
        [
            ["--now", "0001-01-01T00:00:00Z"],
            ["--now", "9999-12-31T23:59:59-14:00"],
            ["--now", "1990-03-01T00:00:00Z"],
            ["--now", "8999-12-31T00:00:00Z"],
            ["--max-entries", "1"],
            ["--max-entries", str(2**63)],
            ["--max-entries", "0"],
            ["--timeout", "nan"],
            ["--timeout", "1e308"],
            ["--lock-wait", "nan"],
            ["--lock-wait", "0"],
            ["--user-agent", "agent\r\nX: 1"],
            ["--user-agent", "ágent"],
            ["--name", "n" * 101],
            ["--name", "ok.name"],
            ["--name", ".hidden"],
            ["--format", "html"],
            ["--format", "text"],
            ["--max-bytes", "100"],
            ["--max-bytes", "0"],
            ["--strict"],
            ["--no-archive"],
            ["--language", "en-GB"],
            ["--url", "http://user:pw@news.example.org/a/b?c#d"],
            ["--title", "\x00\u202e"],
        ]
    ),
    max_size=3,
)


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh folder per example (pytest's tmp_path is one per test, not per example)."""
    path = Path(tempfile.mkdtemp(prefix="pagefeed-fuzz-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def invoke(*args: str | Path, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin)


def published(out: Path) -> list[Path]:
    if not out.exists():
        return []
    return [p for p in out.rglob("*") if p.is_file() and p.name.endswith(PUBLISHED)]


def assert_holds(result: Result, out: Path) -> None:
    """The property every command's outcome must have (see the module docstring)."""
    assert result.exit_code in DOCUMENTED, (result.exit_code, result.exception, result.output)
    assert "Traceback" not in result.output, result.output
    files = published(out)
    if result.exit_code != 0:
        assert files == [], (result.exit_code, result.output, files)
        return
    for path in files:
        if path.name.endswith((".rss.xml", ".atom.xml")):
            fmt = "rss" if path.name.endswith(".rss.xml") else "atom"
            assert check_feed(path.read_bytes(), fmt=fmt, feed_url=FEEDS + path.name) == [], path


@FUZZ
@given(page=PAGE_BYTES, options=OPTIONS, as_stdin=st.booleans())
def test_any_page_and_options_give_a_documented_exit_and_clean_feeds(
    page: bytes, options: list[list[str]], as_stdin: bool
) -> None:
    flat = [item for option in options for item in option]
    with folder() as root:
        out = root / "out"
        if as_stdin:
            name = [] if "--name" in flat else ["--name", "page"]
            args: list[str | Path] = ["build", "-", *name, "--out", out, "--feed-url", FEEDS]
            args += ["--now", NOW]
            result = invoke(*args, *flat, stdin=page)
        else:
            source = root / "page.html"
            source.write_bytes(page)
            args = ["build", source, "--out", out, "--feed-url", FEEDS, "--now", NOW]
            result = invoke(*args, *flat)
        assert_holds(result, out)
        if result.exit_code == 0 and not as_stdin:
            before = {p: p.read_bytes() for p in published(out)}
            again = invoke(*args, *flat)  # the same input again: the same bytes
            assert again.exit_code == 0, again.output
            assert {p: p.read_bytes() for p in published(out)} == before


@FUZZ
@given(page=PAGE_BYTES, as_json=st.booleans())
def test_parse_of_any_page_gives_a_documented_exit(page: bytes, as_json: bool) -> None:
    with folder() as root:
        source = root / "page.txt"
        source.write_bytes(page)
        result = invoke("parse", source, "--now", NOW, *(["--json"] if as_json else []))
        assert_holds(result, root / "nothing-is-written-here")


KEYS = [
    "out", "feed_url", "archive", "max_entries", "max_bytes", "user_agent", "timeout",
    "allow_private", "language", "author", "catalog_title", "concurrency", "name", "source",
    "title", "site_url", "format", "description", "url", "titel", "emit", "recipe",
]  # fmt: skip
VALUES = [
    '"feeds"', '"https://feeds.example.org/"', "false", "true", "0", "1", "50",
    str(2**63), "-1", "nan", "inf", "1e308", "20.0", '"en"', '"x\\r\\ny"', '"ágent"',
    '"page.txt"', '"auto"', '"htm"', "[]", "{}", "1979-05-27", '""', '"out/sub"',
    '"' + "n" * 101 + '"', '"rss,atom"',
]  # fmt: skip


@st.composite
def configs(draw: st.DrawFn) -> str:
    """A pagefeed.toml: a valid skeleton with drawn keys added or overridden."""
    top = {"out": '"out"', "feed_url": f'"{FEEDS}"'}
    feed = {"name": '"page"', "source": '"page.txt"'}
    for table in (top, feed):
        for _ in range(draw(st.integers(0, 3))):
            table[draw(st.sampled_from(KEYS))] = draw(st.sampled_from(VALUES))
    lines = [f"{key} = {value}" for key, value in top.items()]
    lines += ["", "[[feeds]]"] + [f"{key} = {value}" for key, value in feed.items()]
    return "\n".join(lines) + "\n"


@FUZZ
@given(config=configs(), page=st.one_of(mutated(), dated()))
def test_check_refuses_exactly_the_configs_run_refuses(config: str, page: bytes) -> None:
    with folder() as root:
        (root / "page.txt").write_bytes(page)
        path = root / "pagefeed.toml"
        path.write_text(config, encoding="utf-8")
        checked = invoke("check", "-c", path)
        assert checked.exit_code in (0, 2), checked.output
        assert "Traceback" not in checked.output
        ran = invoke("run", "-c", path, "--now", NOW, "--lock-wait", "0")
        assert ran.exit_code in DOCUMENTED, (ran.exit_code, ran.exception, ran.output)
        assert "Traceback" not in ran.output, ran.output
        assert (checked.exit_code == 2) == (ran.exit_code == 2), (
            config,
            checked.output,
            ran.output,
        )
        if ran.exit_code == 2:
            assert published(root) == []
        for written in published(root):
            if written.name.endswith((".rss.xml", ".atom.xml")):
                fmt = "rss" if written.name.endswith(".rss.xml") else "atom"
                base = "https://feeds.example.org/" + written.name
                if FEEDS in config:
                    assert check_feed(written.read_bytes(), fmt=fmt, feed_url=base) == [], config

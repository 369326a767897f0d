"""``pagefeed build`` and ``pagefeed parse`` on live URLs, end to end: the real command line
(click's CliRunner) against a real HTTP server on 127.0.0.1 (pytest-httpserver). Never the
internet, no network mocks; only the retry backoff is set to zero so that failures are quick."""

from __future__ import annotations

import gzip
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

import pagefeed.fetch.http
from conftest import FIXTURES
from pagefeed.cli import EXIT_CODES, cli
from pagefeed.errors import FetchError, PagefeedError, ParseError, SourceError
from pagefeed.extract.parse import detect_format
from pagefeed.model import Format
from pagefeed.publish.feedcheck import check_feed

pytest_plugins = ("localweb",)  # the ``web`` fixture: a real server on 127.0.0.1

NOW = "2026-01-15T12:00:00Z"
FEEDS = "https://feeds.example.org/"
PATH = "/world/some-article"
CANONICAL = "https://harbour.example.com/world/ferry-timetable"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"

# A story page with a canonical URL on another host and teasers with relative links.
ARTICLE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ferry timetable shifts for the winter | Harbour Daily</title>
<meta property="og:site_name" content="Harbour Daily">
<link rel="canonical" href="{CANONICAL}">
</head>
<body>
<article>
  <h1>Ferry timetable shifts for the winter</h1>
  <time datetime="2026-01-10T08:00:00Z">10 January 2026</time>
  <p>The morning ferry to Skerry Point will leave half an hour later from February, the
  harbour board said, because fewer commuters cross before dawn in the dark months.</p>
</article>
<section>
  <h2>More from Harbour Daily</h2>
  <div class="card"><a href="/world/lighthouse-paint"><h3>Lighthouse keepers pick a new red</h3></a>
    <p>Volunteers repainted the north light in two weekends.</p></div>
  <div class="card"><a href="/world/gull-count"><h3>The winter gull count is up again</h3></a>
    <p>Birdwatchers counted four hundred more gulls than last year.</p></div>
</section>
</body>
</html>
"""
# No <html>, no doctype, no canonical: only the Content-Type says this is HTML. (The parser wants
# an <article> or <main> around the story, and three paragraphs for a loose <h1> in <main>.)
FRAGMENT = """<main class="story">
<h1>Night market returns to the river quay</h1>
<p>Forty stalls will sell soup, lanterns and second-hand books every Friday until March.</p>
<p>The market closed two winters ago when the quay was rebuilt.</p>
<p>Stallholders say the new paving is kinder to their carts.</p>
</main>
"""
# A plain-text rendering of a page (title, blank line, paragraphs).
TEXT_PAGE = """Orchard town votes to keep its cider festival

Residents voted to keep the autumn cider festival after a year of debate about parking.

The council will run a shuttle bus from the station instead.
"""


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries still happen, without the real pauses between them."""
    monkeypatch.setattr(pagefeed.fetch.http, "BACKOFF_BASE", 0.0)


def serve(
    web: HTTPServer,
    body: str | bytes,
    *,
    path: str = PATH,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> str:
    """Answer every GET of ``path`` with this response; return its URL."""
    web.expect_request(path).respond_with_data(
        body, status=status, content_type=content_type, headers=headers
    )
    return web.url_for(path)


def invoke(*args: str | Path, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin)


def build(source: str, out: Path, *extra: str, private: bool = True) -> Result:
    """``pagefeed build SOURCE --out OUT`` at a fixed time, local addresses allowed."""
    args: list[str | Path] = ["build", source, "--out", out, "--now", NOW, *extra]
    return invoke(*args, *(["--allow-private"] if private else []))


def feeds(out: Path, name: str = "some-article") -> tuple[bytes, bytes]:
    return (out / f"{name}.rss.xml").read_bytes(), (out / f"{name}.atom.xml").read_bytes()


def assert_clean(out: Path, name: str, base: str = FEEDS) -> None:
    rss, atom = feeds(out, name)
    assert check_feed(rss, fmt="rss", feed_url=f"{base}{name}.rss.xml") == []
    assert check_feed(atom, fmt="atom", feed_url=f"{base}{name}.atom.xml") == []


def error_line(result: Result, *, retries: int = 0) -> str:
    """The one line on stderr (retries are logged only with -v); no traceback."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    error = lines[0]
    assert error.startswith("pagefeed: error: ")
    if retries:
        assert error.endswith(f"after {retries + 1} attempts")
    assert "Traceback" not in result.output
    return error


def origin(web: HTTPServer) -> str:
    return web.url_for("/")


def dead_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (a port just bound and released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{PATH}"


# --- a page from a URL ----------------------------------------------------------------------------


def test_url_build_names_the_feed_after_the_last_segment_and_links_the_canonical_url(
    web: HTTPServer, tmp_path: Path
) -> None:
    url = serve(web, ARTICLE)
    result = build(url, tmp_path, "--feed-url", FEEDS)
    assert result.exit_code == 0, result.output
    assert result.output == ""
    published = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert published == [
        "feed.xsl",
        *(f"some-article.{suffix}" for suffix in ("atom.xml", "feed.json", "html", "rss.xml")),
    ]
    assert_clean(tmp_path, "some-article")
    for data in feeds(tmp_path):
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0
        assert parsed.feed.link == origin(web)  # --site-url defaults to the URL's origin
        assert parsed.feed.title == "Harbour Daily"
        links = [entry.link for entry in parsed.entries]
        assert links == [
            CANONICAL,
            web.url_for("/world/lighthouse-paint"),
            web.url_for("/world/gull-count"),
        ]


def test_default_feed_url_is_the_output_folder_as_a_file_uri(
    web: HTTPServer, tmp_path: Path
) -> None:
    url = serve(web, ARTICLE)
    out = tmp_path / "feeds"
    assert build(url, out).exit_code == 0
    base = out.resolve().as_uri() + "/"
    for data, fmt in zip(feeds(out), ("rss", "atom"), strict=True):
        self_url = f"{base}some-article.{fmt}.xml"
        # A file:// URI has no host: the W3C rules call that a relative self link. It is what a
        # feed read from disk is; a served feed needs --feed-url. Nothing else is wrong.
        assert check_feed(data, fmt=fmt, feed_url=self_url) == [f"RelativeSelf: {self_url!r}"]
        assert f'href="{self_url}" rel="self"' in data.decode("utf-8")


def test_content_type_html_wins_over_a_body_that_does_not_look_like_html(
    web: HTTPServer, tmp_path: Path
) -> None:
    assert detect_format(FRAGMENT) is Format.TEXT, "the body alone would be read as text"
    url = serve(web, FRAGMENT, path="/river/night-market", content_type="text/html")
    result = invoke("parse", url, "--json", "--allow-private", "--now", NOW)
    assert result.exit_code == 0, result.output
    main = json.loads(result.stdout)["main"]
    assert main["title"] == "Night market returns to the river quay"
    assert main["body_html"] is not None
    assert "<p>" in main["body_html"]
    assert main["link"] == url  # no canonical: the URL fetched


def test_main_link_is_the_url_reached_after_redirects(web: HTTPServer, tmp_path: Path) -> None:
    final = serve(web, FRAGMENT, path="/river/night-market", content_type="text/html")
    web.expect_request("/old/night-market").respond_with_data(
        "", status=301, headers={"Location": "/river/night-market"}
    )
    result = build(web.url_for("/old/night-market"), tmp_path, "--feed-url", FEEDS)
    assert result.exit_code == 0, result.output
    assert_clean(tmp_path, "night-market")
    rss = feedparser.parse(feeds(tmp_path, "night-market")[0])
    assert [entry.link for entry in rss.entries] == [final]
    assert rss.feed.link == origin(web)


# --- the format: Content-Type, --format ----------------------------------------------------------


def parse_url(url: str, *extra: str) -> dict[str, object]:
    result = invoke("parse", url, "--json", "--allow-private", "--now", NOW, *extra)
    assert result.exit_code == 0, result.output
    main = json.loads(result.stdout)["main"]
    assert isinstance(main, dict)
    return main


def test_text_plain_url_is_parsed_as_text(web: HTTPServer) -> None:
    url = serve(web, TEXT_PAGE, path="/notes/cider", content_type="text/plain; charset=utf-8")
    main = parse_url(url)
    assert main["title"] == "Orchard town votes to keep its cider festival"
    assert main["body_html"] is None


def test_text_plain_html_is_read_as_text_unless_format_html(web: HTTPServer) -> None:
    url = serve(web, ARTICLE, content_type="text/plain")
    as_text = parse_url(url)
    assert as_text["body_html"] is None
    as_html = parse_url(url, "--format", "html")
    assert as_html["title"] == "Ferry timetable shifts for the winter"
    assert as_html["link"] == CANONICAL
    assert as_html["body_html"] is not None


def test_format_text_overrides_a_text_html_content_type(web: HTTPServer) -> None:
    url = serve(web, TEXT_PAGE, path="/notes/cider", content_type="text/html")
    main = parse_url(url, "--format", "text")
    assert main["title"] == "Orchard town votes to keep its cider festival"
    assert main["body_html"] is None


def test_saved_file_and_stdin_with_url_give_the_same_feeds_as_the_url(
    web: HTTPServer, tmp_path: Path
) -> None:
    url = serve(web, ARTICLE)
    common = ("--feed-url", FEEDS, "--no-archive")
    assert build(url, tmp_path / "fetched", *common).exit_code == 0
    saved = tmp_path / "some-article.html"
    saved.write_text(ARTICLE, encoding="utf-8")
    assert build(str(saved), tmp_path / "saved", "--url", url, *common).exit_code == 0
    piped = invoke(
        "build", "-", "--name", "some-article", "--url", url, "--out", tmp_path / "piped",
        "--now", NOW, *common, stdin=ARTICLE.encode(),
    )  # fmt: skip
    assert piped.exit_code == 0, piped.output
    expected = feeds(tmp_path / "fetched")
    assert feeds(tmp_path / "saved") == expected
    assert feeds(tmp_path / "piped") == expected
    entries = feedparser.parse(expected[1]).entries
    assert len({entry.id for entry in entries}) == 3
    assert web.url_for("/world/gull-count") in [entry.link for entry in entries]


# --- conditional GET --------------------------------------------------------------------------


STAMP = "Wed, 14 Jan 2026 09:30:00 GMT"


def test_second_build_sends_validators_and_a_304_leaves_the_feeds_alone(
    web: HTTPServer, tmp_path: Path
) -> None:
    url = serve(web, ARTICLE, headers={"ETag": '"ferry-1"', "Last-Modified": STAMP})
    assert build(url, tmp_path, "--feed-url", FEEDS).exit_code == 0
    first, _ = web.log[-1]
    assert "If-None-Match" not in first.headers
    before = feeds(tmp_path)
    for path in tmp_path.glob("*.xml"):
        os.utime(path, (1_000_000, 1_000_000))
    web.clear()
    serve(web, b"", status=304, headers={"ETag": '"ferry-1"'})
    result = build(url, tmp_path, "--feed-url", FEEDS, "-v")
    assert result.exit_code == 0, result.output
    assert "not modified" in result.stderr
    request, _ = web.log[-1]
    assert request.headers["If-None-Match"] == '"ferry-1"'
    assert request.headers["If-Modified-Since"] == STAMP
    assert feeds(tmp_path) == before
    assert {path.stat().st_mtime for path in tmp_path.glob("*.xml")} == {1_000_000}


@dataclass(frozen=True)
class Failure:
    """A response that makes a build fail, what the error says, and how many requests it takes."""

    body: bytes
    content_type: str
    status: int
    error: type[PagefeedError]
    words: str
    attempts: int = 1

    def serve(self, web: HTTPServer, *, etag: str | None = None) -> str:
        headers = {"ETag": etag} if etag else None
        return serve(web, self.body, content_type=self.content_type, status=self.status,
                     headers=headers)  # fmt: skip


FAILURES = [
    pytest.param(Failure(b"  \n", "text/html", 200, ParseError, "empty"), id="empty page"),
    pytest.param(Failure(PNG, "image/png", 200, SourceError, "binary"), id="binary body"),
    pytest.param(Failure(b"busy", "text/plain", 503, FetchError, "HTTP 503", attempts=4), id="503"),
    pytest.param(Failure(b"gone", "text/plain", 404, FetchError, "HTTP 404"), id="404"),
]


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_build_stores_no_validators(
    web: HTTPServer, tmp_path: Path, failure: Failure
) -> None:
    url = failure.serve(web, etag='"broken"')
    result = build(url, tmp_path, "--feed-url", FEEDS)
    assert result.exit_code == EXIT_CODES[failure.error], result.output
    web.clear()
    serve(web, ARTICLE, headers={"ETag": '"fixed"'})
    assert build(url, tmp_path, "--feed-url", FEEDS).exit_code == 0
    request, _ = web.log[-1]
    assert "If-None-Match" not in request.headers
    assert feeds(tmp_path)[0].startswith(b"<?xml")


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_build_keeps_the_validators_of_the_published_feeds(
    web: HTTPServer, tmp_path: Path, failure: Failure
) -> None:
    url = serve(web, ARTICLE, headers={"ETag": '"v1"'})
    assert build(url, tmp_path, "--feed-url", FEEDS).exit_code == 0
    web.clear()
    failure.serve(web, etag='"v2"')
    assert build(url, tmp_path, "--feed-url", FEEDS).exit_code == EXIT_CODES[failure.error]
    web.clear()
    serve(web, b"", status=304)
    assert build(url, tmp_path, "--feed-url", FEEDS).exit_code == 0
    request, _ = web.log[-1]
    assert request.headers["If-None-Match"] == '"v1"'


# --- errors: one line, a documented exit code, the published feeds untouched ------------------


@pytest.fixture
def published(web: HTTPServer, tmp_path: Path) -> tuple[bytes, bytes]:
    """The feeds of a first, good build of PATH (then the server forgets that page)."""
    url = serve(web, ARTICLE)
    assert build(url, tmp_path, "--feed-url", FEEDS).exit_code == 0
    web.clear()
    for path in tmp_path.glob("*.xml"):
        os.utime(path, (1_000_000, 1_000_000))
    return feeds(tmp_path)


def assert_untouched(out: Path, before: tuple[bytes, bytes]) -> None:
    assert feeds(out) == before
    assert {path.stat().st_mtime for path in out.glob("*.xml")} == {1_000_000}


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failure_is_one_error_line_and_leaves_the_feeds_alone(
    web: HTTPServer, tmp_path: Path, published: tuple[bytes, bytes], failure: Failure
) -> None:
    url = failure.serve(web)
    result = build(url, tmp_path, "--feed-url", FEEDS)
    assert result.exit_code == EXIT_CODES[failure.error]
    line = error_line(result, retries=failure.attempts - 1)
    assert url in line
    assert failure.words in line
    assert len(web.log) == failure.attempts, "only connection errors, 429 and 5xx are retried"
    assert_untouched(tmp_path, published)


def test_exit_codes_of_the_failures() -> None:
    codes = {EXIT_CODES[error] for error in (FetchError, SourceError, ParseError)}
    assert codes == {4, 3, 5}, "the documented exit codes"


def test_private_address_is_refused_without_allow_private(
    web: HTTPServer, tmp_path: Path, published: tuple[bytes, bytes]
) -> None:
    url = serve(web, ARTICLE)
    result = build(url, tmp_path, "--feed-url", FEEDS, private=False)
    assert result.exit_code == 4
    line = error_line(result)
    assert "private address" in line
    assert "--allow-private" in line
    assert web.log == [], "refused before any request"
    assert_untouched(tmp_path, published)


def test_unreachable_port_is_exit_4(tmp_path: Path, published: tuple[bytes, bytes]) -> None:
    url = dead_port_url()
    result = build(url, tmp_path, "--feed-url", FEEDS)
    assert result.exit_code == 4
    line = error_line(result, retries=3)
    assert url in line
    assert "connection refused" in line
    assert_untouched(tmp_path, published)


def test_a_server_error_then_success_publishes(web: HTTPServer, tmp_path: Path) -> None:
    web.expect_oneshot_request(PATH).respond_with_data("busy", status=500)
    url = serve(web, ARTICLE)
    result = build(url, tmp_path, "--feed-url", FEEDS)
    assert result.exit_code == 0, result.output
    assert [response.status_code for _, response in web.log] == [500, 200]
    assert_clean(tmp_path, "some-article")


def test_a_gzip_compressed_page(web: HTTPServer, tmp_path: Path) -> None:
    packed = gzip.compress(ARTICLE.encode("utf-8"))
    url = serve(web, packed, headers={"Content-Encoding": "gzip"})
    assert build(url, tmp_path, "--feed-url", FEEDS, "--no-archive").exit_code == 0
    assert_clean(tmp_path, "some-article")
    web.clear()
    plain = serve(web, ARTICLE)
    assert build(plain, tmp_path / "plain", "--feed-url", FEEDS, "--no-archive").exit_code == 0
    assert feeds(tmp_path) == feeds(tmp_path / "plain")


# --- charsets -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        pytest.param("text/html", id="meta tag only"),
        pytest.param("text/html; charset=iso-8859-1", id="latin-1 label means windows-1252"),
        pytest.param("text/html; charset=utf-8", id="wrong header charset"),
    ],
)
def test_windows_1252_page_declared_in_a_meta_tag(
    web: HTTPServer, tmp_path: Path, content_type: str
) -> None:
    body = (FIXTURES / "html" / "windows-1252.html").read_bytes()
    assert b'charset="windows-1252"' in body
    assert b"\xe9" in body
    url = serve(web, body, path="/town/cafe-rent", content_type=content_type)
    assert build(url, tmp_path, "--feed-url", FEEDS).exit_code == 0
    response = web.log[-1][1]
    assert response.headers["Content-Type"] == content_type
    assert_clean(tmp_path, "cafe-rent")
    for data in feeds(tmp_path, "cafe-rent"):
        text = data.decode("utf-8")
        assert "Café owners" in text
        assert "can’t pay double" in text
        assert "\ufffd" not in text


# --- pagefeed parse URL --------------------------------------------------------------------------


STORY_KEYS = {
    "title", "title_source", "summary", "body", "section", "date", "date_source", "image",
    "link", "id", "label", "author", "stated_date", "body_html",
}  # fmt: skip


def test_parse_url_json_prints_the_documented_schema(web: HTTPServer) -> None:
    url = serve(web, ARTICLE)
    result = invoke("parse", url, "--json", "--allow-private", "--now", NOW)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    page = json.loads(result.stdout)
    assert set(page) == {"main", "teasers", "warnings"}
    assert set(page["main"]) == STORY_KEYS
    assert all(set(teaser) == STORY_KEYS for teaser in page["teasers"])
    assert page["main"]["link"] == CANONICAL
    assert page["main"]["date"] == "2026-01-10T08:00:00Z"
    assert page["main"]["id"].startswith("urn:uuid:")
    assert [t["link"] for t in page["teasers"]] == [
        web.url_for("/world/lighthouse-paint"),
        web.url_for("/world/gull-count"),
    ]


def test_parse_url_refuses_a_private_address_by_default(web: HTTPServer) -> None:
    url = serve(web, ARTICLE)
    result = invoke("parse", url, "--json")
    assert result.exit_code == 4
    assert "private address" in error_line(result)
    assert result.stdout == ""


def test_one_max_bytes_caps_urls_files_and_stdin_with_their_own_exit_codes(
    web: HTTPServer, tmp_path: Path
) -> None:
    page = (FIXTURES / "html" / "jsonld-only.html").read_bytes()
    cap = str(len(page) - 1)
    url = serve(web, page)
    fetched = build(url, tmp_path / "a", "--max-bytes", cap)
    assert fetched.exit_code == EXIT_CODES[FetchError]
    assert "too large" in error_line(fetched)
    saved = tmp_path / "page.html"
    saved.write_bytes(page)
    read = build(str(saved), tmp_path / "b", "--max-bytes", cap)
    assert read.exit_code == EXIT_CODES[SourceError]
    assert error_line(read).endswith(f"larger than {int(cap):,} bytes (see --max-bytes)")
    piped = invoke("build", "-", "--name", "p", "--out", tmp_path / "c", "--max-bytes", cap,
                   stdin=page)  # fmt: skip
    assert piped.exit_code == EXIT_CODES[SourceError]
    assert "cannot read standard input: larger than" in error_line(piped)
    assert not any((tmp_path / d).exists() for d in "bc")
    assert build(str(saved), tmp_path / "d", "--max-bytes", str(len(page))).exit_code == 0


def test_an_endless_file_is_refused_at_the_cap_not_read_to_the_end(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    result = invoke("build", "/dev/zero", "--name", "z", "--out", tmp_path, "--max-bytes", "4096")
    assert result.exit_code == EXIT_CODES[SourceError]
    assert "larger than 4,096 bytes" in error_line(result)


def test_credentials_in_the_url_are_sent_as_basic_auth_and_never_written_or_printed(
    web: HTTPServer, tmp_path: Path
) -> None:
    import base64

    from pagefeed.publish.archive import Archive

    token = base64.b64encode(b"reader:s3cret-pw").decode()
    web.expect_request(PATH, headers={"Authorization": f"Basic {token}"}).respond_with_data(
        FRAGMENT, content_type="text/html; charset=utf-8"
    )
    secret_url = web.url_for(PATH).replace("://", "://reader:s3cret-pw@", 1)
    out = tmp_path / "out"
    result = build(secret_url, out, "--feed-url", FEEDS, "-v")
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.output
    stored = [p for p in out.rglob("*") if p.is_file()]
    assert {p.name for p in stored} >= {"some-article.rss.xml", ".pagefeed.sqlite"}
    for path in stored:
        assert b"s3cret" not in path.read_bytes(), path.name
        assert b"reader:" not in path.read_bytes(), path.name
    with Archive.open(out / ".pagefeed.sqlite", create=False) as archive:
        [entry] = archive.list("some-article")
    assert entry.story.link == web.url_for(PATH)
    web.clear()  # the server goes away: the error line names the URL without the password
    failed = build(secret_url.replace(PATH, "/gone"), out, "--feed-url", FEEDS)
    assert failed.exit_code == EXIT_CODES[FetchError]
    assert "s3cret" not in error_line(failed)


def test_entries_archived_under_a_url_with_credentials_keep_their_ids(
    web: HTTPServer, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from pagefeed.extract.dates import assign_dates
    from pagefeed.extract.parse import parse
    from pagefeed.model import Format
    from pagefeed.publish.archive import Archive

    url = serve(web, TEXT_PAGE, content_type="text/plain; charset=utf-8")
    secret_url = url.replace("://", "://reader:s3cret-pw@", 1)
    out = tmp_path / "out"
    # What an older pagefeed archived: ids (and links) made from the URL with its password.
    old_page = assign_dates(
        parse(TEXT_PAGE, url=secret_url, fmt=Format.TEXT), now=datetime(2026, 1, 14, tzinfo=UTC)
    )
    old_ids = [story.id for story in old_page.stories]
    with Archive.open(out / ".pagefeed.sqlite") as archive:
        archive.merge("some-article", old_page.stories, now=datetime(2026, 1, 14, tzinfo=UTC))
    assert parse(TEXT_PAGE, url=url, fmt=Format.TEXT).stories[0].id not in old_ids
    result = build(secret_url, out, "--feed-url", FEEDS, "-v")
    assert result.exit_code == 0, result.output
    assert "0 new, 1 updated, 0 unchanged" in result.stderr  # the same entry, its link cleaned
    with Archive.open(out / ".pagefeed.sqlite", create=False) as archive:
        entries = archive.list("some-article")
    assert [entry.id for entry in entries] == old_ids
    assert all("s3cret" not in (entry.story.link or "") for entry in entries)
    atom = (out / "some-article.atom.xml").read_bytes()
    assert old_ids[0].encode() in atom
    assert b"s3cret" not in atom


def test_an_entry_archived_with_a_password_in_its_link_is_published_without_it(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime

    from pagefeed.model import DateSource, Story
    from pagefeed.publish.archive import Archive

    out = tmp_path / "out"
    old = Story(
        title="An old story that has left the page",
        link="https://reader:s3cret-pw@news.example.org/old",
        body_html='<p><a href="https://reader:s3cret-pw@news.example.org/x">x</a></p>',
        date=datetime(2026, 1, 10, tzinfo=UTC),
        date_source=DateSource.PAGE,
        id="urn:uuid:00000000-0000-5000-8000-000000000001",
    )
    with Archive.open(out / ".pagefeed.sqlite") as archive:
        archive.merge("orchard", [old], now=datetime(2026, 1, 10, tzinfo=UTC))
    page = tmp_path / "orchard.txt"
    page.write_text(TEXT_PAGE, encoding="utf-8")
    result = build(str(page), out, "--feed-url", FEEDS)
    assert result.exit_code == 0, result.output
    for fmt in ("rss", "atom"):
        data = (out / f"orchard.{fmt}.xml").read_bytes()
        assert b"news.example.org/old" in data
        assert b"s3cret" not in data

"""The publishing layer's URL and HTML paths: ``publish.build`` against a real HTTP server on
127.0.0.1 (pytest-httpserver), and its pure helpers (feed names, formats, feed metadata)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from conftest import FIXTURES, ROOT
from pagefeed.errors import ConfigError, FetchError
from pagefeed.model import Format
from pagefeed.publish.build import (
    VALIDATORS_NAME,
    BuildOptions,
    BuildResult,
    FetchOptions,
    PageText,
    build,
    feed_name,
    format_of,
)

pytest_plugins = ("localweb",)  # the ``web`` fixture: a real server on 127.0.0.1

NOW = datetime(2026, 1, 15, 12, tzinfo=UTC)
FEEDS = "https://feeds.example.org/"
OPENGRAPH = FIXTURES / "html" / "opengraph-only.html"  # canonical on railletter.example.net
CANONICAL = "https://railletter.example.net/stories/night-trains-return"
LOCAL = FetchOptions(allow_private=True)


def options(out: Path, **changes: object) -> BuildOptions:
    """Stateless build options for tests: local fetching allowed, served at FEEDS."""
    base = BuildOptions(out=out, feed_url=FEEDS, fetch=LOCAL, lock_wait=None)
    return base._replace(**changes)  # type: ignore[arg-type]


def serve_page(web: HTTPServer, path: str = "/rail/night-trains", **headers: str) -> str:
    web.expect_request(path).respond_with_data(
        OPENGRAPH.read_bytes(), content_type="text/html", headers=headers
    )
    return web.url_for(path)


def feed_bytes(out: Path, name: str) -> dict[str, bytes]:
    return {fmt: (out / f"{name}.{fmt}.xml").read_bytes() for fmt in ("rss", "atom")}


def stored_validators(out: Path) -> dict[str, object]:
    """Stored validators by URL (keys are "feed-name URL"; the settings fingerprint left out)."""
    path = out / VALIDATORS_NAME
    if not path.exists():
        return {}
    urls = json.loads(path.read_text(encoding="utf-8"))["urls"]
    assert isinstance(urls, dict)
    result: dict[str, object] = {}
    for key, record in urls.items():
        assert isinstance(record.pop("fingerprint"), str)
        result[key.split(" ", 1)[1]] = record
    return result


# --- pure helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("https://news.example.com/world/some-article", "some-article"),
        ("https://news.example.com/world/some-article/", "some-article"),
        ("https://news.example.com/world/story.html", "story"),
        ("https://news.example.com/world/story.html?page=2#top", "story"),
        ("https://news.example.com/", "news.example.com"),
        ("https://news.example.com", "news.example.com"),
        ("https://news.example.com/world/caf%C3%A9s%20%26%20bars", "caf-C3-A9s-20-26-20bars"),
        ("pages/saved-page.html", "saved-page"),
    ],
)
def test_feed_name_defaults_to_the_last_path_segment(source: str, expected: str) -> None:
    assert feed_name(source, None) == expected


def test_feed_name_checks_a_given_name_and_needs_one_for_stdin() -> None:
    assert feed_name("https://news.example.com/a", "world") == "world"
    with pytest.raises(ConfigError, match="bad feed name"):
        feed_name("https://news.example.com/a", "../escape")
    with pytest.raises(ConfigError, match="--name"):
        feed_name("-", None)


@pytest.mark.parametrize(
    ("content_type", "override", "expected"),
    [
        ("text/html", None, Format.HTML),
        ("Text/HTML; charset=ISO-8859-1", None, Format.HTML),
        ("application/xhtml+xml", None, Format.HTML),
        ("text/plain; charset=utf-8", None, Format.TEXT),
        ("text/plain", Format.HTML, Format.HTML),
        ("text/html", Format.TEXT, Format.TEXT),
        ("application/octet-stream", None, None),
        (None, None, None),
    ],
)
def test_format_of_prefers_the_override_then_the_content_type(
    content_type: str | None, override: Format | None, expected: Format | None
) -> None:
    page_text = PageText(text="", url=None, content_type=content_type)
    assert format_of(page_text, override) is expected


# --- site URL and links ---------------------------------------------------------------------------


def test_site_url_is_the_fetched_origin_and_the_main_link_the_canonical_url(
    web: HTTPServer, tmp_path: Path
) -> None:
    url = serve_page(web)
    result = build(url, options(tmp_path), now=NOW)
    assert result.info is not None
    assert result.info.site_url == web.url_for("/")
    assert result.page is not None
    assert result.page.main is not None
    assert result.page.main.link == CANONICAL
    assert result.name == "night-trains"


def test_saved_file_site_url_comes_from_url_else_from_the_canonical_url(tmp_path: Path) -> None:
    given = build(
        str(OPENGRAPH), options(tmp_path, url="https://mirror.example.org/rail/x"), now=NOW
    )
    assert given.info is not None
    assert given.info.site_url == "https://mirror.example.org/"
    alone = build(str(OPENGRAPH), options(tmp_path), now=NOW)
    assert alone.info is not None
    assert alone.info.site_url == "https://railletter.example.net/"


def test_site_url_option_wins(web: HTTPServer, tmp_path: Path) -> None:
    url = serve_page(web)
    result = build(url, options(tmp_path, site_url="https://www.example.org/"), now=NOW)
    assert result.info is not None
    assert result.info.site_url == "https://www.example.org/"


# --- size cap -------------------------------------------------------------------------------------


def test_a_page_over_the_size_cap_fails_and_leaves_the_feeds_and_validators(
    web: HTTPServer, tmp_path: Path
) -> None:
    url = serve_page(web, ETag='"small"')
    build(url, options(tmp_path), now=NOW)
    before = feed_bytes(tmp_path, "night-trains")
    validators = stored_validators(tmp_path)
    web.clear()
    big = OPENGRAPH.read_bytes().replace(b"</article>", b"<p>More.</p>" * 200 + b"</article>")
    web.expect_request("/rail/night-trains").respond_with_data(
        big, content_type="text/html", headers={"ETag": '"big"'}
    )
    capped = LOCAL._replace(max_bytes=2_000)
    with pytest.raises(FetchError, match=r"too large .*2000 bytes") as caught:
        build(url, options(tmp_path, fetch=capped), now=NOW)
    assert url in str(caught.value)
    assert len(str(caught.value).splitlines()) == 1
    assert feed_bytes(tmp_path, "night-trains") == before
    assert (
        stored_validators(tmp_path)
        == validators
        == {url: {"etag": '"small"', "last_modified": None}}
    )
    # The same page under the default cap (10 MB) is fine.
    assert build(url, options(tmp_path), now=NOW).written


# --- conditional GET ------------------------------------------------------------------------------


def not_modified(web: HTTPServer, path: str = "/rail/night-trains") -> None:
    web.clear()
    web.expect_request(path, headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    serve_page(web, path, ETag='"v1"')  # what a request without the validator gets


def test_304_rebuilds_nothing(web: HTTPServer, tmp_path: Path) -> None:
    url = serve_page(web, ETag='"v1"')
    first = build(url, options(tmp_path), now=NOW)
    assert sorted(p.name for p in first.written) == [
        "feed.xsl",
        *(f"night-trains.{suffix}" for suffix in ("atom.xml", "feed.json", "html", "rss.xml")),
    ]
    assert stored_validators(tmp_path) == {url: {"etag": '"v1"', "last_modified": None}}
    not_modified(web)
    again = build(url, options(tmp_path), now=NOW)
    assert again == BuildResult(name="night-trains", page=None, not_modified=True)
    assert web.log[-1][1].status_code == 304


def test_deleted_feeds_are_rebuilt_although_the_page_did_not_change(
    web: HTTPServer, tmp_path: Path
) -> None:
    url = serve_page(web, ETag='"v1"')
    before = build(url, options(tmp_path), now=NOW)
    published = feed_bytes(tmp_path, "night-trains")
    before.written[0].unlink()
    not_modified(web)
    result = build(url, options(tmp_path), now=NOW)
    assert not result.not_modified
    assert "If-None-Match" not in web.log[-1][0].headers
    assert feed_bytes(tmp_path, "night-trains") == published


def test_a_second_feed_name_for_the_same_url_is_built(web: HTTPServer, tmp_path: Path) -> None:
    url = serve_page(web, ETag='"v1"')
    build(url, options(tmp_path), now=NOW)
    not_modified(web)
    other = build(url, options(tmp_path, name="rail"), now=NOW)
    assert not other.not_modified
    assert sorted(p.name for p in tmp_path.glob("*.xml")) == [
        "night-trains.atom.xml",
        "night-trains.rss.xml",
        "rail.atom.xml",
        "rail.rss.xml",
    ]
    # Now both are published: the next runs of either get the 304.
    assert build(url, options(tmp_path, name="rail"), now=NOW).not_modified
    assert build(url, options(tmp_path), now=NOW).not_modified


def test_redirected_page_keeps_its_validators_under_the_url_asked_for(
    web: HTTPServer, tmp_path: Path
) -> None:
    web.expect_request("/short").respond_with_data(
        "", status=302, headers={"Location": "/rail/night-trains"}
    )
    serve_page(web, ETag='"v1"')
    url = web.url_for("/short")
    result = build(url, options(tmp_path), now=NOW)
    assert result.name == "short"
    assert stored_validators(tmp_path) == {url: {"etag": '"v1"', "last_modified": None}}
    assert result.info is not None
    assert result.info.site_url == web.url_for("/")


def test_a_200_without_validators_forgets_the_old_ones(web: HTTPServer, tmp_path: Path) -> None:
    url = serve_page(web, ETag='"v1"')
    build(url, options(tmp_path), now=NOW)
    web.clear()
    changed = OPENGRAPH.read_bytes().replace(b"four nights", b"five nights")
    web.expect_request("/rail/night-trains").respond_with_data(changed, content_type="text/html")
    result = build(url, options(tmp_path), now=NOW)
    assert result.written
    assert stored_validators(tmp_path) == {}


def test_a_changed_setting_takes_effect_although_the_page_did_not_change(
    web: HTTPServer, tmp_path: Path
) -> None:
    url = serve_page(web, ETag='"v1"')
    build(url, options(tmp_path), now=NOW)
    not_modified(web)
    assert build(url, options(tmp_path), now=NOW).not_modified
    retitled = build(url, options(tmp_path, title="Night Trains Weekly"), now=NOW)
    assert not retitled.not_modified
    assert b"<title>Night Trains Weekly</title>" in feed_bytes(tmp_path, "night-trains")["rss"]
    assert build(url, options(tmp_path, title="Night Trains Weekly"), now=NOW).not_modified


@pytest.mark.parametrize("archive", [False, True])
def test_max_entries_holds_with_and_without_the_archive(tmp_path: Path, archive: bool) -> None:
    sample = ROOT / "examples" / "pages" / "world-briefing.txt"
    changes: dict[str, object] = {"max_entries": 2}
    if archive:
        changes["archive"] = tmp_path / "archive.sqlite"
    result = build(str(sample), options(tmp_path, **changes), now=NOW)
    assert result.entry_count == 2
    rss = feed_bytes(tmp_path, "world-briefing")["rss"]
    assert rss.count(b"<item>") == 2


def test_the_pages_html_lang_is_the_feed_language_unless_one_is_configured(tmp_path: Path) -> None:
    page = FIXTURES / "html" / "blog-sidebar.html"  # <html lang="es">
    found = build(str(page), options(tmp_path / "a"), now=NOW)
    assert found.info is not None
    assert found.info.language == "es"
    assert b"<language>es</language>" in (tmp_path / "a" / "blog-sidebar.rss.xml").read_bytes()
    configured = build(str(page), options(tmp_path / "b", language="pt-BR"), now=NOW)
    assert configured.info is not None
    assert configured.info.language == "pt-BR"


def test_a_malformed_html_lang_is_not_published(tmp_path: Path) -> None:
    page = tmp_path / "odd.html"
    text = (FIXTURES / "html" / "blog-sidebar.html").read_text(encoding="utf-8")
    page.write_text(text.replace('lang="es"', 'lang="spanish please"'), encoding="utf-8")
    result = build(str(page), options(tmp_path / "out"), now=NOW)
    assert result.info is not None
    assert result.info.language is None

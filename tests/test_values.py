"""pagefeed.values: the URL and language-tag checks shared by the config reader and the CLI."""

from __future__ import annotations

import pytest

from pagefeed.values import language_problem, url_problem

ABSOLUTE = "expected an absolute http(s) URL"
CLEAN = "expected a URL without spaces or control characters"
BASE = "expected a base URL without query or fragment"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "https://example.org",
        "http://example.org:8080/feeds/",
        "HTTPS://Example.ORG/Feeds/",
        "https://user@example.org/",
        "http://[::1]:8080/feeds/",
        "https://bücher.example/",
    ],
)
def test_urls_accepted_as_base_and_as_page(url: str) -> None:
    assert url_problem(url, base=True) is None
    assert url_problem(url, base=False) is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", ABSOLUTE),
        ("example.org/feeds/", ABSOLUTE),
        ("/feeds/", ABSOLUTE),
        ("ftp://example.org/", ABSOLUTE),
        ("file:///srv/feeds/", ABSOLUTE),
        ("javascript:alert(1)", ABSOLUTE),
        ("https:///feeds/", ABSOLUTE),
        ("https://:80/", ABSOLUTE),
        ("https://example.org:99999/", ABSOLUTE),  # port out of range
        ("https://example.org:port/", ABSOLUTE),
        ("https://[::1/", ABSOLUTE),
        ("https://exa mple.org/", CLEAN),
        ("https://example.org/a b", CLEAN),
        ("\thttps://example.org/", CLEAN),  # urlsplit would quietly drop the tab
        ("https://exa\nmple.org/", CLEAN),
        ("https://example.org/\x07", CLEAN),
        ("https://example.org/\x7f", CLEAN),
    ],
)
def test_urls_refused_everywhere(url: str, problem: str) -> None:
    assert url_problem(url, base=True) == problem
    assert url_problem(url, base=False) == problem


@pytest.mark.parametrize(
    "url", ["https://example.org/?page=2", "https://example.org/#top", "https://example.org/?"]
)
def test_query_or_fragment_only_refused_in_a_base_url(url: str) -> None:
    assert url_problem(url, base=False) is None
    expected = BASE if url != "https://example.org/?" else None  # an empty query is no query
    assert url_problem(url, base=True) == expected


@pytest.mark.parametrize("tag", ["en", "EN", "fra", "en-GB", "en-gb", "zh-Hant-TW", "de-CH-1901"])
def test_language_tags_accepted(tag: str) -> None:
    assert language_problem(tag) is None


@pytest.mark.parametrize(
    "tag", ["", "e", "english", "en_GB", "en-", "-GB", "en GB", "en-GB ", "12", "en-toolongsubtag"]
)
def test_language_tags_refused(tag: str) -> None:
    assert language_problem(tag) == 'expected a language tag such as "en" or "en-GB"'

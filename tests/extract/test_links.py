"""URLs found in HTML: absolute, http(s) only, sane hosts; the largest srcset candidate."""

from __future__ import annotations

import pytest

from pagefeed.extract.links import absolute, is_web_url, largest_in_srcset

BASE = "https://news.example.org/world/story"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg"),
        ("/img/b.jpg", "https://news.example.org/img/b.jpg"),
        ("c.jpg", "https://news.example.org/world/c.jpg"),
        ("//cdn.example.org/d.jpg", "https://cdn.example.org/d.jpg"),
        ("#top", None),
        ("javascript:alert(1)", None),
        ("data:image/png;base64,AAAA", None),
        ("mailto:desk@example.org", None),
        ("https://exa mple.com/story", None),
        ("https://example.com:99999/", None),
        ("", None),
        (None, None),
    ],
)
def test_absolute(href: str | None, expected: str | None) -> None:
    assert absolute(href, BASE) == expected


def test_relative_without_a_base_is_dropped() -> None:
    assert absolute("/img/b.jpg", None) is None


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.com/x", True),
        ("http://[::1]/a", True),
        ("http://bücher.example/", True),
        ("ftp://example.com/", False),
        ("https://exa<mple.com/", False),
        ("https:///nohost", False),
    ],
)
def test_is_web_url(url: str, ok: bool) -> None:
    assert is_web_url(url) is ok


def test_largest_srcset_candidate() -> None:
    srcset = "small.jpg 320w, medium.jpg 640w, large,v2.jpg 1280w, tiny.jpg 2x"
    assert largest_in_srcset(srcset) == "large,v2.jpg"
    assert largest_in_srcset("a.jpg 1x, b.jpg 3x") == "b.jpg"


def test_srcset_candidates_are_split_at_any_whitespace_and_commas() -> None:
    from pagefeed.extract.links import _srcset_candidates

    srcset = ",, a.jpg\t1x,\n b,c.jpg\u2003640w , d.jpg, e.jpg 2x"
    assert _srcset_candidates(srcset) == [
        ("a.jpg", "\t1x"),
        ("b,c.jpg", "\u2003640w "),  # a URL may hold a comma; an em space ends it
        ("d.jpg", ""),  # a URL ending in a comma has no descriptor
        ("e.jpg", " 2x"),
    ]
    assert _srcset_candidates(" \n,") == []


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("https://a.example.com/p\x01q", None, "https://a.example.com/p%01q"),
        ("/x\x02y", "https://a.example.com/", "https://a.example.com/x%02y"),
        ("\x01 https://a.example.com/", None, "https://a.example.com/"),  # leading C0: stripped
        (
            "java\x01script:alert(1)",
            "https://a.example.com/",
            "https://a.example.com/java%01script:alert(1)",
        ),
    ],
)
def test_control_characters_never_survive(href: str, base: str | None, expected: str) -> None:
    assert absolute(href, base) == expected

"""pagefeed.extract.match: where a profile or recipe applies (hosts, page signatures), and the
refusals of bad match data with a dotted key path."""

from __future__ import annotations

import pytest

from pagefeed.errors import ConfigError
from pagefeed.extract.match import Match, Signature, page_marks, parse_match

SITE = Match(hosts=("example.org",))


@pytest.mark.parametrize(
    ("url", "holds"),
    [
        ("https://example.org/a", True),
        ("https://www.example.org/a", True),
        ("http://news.Example.ORG./a", True),  # case and a trailing dot do not matter
        ("https://badexample.org/a", False),  # a longer name is another site
        ("https://example.org.evil.net/a", False),
        ("https://example.com/a", False),
        ("not a url", False),
    ],
)
def test_hosts_match_the_host_and_its_subdomains(url: str, holds: bool) -> None:
    assert SITE.holds(page_marks([url], {})) is holds


def test_any_of_the_page_urls_can_match() -> None:
    marks = page_marks([None, "https://mirror.example.net/x", "https://www.example.org/x"], {})
    assert SITE.holds(marks)
    assert marks.hosts == frozenset({"mirror.example.net", "www.example.org"})


@pytest.mark.parametrize(
    ("signature", "metas", "holds"),
    [
        (Signature("generator", contains="wordpress"), {"generator": "WordPress 5.3"}, True),
        (Signature("generator", contains="wordpress"), {"generator": "Blogger"}, False),
        (Signature("generator", contains="wordpress"), {}, False),
        (
            Signature("og:site_name", equals="coastal times"),
            {"og:site_name": " Coastal Times "},
            True,
        ),
        (
            Signature("og:site_name", equals="coastal times"),
            {"og:site_name": "Coastal Times+"},
            False,
        ),
    ],
)
def test_signatures_read_meta_content(
    signature: Signature, metas: dict[str, str], holds: bool
) -> None:
    assert Match(signatures=(signature,)).holds(page_marks([], metas)) is holds


def test_an_empty_match_never_holds() -> None:
    assert not Match().holds(page_marks(["https://example.org/"], {"generator": "x"}))


def test_parse_match_reads_the_data_format() -> None:
    data = {
        "hosts": ["Example.org", "news.example.net."],
        "signature": [{"meta": "Generator", "contains": "WordPress"}, {"meta": "x", "equals": "y"}],
    }
    assert parse_match(data) == Match(
        hosts=("example.org", "news.example.net"),
        signatures=(Signature("generator", contains="WordPress"), Signature("x", equals="y")),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("example.org", "feeds[2].recipe.match: must be a table"),
        ({}, "feeds[2].recipe.match: needs at least one host or signature"),
        ({"host": ["a.org"]}, "feeds[2].recipe.match.host: unknown key"),
        ({"hosts": "a.org"}, "feeds[2].recipe.match.hosts: must be a list"),
        ({"hosts": ["a.org", "https://b.org/"]}, "feeds[2].recipe.match.hosts[1]: "),
        ({"hosts": [3]}, "feeds[2].recipe.match.hosts[0]: 3 is not a host name"),
        ({"signature": ["generator"]}, "feeds[2].recipe.match.signature[0]: must be a table"),
        ({"signature": [{"contains": "x"}]}, "match.signature[0].meta: must be a meta name"),
        ({"signature": [{"meta": "g"}]}, "match.signature[0]: needs exactly one of"),
        (
            {"signature": [{"meta": "g", "contains": "a", "equals": "b"}]},
            "match.signature[0]: needs exactly one of",
        ),
        ({"signature": [{"meta": "g", "contains": " "}]}, "signature[0].contains: must be a non"),
        ({"signature": [{"meta": "g", "regex": "a"}]}, "signature[0].regex: unknown key"),
    ],
)
def test_parse_match_refuses_bad_data_with_a_dotted_path(data: object, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_match(data, where="feeds[2].recipe.match")
    assert message in str(caught.value)

"""The conformance checker catches what it claims: each rule on a feed broken on purpose."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from test_feed import INFO, sample_feed

from pagefeed.model import FeedFormat
from pagefeed.publish.feed import render
from pagefeed.publish.feedcheck import canonical_uri, check_feed

RSS_URL = INFO.url_for(FeedFormat.RSS)
ATOM_URL = INFO.url_for(FeedFormat.ATOM)
FIRST_ITEM = b"<item>"
UUID_1 = b"urn:uuid:0f6d1c52-8d1e-4d3a-9a43-5b7c1e2d9f01"
UUID_2 = b"urn:uuid:4b1d7a0e-33c2-4f8e-b2d6-0c9e8a7f6e02"
ALT = b'rel="alternate" type="text/html"/>'
SITE = b'<link href="https://news.example.org/" ' + ALT


def clean(fmt: FeedFormat) -> bytes:
    return render(sample_feed(), fmt)


def names(problems: list[str]) -> set[str]:
    return {problem.split(":", 1)[0] for problem in problems}


def test_clean_feeds_have_no_problems() -> None:
    assert check_feed(clean(FeedFormat.RSS), fmt="rss", feed_url=RSS_URL) == []
    assert check_feed(clean(FeedFormat.ATOM), fmt="atom", feed_url=ATOM_URL) == []


# (what to replace (first occurrence), by what, the message the checker must give)
RSS_BREAKS = [
    (re.compile(rb"<guid[^<]*</guid>"), b"", "MissingGuid"),
    (b"<title>Ferry", b"<title>&lt;b&gt;Ferry&lt;/b&gt;", "ContainsHTML"),
    (b"<title>Ferry", b"<title>Ferry &amp;amp; boat", "ContainsHTML"),
    (b"<title>Ferry", b"<title>a &lt;b boat", "CharacterData"),
    (b"Thu, 15 Jan 2026 12:00:00 +0000", b"2026-01-15T12:00:00Z", "InvalidRFC2822Date"),
    (b"Thu, 15 Jan 2026 12:00:00 +0000", b"Fri, 15 Jan 2026 12:00:00 +0000", "IncorrectDOW"),
    (b"Thu, 15 Jan 2026 12:00:00 +0000", b"Thu, 15 Jan 1987 12:00:00 +0000", "ImplausibleDate"),
    (b'rel="self"', b'rel="selfish"', "MissingAtomSelfLink"),
    (
        b"feeds.example.org/harbour.rss.xml",
        b"feeds.example.org/other.xml",
        "SelfDoesntMatchLocation",
    ),
    (b"application/rss+xml", b"text/html", "SelfNotAtom"),
    (b'src="https://img.example.org/', b'src="/img/', "ContainsRelRef"),
    (b"&lt;figure&gt;", b"&lt;figure&gt;a &amp;amp b", "NotHtml"),
    (b"&lt;figure&gt;", b"&lt;figure&gt;&lt;p&gt;", "NotHtml"),
    (b"&lt;figure&gt;", b"&lt;figure&gt;&lt;script&gt;x&lt;/script&gt;", "SecurityRisk"),
    (b"&lt;figure&gt;", b'&lt;figure onclick="x"&gt;', "SecurityRiskAttr"),
    (
        b"<link>https://news.example.org/2026",
        b"<link>https://news example.org/2026",
        "InvalidURIChar",
    ),
    (b'role="photographer"', b'role="Photographer"', "InvalidCreditRole"),
    (b'role="photographer"', b'role="snapper"', "InvalidCreditRole"),
    (
        re.compile(rb"(<media:content [^>]*/>)"),
        rb"<media:group>\1</media:group>",
        "MediaGroupWithoutAlternatives",
    ),
    (b'medium="image"', b'medium="picture"', "InvalidMediaMedium"),
    (
        b"<dc:creator>",
        b'<media:description type="text">x</media:description><dc:creator>',
        "InvalidMediaTextType",
    ),
    (b"<dc:creator>", b"<author>Mara</author><dc:creator>", "InvalidContact"),
    (
        b"<dc:creator>",
        b"<author>m@example.org (Mara)</author><dc:creator>",
        "DuplicateItemSemantics",
    ),
    (b"Mara Quist</dc:creator>", "Mara \u0085Quist</dc:creator>".encode(), "BadCharacters"),
    (b"Mara Quist</dc:creator>", b"Mara &#x85;Quist</dc:creator>", "BadCharacters"),
    (b'medium="image"', b'medium="image&#65533;"', "BadCharacters"),
    (re.compile(rb"<description>The old[^<]*</description>"), b"", "NeedDescriptionBeforeContent"),
    (b"<docs>", b"<foo>x</foo><docs>", "UndefinedElement"),
    (FIRST_ITEM, b"<item><title>two</title>", "DuplicateElement"),
    (UUID_2, UUID_1, "DuplicateValue"),
    (b'isPermaLink="false">urn', b'isPermaLink="true">urn', "InvalidPermalink"),
    (b"</channel>", b"", "NotWellFormed"),
]

ATOM_BREAKS = [
    (b'rel="self"', b'rel="selfish"', "UnregisteredAtomLinkRel"),
    (b'rel="self"', b'rel="related"', "MissingSelf"),
    (
        b'feeds.example.org/harbour.atom.xml" rel',
        b'feeds.example.org/x.xml" rel',
        "SelfDoesntMatchLocation",
    ),
    (
        ALT + b"\n    <summary",
        ALT + b'<link href="https://x.example.org/" ' + ALT + b"\n    <summary",
        "DuplicateAtomLink",
    ),
    (SITE + b"\n  <gen", SITE + SITE.replace(b"news.", b"b.") + b"\n  <gen", "DuplicateAtomLink"),
    (
        b"<updated>2026-01-15T11:59:00+00:00",
        b"<updated>2026-01-15T12:00:00+00:00",
        "DuplicateUpdated",
    ),
    (b"<updated>2026-01-15T11:59:00+00:00", b"<updated>2026-01-15 11:59:00", "InvalidRFC3339Date"),
    (
        b"<published>2026-01-15T12:00:00+00:00",
        b"<published>2026-02-30T12:00:00+00:00",
        "InvalidRFC3339Date",
    ),
    (b"<title>Ferry", b"<title>&lt;/p&gt;Ferry", "ContainsHTML"),
    (b'<summary type="text">The old', b'<summary type="text">The &amp;copy; old', "ContainsHTML"),
    (b"<author>\n    <name>Harbour Town Gazette</name>\n  </author>", b"", "MissingElement"),
    (
        b"<id>https://news.example.org/2026",
        b"<id>HTTPS://news.example.org:443/2026",
        "NonCanonicalURI",
    ),
    (b"<id>urn:uuid:0f6d1c52", b"<id>urn:uuid:0f6d1c52zz", "InvalidUUID"),
    (UUID_2, UUID_1, "DuplicateEntries"),
    (
        b'<content type="html">&lt;figure&gt;',
        b'<content type="html">&lt;figure&gt;&lt;a href="x.html"&gt;x&lt;/a&gt;',
        "ContainsRelRef",
    ),
    (b'<content type="html">', b'<content type="text/html">', "InvalidTextType"),
    (b'scheme="urn:ebu"', b'scheme="not a uri"', "InvalidURIChar"),
]


def _break(data: bytes, old: bytes | re.Pattern[bytes], new: bytes) -> bytes:
    if isinstance(old, re.Pattern):
        broken = old.sub(new, data, count=1)
        assert broken != data, f"{old.pattern!r} not in the clean feed"
        return broken
    assert old in data, f"{old!r} not in the clean feed"
    return data.replace(old, new, 1)


@pytest.mark.parametrize(("old", "new", "message"), RSS_BREAKS)
def test_checker_catches_rss_problem(
    old: bytes | re.Pattern[bytes], new: bytes, message: str
) -> None:
    found = check_feed(_break(clean(FeedFormat.RSS), old, new), fmt="rss", feed_url=RSS_URL)
    assert message in names(found), found


@pytest.mark.parametrize(("old", "new", "message"), ATOM_BREAKS)
def test_checker_catches_atom_problem(
    old: bytes | re.Pattern[bytes], new: bytes, message: str
) -> None:
    data = _break(clean(FeedFormat.ATOM), old, new)
    found = check_feed(data, fmt="atom", feed_url=ATOM_URL)
    assert message in names(found), found


def test_checker_flags_future_dates_only_with_now() -> None:
    data = clean(FeedFormat.ATOM)
    assert check_feed(data, fmt="atom", feed_url=ATOM_URL) == []
    early = datetime(2025, 1, 1, tzinfo=UTC)
    assert "ImplausibleDate" in names(check_feed(data, fmt="atom", feed_url=ATOM_URL, now=early))


def test_feedgen_defaults_draw_problems() -> None:
    """What the checker is for: feedgen's own defaults are caught."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id("https://feeds.example.org/x.atom.xml")
    fg.title("Defaults")
    fg.link(href="https://news.example.org/")
    fg.description("feedgen left to itself")
    entry = fg.add_entry()
    entry.id("https://news.example.org/a")
    entry.title("A")
    entry.content("<p>body</p>")
    entry.link(href="https://news.example.org/a")
    entry.enclosure("https://img.example.org/a.jpg", 0, "image/jpeg")
    found = names(check_feed(fg.atom_str(), fmt="atom", feed_url="https://feeds.example.org/x"))
    assert {"MissingSelf", "DuplicateAtomLink", "MissingElement", "ContainsHTML"} <= found


@pytest.mark.parametrize(
    ("uri", "canonical"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTPS://Example.ORG:443/a", "https://example.org/a"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/a/./b/../c", "https://example.org/a/c"),
        ("https://example.org/%7euser", "https://example.org/~user"),
        (UUID_1.decode(), UUID_1.decode()),
    ],
)
def test_canonical_uri(uri: str, canonical: str) -> None:
    assert canonical_uri(uri) == canonical


@pytest.mark.parametrize(
    "value",
    [
        "Thu, 15 Jan 2026 12:00:00 +0000",
        "15 Jan 2026 12:00 GMT",
        "5 Feb 2026 23:59:59 -0930",
        "Sat, 31 Jan 2026 01:02:03 0530",
        "1 Mar 2026 00:00:00 -0000",
        "2 Apr 2026 07:08:09 PDT",
        "3 May 2026 10:11:12 EST",
        "4 Jun 2026 10:11:12 Z",
        "30 Feb 2026 12:00:00 +0000",
        "15 Jan 2026 24:00:00 +0000",
        "15 Jan 2026 12:60:00 UT",
    ],
)
def test_rss_dates_are_read_as_the_email_date_parser_reads_them(value: str) -> None:
    """The checker reads RFC 822 dates itself (``email`` costs every build ~10 ms to import)."""
    from email.utils import parsedate_to_datetime

    from pagefeed.publish.feedcheck import _RFC2822, rfc822_datetime

    shape = _RFC2822.match(value)
    assert shape is not None
    try:
        expected: datetime | None = parsedate_to_datetime(value)
    except ValueError:
        expected = None
    try:
        found: datetime | None = rfc822_datetime(shape)
    except ValueError:
        found = None
    assert found == expected
    assert (found and found.utcoffset()) == (expected and expected.utcoffset())


def test_bad_characters_are_found_in_a_document_in_another_encoding() -> None:
    """The quick look for BadCharacters reads UTF-8 only; any other encoding is read in full."""
    data = clean(FeedFormat.RSS).replace(b"encoding='UTF-8'", b"encoding='ISO-8859-1'", 1)
    # An em dash in UTF-8 (E2 80 94): read as ISO-8859-1, U+0080 and U+0094 are in the text.
    data = data.replace(b"Mara Quist", "Mara \u2014 Quist".encode(), 1)
    assert "BadCharacters" in names(check_feed(data, fmt="rss", feed_url=RSS_URL))

"""Real readers read our feeds: feedparser, lemon24's ``reader`` library and newsboat.

All three get the same feeds and must show what a subscriber expects: the titles, dates and
ids we wrote, the story's summary (never the photo caption, which feedparser once took from
``media:description``), the caption and credit in the content, the author, and no duplicate
entry after a rerun in which a teaser's summary was edited.
"""

from __future__ import annotations

import calendar
import html
import shutil
import sqlite3
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from test_feed import MAIN, TEASERS, sample_feed

from conftest import FIXTURES
from pagefeed.cli import cli
from pagefeed.model import FeedFormat, Story
from pagefeed.publish.feed import Feed, render

STORIES = (MAIN, *TEASERS)
RUN_PAGES = FIXTURES / "runs"
JOINER = "\u2060"  # the word joiner our plain-text policy puts after a markup-like "<" or "&"


@dataclass(frozen=True)
class Seen:
    """One entry as a reader shows it."""

    id: str
    title: str
    published: int  # Unix seconds
    summary: str  # plain text
    content: str  # HTML
    author: str | None


def expected_link(feed: Feed, index: int) -> str:
    """Our link policy: the story's own link, else the feed's site."""
    story = feed.entries[index].story
    link = story.link if story.link and story.link.startswith("https://") else None
    return link or feed.info.site_url


def plain(value: str) -> str:
    """A reader's summary as the text a person reads."""
    return html.unescape(value).replace(JOINER, "")


def read_feedparser(path: Path) -> list[Seen]:
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0
    return [
        Seen(
            id=e.id,
            title=e.title,
            published=calendar.timegm(e.published_parsed),
            summary=plain(e.summary),
            content=e.content[0].value,
            author=e.get("author"),
        )
        for e in parsed.entries
    ]


def read_reader(path: Path, home: Path) -> list[Seen]:
    from reader import make_reader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        reader = make_reader(str(home / "reader.sqlite"), feed_root="")
        try:
            url = path.as_uri()
            if reader.get_feed(url, None) is None:
                reader.add_feed(url)
            reader.update_feed(url)  # now, not when the feed is next scheduled
            feed = reader.get_feed(url)
            assert feed.last_exception is None, feed.last_exception
            entries = sorted(reader.get_entries(feed=url), key=lambda e: (e.added, e.last_updated))
            return [
                Seen(
                    id=e.id,
                    title=e.title or "",
                    published=int(e.published.timestamp()) if e.published else 0,
                    summary=plain(e.summary or ""),
                    content=e.content[0].value if e.content else "",
                    author=e.author,
                )
                for e in entries
            ]
        finally:
            reader.close()


def read_newsboat(path: Path, home: Path) -> list[Seen]:
    """``newsboat -x reload`` on a file:// URL, keeping its cache in ``home``; its rows."""
    newsboat = shutil.which("newsboat")
    if newsboat is None:
        pytest.skip("newsboat is not installed (make test installs it from Debian as root)")
    urls, config, cache = home / "urls", home / "config", home / "cache.db"
    urls.write_text(path.as_uri() + "\n", encoding="utf-8")
    config.write_text("", encoding="utf-8")
    command = [newsboat, "-x", "reload", "-u", str(urls), "-c", str(cache), "-C", str(config)]
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    subprocess.run(command, check=True, capture_output=True, timeout=60, env=env, cwd=home)
    # newsboat -x reload exits 0 even when the feed failed: the cache rows are the evidence.
    with sqlite3.connect(cache) as db:
        rows = db.execute(
            "SELECT guid, title, pubDate, content, author FROM rss_item ORDER BY id"
        ).fetchall()
    # newsboat shows the content (content:encoded, Atom content), not a separate summary.
    return [Seen(g, t, d, "", c, a or None) for g, t, d, c, a in rows]


READERS = ("feedparser", "reader", "newsboat")


def read(client: str, path: Path, home: Path) -> list[Seen]:
    home.mkdir(exist_ok=True)
    if client == "feedparser":
        return read_feedparser(path)
    if client == "reader":
        return read_reader(path, home)
    return read_newsboat(path, home)


def summary_of(story: Story) -> str:
    return story.summary or (story.body[0] if story.body else "")


@pytest.mark.parametrize("client", READERS)
@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_readers_show_titles_dates_summaries_captions_credits_and_authors(
    tmp_path: Path, client: str, fmt: FeedFormat
) -> None:
    feed = sample_feed()
    path = tmp_path / f"harbour.{fmt.value}.xml"
    path.write_bytes(render(feed, fmt))
    seen = {s.id: s for s in read(client, path, tmp_path / "home")}
    assert sorted(seen) == sorted(s.id for s in STORIES)  # (newsboat keeps its own order)
    for entry in feed.entries:
        story, shown = entry.story, seen[entry.story.id]
        assert (shown.title, shown.published) == (story.title, int(entry.published.timestamp()))
        if client != "newsboat":  # newsboat has no summary of its own: it shows the content
            assert shown.summary == summary_of(story)
        image = story.image
        if image is not None:
            for text in (image.caption, image.credit):
                assert not text or html.escape(text, quote=False) in shown.content
                assert not text or text not in shown.summary
    first = seen[MAIN.id]
    assert first.author == MAIN.author
    assert "<figcaption>" in first.content
    # The picture is on its own line, so text readers do not glue "[image 1]" to the caption.
    assert '"><br><figcaption>' in first.content or "<br /><figcaption>" in first.content


def test_feedparser_reads_links_and_media_metadata() -> None:
    for fmt in FeedFormat:
        feed = sample_feed()
        parsed = feedparser.parse(render(feed, fmt))
        assert parsed.feed.title == feed.info.title
        assert [e.link for e in parsed.entries] == [
            expected_link(feed, i) for i in range(len(STORIES))
        ]
        first = parsed.entries[0]
        assert MAIN.image is not None
        assert first.media_credit[0]["content"] == MAIN.image.credit
        assert first.media_credit[0]["role"] == "photographer"
        assert first.media_content[0]["url"] == MAIN.image.url


def run_pages(site: Path, pages: list[str], now: list[str]) -> None:
    """``pagefeed run`` over a config of one archived feed, once per page."""
    (site / "pages").mkdir(parents=True, exist_ok=True)
    config = site / "pagefeed.toml"
    config.write_text(
        'out = "public"\nfeed_url = "https://feeds.example.org/"\n\n'
        '[[feeds]]\nname = "harbour"\nsource = "pages/harbour.txt"\ntitle = "Harbour news"\n',
        encoding="utf-8",
    )
    for page, when in zip(pages, now, strict=True):
        shutil.copyfile(RUN_PAGES / page, site / "pages" / "harbour.txt")
        result = CliRunner().invoke(cli, ["run", "--config", str(config), "--now", when])
        assert (result.exit_code, result.output) == (0, "")


@pytest.mark.parametrize("client", READERS)
@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_no_reader_sees_a_duplicate_after_a_rerun_with_an_edited_teaser(
    tmp_path: Path, client: str, fmt: FeedFormat
) -> None:
    site, home = tmp_path / "site", tmp_path / "home"
    path = site / "public" / f"harbour.{fmt.value}.xml"
    run_pages(site, ["harbour-2.txt"], ["2026-02-11T08:00:00Z"])
    before = read(client, path, home)
    run_pages(site, ["harbour-3.txt"], ["2026-02-12T08:00:00Z"])
    after = read(client, path, home)
    assert len(before) == 4  # the main story and three teasers
    assert sorted(s.id for s in after) == sorted(s.id for s in before)  # no new item
    assert {s.id: s.published for s in after} == {s.id: s.published for s in before}
    [edited] = [s for s in after if "since records began" in s.content]
    assert "recods" not in edited.content
    if client != "newsboat":
        assert "since records began" in edited.summary

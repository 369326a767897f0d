"""Real readers read our feeds: feedparser (titles, links, dates, captions) and newsboat."""

from __future__ import annotations

import calendar
import shutil
import sqlite3
import subprocess
from pathlib import Path

import feedparser
import pytest
from test_feed import MAIN, TEASERS, sample_feed

from pagefeed.model import FeedFormat
from pagefeed.publish.feed import Feed, render

STORIES = (MAIN, *TEASERS)


def expected_link(feed: Feed, index: int) -> str:
    """Our link policy: the story's own link, else the feed's site."""
    story = feed.entries[index].story
    link = story.link if story.link and story.link.startswith("https://") else None
    return link or feed.info.site_url


@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_feedparser_reads_titles_links_dates_and_captions(fmt: FeedFormat) -> None:
    feed = sample_feed()
    parsed = feedparser.parse(render(feed, fmt))
    assert parsed.bozo == 0
    assert parsed.feed.title == feed.info.title
    assert [e.title for e in parsed.entries] == [s.title for s in STORIES]
    assert [e.link for e in parsed.entries] == [expected_link(feed, i) for i in range(len(STORIES))]
    assert [e.id for e in parsed.entries] == [s.id for s in STORIES]
    published = [calendar.timegm(e.published_parsed) for e in parsed.entries]
    assert published == [int(e.published.timestamp()) for e in feed.entries]
    first = parsed.entries[0]
    html = first.content[0].value
    assert "<figcaption>" in html
    assert MAIN.image is not None
    assert MAIN.image.caption in html
    assert MAIN.image.credit in html
    assert first.media_credit[0]["content"] == MAIN.image.credit
    assert first.media_credit[0]["role"] == "photographer"
    assert first.media_content[0]["url"] == MAIN.image.url
    assert first.author == MAIN.author


def newsboat_rows(tmp_path: Path, data: bytes, fmt: FeedFormat) -> list[tuple[str, str, int]]:
    """Run ``newsboat -x reload`` on ``data`` from a file:// URL; its cache rows."""
    newsboat = shutil.which("newsboat")
    if newsboat is None:
        pytest.skip("newsboat is not installed (make test installs it from Debian as root)")
    feed_file = tmp_path / f"feed.{fmt.value}.xml"
    feed_file.write_bytes(data)
    urls = tmp_path / "urls"
    urls.write_text(feed_file.as_uri() + "\n", encoding="utf-8")
    config = tmp_path / "config"
    config.write_text("", encoding="utf-8")
    cache = tmp_path / "cache.db"
    command = [newsboat, "-x", "reload", "-u", str(urls), "-c", str(cache), "-C", str(config)]
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    subprocess.run(command, check=True, capture_output=True, timeout=60, env=env, cwd=tmp_path)
    # newsboat -x reload exits 0 even when the feed failed: the cache rows are the evidence.
    with sqlite3.connect(cache) as db:
        return db.execute(
            "SELECT guid, title, pubDate FROM rss_item ORDER BY pubDate DESC"
        ).fetchall()


@pytest.mark.newsboat
@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_newsboat_reads_titles_dates_and_guids(tmp_path: Path, fmt: FeedFormat) -> None:
    feed = sample_feed()
    rows = newsboat_rows(tmp_path, render(feed, fmt), fmt)
    assert rows == [
        (entry.story.id, entry.story.title, int(entry.published.timestamp()))
        for entry in feed.entries
    ]

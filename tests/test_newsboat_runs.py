"""A real reader over time: newsboat follows one archived feed across runs where the page changes.

Run 1 shows the main story and three teasers; run 2 adds a teaser (lanterns) and the ferry
teaser rotates off the page; run 3 fixes a typo in the hay teaser's summary. newsboat reads the
Atom feed, and separately the RSS feed, from a ``file://`` URL, keeping one cache across runs;
between runs every item is marked read, as a reader would. ``newsboat -x reload`` exits 0 even
when a feed fails, so everything is asserted on its cache rows.

What newsboat 2.21 does with the edited entry (observed, and asserted below): it keeps the row,
guid, date (Atom ``published``, not the new ``updated``) and read state, and replaces the title
and text in place. It marks the entry unread again only when the user lists the feed in
``reset-unread-on-update``; then exactly the edited entry comes back unread, never one whose
text did not change.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from pagefeed.cli import cli
from pagefeed.model import FeedFormat

PAGES = Path(__file__).resolve().parent / "fixtures" / "runs"
FEED_URL = "https://feeds.example.org/"
RUNS = (
    ("harbour-1.txt", "2026-02-10T08:00:00Z"),
    ("harbour-2.txt", "2026-02-11T08:00:00Z"),
    ("harbour-3.txt", "2026-02-12T08:00:00Z"),
)
FERRY = "A ferry leaves the terminal at Kell Point"
LANTERNS = "Lanterns float on the river in Selwyn"
HAY = "Farmers load hay onto a trailer near Dunmore"
# Publication dates (Unix seconds): the dates in the captions, never the runs' times.
DATES = {
    "Fishing boats shelter": 1769990400,  # 2026-02-02
    FERRY: 1740960000,  # 2025-03-03
    HAY: 1768867200,  # 2026-01-20
    "Runners cross the old bridge": 1769299200,  # 2026-01-25
    LANTERNS: 1770336000,  # 2026-02-06
}

pytestmark = pytest.mark.newsboat


@dataclass(frozen=True)
class Item:
    """One row of newsboat's ``rss_item`` table."""

    guid: str
    title: str
    pub_date: int
    unread: int
    content: str


@dataclass
class Reader:
    """newsboat with its own urls file, config and cache, subscribed to one feed file."""

    home: Path
    feed: Path
    config: str = ""

    def reload(self) -> list[Item]:
        newsboat = shutil.which("newsboat")
        assert newsboat is not None
        urls, config = self.home / "urls", self.home / "config"
        urls.write_text(self.feed.as_uri() + "\n", encoding="utf-8")
        config.write_text(self.config, encoding="utf-8")
        command = [
            newsboat,
            "-x",
            "reload",
            "-u",
            str(urls),
            "-c",
            str(self.cache),
            "-C",
            str(config),
        ]
        env = {"HOME": str(self.home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        subprocess.run(command, check=True, capture_output=True, timeout=60, env=env, cwd=self.home)
        return self.items()

    @property
    def cache(self) -> Path:
        return self.home / "cache.db"

    def items(self) -> list[Item]:
        with sqlite3.connect(self.cache) as db:
            rows = db.execute(
                "SELECT guid, title, pubDate, unread, content FROM rss_item ORDER BY id"
            ).fetchall()
        return [Item(*row) for row in rows]

    def mark_all_read(self) -> None:
        with sqlite3.connect(self.cache) as db:
            db.execute("UPDATE rss_item SET unread = 0")


def by_caption(items: list[Item], caption: str) -> Item:
    [item] = [item for item in items if caption in item.content]
    return item


@pytest.fixture
def newsboat_home(tmp_path: Path) -> Path:
    if shutil.which("newsboat") is None:
        pytest.skip("newsboat is not installed (make test installs Debian's newsboat as root)")
    home = tmp_path / "home"
    home.mkdir()
    return home


@pytest.mark.parametrize("reset_unread", [False, True], ids=["default", "reset-unread-on-update"])
@pytest.mark.parametrize("fmt", list(FeedFormat))
def test_newsboat_sees_a_stable_growing_feed(
    tmp_path: Path, newsboat_home: Path, fmt: FeedFormat, reset_unread: bool
) -> None:
    site = tmp_path / "site"
    (site / "pages").mkdir(parents=True)
    config = site / "pagefeed.toml"
    config.write_text(
        f'out = "public"\nfeed_url = "{FEED_URL}"\n\n'
        '[[feeds]]\nname = "harbour"\nsource = "pages/harbour.txt"\ntitle = "Harbour news"\n',
        encoding="utf-8",
    )
    feed = site / "public" / f"harbour.{fmt.value}.xml"
    option = f'reset-unread-on-update "{feed.as_uri()}"\n' if reset_unread else ""
    reader = Reader(newsboat_home, feed, option)
    seen: list[list[Item]] = []
    for number, (page, now) in enumerate(RUNS, start=1):
        shutil.copyfile(PAGES / page, site / "pages" / "harbour.txt")
        result = CliRunner().invoke(cli, ["run", "--config", str(config), "--now", now])
        assert (result.exit_code, result.output) == (0, ""), f"run {number}"
        if seen:
            reader.mark_all_read()
        seen.append(reader.reload())

    first, second, third = seen
    for items in seen:  # one row per story, never a duplicate
        assert len({item.guid for item in items}) == len(items)
    assert len(first) == 4
    assert len(second) == len(third) == 5
    # Every story keeps its row, guid and date; the ferry rotated off the page but not away.
    guids = {item.guid: item.pub_date for item in first}
    for items in (second, third):
        assert {i.guid: i.pub_date for i in items if i.guid in guids} == guids
    ferry = by_caption(third, FERRY)
    assert ferry.guid in reader.feed.read_text(encoding="utf-8")
    assert {caption: by_caption(third, caption).pub_date for caption in DATES} == DATES
    # Only the new teaser is unread after run 2. After run 3 nothing is, unless the reader asked
    # for updated entries to come back: then exactly the edited one does.
    assert [item.guid for item in second if item.unread] == [by_caption(second, LANTERNS).guid]
    edited = [by_caption(third, HAY).guid] if reset_unread else []
    assert [item.guid for item in third if item.unread] == edited
    # The typo fix: same row and date, new text.
    hay_before, hay_after = by_caption(second, HAY), by_caption(third, HAY)
    assert (hay_after.guid, hay_after.pub_date) == (hay_before.guid, hay_before.pub_date)
    assert "since recods began" in hay_before.content
    assert "since records began" in hay_after.content
    assert "recods" not in hay_after.title

"""The benchmark's baselines stay honest: the lxml writers build the very bytes pagefeed renders.

(No timing here: the benchmark measures speed, tests only check it compares like with like.)
"""

from __future__ import annotations

import sys

from conftest import ROOT
from pagefeed.model import FeedFormat, FeedInfo
from pagefeed.publish.feed import build_feed, render

sys.path.insert(0, str(ROOT / "bench"))

from baselines import lxml_atom, lxml_rss, synthetic_entries


def test_lxml_baselines_write_the_same_documents() -> None:
    info = FeedInfo(
        name="bench",
        title="Bench & <Co>",
        site_url="https://news.example.org/",
        feed_url="https://feeds.example.org/",
        language="en",
    )
    entries = synthetic_entries(25)
    feed = build_feed(info, entries, now=entries[0].updated)
    assert lxml_rss(feed) == render(feed, FeedFormat.RSS)
    assert lxml_atom(feed) == render(feed, FeedFormat.ATOM)

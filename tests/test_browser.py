"""A real browser: Debian's headless Chromium renders what pagefeed publishes, over HTTP.

The index, a feed's page and the raw RSS and Atom files are served by ``pagefeed serve``'s
server on 127.0.0.1 and loaded with ``chromium --dump-dom``; the tests assert on the text a
person sees. Screenshots go to ``screenshots/`` (gitignored) for a look by eye. Chromium
shows a feed served with its registered type (application/rss+xml, application/atom+xml) as
source text, so the per-feed page is what Chromium users get; served as application/xml, the
same file is turned into a page by feed.xsl. ``make test`` installs Chromium from Debian when
it runs as root; elsewhere these tests skip and say so. No browser is downloaded.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import lxml.html
import pytest
from lxml.html import HtmlElement

from conftest import ROOT
from localweb import serving
from pagefeed.cli_serve import CONTENT_TYPES
from pagefeed.config import load_config
from pagefeed.publish.runner import run_config

pytestmark = pytest.mark.chromium

SCREENSHOTS = ROOT / "screenshots"
NOW = datetime(2026, 1, 15, 12, tzinfo=UTC)
TITLE = "World Briefing (sample)"
MAIN = "Can the Amber River water pact survive Norvania's election?"
CAPTION = "walk along the Lissel dam in Lissel, Norvania, January 12, 2026."
CREDIT = "Sofia Brandt/Reuters"
XML_FOR_FEEDS = (
    (".rss.xml", "application/xml; charset=utf-8"),
    (".atom.xml", "application/xml; charset=utf-8"),
    *CONTENT_TYPES,
)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Debian's chromium is not installed (make test installs it when run as root)")
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    config = load_config(ROOT / "examples" / "pagefeed.toml")
    archive = out / ".pagefeed.sqlite"
    feeds = tuple(f._replace(out=out, archive=archive) for f in config.feeds)
    report = run_config(config._replace(out=out, archive=archive, feeds=feeds), now=NOW)
    assert not report.failed
    return out


@pytest.fixture(scope="module")
def site(built: Path) -> Iterator[str]:
    with serving(built) as base:
        yield base


@pytest.fixture(scope="module")
def xml_site(built: Path) -> Iterator[str]:
    with serving(built, types=XML_FOR_FEEDS) as base:
        yield base


def visible_text(url: str, shot: str, tmp_path: Path) -> str:
    """The page's text as Chromium renders it (scripts and styles left out); saves a shot."""
    browser = chromium()
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", url],
        capture_output=True,
        timeout=120,
        check=True,
        cwd=tmp_path,
        text=True,
    ).stdout
    SCREENSHOTS.mkdir(exist_ok=True)
    shot_flags = [f"--screenshot={SCREENSHOTS / shot}", "--window-size=412,1400"]
    subprocess.run(
        [browser, *flags, *shot_flags, url],
        capture_output=True,
        timeout=120,
        check=True,
        cwd=tmp_path,
    )
    document = cast(HtmlElement, lxml.html.document_fromstring(dom))
    for element in cast(list[HtmlElement], document.xpath("//style | //script | //head")):
        element.drop_tree()
    return " ".join(str(document.text_content()).split())


def test_the_index_shows_the_feeds_headlines_and_addresses(site: str, tmp_path: Path) -> None:
    text = visible_text(site, "index.png", tmp_path)
    assert TITLE in text
    assert MAIN in text
    assert "https://feeds.example.org/world-briefing.atom.xml" in text
    assert "OPML" in text


def test_a_feed_page_shows_titles_captions_and_credits(site: str, tmp_path: Path) -> None:
    text = visible_text(site + "world-briefing.html", "feed-page.png", tmp_path)
    assert TITLE in text
    assert MAIN in text
    assert CAPTION in text
    assert CREDIT in text
    assert "Subscribe" in text


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_a_raw_feed_with_its_own_type_shows_its_source(site: str, tmp_path: Path, fmt: str) -> None:
    text = visible_text(site + f"world-briefing.{fmt}.xml", f"raw-{fmt}.png", tmp_path)
    assert "<?xml-stylesheet" in text  # the source, as text
    assert MAIN in text


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_a_raw_feed_as_xml_is_shown_as_a_page_by_the_stylesheet(
    xml_site: str, tmp_path: Path, fmt: str
) -> None:
    text = visible_text(xml_site + f"world-briefing.{fmt}.xml", f"xsl-{fmt}.png", tmp_path)
    assert "<?xml" not in text  # transformed, not shown as source
    assert TITLE in text
    assert MAIN in text
    assert CAPTION in text
    assert CREDIT in text
    assert "Latest stories" in text

"""``make bench``: pagefeed's speed figures, each compared as a ratio with a baseline measured in
the same run on the same machine (absolute numbers vary between machines; ratios much less).

Sections: text parsing, HTML parsing against the bare BeautifulSoup floor, feed writing against
lxml.etree directly, the one-page build process against the bare feedgen+click import, and (when
their pieces are present) the HTML build against morss and `pagefeed run` over an archive.
"""

from __future__ import annotations

import argparse
import functools
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from baselines import lxml_atom, lxml_rss, synthetic_entries  # noqa: E402

SAMPLE = ROOT / "examples" / "pages" / "world-briefing.txt"
SHARED_SAMPLE = ROOT.parent / "shared" / "pages" / "gzero-south-korea.txt"
HTML_FIXTURES = ROOT / "tests" / "fixtures" / "html"
SHARED_HTML = ROOT.parent / "shared" / "pages" / "dev-html"
VENV_BIN = Path(sys.executable).parent


def per_second(func: Callable[[], object], *, min_time: float = 0.5) -> float:
    """Calls per second of ``func``: the best of 5 rounds, each at least ``min_time`` long."""
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            func()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time / 5:
            break
        calls *= 2
    best = elapsed
    for _ in range(4):
        start = time.perf_counter()
        for _ in range(calls):
            func()
        best = min(best, time.perf_counter() - start)
    return calls / best


def section(title: str) -> None:
    print(f"\n## {title}")


def bench_text_parse() -> None:
    from pagefeed.extract.parse import parse

    section("Text parsing (parse(): clean-up, parser, ids)")
    pages = [("bundled sample", SAMPLE)]
    if SHARED_SAMPLE.is_file():
        pages.append(("../shared GZERO sample", SHARED_SAMPLE))
    for label, path in pages:
        text = path.read_text(encoding="utf-8")
        rate = per_second(functools.partial(parse, text))
        print(f"{label:28} {rate:10,.0f} pages/s   (target >= 2,000)")


def bench_html_parse() -> None:
    section("HTML parsing: parse_html() vs bare BeautifulSoup(html, 'lxml') on the same page")
    try:
        from bs4 import BeautifulSoup

        from pagefeed.extract.html.parser import parse_html
    except ImportError as exc:
        print(f"skipped: {exc}")
        return
    sys.path.insert(0, str(ROOT / "tests"))
    pages: list[tuple[str, str]] = [
        (p.name, p.read_bytes().decode("utf-8", "replace"))
        for p in sorted(HTML_FIXTURES.glob("*.html"))
    ]
    try:
        from html_big import big_page  # generated 2 MB page used by the tests

        pages.append(("generated 2 MB page", big_page()))
    except ImportError:
        pass
    ratios = []
    for label, html in pages:
        floor = per_second(functools.partial(BeautifulSoup, html, "lxml"), min_time=0.3)
        ours = per_second(
            functools.partial(parse_html, html, url="https://news.example.org/p"), min_time=0.3
        )
        ratios.append(floor / ours)
        print(f"{label:34} {ours:8,.1f} pages/s  floor {floor:8,.1f}/s  cost {floor / ours:5.2f}x")
    if ratios:
        print(f"{'median cost':34} {statistics.median(ratios):5.2f}x the floor (target <= 1.5x)")


def bench_html_real_pages() -> None:
    """The same ratio on the real pages of ../shared/pages/dev-html (when it is there): our
    fixtures are small pages, where the reader's fixed costs weigh most."""
    section("HTML parsing on real pages: parse_html() vs bare BeautifulSoup(html, 'lxml')")
    try:
        from bs4 import BeautifulSoup

        from pagefeed.extract.html.parser import parse_html
    except ImportError as exc:
        print(f"skipped: {exc}")
        return
    folders = sorted(p for p in SHARED_HTML.glob("*") if (p / "source.html").is_file())
    if not folders:
        print(f"skipped: no pages in {SHARED_HTML}")
        return
    ratios, floor_time, our_time = [], 0.0, 0.0
    for folder in folders:
        html = (folder / "source.html").read_bytes().decode("utf-8", "replace")
        floor = per_second(functools.partial(BeautifulSoup, html, "lxml"), min_time=0.1)
        ours = per_second(
            functools.partial(parse_html, html, url="https://news.example.org/p"), min_time=0.1
        )
        ratios.append(floor / ours)
        floor_time, our_time = floor_time + 1 / floor, our_time + 1 / ours
    print(
        f"{len(folders)} pages: median cost {statistics.median(ratios):4.2f}x the floor"
        f" ({min(ratios):4.2f}x-{max(ratios):4.2f}x); all pages together"
        f" {our_time / floor_time:4.2f}x ({len(folders) / our_time:,.0f} pages/s)"
    )


def bench_feed_writing() -> None:
    from pagefeed.model import FeedFormat, FeedInfo
    from pagefeed.publish.feed import _clean as clean_text_cache
    from pagefeed.publish.feed import build_feed, render

    section(
        "Feed writing (RSS + Atom): pagefeed.publish.feed vs the same documents built with lxml"
    )
    info = FeedInfo(
        name="bench",
        title="Bench",
        site_url="https://news.example.org/",
        feed_url="https://feeds.example.org/",
    )
    print(f"{'entries':>8} {'pagefeed':>14} {'lxml direct':>14} {'ratio':>7}")
    for count in (10, 100, 1_000, 10_000):
        entries = synthetic_entries(count)
        feed = build_feed(info, entries, now=entries[0].updated)
        same = (render(feed, FeedFormat.RSS), render(feed, FeedFormat.ATOM)) == (
            lxml_rss(feed),
            lxml_atom(feed),
        )

        # Each call starts with the text cleaning's cache empty, as one build does (its RSS and
        # Atom then share it; the lxml baseline cleans text with the same function).
        def ours(entries: list = entries) -> None:  # type: ignore[type-arg]
            clean_text_cache.cache_clear()
            built = build_feed(info, entries, now=entries[0].updated)
            render(built, FeedFormat.RSS)
            render(built, FeedFormat.ATOM)

        def direct(feed: object = feed) -> None:
            clean_text_cache.cache_clear()
            lxml_rss(feed)  # type: ignore[arg-type]
            lxml_atom(feed)  # type: ignore[arg-type]

        min_time = 0.3 if count < 10_000 else 1.0
        a = per_second(ours, min_time=min_time) * count
        b = per_second(direct, min_time=min_time) * count
        note = "" if same else "  (documents differ!)"
        print(f"{count:8,} {a:10,.0f} e/s {b:10,.0f} e/s {b / a:6.2f}x{note}")
    print("(ratio = pagefeed time / lxml time for byte-identical documents; target <= 1.3x;")
    print(" flat across sizes = linear in entries)")


def _timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_build_process(runs: int) -> None:
    section("One-page text build process vs `python -c 'import feedgen.feed, click'`")
    with tempfile.TemporaryDirectory() as out:
        build = [
            str(VENV_BIN / "pagefeed"), "build", str(SAMPLE), "--out", out,
            "--now", "2026-01-15T12:00:00Z",
        ]  # fmt: skip
        commands = {
            "bare feedgen+click import": [sys.executable, "-c", "import feedgen.feed, click"],
            "pagefeed build --no-archive": [*build, "--no-archive"],
            "pagefeed build (archive)": build,
        }
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
        for command in commands.values():
            _timed(command)
            _timed(command)
        for _ in range(runs):  # interleaved, so drift hits all alike
            for label, command in commands.items():
                times[label].append(_timed(command))
    base = times["bare feedgen+click import"]
    wall0, cpu0 = (statistics.median(t[i] for t in base) for i in (0, 1))
    min0 = min(t[0] for t in base)
    for label, values in times.items():
        wall, cpu = (statistics.median(t[i] for t in values) for i in (0, 1))
        fastest = min(t[0] for t in values)
        print(
            f"{label:28} wall median {wall * 1000:6.1f} ms ({wall / wall0:4.2f}x), min"
            f" {fastest * 1000:6.1f} ms ({fastest / min0:4.2f}x); CPU median {cpu * 1000:6.1f} ms"
            f" ({cpu / cpu0:4.2f}x)"
        )
    print(
        "(ratios to the bare import; target: <= 1.10x without the archive, <= 1.20x with it;\n"
        " CPU = user + system time of the process, which a loaded machine stretches least)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30, help="process runs per command")
    parser.add_argument("--only", help="comma-separated sections: text,html,feed,process,...")
    args = parser.parse_args()
    sections: dict[str, Callable[[], None]] = {
        "text": bench_text_parse,
        "html": bench_html_parse,
        "html-real": bench_html_real_pages,
        "feed": bench_feed_writing,
        "process": lambda: bench_build_process(args.runs),
    }
    try:
        from extra import EXTRA_SECTIONS  # sections of later features (morss, archive)
        from runs import RUN_SECTIONS  # run over HTTP, serial and concurrent; peak memory

        sections.update(EXTRA_SECTIONS)
        sections.update(RUN_SECTIONS)
    except ImportError:
        pass
    wanted = args.only.split(",") if args.only else list(sections)
    print(f"pagefeed benchmarks — Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}")
    for name in wanted:
        sections[name]()


if __name__ == "__main__":
    main()

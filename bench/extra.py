"""Extra ``make bench`` sections, loaded by bench/run.py as ``EXTRA_SECTIONS``.

* ``morss``: a one-page HTML ``pagefeed build URL`` process beside the morss CLI on the same
  pages, both fetching over HTTP from a server on 127.0.0.1 that this module starts (issue 3).
* ``archive``: ``pagefeed run`` over 100 feeds from local text files with an archive pre-filled
  to 1,000, 10,000 and 100,000 entries; time per feed and its growth (issue 4).

morss lives in its own venv (``.bench/morss-venv``, made by ``bench/morss_env.sh`` from
``make bench``); when it is missing or does not run, the section says why and skips.
"""

from __future__ import annotations

import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchpages import desk_page, gzero_like_html

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PAGEFEED = VENV_BIN / "pagefeed"
HTML_FIXTURES = ROOT / "tests" / "fixtures" / "html"
MORSS_VENV = ROOT / ".bench" / "morss-venv"
MORSS = MORSS_VENV / "bin" / "morss"
MORSS_LOG = ROOT / ".bench" / "morss-install.log"
# morss turns an HTML page into a feed only with hand-written XPath rules ("custom feeds"):
# every h1-h3 heading is an item, linked to its own or an enclosing <a>. --proxy keeps it from
# fetching each item's link (pagefeed fetches only the page too). Its RSS goes to stdout.
# --item_title and --item_link must be spelled out: left out, morss 20230627's CLI passes None
# for them and crashes. Without --items it refuses any HTML page that links no feed.
MORSS_ARGS = (
    "--proxy",
    "--mode",
    "html",
    "--items",
    "//h1|//h2|//h3",
    "--item_title",
    ".",
    "--item_link",
    "(.|.//a|ancestor::a)/@href",
)
HEADING = re.compile(rb"<h[123][\s>]", re.IGNORECASE)
MORSS_RUNS = 5  # interleaved runs per page and command, after one warm-up run each
MORSS_TARGET = 1.5

FEEDS = 100
ARCHIVE_SIZES = (1_000, 10_000, 100_000)
ARCHIVE_ROUNDS = 5  # fresh copies of each filled archive; each gets a first and a repeat run
# Every feed shows the same number of entries at every archive size (1,000 entries are only 10
# per feed), so that the growth measures the archive alone, not longer feeds.
MAX_ENTRIES = 10
RUN_NOW = datetime(2026, 1, 15, 12, tzinfo=UTC)
FILL_SPACING = timedelta(hours=6)  # one archived entry per feed every 6 hours, going back
ON_LAST_PAGE = 5  # archived entries per feed that the last run saw on the page
Command = Callable[[], list[str]]  # makes a fresh command line for each run


def _timed(cmd: Sequence[str], *, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one process.

    Raises RuntimeError naming the program and its last stderr line when it fails.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["(no output)"]
        raise RuntimeError(f"{Path(cmd[0]).name} exit {done.returncode}: {lines[-1][:140]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def _run(cmd: Sequence[str], *, env: dict[str, str] | None = None) -> float:
    """Wall seconds of one process (see :func:`_timed`)."""
    return _timed(cmd, env=env)[0]


def _local_env() -> dict[str, str]:
    """The environment with no proxy for 127.0.0.1 (urllib and httpx both read these)."""
    env = dict(os.environ)
    for name in ("no_proxy", "NO_PROXY"):
        env[name] = "127.0.0.1,localhost"
    return env


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


# --- morss ------------------------------------------------------------------------------------


class _PageHandler(BaseHTTPRequestHandler):
    """Serves the server's ``pages`` from memory: no ETag or Last-Modified, so no 304s."""

    server: _PageServer

    def do_GET(self) -> None:
        body = self.server.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")  # the charset comes from the page
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the bench prints only its figures."""


class _PageServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, pages: dict[str, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), _PageHandler)
        self.pages = pages


@contextmanager
def serve(pages: dict[str, bytes]) -> Iterator[str]:
    """Serve ``pages`` (path -> body) on 127.0.0.1 in a thread; yields the base URL."""
    server = _PageServer(pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _morss_missing() -> str | None:
    """Why morss cannot be benchmarked here, or None when its CLI is installed."""
    if MORSS.is_file():
        return None
    why = f"{MORSS.relative_to(ROOT)} not found (`make bench` installs it)"
    if MORSS_LOG.is_file():
        lines = MORSS_LOG.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        if lines:
            why += f"; last install log line: {lines[-1][:160]}"
    return why


def bench_morss(runs: int = MORSS_RUNS) -> None:
    """One-page HTML builds over HTTP: pagefeed vs the morss CLI, interleaved, medians."""
    print("\n## One-page HTML build over HTTP: `pagefeed build URL` vs the morss CLI")
    missing = _morss_missing()
    if missing is not None:
        print(f"skipped: {missing}")
        return
    pages = {f"/{p.name}": p.read_bytes() for p in sorted(HTML_FIXTURES.glob("*.html"))}
    pages["/gzero-like-article.html"] = gzero_like_html().encode("utf-8")
    env = _local_env()
    print(
        f"{len(pages)} pages from one 127.0.0.1 server; {runs} interleaved runs each after a "
        "warm-up;\nmorss " + shlex.join(MORSS_ARGS) + " URL  (RSS to stdout)"
    )
    with serve(pages) as base, tempfile.TemporaryDirectory(prefix="pagefeed-bench-") as tmp:
        outs = iter(range(1_000_000))

        def ours(url: str) -> list[str]:  # a fresh --out each time: no stored validators
            return [
                str(PAGEFEED),
                "build",
                url,
                "--allow-private",
                "--no-archive",
                "--name",
                "page",
                "--out",
                str(Path(tmp) / f"out{next(outs)}"),
            ]

        def theirs(url: str) -> list[str]:
            return [str(MORSS), *MORSS_ARGS, url]

        try:
            _run(theirs(f"{base}/gzero-like-article.html"), env=env)
        except (OSError, RuntimeError) as exc:
            print(f"skipped: morss does not run here: {exc}")
            return
        print(f"{'page':28} {'pagefeed':>10} {'morss':>10} {'speed-up':>9}")
        ours_all: list[tuple[float, float]] = []
        theirs_all: list[tuple[float, float]] = []
        ratios: list[float] = []
        for path, body in pages.items():
            url = base + path
            try:
                a, b = _interleaved(partial(ours, url), partial(theirs, url), runs, env)
            except RuntimeError as exc:
                hint = ""
                if str(exc).startswith("morss") and not HEADING.search(body):
                    hint = " (no h1-h3 heading on the page for morss's --items rule)"
                print(f"{path[1:]:28} failed: {exc}{hint}")
                continue
            ours_all += a
            theirs_all += b
            ours_wall, theirs_wall = (statistics.median(t[0] for t in x) for x in (a, b))
            ratio = theirs_wall / ours_wall
            ratios.append(ratio)
            print(f"{path[1:]:28} {_ms(ours_wall)} {_ms(theirs_wall)} {ratio:7.2f}x")
    if not ratios:
        return
    o, m = (statistics.median(t[0] for t in x) for x in (ours_all, theirs_all))
    oc, mc = (statistics.median(t[1] for t in x) for x in (ours_all, theirs_all))
    print(f"{'all runs, median':28} {_ms(o)} {_ms(m)} {m / o:7.2f}x")
    print(f"{'all runs, CPU median':28} {_ms(oc)} {_ms(mc)} {mc / oc:7.2f}x")
    print(
        f"median of per-page speed-ups {statistics.median(ratios):5.2f}x "
        f"(speed-up = morss time / pagefeed time; target >= {MORSS_TARGET}x)"
    )


def _interleaved(
    ours: Command, theirs: Command, runs: int, env: dict[str, str]
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(wall, CPU) of ``runs`` alternating runs of each command, after one warm-up run each."""
    _run(ours(), env=env)
    _run(theirs(), env=env)
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for _ in range(runs):
        a.append(_timed(ours(), env=env))
        b.append(_timed(theirs(), env=env))
    return a, b


# --- archive ----------------------------------------------------------------------------------


def write_desk(folder: Path, *, feeds: int = FEEDS) -> Path:
    """Write ``feeds`` text pages and a config that builds them; return the config's path."""
    pages = folder / "pages"
    pages.mkdir(parents=True)
    lines = [
        "# pagefeed run benchmark: one feed per generated page",
        'out = "feeds"',
        'feed_url = "https://feeds.example.org/"',
        'archive = "archive.sqlite"',
        f"max_entries = {MAX_ENTRIES}",
        'catalog_title = "Bench desks"',
    ]
    for i in range(feeds):
        (pages / f"desk{i:03d}.txt").write_text(desk_page(i), encoding="utf-8")
        lines += [
            "",
            "[[feeds]]",
            f'name = "desk{i:03d}"',
            f'source = "pages/desk{i:03d}.txt"',
            f'url = "https://news.example.org/desk/{i}/story"',
            f'title = "Desk {i}"',
        ]
    config = folder / "pagefeed.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def fill_archive(path: Path, *, total: int, feeds: int = FEEDS) -> None:
    """Create ``path`` with ``total`` archived entries spread evenly over ``feeds`` feeds.

    Each feed's history runs back from ``RUN_NOW`` one entry every ``FILL_SPACING``; each entry
    stayed on the page for a day, and the newest ``ON_LAST_PAGE`` were on it in the last run.
    """
    from pagefeed.model import DateSource, Image, Story
    from pagefeed.publish.archive import Archive, ArchivedEntry

    per_feed = total // feeds
    last_run = RUN_NOW - timedelta(hours=1)
    with Archive.open(path) as archive:
        for f in range(feeds):
            records = []
            for n in range(per_feed):
                published = last_run - n * FILL_SPACING
                seen = last_run if n < ON_LAST_PAGE else published + timedelta(days=1)
                story = Story(
                    title=f"Archived story {n} of desk {f}",
                    summary=f"What desk {f} reported in its archived story number {n}.",
                    section="More from Example News",
                    link=f"https://news.example.org/desk/{f}/old/{n}",
                    image=Image(caption=f"An archived photo {n}.", credit="Jane Roe/Reuters"),
                    date=published,
                    date_source=DateSource.CAPTION,
                    id=f"urn:bench:desk{f}:{n}",
                )
                records.append(
                    ArchivedEntry(
                        id=story.id,
                        published=published,
                        updated=published,
                        first_seen=published,
                        last_seen=min(seen, last_run),
                        content_hash=f"{f:032x}{n:032x}",
                        position=n % 5,
                        story=story,
                    )
                )
            archive.load(f"desk{f:03d}", records)


def bench_archive(sizes: Sequence[int] = ARCHIVE_SIZES, rounds: int = ARCHIVE_ROUNDS) -> None:
    """``pagefeed run`` over 100 feeds with archives of growing size: time per feed."""
    print(f"\n## `pagefeed run` over {FEEDS} feeds (local text files) vs archive size")
    print(
        f"Each round, for each size in turn (interleaved, after a warm-up): a fresh copy of the "
        f"filled archive,\na first run (each page's 5 stories new), then a repeat run (nothing "
        f"changed). max_entries = {MAX_ENTRIES}.\nTime per feed = whole `pagefeed run` process "
        f"/ {FEEDS}; medians of {rounds} rounds."
    )
    now = RUN_NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    with tempfile.TemporaryDirectory(prefix="pagefeed-bench-") as tmp:
        folder = Path(tmp)
        config = write_desk(folder / "desk")
        run = [str(PAGEFEED), "run", "--config", str(config), "--now", now]
        live = folder / "desk" / "archive.sqlite"
        fills: dict[int, float] = {}
        for size in sizes:
            start = time.perf_counter()
            fill_archive(folder / f"filled-{size}.sqlite", total=size)
            fills[size] = time.perf_counter() - start
        times: dict[tuple[int, str], list[tuple[float, float]]] = {}
        try:
            _reset(folder / "desk", folder / f"filled-{min(sizes)}.sqlite", live)
            _run(run)  # warm-up
            for _ in range(rounds):
                for size in sizes:
                    _reset(folder / "desk", folder / f"filled-{size}.sqlite", live)
                    for kind in ("first", "repeat"):
                        times.setdefault((size, kind), []).append(_timed(run))
        except RuntimeError as exc:
            print(f"failed: {exc}")
            return

    def per_feed(size: int, kind: str, column: int) -> float:
        return statistics.median(t[column] for t in times[size, kind]) / FEEDS

    print(f"{'':17} {'first run, per feed':>21} {'repeat run, per feed':>22}")
    print(f"{'archive':>9} {'fill':>7} {'wall':>10} {'CPU':>10} {'wall':>11} {'CPU':>10}")
    for size in sizes:
        cells = [_ms(per_feed(size, k, c)) for k in ("first", "repeat") for c in (0, 1)]
        print(f"{size:9,} {fills[size]:6.1f}s {cells[0]} {cells[1]}  {cells[2]} {cells[3]}")
    low, high = min(sizes), max(sizes)
    growth = [
        f"{kind} run {per_feed(high, kind, 0) / per_feed(low, kind, 0):.2f}x wall, "
        f"{per_feed(high, kind, 1) / per_feed(low, kind, 1):.2f}x CPU"
        for kind in ("first", "repeat")
    ]
    print(
        f"growth per feed, {high:,} vs {low:,} entries:\n  {'; '.join(growth)}\n"
        f"(the archive grew {high // low}x, so linear growth would be {high // low}x; the target "
        "is flat or logarithmic.\nWall time includes the archive's fsyncs, CPU time does not.)"
    )


def _reset(desk: Path, template: Path, live: Path) -> None:
    """The filled archive copied in, no feeds written yet."""
    shutil.rmtree(desk / "feeds", ignore_errors=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, live)


EXTRA_SECTIONS: dict[str, Callable[[], None]] = {
    "morss": bench_morss,
    "archive": bench_archive,
}

"""``make bench`` sections for issue 10: ``pagefeed run`` over HTTP, serial beside concurrent,
and the peak memory of one HTML build beside morss.

* ``http``: 100 text-page feeds spread over 10 loopback hosts (127.0.0.1 to 127.0.0.10, each a
  server that answers after ``LATENCY``), a cold run (every page new) then a run where every page
  answers 304; ``concurrency = 1`` beside the default. Every process has a timeout and the
  servers stop when the section ends.
* ``memory``: peak resident memory (``ru_maxrss`` of that process alone) of ``pagefeed build
  URL`` of a 1.3 MB HTML page and of the morss CLI on the same URL.
"""

from __future__ import annotations

import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchpages import desk_page
from extra import MORSS, MORSS_ARGS, PAGEFEED, ROOT, _local_env, _morss_missing, serve

sys.path.insert(0, str(ROOT / "tests"))
from slowweb import serve as serve_slowly

FEEDS = 100
HOSTS = tuple(f"127.0.0.{n}" for n in range(1, 11))
LATENCY = 0.1  # seconds before each answer
ROUNDS = 2
PROCESS_TIMEOUT = 300  # seconds: no run of this section outlives it
RUN_NOW = "2026-01-15T12:00:00Z"
SHARED_HTML = ROOT.parent / "shared" / "pages" / "dev-html"
MEMORY_RUNS = 3
REFRESH = re.compile(rb"<meta[^>]*http-equiv=[\"']?refresh[^>]*>", re.IGNORECASE)


def write_config(folder: Path, bases: dict[str, str], *, concurrency: int) -> Path:
    """A config of ``FEEDS`` URL feeds, feed i on host i % 10."""
    lines = [
        'out = "feeds"',
        'feed_url = "https://feeds.example.org/"',
        "allow_private = true",
        "max_entries = 10",
        f"concurrency = {concurrency}",
    ]
    for i in range(FEEDS):
        base = bases[HOSTS[i % len(HOSTS)]]
        lines += ["", "[[feeds]]", f'name = "desk{i:03d}"', f'source = "{base}/desk/{i}"']
    folder.mkdir(parents=True)
    config = folder / "pagefeed.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def _timed_run(config: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one ``pagefeed run`` process."""
    command = [str(PAGEFEED), "run", "--config", str(config), "--now", RUN_NOW]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=PROCESS_TIMEOUT
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise RuntimeError(f"pagefeed run exit {done.returncode}: {last[:140]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _published(folder: Path) -> dict[str, bytes]:
    out = folder / "feeds"
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.xml"))}


def bench_http_run(rounds: int = ROUNDS) -> None:
    """``pagefeed run`` of 100 URL feeds on 10 hosts: serial beside the default concurrency."""
    print(
        f"\n## `pagefeed run`, {FEEDS} text-page feeds over HTTP on {len(HOSTS)} loopback hosts"
        f", {LATENCY * 1000:.0f} ms server latency"
    )
    print(
        f"Each round: for concurrency = 1 and the default (8), a fresh folder, a cold run, then a"
        f" run where every page\nanswers 304. Medians of {rounds} rounds; whole processes."
    )
    pages = {f"/desk/{i}": desk_page(i).encode("utf-8") for i in range(FEEDS)}
    times: dict[tuple[int, str], list[tuple[float, float]]] = {}
    same = True
    try:
        with (
            serve_slowly(pages, HOSTS, latency=LATENCY) as (bases, traffic),
            tempfile.TemporaryDirectory(prefix="pagefeed-bench-") as tmp,
        ):
            for round_ in range(rounds):
                outputs = []
                for concurrency in (1, 8):
                    folder = Path(tmp) / f"r{round_}-c{concurrency}"
                    config = write_config(folder, bases, concurrency=concurrency)
                    for kind in ("cold", "all 304"):
                        times.setdefault((concurrency, kind), []).append(_timed_run(config))
                    outputs.append(_published(folder))
                same = same and outputs[0] == outputs[1] and len(outputs[0]) == 2 * FEEDS
            peak = max(traffic.peak.values())
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"failed: {exc}")
        return
    print(f"{'run':10} {'concurrency 1':>14} {'concurrency 8':>14} {'speed-up':>9}   CPU 1 / 8")
    for kind, target in (("cold", 3.5), ("all 304", 7.0)):
        serial, ahead = (statistics.median(t[0] for t in times[c, kind]) for c in (1, 8))
        cpu1, cpu8 = (statistics.median(t[1] for t in times[c, kind]) for c in (1, 8))
        print(
            f"{kind:10} {serial:12.2f} s {ahead:12.2f} s {serial / ahead:8.2f}x"
            f"  (target >= {target}x)   {cpu1:5.2f} s / {cpu8:5.2f} s"
        )
    print(
        f"feeds byte-identical between the two: {'yes' if same else 'NO'}; most requests in "
        f"flight to one host: {peak} (limit 2)"
    )


def _largest_page(low: int = 1_000_000, high: int = 2_000_000) -> tuple[str, bytes] | None:
    """The largest real page of ../shared/pages/dev-html between ``low`` and ``high`` bytes."""
    found = sorted(
        (p.stat().st_size, p)
        for p in SHARED_HTML.glob("*/*.html")
        if low <= p.stat().st_size <= high
    )
    if not found:
        return None
    size, path = found[-1]
    # morss follows a <meta http-equiv="refresh"> even inside an IE-only conditional comment
    # (and then fails on the page it leads to), so both tools get the page without one.
    body = REFRESH.sub(b"", path.read_bytes())
    return f"{path.parent.name}/{path.name} ({size / 1_000_000:.1f} MB)", body


# A small process starts the one measured and reports its peak: a child forked straight from
# this (large, after the archive section) process would start with this one's pages resident.
_PEAK = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)"
)


def peak_memory(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one process, in MiB (``ru_maxrss``, measured by a small parent)."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=PROCESS_TIMEOUT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} exit {done.returncode}")
    return int(done.stdout.strip()) / 1024


def bench_memory(runs: int = MEMORY_RUNS) -> None:
    """Peak memory of an HTML build of a large page: pagefeed beside the morss CLI."""
    print("\n## Peak memory: one HTML `pagefeed build URL` vs the morss CLI on the same page")
    sys.path.insert(0, str(ROOT / "tests"))
    from html_big import big_page

    pages = [("generated page (tests/html_big.py)", big_page().encode("utf-8"))]
    for low, high in ((1_000_000, 2_000_000), (300_000, 1_000_000)):  # ~1.3 MB, then smaller
        real = _largest_page(low, high)
        if real is not None:
            pages.insert(len(pages) - 1, real)
    env = _local_env()
    missing = _morss_missing()
    print(f"median of {runs} runs; pagefeed builds with its archive and writes RSS + Atom")
    print(f"{'page':52} {'pagefeed':>10} {'morss':>10} {'ratio':>6}")
    for label, body in pages:
        with serve({"/page.html": body}) as base, tempfile.TemporaryDirectory() as tmp:
            url = f"{base}/page.html"
            ours: list[float] = []
            theirs: list[float] = []
            failed = missing
            for n in range(runs):
                build = [str(PAGEFEED), "build", url, "--allow-private", "--name", "page"]
                ours.append(peak_memory([*build, "--out", str(Path(tmp) / f"out{n}")], env))
                if failed is None:
                    try:
                        theirs.append(peak_memory([str(MORSS), *MORSS_ARGS, url], env))
                    except RuntimeError as exc:
                        failed = f"fails on this page ({exc})"
        mine = statistics.median(ours)
        if failed is not None:
            print(f"{label:52} {mine:6.1f} MiB  morss {failed}")
            continue
        other = statistics.median(theirs)
        print(f"{label:52} {mine:6.1f} MiB {other:6.1f} MiB {mine / other:5.2f}x")
    print("(ratio = pagefeed / morss; target <= 1.15x)")


RUN_SECTIONS = {"http": bench_http_run, "memory": bench_memory}

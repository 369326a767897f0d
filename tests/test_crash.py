"""A ``pagefeed run`` killed with SIGKILL at random moments leaves feeds and archive intact.

Every round starts from the same published state (run A), starts run B (pages changed: new,
edited and unchanged entries over 20 feeds) as a real process and kills it at a point drawn
from a seeded random: after it replaced a random number of files (plus a few milliseconds), or
for one round in five at a random moment from its start. Then every feed and catalog file must
parse and equal either its run-A or its run-B bytes, each feed's archive rows must be all
run A's or all run B's (one transaction per feed), and a normal run B afterwards must give
exactly what an uninterrupted run B gives, leaving no temp file behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from pagefeed.cli import cli
from pagefeed.publish.archive import Archive

PAGES = Path(__file__).resolve().parent / "fixtures" / "runs"
FEEDS = 20
KILLS = 25
SEED = 20260210
RUN_A = "2026-02-10T08:00:00Z"
RUN_B = "2026-02-10T09:00:00Z"
# Page of feed i in run A and in run B, by i % 4: a teaser added and one rotated off, a
# summary's typo fixed, nothing changed, and both at once.
VERSIONS = (
    ("harbour-1.txt", "harbour-2.txt"),
    ("harbour-2.txt", "harbour-3.txt"),
    ("valley.txt", "valley.txt"),
    ("harbour-1.txt", "harbour-3.txt"),
)
# Files in the output folder that are not published files.
STATE_FILES = {".pagefeed.lock", ".pagefeed.sqlite", ".pagefeed.sqlite-wal", ".pagefeed.sqlite-shm"}

Files = dict[str, bytes]
Rows = dict[str, list[tuple[object, ...]]]


def write_configs(root: Path) -> None:
    """``a.toml`` and ``b.toml``: the same 20 feeds into ``root/public``, pages of run A or B."""
    for which, config in enumerate(("a.toml", "b.toml")):
        lines = ['out = "public"', 'feed_url = "https://feeds.example.org/"']
        for i in range(FEEDS):
            page = PAGES / VERSIONS[i % len(VERSIONS)][which]
            lines += ["[[feeds]]", f'name = "feed{i:02d}"', f'source = "{page}"']
        (root / config).write_text("\n".join(lines) + "\n", encoding="utf-8")


def start(root: Path, config: str, now: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "pagefeed", "run", "-c", str(root / config), "--now", now]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run_to_end(root: Path, config: str, now: str) -> None:
    process = start(root, config, now)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (0, b"", b"")


def published(root: Path) -> Files:
    """The visible files of the output folder (feeds and catalog)."""
    out = root / "public"
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def archive_rows(root: Path) -> Rows:
    """Each feed's archive rows, opened the way pagefeed opens it."""
    path = root / "public" / ".pagefeed.sqlite"
    with Archive.open(path, create=False) as archive:
        names = archive.feeds()
    # closing(): sqlite3's own context manager only commits; a connection left for the garbage
    # collector could delete the -wal file later, in the middle of a copytree.
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {
            name: db.execute("SELECT * FROM entries WHERE feed = ? ORDER BY id", (name,)).fetchall()
            for name in names
        }


def prepared(tmp_path: Path, name: str, state_a: Path) -> Path:
    """A fresh copy of the state after run A."""
    root = tmp_path / name
    shutil.copytree(state_a, root)
    return root


def check_after_kill(root: Path, before: Files, after: Files, rows: tuple[Rows, Rows]) -> str:
    """Everything is run A's or run B's; returns how far the run got (for the tally)."""
    out = root / "public"
    leftovers = {p.name for p in out.iterdir() if p.name.startswith(".")} - STATE_FILES
    assert all(name.endswith(".tmp") for name in leftovers), leftovers
    torn = " (a temp file left)" if leftovers else ""
    files = published(root)
    assert set(files) == set(before)
    new = 0
    for name, data in files.items():
        if name.endswith(".html"):
            assert data.endswith(b"</html>\n"), f"{name} is cut short"
        elif name.endswith(".json"):
            json.loads(data)  # complete JSON
        else:
            etree.fromstring(data)  # complete, well-formed XML
        assert data in (before[name], after[name]), f"{name} is neither run A's nor run B's"
        new += data == after[name] != before[name]
    now_rows = archive_rows(root)
    for feed, entries in now_rows.items():
        assert entries in (rows[0][feed], rows[1][feed]), f"{feed}: archive rows are mixed"
    merged = sum(now_rows[f] == rows[1][f] != rows[0][f] for f in now_rows)
    if new == 0 and merged == 0:
        return "nothing written yet" + torn
    changed = sum(before[n] != after[n] for n in files)
    return ("all written" if new == changed else "part written") + torn


def wait_for_lock(root: Path, process: subprocess.Popen[bytes]) -> float:
    """Wait until ``process`` holds the output folder's lock (its pid is in the lock file)."""
    lock, pid = root / "public" / ".pagefeed.lock", str(process.pid)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if lock.read_text(encoding="ascii").strip() == pid:
            break
        time.sleep(0.001)
    return time.monotonic()


def wait_for_writes(root: Path, process: subprocess.Popen[bytes], count: int) -> None:
    """Wait until ``process`` has replaced ``count`` published files (or has ended)."""
    out = root / "public"
    start_times = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name[0] != "."}
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        replaced = sum((out / n).stat().st_mtime_ns != t for n, t in start_times.items())
        if replaced >= count:
            return
        time.sleep(0.0005)


def follow_up(root: Path) -> None:
    """A normal run B (in this process, to keep the test fast): exit 0, no output."""
    result = CliRunner().invoke(cli, ["run", "-c", str(root / "b.toml"), "--now", RUN_B])
    assert (result.exit_code, result.output) == (0, "")


def test_sigkill_at_random_moments_leaves_feeds_and_archive_intact(tmp_path: Path) -> None:
    state_a = tmp_path / "a"
    state_a.mkdir()
    write_configs(state_a)
    run_to_end(state_a, "a.toml", RUN_A)
    before, rows_a = published(state_a), archive_rows(state_a)

    reference = prepared(tmp_path, "reference", state_a)
    run_to_end(reference, "b.toml", RUN_B)
    after, rows_b = published(reference), archive_rows(reference)
    changed = sum(before[n] != after[n] for n in after)
    assert changed >= 2 * FEEDS * 3 // 4, "run B must change most feeds"

    rng = random.Random(SEED)
    tally: Counter[str] = Counter()
    for round_ in range(KILLS):
        root = prepared(tmp_path, f"kill{round_:02d}", state_a)
        process = start(root, "b.toml", RUN_B)
        if round_ % 5:  # most kills land after a random number of files were replaced ...
            wait_for_lock(root, process)
            wait_for_writes(root, process, rng.randint(0, changed))
            time.sleep(rng.uniform(0, 0.005))
        else:  # ... some at any time, start-up included
            time.sleep(rng.uniform(0, 0.2))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        killed = process.returncode == -signal.SIGKILL
        tally[
            check_after_kill(root, before, after, (rows_a, rows_b)) if killed else "finished"
        ] += 1

        follow_up(root)
        assert published(root) == after
        assert archive_rows(root) == rows_b
        hidden = {p.name for p in (root / "public").iterdir() if p.name.startswith(".")}
        assert hidden <= STATE_FILES, "the next run removes temp files that killed runs left"
        shutil.rmtree(root)
    assert tally["finished"] < KILLS, f"no run was interrupted: {dict(tally)}"
    print(f"{KILLS} kills: {dict(tally)}")


def test_a_killed_runs_temp_file_is_never_read_and_goes_next_run(tmp_path: Path) -> None:
    """A leftover temp file (a torn write) is not a feed, and the next run deletes it."""
    write_configs(tmp_path)
    run_to_end(tmp_path, "a.toml", RUN_A)
    out = tmp_path / "public"
    torn = out / ".feed00.atom.xml.k2x9_q0a.tmp"
    torn.write_bytes((out / "feed00.atom.xml").read_bytes()[:100])
    foreign = out / ".notes.txt.abcdefgh.tmp"  # not a name pagefeed writes: left alone
    foreign.write_text("mine", encoding="utf-8")
    os.utime(out / "index.html", ns=(0, 0))
    before = published(tmp_path)
    run_to_end(tmp_path, "a.toml", RUN_A)
    assert published(tmp_path) == before
    assert (out / "index.html").stat().st_mtime_ns == 0
    assert not torn.exists()
    assert foreign.read_text(encoding="utf-8") == "mine"

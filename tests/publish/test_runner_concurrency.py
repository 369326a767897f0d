"""``run`` fetches ahead in threads (config ``concurrency``) and still builds in config order.

The pages come from loopback servers with a latency (tests/slowweb.py) on several addresses.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import pagefeed.publish.build
import pagefeed.publish.runner
import pagefeed.publish.validators
from pagefeed.config import load_config
from pagefeed.errors import FeedError, FetchError
from pagefeed.publish.build import BuildOptions, PageText
from pagefeed.publish.runner import RunReport, fetching_ahead, run_config
from pagefeed.publish.validators import ValidatorStore
from slowweb import Traffic, serve

NOW = datetime(2026, 2, 10, 8, tzinfo=UTC)
HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")
FEEDS = 12


def page(index: int) -> bytes:
    return (
        f"Pier {index} reopens after the winter storms\n\n"
        f"The ferry pier number {index} reopened on Monday after four months of repairs, the "
        "harbour board said.\n\n"
        "Ferries will call twice a day until the summer timetable starts in June.\n"
    ).encode()


PAGES = {f"/pier/{i}": page(i) for i in range(FEEDS)}


@pytest.fixture(scope="module")
def web() -> Iterator[tuple[dict[str, str], Traffic]]:
    with serve(PAGES, HOSTS, latency=0.05) as served:
        yield served


def write_config(folder: Path, bases: dict[str, str], *, concurrency: int, extra: str = "") -> Path:
    lines = [
        'out = "public"',
        'feed_url = "https://feeds.example.org/"',
        "allow_private = true",
        f"concurrency = {concurrency}",
        extra,
    ]
    for i in range(FEEDS):
        base = bases[HOSTS[i % len(HOSTS)]]
        lines += ["[[feeds]]", f'name = "pier{i}"', f'source = "{base}/pier/{i}"', ""]
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "pagefeed.toml"
    config.write_text("\n".join(lines), encoding="utf-8")
    return config


def published(folder: Path) -> dict[str, bytes]:
    """Every file of the output folder but the archive and the lock."""
    return {
        p.name: p.read_bytes()
        for p in sorted((folder / "public").iterdir())
        if not p.name.startswith((".pagefeed.sqlite", ".pagefeed.lock"))
    }


def run(config: Path) -> RunReport:
    return run_config(load_config(config), now=NOW)


def test_concurrent_runs_write_the_bytes_a_serial_run_writes(
    tmp_path: Path, web: tuple[dict[str, str], Traffic]
) -> None:
    bases, traffic = web
    serial = write_config(tmp_path / "serial", bases, concurrency=1)
    ahead = write_config(tmp_path / "ahead", bases, concurrency=8)
    for config in (serial, ahead):
        report = run(config)
        assert [o.feed.name for o in report.outcomes] == [f"pier{i}" for i in range(FEEDS)]
        assert report.failed == ()
    files = published(tmp_path / "serial")
    assert ".pagefeed-http.json" in files
    assert len([name for name in files if name.endswith(".xml")]) == 2 * FEEDS
    assert published(tmp_path / "ahead") == files

    before = traffic.not_modified
    report = run(ahead)  # again: every page answers 304
    assert traffic.not_modified - before == FEEDS
    assert all(o.result is not None and o.result.not_modified for o in report.outcomes)
    assert published(tmp_path / "ahead") == files


def test_at_most_two_requests_per_host_while_several_hosts_are_fetched_at_once(
    tmp_path: Path,
) -> None:
    with serve(PAGES, HOSTS[:2], latency=0.2) as (bases, traffic):
        bases[HOSTS[2]] = bases[HOSTS[0]]  # the third host's feeds go to the first too
        report = run(write_config(tmp_path, bases, concurrency=8))
    assert report.failed == ()
    assert traffic.requests == FEEDS
    assert max(traffic.peak.values()) <= 2
    assert traffic.peak_all > 2  # both hosts at once: the fetches ran side by side


def test_the_validators_file_is_read_once_and_written_once_per_run(
    tmp_path: Path, web: tuple[dict[str, str], Traffic], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    load, save = (
        pagefeed.publish.validators.load_validators,
        pagefeed.publish.validators.save_validators,
    )

    def counted_load(path: Path) -> object:
        calls.append("load")
        return load(path)

    def counted_save(path: Path, data: object) -> None:
        calls.append("save")
        save(path, data)  # type: ignore[arg-type]

    monkeypatch.setattr(pagefeed.publish.validators, "load_validators", counted_load)
    monkeypatch.setattr(pagefeed.publish.validators, "save_validators", counted_save)
    config = write_config(tmp_path, web[0], concurrency=4)
    run(config)
    assert calls == ["load", "save"]
    calls.clear()
    run(config)  # all 304: nothing new to store
    assert calls == ["load"]


def test_a_failed_fetch_is_reported_in_its_turn_and_the_others_are_built(
    tmp_path: Path, web: tuple[dict[str, str], Traffic]
) -> None:
    bases = dict(web[0])
    config = write_config(tmp_path, bases, concurrency=8)
    text = config.read_text(encoding="utf-8").replace("/pier/5", "/pier/missing")
    config.write_text(text, encoding="utf-8")
    report = run(config)
    assert [o.feed.name for o in report.failed] == ["pier5"]
    assert isinstance(report.failed[0].error, FetchError)
    assert "HTTP 404" in str(report.failed[0].error)
    assert len([o for o in report.outcomes if o.result is not None]) == FEEDS - 1


def test_fetching_ahead_holds_at_most_concurrency_pages_and_returns_them_in_order(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started: list[str] = []
    lock = threading.Lock()

    def fake_read(source: str, **_: object) -> PageText:
        with lock:
            started.append(source)
        return PageText(text=f"page of {source}", url=source)

    monkeypatch.setattr(pagefeed.publish.runner, "read_source", fake_read)
    options = BuildOptions(out=tmp_path)
    jobs = [
        (f"https://news.example.org/{i}" if i % 3 else f"pages/{i}.txt", options) for i in range(12)
    ]
    urls = [i for i, (source, _) in enumerate(jobs) if not source.startswith("pages/")]
    with fetching_ahead(jobs, ValidatorStore(), concurrency=3) as fetched:
        for index, (source, _) in enumerate(jobs):
            got = fetched(index)
            if index in urls:
                assert got is not None
                assert got.text == f"page of {source}"
                done = urls.index(index) + 1
                assert len(started) <= done + 3  # this one, and at most 3 ahead
            else:
                assert got is None
    assert sorted(started) == sorted(jobs[i][0] for i in urls)


def test_the_archive_is_opened_once_per_run_and_closed_at_its_end(
    tmp_path: Path, web: tuple[dict[str, str], Traffic], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pagefeed.publish.archive import Archive

    opened: list[Path] = []
    real_open = Archive.open

    def counted(path: Path, **kwargs: Any) -> Archive:
        opened.append(path)
        return real_open(path, **kwargs)

    monkeypatch.setattr(Archive, "open", counted)
    report = run(write_config(tmp_path, web[0], concurrency=8))
    assert report.failed == ()
    assert opened == [tmp_path / "public" / ".pagefeed.sqlite"]
    assert not (tmp_path / "public" / ".pagefeed.sqlite-wal").exists()  # closed, checkpointed


def test_feeds_are_written_in_order_off_the_build_thread_and_a_failed_write_fails_alone(
    tmp_path: Path, web: tuple[dict[str, str], Traffic], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pagefeed.publish.files

    real_write = pagefeed.publish.files.atomic_write_all
    writes: list[tuple[str, str]] = []  # (feed written, thread that wrote it)

    def write(files: list[tuple[Path, bytes]], **kwargs: Any) -> list[Path]:
        feed = files[0][0].name.split(".")[0]
        if feed.startswith("pier"):  # not the catalog or the validators, written at the end
            writes.append((feed, threading.current_thread().name))
        if feed == "pier3":
            raise FeedError(f"cannot write {files[0][0]}: No space left on device")
        return real_write(files, **kwargs)

    monkeypatch.setattr(pagefeed.publish.files, "atomic_write_all", write)
    seen: list[str] = []
    config = write_config(tmp_path, web[0], concurrency=8)
    report = run_config(load_config(config), now=NOW, on_feed=lambda o: seen.append(o.feed.name))
    names = [f"pier{i}" for i in range(FEEDS)]
    assert [feed for feed, _ in writes] == names  # one feed after the other, in config order
    assert {thread for _, thread in writes} != {threading.current_thread().name}
    assert seen == [o.feed.name for o in report.outcomes] == names
    assert [o.feed.name for o in report.failed] == ["pier3"]
    assert "No space left" in str(report.failed[0].error)
    out = tmp_path / "public"
    assert not list(out.glob("pier3.*"))
    assert len(list(out.glob("pier4.*"))) == 4
    stored = (out / ".pagefeed-http.json").read_text(encoding="utf-8")
    assert "pier3 " not in stored
    assert "pier4 " in stored
    assert "pier3" not in (out / "index.html").read_text(encoding="utf-8")


def test_an_interrupted_run_leaves_each_feed_whole_or_untouched(
    tmp_path: Path, web: tuple[dict[str, str], Traffic], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a feed is built: the feeds already handed to the writer are written, no
    temp file stays, and a feed has all its files or none."""
    real = pagefeed.publish.build.prepare

    def prepare(source: str, options: BuildOptions, **kwargs: Any) -> Any:
        if options.name == "pier7":
            raise KeyboardInterrupt
        return real(source, options, **kwargs)

    monkeypatch.setattr(pagefeed.publish.runner, "prepare", prepare)
    with pytest.raises(KeyboardInterrupt):
        run(write_config(tmp_path, web[0], concurrency=8))
    out = tmp_path / "public"
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    for i in range(FEEDS):
        files = sorted(p.name for p in out.glob(f"pier{i}.*"))
        assert files in ([], [f"pier{i}.{k}" for k in ("atom.xml", "feed.json", "html", "rss.xml")])
    assert (out / "pier6.atom.xml").is_file()  # built before the interruption
    assert not (out / "pier7.atom.xml").exists()

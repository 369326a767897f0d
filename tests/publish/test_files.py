"""Atomic, change-aware writes."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

import pytest

from pagefeed.errors import FeedError
from pagefeed.publish.files import NOFOLLOW, atomic_write, atomic_write_all, create_temp


def break_sync(monkeypatch: pytest.MonkeyPatch, sync: Callable[[int], None]) -> None:
    """Make syncing a file's bytes go through ``sync`` (fdatasync where there is one)."""
    for name in ("fsync", "fdatasync"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, sync)


def record_renames(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names that ``os.replace`` will give files, in order (the renames still happen)."""
    renamed: list[str] = []
    real_replace = os.replace

    def replace(src: str, dst: Path) -> None:
        renamed.append(Path(dst).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return renamed


FEED_FILES = [f"b.{kind}" for kind in ("rss.xml", "atom.xml", "feed.json", "html")]


@pytest.fixture(params=["one by one", "side by side"])
def pool(request: pytest.FixtureRequest) -> Iterator[Executor | None]:
    """No pool (a build), or a pool that writes the temp files side by side (a run)."""
    if request.param == "one by one":
        yield None
        return
    with ThreadPoolExecutor(4) as executor:
        yield executor


def test_writes_then_leaves_identical_content_alone(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "feed.xml"
    assert atomic_write(path, b"one") is True
    os.utime(path, (1_000_000, 1_000_000))
    assert atomic_write(path, b"one") is False
    assert path.stat().st_mtime == 1_000_000
    assert atomic_write(path, b"two") is True
    assert path.read_bytes() == b"two"
    assert [p.name for p in path.parent.iterdir()] == ["feed.xml"]


def test_unwritable_folder_is_a_feed_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(FeedError, match="cannot write"):
        atomic_write(blocker / "feed.xml", b"x")


@pytest.mark.parametrize("error", [KeyboardInterrupt(), OSError(28, "No space left on device")])
def test_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    path = tmp_path / "feed.xml"
    atomic_write(path, b"old")

    def broken_fsync(fd: int) -> None:
        raise error

    break_sync(monkeypatch, broken_fsync)
    with pytest.raises(type(error) if isinstance(error, KeyboardInterrupt) else FeedError):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names open files by /proc")
def test_a_pair_is_replaced_only_when_every_new_file_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: Executor | None
) -> None:
    rss, atom = tmp_path / "b.rss.xml", tmp_path / "b.atom.xml"
    assert atomic_write_all([(rss, b"rss 1"), (atom, b"atom 1")], pool=pool) == [rss, atom]
    real_fsync = os.fsync

    def atom_fsync_fails(fd: int) -> None:  # the disk fills up while writing b.atom.xml
        if "/.b.atom.xml." in os.readlink(f"/proc/self/fd/{fd}"):  # its temp file
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    break_sync(monkeypatch, atom_fsync_fails)
    with pytest.raises(FeedError, match=r"cannot write .*b\.atom\.xml: No space left on device"):
        atomic_write_all([(rss, b"rss 2"), (atom, b"atom 2")], pool=pool)
    assert (rss.read_bytes(), atom.read_bytes()) == (b"rss 1", b"atom 1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.atom.xml", "b.rss.xml"]


def test_a_pool_writes_the_temp_files_side_by_side_and_renames_them_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = FEED_FILES
    files = [(tmp_path / name, name.encode()) for name in names]
    synced: list[str] = []
    real_sync = getattr(os, "fdatasync", os.fsync)

    def sync(fd: int) -> None:
        synced.append(threading.current_thread().name)
        real_sync(fd)

    break_sync(monkeypatch, sync)
    renamed = record_renames(monkeypatch)
    with ThreadPoolExecutor(4, thread_name_prefix="sync") as pool:
        assert atomic_write_all(files, pool=pool) == [path for path, _ in files]
    assert all(name.startswith("sync") for name in synced[:4])
    assert renamed == names
    assert [(path, path.read_bytes()) for path, _ in files] == files
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names open files by /proc")
def test_without_a_pool_the_temp_files_are_synced_side_by_side_each_in_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = FEED_FILES
    files = [(tmp_path / name, name.encode()) for name in names]
    synced: list[tuple[str, str]] = []
    real_sync = getattr(os, "fdatasync", os.fsync)
    all_waiting = threading.Barrier(len(names), timeout=10)

    def sync(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):  # the folder, after the renames
            real_sync(fd)
            return
        all_waiting.wait()  # every file's sync has begun before any ends: side by side
        temp = Path(os.readlink(f"/proc/self/fd/{fd}")).name  # ".b.rss.xml.1a2b3c4d.tmp"
        synced.append((threading.current_thread().name, temp.split(".tmp")[0][1:-9]))
        real_sync(fd)

    break_sync(monkeypatch, sync)
    renamed = record_renames(monkeypatch)
    assert atomic_write_all(files) == [path for path, _ in files]
    assert sorted(name for _, name in synced) == sorted(names)
    assert len({thread for thread, _ in synced}) == len(names)
    assert renamed == names
    assert [(path, path.read_bytes()) for path, _ in files] == files
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_a_mixed_pair_left_by_a_kill_between_renames_is_repaired_by_the_next_write(
    tmp_path: Path,
) -> None:
    rss, atom = tmp_path / "b.rss.xml", tmp_path / "b.atom.xml"
    atomic_write_all([(rss, b"rss 1"), (atom, b"atom 1")])
    atomic_write(rss, b"rss 2")  # killed after the first rename: new RSS, old Atom
    assert atomic_write_all([(rss, b"rss 2"), (atom, b"atom 2")]) == [atom]
    assert (rss.read_bytes(), atom.read_bytes()) == (b"rss 2", b"atom 2")


def test_temp_files_and_writes_never_follow_a_planted_symlink(tmp_path: Path) -> None:
    target = tmp_path / "precious"
    target.write_bytes(b"keep me")
    feed = tmp_path / "out" / "b.rss.xml"
    feed.parent.mkdir()
    feed.symlink_to(target)
    assert atomic_write(feed, b"keep me") is True  # same bytes behind a link: still replaced
    assert not feed.is_symlink()
    assert (feed.read_bytes(), target.read_bytes()) == (b"keep me", b"keep me")
    fd, name = create_temp(feed)
    os.close(fd)
    os.unlink(name)
    os.symlink(target, name)
    with pytest.raises(FileExistsError):  # O_EXCL | O_NOFOLLOW: never opens through a link
        os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW)
    assert target.read_bytes() == b"keep me"

"""Atomic, change-aware writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pagefeed.errors import FeedError
from pagefeed.publish.files import NOFOLLOW, atomic_write, atomic_write_all, create_temp


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

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(type(error) if isinstance(error, KeyboardInterrupt) else FeedError):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_a_pair_is_replaced_only_when_every_new_file_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rss, atom = tmp_path / "b.rss.xml", tmp_path / "b.atom.xml"
    assert atomic_write_all([(rss, b"rss 1"), (atom, b"atom 1")]) == [rss, atom]
    real_fsync = os.fsync
    calls: list[int] = []

    def second_fsync_fails(fd: int) -> None:  # the disk fills up while writing b.atom.xml
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", second_fsync_fails)
    with pytest.raises(FeedError, match=r"cannot write .*b\.atom\.xml: No space left on device"):
        atomic_write_all([(rss, b"rss 2"), (atom, b"atom 2")])
    assert (rss.read_bytes(), atom.read_bytes()) == (b"rss 1", b"atom 1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.atom.xml", "b.rss.xml"]


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

"""Atomic, change-aware writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pagefeed.errors import FeedError
from pagefeed.publish.files import atomic_write


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

"""Atomic, change-aware writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pagefeed.errors import FeedError
from pagefeed.files import atomic_write


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

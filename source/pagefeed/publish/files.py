"""Atomic, change-aware file writes: a reader or a killed run never sees a half-written file."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from pagefeed.errors import FeedError

# The temp names atomic_write makes: "." + target name + "." + 8 random hex digits + ".tmp".
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp")


def atomic_write(path: Path, data: bytes, *, mode: int = 0o644) -> bool:
    """Write ``data`` to ``path`` via a temp file in the same folder, fsync, then ``os.replace``.

    Returns False (and leaves the file and its mtime alone) when it already holds ``data``.
    Raises FeedError naming the path when the folder cannot be written.
    """
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temp(path)
    except OSError as exc:
        raise FeedError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:  # an interrupt (Ctrl-C) must not leave the temp file either
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise FeedError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    _fsync_dir(path.parent)
    return True


def _create_temp(path: Path) -> tuple[int, str]:
    """A new, exclusive temp file beside ``path`` (tempfile would cost ~2 ms of start-up)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp name beside {path}")


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_leftover_temps(folder: Path, targets: Iterable[str]) -> list[Path]:
    """Delete the temp files that killed :func:`atomic_write` calls left for ``targets``.

    Only files named like atomic_write's temp files for one of the ``targets`` (file names in
    ``folder``) go. Call it only while holding the folder's lock: a live write's temp file
    must not be removed. Best effort: returns what it removed, never raises.
    """
    wanted = set(targets)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None or match["target"] not in wanted:
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed

"""Atomic, change-aware file writes: a reader or a killed run never sees a half-written file."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pagefeed.errors import FeedError

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # every file we create or lock refuses a planted symlink
# The temp names atomic_write makes: "." + target name + "." + 8 random hex digits + ".tmp".
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp")


def atomic_write(path: Path, data: bytes, *, mode: int = 0o644) -> bool:
    """Write ``data`` to ``path`` via a temp file in the same folder, fsync, then ``os.replace``.

    Returns False (and leaves the file and its mtime alone) when it already holds ``data``.
    Raises FeedError naming the path when the folder cannot be written.
    """
    return bool(atomic_write_all([(path, data)], mode=mode))


def atomic_write_all(
    files: Sequence[tuple[Path, bytes]], *, mode: int = 0o644, pool: Executor | None = None
) -> list[Path]:
    """Replace several files together: every changed file is written to a temp file and synced
    first, and only then are the temps renamed into place, one after the other.

    So a failure while writing (a full disk, an interrupt) leaves every old file as it was and no
    temp file. Only a kill between two renames can leave a mixed set, which the next call with
    the same content repairs, since each file is compared with what it should hold. Files that
    already hold their bytes are not touched. The temp files are synced side by side, so that
    the disk commits them together instead of one after the other: ``pool`` (``run``'s) writes
    and syncs each in one of its threads; without one, they are written here and synced each
    in a thread of its own (:func:`_write_temps_together`). Returns the paths written, in order.
    """
    changed = [(path, data) for path, data in files if not _holds(path, data)]
    temps: list[tuple[str, Path]] = []
    writing: list[Future[str]] = []
    try:
        if pool is not None and len(changed) > 1:
            writing = [pool.submit(_write_temp, path, data, mode) for path, data in changed]
            temps = [(job.result(), path) for job, (path, _) in zip(writing, changed, strict=True)]
        elif len(changed) > 1:
            temps = _write_temps_together(changed, mode)
        else:
            for path, data in changed:
                temps.append((_write_temp(path, data, mode), path))
        for tmp, path in temps:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise FeedError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:  # an interrupt (Ctrl-C) must not leave the temp files either
        for tmp in _temps_made(temps, writing):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    for folder in dict.fromkeys(path.parent for path, _ in changed):
        _fsync_dir(folder)
    return [path for path, _ in changed]


def _temps_made(temps: list[tuple[str, Path]], writing: list[Future[str]]) -> set[str]:
    """Every temp file a failed :func:`atomic_write_all` made (its pool's writes ended first)."""
    made = {tmp for tmp, _ in temps}
    if writing:
        from concurrent.futures import wait

        wait(writing)
        made |= {job.result() for job in writing if not job.cancelled() and not job.exception()}
    return made


def _holds(path: Path, data: bytes) -> bool:
    """Whether the regular file ``path`` already holds exactly ``data`` (never follows a link)."""
    try:
        info = path.lstat()
        same_size = stat.S_ISREG(info.st_mode) and info.st_size == len(data)
        return same_size and path.read_bytes() == data
    except OSError:
        return False


def _write_temp(path: Path, data: bytes, mode: int) -> str:
    """A synced temp file beside ``path`` holding ``data``; FeedError naming ``path``."""
    fd, tmp = _unsynced_temp(path, data, mode)
    try:
        try:
            _sync_data(fd)
        finally:
            os.close(fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise FeedError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    return tmp


def _unsynced_temp(path: Path, data: bytes, mode: int) -> tuple[int, str]:
    """A temp file beside ``path`` holding ``data``, not synced yet: (its open fd, its name).

    FeedError naming ``path`` (and no temp file left) when it cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = create_temp(path)
    except OSError as exc:
        raise FeedError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fchmod(fd, mode)
    except BaseException as exc:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise FeedError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    return fd, tmp


def _write_temps_together(files: Sequence[tuple[Path, bytes]], mode: int) -> list[tuple[str, Path]]:
    """Synced temp files for ``files`` as (temp name, path): written one after the other, then
    synced side by side, one thread each (a sync waits for the disk without holding the GIL).

    On any failure every temp file made is removed; FeedError names the file that failed.
    """
    made: list[tuple[int, str, Path]] = []
    try:
        for path, data in files:
            fd, tmp = _unsynced_temp(path, data, mode)
            made.append((fd, tmp, path))
        _sync_side_by_side([(fd, path) for fd, _, path in made])
    except BaseException:
        for _, tmp, _ in made:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    finally:
        for fd, _, _ in made:
            with contextlib.suppress(OSError):
                os.close(fd)
    return [(tmp, path) for _, tmp, path in made]


def _sync_side_by_side(files: Sequence[tuple[int, Path]]) -> None:
    """Sync each open fd of ``files`` (fd, path), the first here and the others each in a
    thread; FeedError naming the first that failed once all have ended."""
    failed: list[tuple[Path, BaseException]] = []

    def sync(fd: int, path: Path) -> None:
        try:
            _sync_data(fd)
        except BaseException as exc:  # re-raised by the calling thread below
            failed.append((path, exc))

    threads = [threading.Thread(target=sync, args=item, daemon=True) for item in files[1:]]
    for thread in threads:
        thread.start()
    try:
        sync(*files[0])
    finally:
        for thread in threads:
            thread.join()
    if failed:
        path, exc = failed[0]
        if isinstance(exc, OSError):
            raise FeedError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise exc


def _sync_data(fd: int) -> None:
    """Make a file's bytes durable: ``fdatasync`` (the data and the size, what reading it back
    needs; not its times) where there is one, else ``fsync``."""
    getattr(os, "fdatasync", os.fsync)(fd)


def create_temp(path: Path) -> tuple[int, str]:
    """A new, exclusive temp file beside ``path`` (tempfile would cost ~2 ms of start-up).

    Never follows a symlink: ``O_EXCL`` refuses any existing name and ``O_NOFOLLOW`` says so.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
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

"""One run at a time per output folder: an ``flock`` on ``<out>/.pagefeed.lock``.

The kernel drops an ``flock`` when its holder's file is closed, so a run that is killed (even
with SIGKILL) never leaves a stale lock behind; the lock file itself stays in place (deleting
it would let two runs lock two different files). The holder writes its pid into the file so
that a waiting run can name it. Locks are not re-entrant: a second acquisition of the same
file, even from the same process, waits like any other.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from pagefeed.errors import FeedError, LockError
from pagefeed.logs import get_logger
from pagefeed.publish.files import NOFOLLOW

LOCK_NAME = ".pagefeed.lock"

log = get_logger(__name__)


def lock_path(out: Path) -> Path:
    """The lock file of an output folder."""
    return out / LOCK_NAME


@contextlib.contextmanager
def acquire_lock(path: Path, *, wait: float = 5.0, poll: float = 0.1) -> Iterator[Path]:
    """Hold an exclusive lock on the file ``path`` for the ``with`` block; yields ``path``.

    Tries without blocking every ``poll`` seconds until ``wait`` seconds have passed, then
    raises LockError naming the file and, when it is written there, the holder's pid. Creates
    the file and its folder when missing (FeedError when that is impossible).
    """
    with acquire_locks([path], wait=wait, poll=poll):
        yield path


@contextlib.contextmanager
def acquire_locks(
    paths: Iterable[Path], *, wait: float = 5.0, poll: float = 0.1
) -> Iterator[tuple[Path, ...]]:
    """Hold several lock files at once, taken in sorted order (so two runs cannot deadlock).

    ``wait`` is the budget for all of them together. Paths are de-duplicated by their real
    folder (two spellings of one folder would otherwise wait for themselves); yields them
    sorted, with the folders resolved.
    """
    ordered = tuple(sorted({path.parent.resolve() / path.name for path in paths}))
    deadline = time.monotonic() + max(wait, 0.0)
    with contextlib.ExitStack() as stack:
        for path in ordered:
            stack.enter_context(_hold(path, deadline=deadline, wait=wait, poll=poll))
        yield ordered


@contextlib.contextmanager
def _hold(path: Path, *, deadline: float, wait: float, poll: float) -> Iterator[None]:
    fd = _open(path)
    try:
        _lock(fd, path, deadline=deadline, wait=wait, poll=poll)
    except BaseException:
        os.close(fd)
        raise
    try:
        _write_pid(fd)
        log.debug("locked %s", path)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # still ours: a later reader sees no stale pid
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        log.debug("unlocked %s", path)


def _open(path: Path) -> int:
    """Open (or create) the lock file; a symlink planted in its place is refused, never followed
    (opening it would truncate whatever it points at when the pid is written)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | NOFOLLOW
    try:
        try:
            fd = os.open(path, flags, 0o644)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, flags, 0o644)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if path.is_symlink():
            reason = "it is a symbolic link (remove it; pagefeed never follows one)"
        raise FeedError(f"cannot create lock file {path}: {reason}") from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO or a device is no lock file either
        os.close(fd)
        raise FeedError(f"cannot create lock file {path}: it is not a regular file")
    return fd


def _lock(fd: int, path: Path, *, deadline: float, wait: float, poll: float) -> None:
    """Non-blocking attempts until ``deadline``; LockError naming the holder when it passes."""
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pid = _read_pid(fd)
                holder = f" (pid {pid})" if pid is not None else ""
                raise LockError(
                    f"another pagefeed run holds {path}{holder}; gave up after {wait:g}s"
                ) from None
            time.sleep(min(max(poll, 0.001), remaining))
        except OSError as exc:
            raise FeedError(f"cannot lock {path}: {exc.strerror or exc}") from exc
        else:
            return


def _write_pid(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    except OSError as exc:  # the lock holds anyway; the pid is only a courtesy
        log.warning("cannot write pid into lock file: %s", exc.strerror or exc)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdecimal() else None

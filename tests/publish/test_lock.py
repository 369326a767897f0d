"""The run lock, held by a real second process."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pagefeed.errors import FeedError, LockError
from pagefeed.publish.lock import LOCK_NAME, acquire_lock, acquire_locks, lock_path

# Takes the lock, says so, holds it until a line arrives on stdin, releases it, says so, and
# then stays alive until stdin closes (so "released" is not the same as "exited").
HOLDER = """
import sys
from pathlib import Path
from pagefeed.publish.lock import acquire_lock
with acquire_lock(Path(sys.argv[1]), wait=30):
    print("locked", flush=True)
    sys.stdin.readline()
print("released", flush=True)
sys.stdin.readline()
"""


class Holder:
    """A child process holding a lock file."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.expect() == "locked"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def expect(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        assert self.expect() == "released"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate()


@pytest.fixture
def lock_file(tmp_path: Path) -> Path:
    return lock_path(tmp_path / "feeds")


@pytest.fixture
def holder(lock_file: Path) -> Iterator[Holder]:
    child = Holder(lock_file)
    yield child
    child.stop()


def test_lock_path_is_inside_the_output_folder(tmp_path: Path) -> None:
    assert lock_path(tmp_path) == tmp_path / LOCK_NAME == tmp_path / ".pagefeed.lock"


def test_acquire_creates_the_folder_and_writes_our_pid(lock_file: Path) -> None:
    with acquire_lock(lock_file, wait=0) as held:
        assert held == lock_file
        assert lock_file.read_text(encoding="ascii") == f"{os.getpid()}\n"
    assert lock_file.exists()  # never deleted: deleting would race with a waiting run
    assert lock_file.read_text(encoding="ascii") == ""


def test_a_second_process_is_refused_with_the_holder_s_pid(lock_file: Path, holder: Holder) -> None:
    with pytest.raises(LockError) as info, acquire_lock(lock_file, wait=0.3, poll=0.05):
        pytest.fail("acquired a lock another process holds")
    message = str(info.value)
    assert message == (
        f"another pagefeed run holds {lock_file} (pid {holder.pid}); gave up after 0.3s"
    )
    assert "\n" not in message


def test_a_waiting_run_gets_the_lock_when_the_holder_releases_it(
    lock_file: Path, holder: Holder
) -> None:
    with pytest.raises(LockError), acquire_lock(lock_file, wait=0):
        pass
    timer = threading.Timer(0.3, holder.release)
    timer.start()
    try:
        with acquire_lock(lock_file, wait=60, poll=0.02):
            assert lock_file.read_text(encoding="ascii").strip() != str(holder.pid)
    finally:
        timer.join()
    assert holder.proc.poll() is None  # the holder released; it did not exit


def test_released_lock_can_be_taken_at_once(lock_file: Path, holder: Holder) -> None:
    holder.release()
    with acquire_lock(lock_file, wait=0):
        pass


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_holder_leaves_no_stale_lock(
    lock_file: Path, holder: Holder, sig: signal.Signals
) -> None:
    holder.proc.send_signal(sig)
    holder.proc.wait()
    assert lock_file.read_text(encoding="ascii") == f"{holder.pid}\n"  # a stale pid stays ...
    with acquire_lock(lock_file, wait=0):  # ... but not the lock
        pass


def test_not_reentrant_within_one_process(lock_file: Path) -> None:
    outer = acquire_lock(lock_file, wait=0)
    inner = acquire_lock(lock_file, wait=0)
    with outer, pytest.raises(LockError, match=r"\(pid \d+\)"), inner:
        pytest.fail("the same lock was taken twice")


def test_several_locks_are_taken_sorted_and_released_together(tmp_path: Path) -> None:
    b, a = lock_path(tmp_path / "b"), lock_path(tmp_path / "a")
    with acquire_locks([b, a, b], wait=0) as held:
        assert held == (a, b)
        with pytest.raises(LockError, match=re.escape(str(b))), acquire_lock(b, wait=0):
            pass
    with acquire_locks([a, b], wait=0):
        pass


def test_two_spellings_of_one_folder_are_one_lock(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "feeds")
    spellings = [lock_path(tmp_path / "feeds"), lock_path(tmp_path / "link")]
    with acquire_locks(spellings, wait=0) as held:
        assert held == (lock_path((tmp_path / "feeds").resolve()),)


def test_a_failed_multi_lock_releases_what_it_took(tmp_path: Path) -> None:
    a, b = lock_path(tmp_path / "a"), lock_path(tmp_path / "b")
    child = Holder(b)
    try:
        with pytest.raises(LockError), acquire_locks([a, b], wait=0):
            pass
        with acquire_lock(a, wait=0):
            pass
    finally:
        child.stop()


def test_unwritable_folder_is_a_feed_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="ascii")
    expected = r"cannot create lock file .*file/\.pagefeed\.lock: Not a directory"
    with pytest.raises(FeedError, match=expected), acquire_lock(lock_path(blocker), wait=0):
        pass


def test_a_symlink_planted_at_the_lock_file_is_refused_and_its_target_kept(
    tmp_path: Path,
) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("the only copy\n", encoding="ascii")
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).symlink_to(target)
    expected = r"cannot create lock file .*\.pagefeed\.lock: it is a symbolic link"
    with pytest.raises(FeedError, match=expected), acquire_lock(lock_path(out), wait=0):
        pass
    assert target.read_text(encoding="ascii") == "the only copy\n"
    dangling = tmp_path / "other"
    dangling.mkdir()
    (dangling / LOCK_NAME).symlink_to(tmp_path / "does-not-exist")
    with pytest.raises(FeedError, match="symbolic link"), acquire_lock(lock_path(dangling), wait=0):
        pass
    assert not (tmp_path / "does-not-exist").exists()

"""Loggers that import :mod:`logging` only for a record that can be shown.

Every module logs through :func:`get_logger`. A process that has not imported ``logging`` has
not configured it either, and unconfigured ``logging`` drops records below WARNING: so do
these loggers, without importing it. Any other record, and every record once ``logging`` is
imported (by a library user, the tests, or the CLI's ``-v``), goes to the ``logging`` logger of
the same name, which decides as usual; the record names the caller's function and line.

The CLI at its default level hands its set-up of ``logging`` to :func:`set_up_on_first_record`:
it runs before the first record passes, so a build that logs nothing never imports ``logging``
(some 4 ms of a text build's start-up).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging

DEBUG = 10
INFO = 20
WARNING = 30
ERROR = 40

_pending: list[Callable[[], None]] = []  # the CLI's set-up, until the first record passes
_pending_lock = threading.Lock()


def get_logger(name: str) -> Logger:
    """The logger of ``name`` (``logging.getLogger(name)`` once a record needs it)."""
    return Logger(name)


def set_up_on_first_record(set_up: Callable[[], None] | None) -> None:
    """Run ``set_up`` (which configures ``logging``) before the first record passes; None:
    forget a set-up that has not run (the CLI, once a command has returned)."""
    with _pending_lock:
        _pending[:] = [] if set_up is None else [set_up]


def _run_pending_set_up() -> None:
    with _pending_lock:
        while _pending:
            _pending.pop()()


ExcInfo = BaseException | bool | None
Extra = Mapping[str, object] | None


class Logger:
    """Stands for ``logging.getLogger(name)``: ``debug``, ``info``, ``warning``, ``error``."""

    __slots__ = ("_target", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        # logging.getLogger(name), once a record has gone to it (it is the same logger for the
        # life of the process): a debug record it drops costs a level test, not a look-up.
        self._target: logging.Logger | None = None

    def debug(self, msg: str, *args: object, exc_info: ExcInfo = None, extra: Extra = None) -> None:
        target = self._target
        if target is not None and not _pending and not target.isEnabledFor(DEBUG):
            return  # what target.log() would do with it
        self._log(DEBUG, msg, args, exc_info, extra)

    def info(self, msg: str, *args: object, exc_info: ExcInfo = None, extra: Extra = None) -> None:
        self._log(INFO, msg, args, exc_info, extra)

    def warning(
        self, msg: str, *args: object, exc_info: ExcInfo = None, extra: Extra = None
    ) -> None:
        self._log(WARNING, msg, args, exc_info, extra)

    def error(self, msg: str, *args: object, exc_info: ExcInfo = None, extra: Extra = None) -> None:
        self._log(ERROR, msg, args, exc_info, extra)

    def _log(
        self, level: int, msg: str, args: tuple[object, ...], exc_info: ExcInfo, extra: Extra
    ) -> None:
        if level < WARNING and "logging" not in sys.modules:
            return  # unconfigured logging drops it too (so does the CLI at its default level)
        if _pending:
            _run_pending_set_up()
        target = self._target
        if target is None:
            import logging

            target = self._target = logging.getLogger(self.name)
        # stacklevel 3: the record names our caller, not this method or debug/info/...
        target.log(level, msg, *args, exc_info=exc_info, extra=extra, stacklevel=3)

"""What only the ``pagefeed`` process does to start and stop fast (never the library, never tests
that call the click commands in-process).

Deferred imports: feedgen imports ``dateutil.parser`` (some 12 ms) to parse dates given as
strings, which pagefeed never gives it; bs4 imports ``soupsieve`` (some 29 ms) for CSS
selectors, which only site recipes use, and the first of ``cchardet``, ``chardet`` or
``charset_normalizer`` that is installed (some 15 ms) to guess the encoding of bytes, which
pagefeed never hands it (it decodes pages itself); ``lxml.etree`` imports ``lxml._elementpath``
(some 1.7 ms) for the paths of ``find()`` and ``iterfind()``, which a build never calls (``run``
reads its feeds' files with them); feedgen's ``dateutil.tz`` imports ``importlib.resources``
(some 5 ms, with ``tempfile``, ``shutil``, ``bz2``, ``lzma`` and ``random``) to read time zone
files and, on every platform, ``ctypes`` (some 1.6 ms) before it finds no Windows registry,
where feedgen only asks it for UTC. :func:`defer_imports` puts a placeholder module for each
that is installed into ``sys.modules`` (and a submodule's onto its package) before anything
imports them.
``import soupsieve`` then returns the placeholder; the first attribute anyone reads from it
(``soupsieve.select``, ``from soupsieve import compile``, bs4's ``Tag.select``) imports the real
module and answers from it, so code that does use them works unchanged, only later.

Fewer collections: start-up creates tens of thousands of objects that live as long as the
process (modules, classes, functions, compiled patterns), and with Python's thresholds the
cycle collector scans them again and again while they are made (some 7M instructions, 2 %, of a
text build after the CLI is imported). :func:`collect_less` raises the thresholds
(:data:`GC_THRESHOLDS`): cycles are still collected, after more allocations.

Patterns kept between runs: :mod:`pagefeed.cli_patterns` puts the compiled patterns an earlier
run stored into ``re``'s cache before anything compiles them, and stores those this run added.

Fast exit: once a command has returned, everything it wrote is closed and fsynced (archive,
lock, feed files); :func:`exit_now` flushes the log handlers and standard streams and ends the
process without the interpreter's teardown (some 12 ms for a text build, 27 ms for HTML).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Sequence
from contextlib import suppress
from typing import Any, NoReturn

DEFERRED = (
    "dateutil.parser",
    "soupsieve",
    "cchardet",
    "chardet",
    "charset_normalizer",
    "lxml._elementpath",
    "importlib.resources",
    "ctypes",
)
"""Modules that are imported on first use instead of when another module imports them."""

EXIT_WRITE_FAILED = 6  # as FeedError: the output could not be written

GC_THRESHOLDS = (20_000, 20, 20)
"""The cycle collector's thresholds in the ``pagefeed`` process (Python's are 700, 10, 10)."""

_ModuleType: type = type(sys)
_LOCK = threading.RLock()


class DeferredModule(_ModuleType):  # type: ignore[misc]
    """A stand-in for a module that imports the real one on first attribute access."""

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.real_module(), attr)

    def real_module(self) -> Any:
        """The real module, imported now if it was not yet."""
        real = self.__dict__.get("_deferred_real")
        if real is None:
            with _LOCK:
                real = self.__dict__.get("_deferred_real")
                if real is None:
                    name = self.__name__
                    if sys.modules.get(name) is self:
                        del sys.modules[name]
                    __import__(name)
                    real = sys.modules[name]
                    self.__dict__["_deferred_real"] = real
        return real


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script: patterns from the last run, imports deferred, cycles collected less
    often, and the process ended without the interpreter's teardown once the command returns."""
    from pagefeed import cli_patterns

    patterns = cli_patterns.cache_file(os.environ)
    loaded = cli_patterns.load(patterns) if patterns else {}
    collect_less()
    defer_imports()
    from pagefeed.cli import cli

    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="pagefeed")
    except SystemExit as exc:
        if patterns:
            with suppress(KeyboardInterrupt):
                cli_patterns.save(patterns, loaded)
        exit_now(exc.code)
    raise AssertionError("the CLI returned without exiting")  # cli.main always raises SystemExit


def collect_less(thresholds: tuple[int, int, int] = GC_THRESHOLDS) -> None:
    """Let the cycle collector run after more allocations than Python's default thresholds."""
    gc.set_threshold(*thresholds)


def defer_imports(names: tuple[str, ...] = DEFERRED) -> None:
    """Put a :class:`DeferredModule` for each installed module of ``names`` not imported yet.

    A module that is not installed gets none, so importing it still fails as it should. A
    submodule's placeholder is also its package's attribute (``import importlib.resources``
    then ``importlib.resources.files(...)``); importing the real one replaces it there.
    """
    for name in names:
        if name not in sys.modules and _installed(name.partition(".")[0]):
            placeholder = DeferredModule(name)
            sys.modules[name] = placeholder
            package, _, attribute = name.rpartition(".")
            if package:
                __import__(package)
                if not hasattr(sys.modules[package], attribute):
                    setattr(sys.modules[package], attribute, placeholder)


def _installed(top: str) -> bool:
    """Whether the import system can find the top-level module ``top`` (without importing it)."""
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is not None and find_spec(top, None) is not None:
            return True
    return False


def exit_now(code: object) -> NoReturn:
    """Flush logging and the standard streams, then end the process with ``code`` at once.

    ``code`` is what ``SystemExit`` carried (None, an int, or a message for stderr). A stdout
    that cannot take the output (a full disk, a closed pipe) is reported and exits 6.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    logging = sys.modules.get("logging")  # not imported: nothing was logged, nothing to flush
    if logging is not None:
        logging.shutdown()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader stopped reading (``| head``): nothing to report
    except (OSError, ValueError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        with suppress(OSError, ValueError):
            sys.stderr.write(f"pagefeed: error: cannot write to standard output: {detail}\n")
        status = status or EXIT_WRITE_FAILED
    with suppress(OSError, ValueError):
        sys.stderr.flush()

    os._exit(status)

"""Compiled regular expressions kept between runs of the ``pagefeed`` process (never the library).

``re`` parses and compiles every pattern in Python code, anew in each process: the 90-odd
patterns of a text build cost some 13 ms of its 100 ms. As ``__pycache__`` keeps compiled
modules, this keeps each pattern's compiled program in one file per interpreter; the next
process makes the pattern object from it at once (``_sre.compile``, the step that ends
``re.compile``) and puts it into ``re``'s own cache, where ``re.compile`` finds it.

It cannot change what a pattern matches:

- the file holds the exact interpreter it was written by (its version string, the regular
  expression engine's magic number and code size, ``sys.maxunicode``) and a checksum; a file
  that does not match, cannot be read or fails in any way is ignored, and ``re`` compiles as
  it always does;
- a program is stored only after the pattern made from it proved equal to the one ``re``
  compiled (``==`` compares flags, pattern text and compiled code) with the same groups;
  patterns that depend on the locale are never stored;
- the file is written only by a process that compiled a pattern the file did not hold, into a
  temporary file renamed over the old one.

It relies on ``re``'s private parts (``re._cache``, ``re._parser``, ``re._compiler._code``,
``_sre.compile``), read once here; where one is missing the cache is simply off.
:func:`cache_file` says where the file lives (``PAGEFEED_CACHE_DIR``, else
``$XDG_CACHE_HOME/pagefeed``, else ``~/.cache/pagefeed``; ``PAGEFEED_NO_CACHE=1`` turns it off).
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import zlib
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

FORMAT = b"pagefeed compiled patterns 1\n"
"""The file's first bytes; a checksum (4 bytes, CRC-32) and the marshalled programs follow."""

MAX_PATTERNS = 1024
"""At most this many programs are kept; past it, a process keeps only those it compiled itself."""

Key = tuple[str | bytes, int]
"""A pattern and the flags it was compiled with, as ``re.compile`` was given them."""

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What ``_sre.compile`` needs besides the pattern: final flags, code, groups and their names."""

_UNSTORED_FLAGS = re.LOCALE | re.DEBUG  # a locale's program is the locale's; DEBUG prints


def cache_file(environ: Mapping[str, str]) -> str | None:
    """The cache file's path for this interpreter, or None when the cache is off."""
    if environ.get("PAGEFEED_NO_CACHE", "") not in ("", "0"):
        return None
    folder = environ.get("PAGEFEED_CACHE_DIR") or ""
    if not folder:
        base = environ.get("XDG_CACHE_HOME") or ""
        if not os.path.isabs(base):  # the XDG rule: a relative path is to be ignored
            home = environ.get("HOME") or ""
            if not os.path.isabs(home):
                return None
            base = os.path.join(home, ".cache")
        folder = os.path.join(base, "pagefeed")
    return os.path.join(folder, f"patterns.{sys.implementation.cache_tag}.bin")


def load(path: str) -> dict[Key, Program]:
    """Put the programs stored in ``path`` into ``re``'s cache; returns those it read.

    A missing, foreign or damaged file gives nothing (and no error): ``re`` then compiles."""
    engine = _engine()
    if engine is None:
        return {}
    cache, make_pattern, _, _ = engine
    try:
        with open(path, "rb") as file:
            data = file.read()
        programs = _decode(data)
        room = getattr(re, "_MAXCACHE", 512) - len(cache)
        for (pattern, flags), (final, code, groups, names, index) in programs.items():
            if room <= 0:
                break
            key = (type(pattern), pattern, flags)
            if key not in cache:
                cache[key] = make_pattern(pattern, final, code, groups, names, index)
                room -= 1
    except Exception:  # a cache, never a reason to fail: re compiles what it must
        return {}
    return programs


def save(path: str, loaded: Mapping[Key, Program]) -> bool:
    """Store the programs of the patterns ``re`` compiled in this process that ``loaded`` lacks,
    beside those; returns whether the file was written (not when there was nothing new)."""
    engine = _engine()
    if engine is None:
        return False
    cache, make_pattern, parse, generate = engine
    new: dict[Key, Program] = {}
    try:
        for key_in_cache, compiled in list(cache.items()):
            pattern, flags = key_in_cache[1], key_in_cache[2]
            key = (pattern, flags)
            if key in loaded or key in new or not isinstance(pattern, (str, bytes)):
                continue
            if not isinstance(flags, int) or flags & _UNSTORED_FLAGS:
                continue
            program = _program(pattern, flags, parse, generate)
            remade = make_pattern(pattern, *program)
            if (
                remade == compiled
                and remade.groups == compiled.groups
                and remade.groupindex == compiled.groupindex
            ):
                new[key] = program
        if not new:
            return False
        programs = {**loaded, **new} if len(loaded) + len(new) <= MAX_PATTERNS else new
        _write(path, _encode(programs))
    except Exception:  # a cache, never a reason to fail: the next run compiles again
        return False
    return True


def _engine() -> tuple[dict[Any, Any], Any, Any, Any] | None:
    """``re``'s cache, ``_sre.compile``, the pattern parser and the code generator, if all exist."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        cache = re._cache  # type: ignore[attr-defined]
        parts = (cache, _compiler._sre.compile, _parser.parse, _compiler._code)
    except (ImportError, AttributeError):
        return None
    return parts if isinstance(cache, dict) and all(map(callable, parts[1:])) else None


def _program(pattern: str | bytes, flags: int, parse: Any, generate: Any) -> Program:
    """What ``re``'s compiler hands ``_sre.compile`` for ``pattern`` (as ``re._compiler``)."""
    parsed = parse(pattern, flags)
    code = [
        int(op) for op in generate(parsed, flags)
    ]  # opcodes are int subclasses: marshal wants ints
    names: dict[str, int] = dict(parsed.state.groupdict)
    index: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        index[number] = name
    final = int(flags | parsed.state.flags)
    return final, code, int(parsed.state.groups) - 1, names, tuple(index)


def _interpreter() -> tuple[object, ...]:
    """What a stored program is valid for: this interpreter's engine, exactly."""
    from re import _compiler  # type: ignore[attr-defined]

    engine = _compiler._sre
    return (sys.version, engine.MAGIC, engine.CODESIZE, sys.maxunicode)


def _encode(programs: Mapping[Key, Program]) -> bytes:
    payload = marshal.dumps((_interpreter(), dict(programs)))  # type: ignore[arg-type]
    return FORMAT + zlib.crc32(payload).to_bytes(4, "big") + payload


def _decode(data: bytes) -> dict[Key, Program]:
    """The programs in ``data``; empty unless it is this format, intact, for this interpreter."""
    head = len(FORMAT)
    if not data.startswith(FORMAT) or len(data) < head + 4:
        return {}
    payload = data[head + 4 :]
    if zlib.crc32(payload) != int.from_bytes(data[head : head + 4], "big"):
        return {}
    interpreter, programs = marshal.loads(payload)
    if interpreter != _interpreter() or not isinstance(programs, dict):
        return {}
    return programs


def _write(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` at once (a folder only its owner reads, if it is made)."""
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with open(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise

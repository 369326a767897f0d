"""Content-Encoding decoders that never produce more than a set number of bytes (pure).

A small compressed body can expand enormously (a "zip bomb"; brotli reaches ratios in the
millions), so a size cap must hold while decompressing, not after.
"""

from __future__ import annotations

import zlib
from typing import Protocol


class BodyTooLarge(Exception):
    """The decoded body would exceed the limit."""


class BadEncoding(Exception):
    """The body is not valid data for its Content-Encoding, or the coding is unknown."""


class _Step(Protocol):
    def feed(self, data: bytes, room: int) -> bytes: ...


class _Zlib:
    """gzip (``wbits`` 31) or deflate: zlib-wrapped as the RFC says, raw as some servers send."""

    def __init__(self, *, gzip: bool) -> None:
        self._gzip = gzip
        self._inner: zlib._Decompress | None = None
        self._head = b""  # deflate: the first bytes, until there are two to tell the kind

    def feed(self, data: bytes, room: int) -> bytes:
        if self._inner is None:
            data = self._head + data
            if not self._gzip and len(data) < 2:
                self._head = data
                return b""
            wbits = 31 if self._gzip else (15 if _zlib_header(data) else -15)
            self._inner = zlib.decompressobj(wbits)
        if self._inner.eof or not data:
            return b""
        try:
            # Asking for one byte more than there is room for tells "too large" from "fits".
            return self._inner.decompress(data, room + 1)
        except zlib.error as exc:
            raise BadEncoding(f"bad {'gzip' if self._gzip else 'deflate'} data ({exc})") from exc


class _Brotli:
    def __init__(self) -> None:
        import brotli  # only a brotli-encoded answer loads it

        self._error = brotli.error
        self._inner = brotli.Decompressor()

    def feed(self, data: bytes, room: int) -> bytes:
        if not data or self._inner.is_finished():
            return b""
        try:
            return bytes(self._inner.process(data, output_buffer_limit=room + 1))
        except self._error as exc:
            raise BadEncoding(f"bad brotli data ({exc})") from exc


_STEPS = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate", "br": "br"}


class BoundedDecoder:
    """Undo a Content-Encoding header chunk by chunk, raising BodyTooLarge past ``limit`` bytes."""

    def __init__(self, content_encoding: str | None, *, limit: int) -> None:
        self._limit = limit
        self._total = 0
        self._steps: list[_Step] = []
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        # Codings are listed in the order they were applied, so they are undone in reverse.
        for coding in reversed(codings):
            if coding == "identity":
                continue
            kind = _STEPS.get(coding)
            if kind is None:
                raise BadEncoding(f"unsupported Content-Encoding {coding!r}")
            self._steps.append(_Brotli() if kind == "br" else _Zlib(gzip=kind == "gzip"))

    def feed(self, data: bytes) -> bytes:
        """Decode one chunk of the raw body; the result may be empty."""
        for step in self._steps:
            data = step.feed(data, self._limit - self._total)
            if len(data) > self._limit - self._total:
                raise BodyTooLarge(f"more than {self._limit} bytes")
        self._total += len(data)
        if self._total > self._limit:
            raise BodyTooLarge(f"more than {self._limit} bytes")
        return data


def _zlib_header(data: bytes) -> bool:
    """True when ``data`` starts with a zlib header (RFC 1950), false for raw deflate."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0

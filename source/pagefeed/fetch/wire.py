"""HTTP/1.1 on a socket: one GET at a time per connection, every step under one deadline.

The standard library's ``http.client`` imports the ``email`` package (some 20 ms) and ``ssl``
(another 7 ms) even for plain http, and bounds each socket read rather than a whole response:
a server that sends one header byte a second never times out. This module speaks the small
part of HTTP/1.1 a page fetch needs (a GET; a status line and headers; a body framed by
Content-Length, chunked transfer coding or the end of the connection) and checks one
:class:`Deadline` before every send and receive, each of which may then wait only for the time
left. TLS is imported only for https.

The connection goes to an address the caller chose (the one its address check approved), never
to the host name again: no second DNS lookup. :class:`Pool` keeps idle keep-alive connections
and limits the requests in flight per host; it is thread-safe and one serves a whole run.

Failures are :class:`WireError` (the connection or the response failed; worth a retry),
:class:`Expired` (the deadline passed) or :class:`TlsError` (certificate or handshake
problems; not worth a retry).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, NamedTuple

from pagefeed.fetch.guard import as_bytes

if TYPE_CHECKING:
    import ssl

MAX_HEAD = 65_536  # bytes of status line and headers
MAX_HEADERS = 200
MAX_CHUNK_LINE = 1_024
READ_SIZE = 65_536

Opener = Callable[[str, int, float], socket.socket]
"""Connects to an IP address and port within a timeout (by default :func:`open_socket`)."""


class WireError(Exception):
    """The connection failed or the server's response broke HTTP/1.1."""


class Expired(WireError):
    """The deadline passed; ``phase`` says where: connecting, waiting for data, or the body."""

    def __init__(self, phase: str) -> None:
        super().__init__(f"timed out ({phase})")
        self.phase = phase


class StaleConnection(WireError):
    """A kept-alive connection the server had closed: the request may go again at once."""


class TlsError(WireError):
    """TLS failed: an untrusted certificate, a wrong host name, a broken handshake."""


class Deadline:
    """A point on the monotonic clock that every step of one attempt must finish by."""

    __slots__ = ("at",)

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self, phase: str) -> float:
        """Seconds left, or :class:`Expired` naming ``phase`` when there are none."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise Expired(phase)
        return left


class Head(NamedTuple):
    """A response's status line and headers (names lower case, values in order)."""

    status: int
    reason: str
    version: str
    fields: tuple[tuple[str, str], ...]

    def get(self, name: str, default: str | None = None) -> str | None:
        """The field's values joined with ``", "``, or ``default`` when absent."""
        values = [value for key, value in self.fields if key == name]
        return ", ".join(values) if values else default


def open_socket(address: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to a numeric ``address`` (no DNS lookup: the address is given)."""
    flags = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV
    family, kind, proto, _, sockaddr = socket.getaddrinfo(
        as_bytes(address), port, type=socket.SOCK_STREAM, flags=flags
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.settimeout(timeout)
        sock.connect(sockaddr)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except BaseException:
        sock.close()
        raise
    return sock


class Connection:
    """One connection to one address: send a request, read its head, then stream its body."""

    def __init__(self, sock: socket.socket, key: tuple[str, str, int], address: str) -> None:
        self.sock = sock
        self.key = key
        self.address = address
        self.reusable = False
        self.used = False
        self._buffer = bytearray()

    def close(self) -> None:
        self.reusable = False
        with suppress(OSError):
            self.sock.close()

    def send(self, data: bytes, deadline: Deadline) -> None:
        self.sock.settimeout(deadline.left("sending"))
        try:
            self.sock.sendall(data)
        except TimeoutError:
            raise Expired("sending") from None

    def read_head(self, deadline: Deadline) -> Head:
        """The response's head; interim 1xx responses are skipped."""
        while True:
            head = self._head(deadline)
            if not 100 <= head.status < 200 or head.status == 101:
                return head

    def _head(self, deadline: Deadline) -> Head:
        end = self._buffer.find(b"\r\n\r\n")
        while end < 0:
            if len(self._buffer) > MAX_HEAD:
                raise WireError(f"bad HTTP response (headers longer than {MAX_HEAD} bytes)")
            if not self._fill(deadline, "waiting for data"):
                if self.used and not self._buffer:
                    raise StaleConnection("the server closed the kept-alive connection")
                raise WireError("bad HTTP response (the server closed the connection early)")
            end = self._buffer.find(b"\r\n\r\n")
        raw = bytes(self._buffer[:end])
        del self._buffer[: end + 4]
        return parse_head(raw)

    def body(self, head: Head, deadline: Deadline, *, phase: str) -> Iterator[bytes]:
        """The body's raw bytes (still content-coded), as they arrive.

        Sets :attr:`reusable` once the whole body was read and the server keeps the connection.
        """
        keep = head.version == "HTTP/1.1" and "close" not in _tokens(head.get("connection"))
        if head.status in (204, 304) or head.status < 200:
            self.reusable = keep
            return
        coding = _tokens(head.get("transfer-encoding"))
        if coding and coding[-1] == "chunked":
            yield from self._chunked(deadline, phase)
            self.reusable = keep
        elif coding:
            yield from self._until_closed(deadline, phase)
        else:
            length = content_length(head)
            if length is None:
                yield from self._until_closed(deadline, phase)
            else:
                yield from self._exactly(length, deadline, phase)
                self.reusable = keep

    def _fill(self, deadline: Deadline, phase: str) -> bool:
        self.sock.settimeout(deadline.left(phase))
        try:
            data = self.sock.recv(READ_SIZE)
        except TimeoutError:
            raise Expired(phase) from None
        self._buffer += data
        return bool(data)

    def _take(self, limit: int) -> bytes:
        data = bytes(self._buffer[:limit])
        del self._buffer[:limit]
        return data

    def _exactly(self, length: int, deadline: Deadline, phase: str) -> Iterator[bytes]:
        left = length
        while left > 0:
            if not self._buffer and not self._fill(deadline, phase):
                raise WireError(
                    f"bad HTTP response (the body ended after {length - left} of {length} bytes)"
                )
            data = self._take(left)
            left -= len(data)
            yield data

    def _until_closed(self, deadline: Deadline, phase: str) -> Iterator[bytes]:
        while self._buffer or self._fill(deadline, phase):
            yield self._take(len(self._buffer))

    def _line(self, deadline: Deadline, phase: str) -> bytes:
        end = self._buffer.find(b"\r\n")
        while end < 0:
            if len(self._buffer) > MAX_CHUNK_LINE:
                raise WireError("bad HTTP response (a chunk size line is too long)")
            if not self._fill(deadline, phase):
                raise WireError("bad HTTP response (the chunked body ended early)")
            end = self._buffer.find(b"\r\n")
        line = self._take(end)
        del self._buffer[:2]
        return line

    def _chunked(self, deadline: Deadline, phase: str) -> Iterator[bytes]:
        while True:
            text = self._line(deadline, phase).split(b";", 1)[0].strip()
            try:
                size = int(text, 16)
            except ValueError:
                raise WireError(f"bad HTTP response (bad chunk size {text[:20]!r})") from None
            if size < 0:
                raise WireError("bad HTTP response (negative chunk size)")
            if size == 0:
                while self._line(deadline, phase):  # trailer fields, up to the empty line
                    pass
                return
            yield from self._exactly(size, deadline, phase)
            if self._line(deadline, phase):
                raise WireError("bad HTTP response (no line end after a chunk)")


def parse_head(raw: bytes) -> Head:
    """Parse a status line and header fields (obsolete line folding joined with a space)."""
    lines = raw.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
        raise WireError(f"bad HTTP response (status line {lines[0][:60]!r})")
    if len(parts[1]) != 3:
        raise WireError(f"bad HTTP response (status {parts[1][:10]!r})")
    fields: list[tuple[str, str]] = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and fields:
            name, value = fields[-1]
            fields[-1] = (name, f"{value} {line.strip()}".strip())
            continue
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            raise WireError(f"bad HTTP response (header line {line[:60]!r})")
        fields.append((name.lower(), value.strip()))
        if len(fields) > MAX_HEADERS:
            raise WireError(f"bad HTTP response (more than {MAX_HEADERS} headers)")
    reason = parts[2].strip() if len(parts) > 2 else ""
    return Head(status=int(parts[1]), reason=reason, version=parts[0], fields=tuple(fields))


def content_length(head: Head) -> int | None:
    """The declared body length; several equal values count as one, differing ones fail."""
    declared = [value for key, value in head.fields if key == "content-length"]
    values = {v.strip() for value in declared for v in value.split(",")}
    if not values:
        return None
    if len(values) > 1 or not all(v.isdigit() for v in values):
        raise WireError(f"bad HTTP response (Content-Length {', '.join(sorted(values))!r})")
    return int(values.pop())


def _tokens(value: str | None) -> list[str]:
    return [t.strip().lower() for t in (value or "").split(",") if t.strip()]


class Pool:
    """Idle keep-alive connections and a limit on requests in flight per host; thread-safe.

    ``tls_context`` is called once, when the first https connection is made. ``per_host``
    bounds concurrent requests to one host name (None: no limit).
    """

    def __init__(
        self,
        *,
        tls_context: Callable[[], ssl.SSLContext],
        per_host: int | None = None,
        opener: Opener = open_socket,
    ) -> None:
        self._make_tls = tls_context
        self._tls: ssl.SSLContext | None = None
        self._per_host = per_host
        self._opener = opener
        self._lock = threading.Lock()
        self._idle: dict[tuple[str, str, int], list[Connection]] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of ``host``'s request slots (waits while every slot is taken)."""
        if self._per_host is None:
            yield
            return
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self._per_host))
        with semaphore:
            yield

    def connect(
        self,
        scheme: str,
        host: str,
        port: int,
        addresses: list[str],
        deadline: Deadline,
        *,
        fresh: bool = False,
    ) -> Connection:
        """An idle connection to one of ``addresses``, else a new one to the first that answers.

        ``host`` is the name TLS verifies; the socket goes only to the addresses given.
        """
        key = (scheme, host, port)
        if not fresh:
            with self._lock:
                idle = self._idle.get(key, [])
                for conn in reversed(idle):
                    if conn.address in addresses:
                        idle.remove(conn)
                        conn.used = True
                        return conn
        error: OSError | None = None
        for address in addresses:
            try:
                sock = self._opener(address, port, deadline.left("connecting"))
            except TimeoutError:
                raise Expired("connecting") from None
            except OSError as exc:
                error = exc
                continue
            if scheme == "https":
                sock = self._wrap(sock, host, deadline)
            return Connection(sock, key, address)
        assert error is not None, "callers pass at least one address"
        raise error

    def release(self, conn: Connection) -> None:
        """Keep a connection whose response was read completely; close any other."""
        if not conn.reusable:
            conn.close()
            return
        conn.reusable = False
        with self._lock:
            self._idle.setdefault(conn.key, []).append(conn)

    def close(self) -> None:
        with self._lock:
            idle = [conn for conns in self._idle.values() for conn in conns]
            self._idle.clear()
        for conn in idle:
            conn.close()

    def _wrap(self, sock: socket.socket, host: str, deadline: Deadline) -> socket.socket:
        """TLS over ``sock``, verified for ``host``; the handshake runs under the deadline."""
        import select
        import ssl

        with self._lock:
            if self._tls is None:
                self._tls = self._make_tls()
            context = self._tls
        try:
            tls = context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
        except (ssl.SSLError, ValueError) as exc:
            sock.close()
            raise TlsError(f"TLS error ({_one_line(exc)})") from exc
        try:
            tls.setblocking(False)
            while True:
                try:
                    tls.do_handshake()
                    break
                except ssl.SSLWantReadError:
                    ready = select.select([tls], [], [], deadline.left("connecting"))[0]
                except ssl.SSLWantWriteError:
                    ready = select.select([], [tls], [], deadline.left("connecting"))[1]
                if not ready:
                    raise Expired("connecting")
            tls.setblocking(True)
        except ssl.SSLError as exc:
            tls.close()
            raise TlsError(f"TLS error ({_one_line(exc)})") from exc
        except BaseException:
            tls.close()
            raise
        return tls


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())

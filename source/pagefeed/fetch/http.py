"""Fetch one page over HTTP(S), safely and politely. The only module that makes requests.

Safety: only http and https; every hop's host is resolved once and refused when it points at a
loopback, private, link-local, multicast, reserved or cloud-metadata address (unless
``allow_private``), and the connection goes to an address that passed that check, with no
second DNS lookup (``fetch.guard``); redirects are followed here, one checked hop at a time; the
body is capped while it streams, after decompression too. Time: ``timeout`` bounds each attempt
as a whole (connecting, the headers and the body, ``fetch.wire``), and the whole fetch, retries
and the pauses between them included, ends within three times that.
Politeness: a User-Agent naming pagefeed, conditional GET from stored validators, few retries
with exponential backoff that honour Retry-After and give up when asked to wait too long, and
(with a shared :class:`~pagefeed.fetch.wire.Pool`) a limit on requests in flight per host.

Every failure is a FetchError with a one-line message naming the URL and the cause. Environment
proxy settings and ``.netrc`` are not used: a proxy would make the address check meaningless.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

from pagefeed import __version__
from pagefeed.errors import FetchError
from pagefeed.fetch.compression import BadEncoding, BodyTooLarge, BoundedDecoder
from pagefeed.fetch.decoding import decode_page
from pagefeed.fetch.guard import BadUrl, Resolver, Target, first_private, parse_url, system_resolve
from pagefeed.fetch.validators import Validators
from pagefeed.fetch.wire import (
    Connection,
    Deadline,
    Head,
    Pool,
    StaleConnection,
    TlsError,
    WireError,
)
from pagefeed.logs import get_logger

if TYPE_CHECKING:
    import ssl

log = get_logger(__name__)

# No URL in it: the project has no public home page yet, and a User-Agent must not point at one
# that does not exist.
DEFAULT_USER_AGENT = f"pagefeed/{__version__}"
MAX_WAIT = 30.0  # seconds: the longest pause between attempts, Retry-After included
BACKOFF_BASE = 1.0  # seconds: the first pause; it doubles each time
FETCH_TIMEOUTS = 3  # a whole fetch, retries included, ends within this many timeouts
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

TlsContext = Callable[[], "ssl.SSLContext"]
"""Makes the verifying TLS context for https (by default :func:`system_tls_context`)."""
__all__ = ["FetchResult", "Pool", "Resolver", "TlsContext", "fetch", "new_pool"]


class FetchResult(NamedTuple):
    """A fetched page: the final URL after redirects, and the body (None for a 304)."""

    url: str
    status: int
    body: bytes | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False

    @property
    def text(self) -> str:
        """The body decoded (charset from BOM, header, meta, then UTF-8); ``""`` for a 304."""
        return "" if self.body is None else decode_page(self.body, content_type=self.content_type)

    @property
    def media_type(self) -> str | None:
        """The Content-Type without parameters, lower case (``text/html``), if there was one."""
        if not self.content_type:
            return None
        return self.content_type.split(";", 1)[0].strip().lower() or None

    @property
    def validators(self) -> Validators:
        """What to store for the next conditional GET of the same URL."""
        return Validators(etag=self.etag, last_modified=self.last_modified)


def new_pool(*, per_host: int | None = None, tls_context: TlsContext | None = None) -> Pool:
    """A connection pool to share between fetches (thread-safe); close it when done."""
    return Pool(
        tls_context=system_tls_context if tls_context is None else tls_context, per_host=per_host
    )


def fetch(
    url: str,
    *,
    validators: Validators | None = None,
    timeout: float = 20.0,
    max_bytes: int = 10_000_000,
    max_redirects: int = 5,
    retries: int = 3,
    user_agent: str = DEFAULT_USER_AGENT,
    allow_private: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    resolve: Resolver | None = None,
    total_timeout: float | None = None,
    tls_context: TlsContext | None = None,
    pool: Pool | None = None,
) -> FetchResult:
    """GET ``url`` and return the page, or raise FetchError.

    ``timeout`` bounds each attempt as a whole: connecting, the headers and the body.
    ``total_timeout`` (default: three times ``timeout``) bounds the whole fetch, from its first
    attempt, with every retry, redirect and pause; a retry that would end later is not made.
    ``retries`` is how many extra attempts the whole fetch may make after connection errors,
    timeouts, 429 and 5xx; ``sleep`` waits between them. ``resolve`` replaces DNS (tests use it
    to simulate a public host); the connection goes to an address it gave. ``pool`` shares
    connections and a per-host limit with other fetches; without one, the fetch makes its own,
    which calls ``tls_context`` (only once a hop is https: plain http reads no certificates).
    """
    fail = _Failure(url)
    target = _parse(url, fail)
    headers = _headers(user_agent, validators, fail)
    total = FETCH_TIMEOUTS * timeout if total_timeout is None else total_timeout
    attempts = _Attempts(retries=retries, sleep=sleep, timeout=timeout, total=total)
    seen: set[str] = set()
    own = pool is None
    pool = new_pool(tls_context=tls_context) if pool is None else pool
    try:
        for hop in range(max_redirects + 1):
            seen.add(str(target))
            addresses = _check_host(target, fail, allow_private=allow_private, resolve=resolve)
            get = partial(_get, pool, target, addresses, headers, fail, max_bytes, attempts)
            result = attempts.run(get, fail)
            if isinstance(result, FetchResult):
                return _with_validators(result, validators)
            if hop == max_redirects:
                raise fail(f"too many redirects (more than {max_redirects})")
            target = _parse_location(target, result, fail)
            if str(target) in seen:
                raise fail(f"redirect loop back to {target}")
            fail.hop = str(target)
            log.info("%s redirects to %s", url, target)
    finally:
        if own:
            pool.close()
    raise AssertionError("unreachable")  # pragma: no cover


def system_tls_context() -> ssl.SSLContext:
    """A verifying TLS context trusting the system's CAs (certifi's bundle when it has none).

    Hostname checks and certificate verification are on. Honours ``SSL_CERT_FILE`` and
    ``SSL_CERT_DIR``, as OpenSSL does.
    """
    import ssl

    paths = ssl.get_default_verify_paths()
    if paths.cafile is None and not _has_entries(paths.capath):
        import certifi  # only where the system has no CA store (some minimal containers)

        return ssl.create_default_context(cafile=certifi.where())
    return ssl.create_default_context()


def _has_entries(folder: str | None) -> bool:
    if folder is None:
        return False
    try:
        with os.scandir(folder) as entries:
            return any(True for _ in entries)
    except OSError:
        return False


class _Failure:
    """Makes the FetchError for this fetch: the URL asked for, the hop it failed on, the cause."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.hop: str | None = None

    def __call__(self, cause: str) -> FetchError:
        via = f" (redirected to {_shown(self.hop)})" if self.hop else ""
        return FetchError(f"cannot fetch {_shown(self.url)}{via}: {cause}")


class _Retry(Exception):
    """A failure worth another attempt; ``wait`` is the server's Retry-After, if it gave one."""

    def __init__(self, cause: str, wait: float | None = None) -> None:
        super().__init__(cause)
        self.cause = cause
        self.wait = wait


class _Attempts:
    """The retry budget and the time budget of one fetch, shared by all its hops.

    The time budget starts with the first attempt (a fetch waiting for a free per-host slot has
    not started yet); each attempt gets ``timeout`` seconds or what is left of it.
    """

    def __init__(
        self, *, retries: int, sleep: Callable[[float], None], timeout: float, total: float
    ) -> None:
        self.left = max(0, retries)
        self.made = 0
        self.sleep = sleep
        self.timeout = timeout
        self.total = total
        self.ends: float | None = None

    def deadline(self) -> tuple[Deadline, str]:
        """This attempt's deadline, and how a body that outlives it is described."""
        deadline = Deadline(self.timeout)
        if self.ends is None:
            self.ends = time.monotonic() + self.total
        if self.ends < deadline.at:
            deadline.at = self.ends
            return deadline, f"the response took longer than {self.total:g} s"
        return deadline, f"the response took longer than {self.timeout:g} s"

    def run(self, attempt: Callable[[], FetchResult | Head], fail: _Failure) -> FetchResult | Head:
        backoff = BACKOFF_BASE
        while True:
            self.made += 1
            try:
                return attempt()
            except _Retry as exc:
                tries = f" after {self.made} attempts" if self.made > 1 else ""
                if self.left == 0:
                    raise fail(f"{exc.cause}{tries}") from None
                if exc.wait is not None and exc.wait > MAX_WAIT:
                    raise fail(f"{exc.cause}; asked to retry after {exc.wait:.0f} s") from None
                wait = min(exc.wait if exc.wait is not None else backoff, MAX_WAIT)
                if self.ends is not None and time.monotonic() + wait >= self.ends:
                    raise fail(
                        f"{exc.cause}{tries}; no time left to retry (a fetch may take"
                        f" {self.total:g} s)"
                    ) from None
                self.left -= 1
                backoff = min(backoff * 2, MAX_WAIT)
                # INFO, not WARNING: a fetch that recovers must leave cron nothing to mail.
                log.info("%s: %s; retrying in %.1f s", fail.hop or fail.url, exc.cause, wait)
                self.sleep(wait)


def _parse(url: str, fail: _Failure) -> Target:
    try:
        return parse_url(url)
    except BadUrl as exc:
        raise fail(str(exc)) from None


def _parse_location(current: Target, head: Head, fail: _Failure) -> Target:
    location = (head.get("location") or "").strip()
    if not location:
        raise fail(f"HTTP {head.status} redirect without a Location header")
    try:
        return current.join(location)
    except BadUrl as exc:
        if str(exc).startswith("not http"):
            raise fail(str(exc)) from None
        raise fail(f"bad redirect Location {location!r} ({exc})") from None


def _check_host(
    target: Target, fail: _Failure, *, allow_private: bool, resolve: Resolver | None
) -> list[str]:
    """Resolve the host once; its addresses, unless one is private (and that is not allowed)."""
    try:
        addresses = list((resolve or system_resolve)(target.host, target.port))
    except (OSError, UnicodeError) as exc:
        raise fail(f"DNS lookup failed for {target.host} ({_one_line(exc)})") from exc
    if not addresses:
        raise fail(f"DNS lookup failed for {target.host} (no addresses)")
    private = None if allow_private else first_private(addresses)
    if private is not None:
        address = private.split("%", 1)[0]
        where = "is" if private == target.host else f"resolves to {address}, which is"
        raise fail(
            f"refused: {target.host} {where} a private address"
            " (use --allow-private to fetch it anyway)"
        )
    return addresses


def _headers(user_agent: str, validators: Validators | None, fail: _Failure) -> dict[str, str]:
    if not _header_safe(user_agent):
        raise fail(f"the User-Agent {user_agent!r} is not printable ASCII")
    headers = {"User-Agent": user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip, br"}
    if validators is not None:
        for name, value in (
            ("If-None-Match", validators.etag),
            ("If-Modified-Since", validators.last_modified),
        ):
            if value and _header_safe(value):
                headers[name] = value
    return headers


def _header_safe(value: str) -> bool:
    return value.isascii() and value.isprintable()


def _request(target: Target, headers: dict[str, str]) -> bytes:
    lines = [f"GET {target.path} HTTP/1.1", f"Host: {target.authority}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if target.userinfo is not None:
        import base64  # only for URLs with credentials

        user, _, password = target.userinfo.partition(":")
        token = base64.b64encode(f"{unquote(user)}:{unquote(password)}".encode()).decode()
        lines.append(f"Authorization: Basic {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


def _get(
    pool: Pool,
    target: Target,
    addresses: list[str],
    headers: dict[str, str],
    fail: _Failure,
    max_bytes: int,
    attempts: _Attempts,
) -> FetchResult | Head:
    """One attempt: a result, a redirect's head (body unread), or _Retry / FetchError."""
    log.debug("GET %s", target)
    request = _request(target, headers)
    try:
        with pool.slot(target.host):
            deadline, slow_body = attempts.deadline()
            conn = pool.connect(target.scheme, target.host, target.port, addresses, deadline)
            try:
                try:
                    conn.send(request, deadline)
                    head = conn.read_head(deadline)
                except (StaleConnection, BrokenPipeError, ConnectionResetError):
                    if not conn.used:
                        raise
                    conn.close()  # the server dropped an idle connection: once more, afresh
                    conn = pool.connect(
                        target.scheme, target.host, target.port, addresses, deadline, fresh=True
                    )
                    conn.send(request, deadline)
                    head = conn.read_head(deadline)
                return _answer(conn, target, head, fail, max_bytes, deadline, slow_body)
            finally:
                pool.release(conn)
    except TlsError as exc:
        raise fail(str(exc)) from None
    except WireError as exc:
        raise _Retry(str(exc)) from None
    except OSError as exc:
        raise _Retry(_os_cause(exc)) from None


def _answer(
    conn: Connection,
    target: Target,
    head: Head,
    fail: _Failure,
    max_bytes: int,
    deadline: Deadline,
    slow_body: str,
) -> FetchResult | Head:
    status = head.status
    if status in _REDIRECTS:
        return head
    if status == 429 or status >= 500:
        raise _Retry(_status_text(head), _retry_after(head))
    if status == 304:
        for _ in conn.body(head, deadline, phase=slow_body):
            pass
        return _result(target, head, None)
    if not 200 <= status < 300:
        raise fail(_status_text(head))
    declared = (head.get("content-length") or "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise fail(f"too large (Content-Length {declared} is more than {max_bytes} bytes)")
    try:
        decoder = BoundedDecoder(head.get("content-encoding"), limit=max_bytes)
        chunks: list[bytes] = []
        raw = 0
        for chunk in conn.body(head, deadline, phase=slow_body):
            raw += len(chunk)
            if raw > max_bytes:
                raise BodyTooLarge(f"more than {max_bytes} bytes")
            chunks.append(decoder.feed(chunk))
    except BodyTooLarge as exc:
        raise fail(f"too large ({exc})") from None
    except BadEncoding as exc:
        raise fail(str(exc)) from None
    return _result(target, head, b"".join(chunks))


def _result(target: Target, head: Head, body: bytes | None) -> FetchResult:
    return FetchResult(
        url=str(target),
        status=head.status,
        body=body,
        content_type=head.get("content-type"),
        etag=head.get("etag"),
        last_modified=head.get("last-modified"),
        not_modified=body is None,
    )


def _with_validators(result: FetchResult, sent: Validators | None) -> FetchResult:
    """A 304 may omit the validators; then the ones we sent are still the right ones."""
    if not result.not_modified or sent is None:
        return result
    return FetchResult(
        url=result.url,
        status=result.status,
        body=None,
        content_type=result.content_type,
        etag=result.etag or sent.etag,
        last_modified=result.last_modified or sent.last_modified,
        not_modified=True,
    )


def _status_text(head: Head) -> str:
    return f"HTTP {head.status}" + (f" {head.reason}" if head.reason else "")


def _retry_after(head: Head) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), if valid."""
    value = (head.get("retry-after") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime  # only here: email costs ~10 ms to import

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _os_cause(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(exc, TimeoutError):  # pragma: no cover - the wire layer reports its phase
        return "timed out"
    return f"connection failed ({_one_line(exc) or type(exc).__name__})"


def _shown(url: str) -> str:
    """The URL as typed, or quoted when it is empty or holds line breaks or other controls."""
    return url if url.isprintable() and url.strip() == url and url else repr(url)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())

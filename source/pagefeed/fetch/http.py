"""Fetch one page over HTTP(S), safely and politely. The only module that talks HTTP.

Safety: only http and https; every hop's host is resolved and refused when it points at a
loopback, private, link-local, multicast, reserved or cloud-metadata address (unless
``allow_private``); redirects are followed here, one checked hop at a time; the body is capped
while it streams, after decompression too; connect/read timeouts and a whole-response deadline.
Politeness: a User-Agent naming pagefeed, conditional GET from stored validators, few retries
with exponential backoff that honour Retry-After and give up when asked to wait too long.

Every failure is a FetchError with a one-line message naming the URL and the cause.

The address check resolves the name itself and the connection resolves it again, so a DNS
server that answers differently within a second (DNS rebinding) is not stopped; environment
proxy settings and ``.netrc`` are not used, because a proxy would make the check meaningless.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import socket
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import partial

import httpx

from pagefeed import __version__
from pagefeed.errors import FetchError
from pagefeed.fetch.compression import BadEncoding, BodyTooLarge, BoundedDecoder
from pagefeed.fetch.decoding import decode_page
from pagefeed.fetch.validators import Validators

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"pagefeed/{__version__} (+https://github.com/pagefeed)"
MAX_WAIT = 30.0  # seconds: the longest pause between attempts, Retry-After included
BACKOFF_BASE = 1.0  # seconds: the first pause; it doubles each time
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_METADATA = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HOST = re.compile(r"[a-z0-9._-]+|[0-9a-f:.]+(%[a-z0-9._~-]+)?", re.I)  # name, IPv4 or IPv6

Resolver = Callable[[str, int], Sequence[str]]
"""Host name and port to IP addresses (by default ``socket.getaddrinfo``)."""
TlsContext = Callable[[], ssl.SSLContext]
"""Makes the verifying TLS context for https (by default :func:`system_tls_context`)."""


@dataclass(frozen=True)
class FetchResult:
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
    total_timeout: float = 120.0,
    tls_context: TlsContext | None = None,
) -> FetchResult:
    """GET ``url`` and return the page, or raise FetchError.

    ``timeout`` bounds connecting and each read; ``total_timeout`` one whole response.
    ``retries`` is how many extra attempts the whole fetch may make after connection errors,
    timeouts, 429 and 5xx; ``sleep`` waits between them. ``resolve`` replaces DNS for the
    private-address check (tests use it to simulate a public host). ``tls_context`` makes the
    TLS context, only once a hop is https: plain http reads no certificates at all.
    """
    fail = _Failure(url)
    target = _parse(url, fail)
    headers = _headers(user_agent, validators)
    attempts = _Attempts(retries=retries, sleep=sleep)
    seen: set[str] = set()
    limits = httpx.Timeout(timeout)
    try:
        transport = _Transport(system_tls_context if tls_context is None else tls_context)
        with httpx.Client(
            timeout=limits, follow_redirects=False, trust_env=False, transport=transport
        ) as client:
            for hop in range(max_redirects + 1):
                seen.add(str(target))
                _check_host(target, fail, allow_private=allow_private, resolve=resolve)
                get = partial(_get, client, target, headers, fail, max_bytes, total_timeout)
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
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:  # pragma: no cover
        raise fail(_one_line(exc) or type(exc).__name__) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def system_tls_context() -> ssl.SSLContext:
    """A verifying TLS context trusting the system's CAs (certifi's bundle when it has none).

    Hostname checks and certificate verification are on. Honours ``SSL_CERT_FILE`` and
    ``SSL_CERT_DIR``, as OpenSSL does.
    """
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


class _Transport(httpx.BaseTransport):
    """A connection pool per scheme, made on first use, so plain http never builds TLS.

    httpx builds its TLS context when a transport is made, and its default reads certifi's
    bundle (some 25 ms) even for a process that only ever fetches http. The http pool gets a
    bare context that trusts nothing (no certificates read) because httpx wants one; it is
    never used, as that pool sees only http requests.
    """

    def __init__(self, tls_context: TlsContext) -> None:
        self._tls_context = tls_context
        self._pools: dict[str, httpx.HTTPTransport] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        scheme = request.url.scheme
        pool = self._pools.get(scheme)
        if pool is None:
            if scheme == "https":
                context = self._tls_context()
            else:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies, trusts no one
            pool = httpx.HTTPTransport(verify=context, trust_env=False)
            self._pools[scheme] = pool
        return pool.handle_request(request)

    def close(self) -> None:
        for pool in self._pools.values():
            pool.close()


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
    """The retry budget of one fetch, shared by all its hops."""

    def __init__(self, *, retries: int, sleep: Callable[[float], None]) -> None:
        self.left = max(0, retries)
        self.made = 0
        self.sleep = sleep

    def run(
        self, attempt: Callable[[], FetchResult | httpx.Response], fail: _Failure
    ) -> FetchResult | httpx.Response:
        backoff = BACKOFF_BASE
        while True:
            self.made += 1
            try:
                return attempt()
            except _Retry as exc:
                if self.left == 0:
                    tries = f" after {self.made} attempts" if self.made > 1 else ""
                    raise fail(f"{exc.cause}{tries}") from None
                if exc.wait is not None and exc.wait > MAX_WAIT:
                    raise fail(f"{exc.cause}; asked to retry after {exc.wait:.0f} s") from None
                wait = min(exc.wait if exc.wait is not None else backoff, MAX_WAIT)
                self.left -= 1
                backoff = min(backoff * 2, MAX_WAIT)
                # INFO, not WARNING: a fetch that recovers must leave cron nothing to mail.
                log.info("%s: %s; retrying in %.1f s", fail.hop or fail.url, exc.cause, wait)
                self.sleep(wait)


def _parse(url: str, fail: _Failure) -> httpx.URL:
    try:
        target = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise fail(f"not a valid URL ({_one_line(exc)})") from exc
    return _checked_scheme(target, fail)


def _parse_location(current: httpx.URL, response: httpx.Response, fail: _Failure) -> httpx.URL:
    location = response.headers.get("location", "").strip()
    if not location:
        raise fail(f"HTTP {response.status_code} redirect without a Location header")
    try:
        target = current.join(location).copy_with(fragment=None)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise fail(f"bad redirect Location {location!r} ({_one_line(exc)})") from exc
    return _checked_scheme(target, fail)


def _checked_scheme(target: httpx.URL, fail: _Failure) -> httpx.URL:
    if target.scheme not in ("http", "https"):
        shown = f"{target.scheme!r} URL" if target.scheme else "URL without a scheme"
        raise fail(f"not http(s): only http and https can be fetched, not a {shown}")
    if not target.host:
        raise fail("not a valid URL (no host)")
    if not _HOST.fullmatch(target.raw_host.decode("ascii", errors="replace")):
        raise fail(f"not a valid URL (bad host name {target.host!r})")
    return target.copy_with(fragment=None)


def _check_host(
    target: httpx.URL, fail: _Failure, *, allow_private: bool, resolve: Resolver | None
) -> None:
    """Resolve the host and refuse private addresses (unless allowed); DNS errors fail here."""
    host = target.raw_host.decode("ascii")
    port = target.port or (443 if target.scheme == "https" else 80)
    try:
        addresses = list((resolve or _system_resolve)(host, port))
    except (OSError, UnicodeError) as exc:
        raise fail(f"DNS lookup failed for {target.host} ({_one_line(exc)})") from exc
    if not addresses:
        raise fail(f"DNS lookup failed for {target.host} (no addresses)")
    if allow_private:
        return
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if _forbidden(address):
            where = "is" if text == host else f"resolves to {address}, which is"
            raise fail(
                f"refused: {target.host} {where} a private address"
                " (use --allow-private to fetch it anyway)"
            )


def _system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for any address that is not plainly on the public internet."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and _forbidden(embedded):
            return True
    return (
        address in _METADATA
        or address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def _headers(user_agent: str, validators: Validators | None) -> dict[str, str]:
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


def _get(
    client: httpx.Client,
    target: httpx.URL,
    headers: dict[str, str],
    fail: _Failure,
    max_bytes: int,
    total_timeout: float,
) -> FetchResult | httpx.Response:
    """One request: a result, a redirect response (body unread), or _Retry / FetchError."""
    log.debug("GET %s", target)
    deadline = time.monotonic() + total_timeout
    try:
        with client.stream("GET", target, headers=headers) as response:
            status = response.status_code
            if status in _REDIRECTS:
                return response
            if status == 429 or status >= 500:
                raise _Retry(_status_text(response), _retry_after(response))
            if status == 304:
                return _result(target, response, None)
            if not 200 <= status < 300:
                raise fail(_status_text(response))
            body = _read_body(response, fail, max_bytes, deadline, total_timeout)
            return _result(target, response, body)
    except httpx.TimeoutException as exc:
        raise _Retry(f"timed out ({_timeout_kind(exc)})") from exc
    except httpx.TransportError as exc:
        cause = _transport_cause(exc)
        if _is_tls(exc):
            raise fail(cause) from exc
        raise _Retry(cause) from exc


def _read_body(
    response: httpx.Response, fail: _Failure, max_bytes: int, deadline: float, total: float
) -> bytes:
    """The decoded body, stopping as soon as it exceeds ``max_bytes`` or the deadline passes."""
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise fail(f"too large (Content-Length {declared} is more than {max_bytes} bytes)")
    try:
        decoder = BoundedDecoder(response.headers.get("content-encoding"), limit=max_bytes)
        chunks: list[bytes] = []
        raw = 0
        for chunk in response.iter_raw():
            raw += len(chunk)
            if raw > max_bytes:
                raise BodyTooLarge(f"more than {max_bytes} bytes")
            chunks.append(decoder.feed(chunk))
            if time.monotonic() > deadline:
                raise fail(f"timed out (the response took longer than {total:g} s)")
    except BodyTooLarge as exc:
        raise fail(f"too large ({exc})") from None
    except BadEncoding as exc:
        raise fail(str(exc)) from None
    return b"".join(chunks)


def _result(target: httpx.URL, response: httpx.Response, body: bytes | None) -> FetchResult:
    return FetchResult(
        url=str(target),
        status=response.status_code,
        body=body,
        content_type=response.headers.get("content-type"),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
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


def _status_text(response: httpx.Response) -> str:
    phrase = response.reason_phrase
    return f"HTTP {response.status_code}" + (f" {phrase}" if phrase else "")


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), if valid."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _timeout_kind(exc: httpx.TimeoutException) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connecting"
    if isinstance(exc, httpx.ReadTimeout):
        return "waiting for data"
    return "sending" if isinstance(exc, httpx.WriteTimeout) else "waiting for a connection"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _transport_cause(exc: httpx.TransportError) -> str:
    for cause in _causes(exc):
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(cause, socket.gaierror):
            return f"DNS lookup failed ({_one_line(cause)})"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error ({_one_line(cause)})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"bad HTTP response ({_one_line(exc)})"
    return f"connection failed ({_one_line(exc) or type(exc).__name__})"


def _is_tls(exc: BaseException) -> bool:
    return any(isinstance(cause, ssl.SSLError) for cause in _causes(exc))


def _shown(url: str) -> str:
    """The URL as typed, or quoted when it is empty or holds line breaks or other controls."""
    return url if url.isprintable() and url.strip() == url and url else repr(url)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())

"""fetch() against real HTTP servers on 127.0.0.1: pytest-httpserver, or raw sockets in a thread
for what a well-behaved server cannot do (silence, a dripping or endless body, a lying length)."""

from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import brotli
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

import pagefeed.fetch.http
from pagefeed import __version__
from pagefeed.errors import FetchError
from pagefeed.fetch.http import FetchResult, fetch, system_tls_context
from pagefeed.fetch.validators import Validators
from pagefeed.fetch.wire import Pool, open_socket

pytest_plugins = ("localweb",)  # the ``web`` fixture: a real server on 127.0.0.1

PAGE = "<html><head><title>Lighthouse log</title></head><p>The keeper counted gulls.</p></html>"
PUBLIC = "93.184.215.14"  # any address on the public internet; nothing connects to it

Handler = Callable[[socket.socket, threading.Event], None]


class Sleeps(list[float]):
    """An injected ``sleep`` that records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def get(url: str, **options: object) -> FetchResult:
    """fetch() as the tests mostly want it: local addresses allowed, no real sleeping."""
    options.setdefault("allow_private", True)
    options.setdefault("sleep", Sleeps())
    return fetch(url, **options)  # type: ignore[arg-type]


class PublicIsHere(list[str]):
    """A socket opener for a pool: records each address connected to, and reaches PUBLIC (which
    the tests' resolvers hand out to look like the internet) on 127.0.0.1, where the server is."""

    def __call__(self, address: str, port: int, timeout: float) -> socket.socket:
        self.append(address)
        return open_socket("127.0.0.1" if address == PUBLIC else address, port, timeout)


def pool_for(opener: PublicIsHere) -> Pool:
    return Pool(tls_context=system_tls_context, opener=opener)


def public_for(*hosts: str) -> Callable[[str, int], Sequence[str]]:
    """A resolver that says ``hosts`` are public and everything else is 127.0.0.1."""

    def resolve(host: str, port: int) -> Sequence[str]:
        return [PUBLIC] if host in hosts else ["127.0.0.1"]

    return resolve


# --- plain pages and request headers --------------------------------------------------------------


def test_ok_page(web: HTTPServer) -> None:
    web.expect_request("/log").respond_with_data(
        PAGE,
        content_type="text/html; charset=utf-8",
        headers={"ETag": '"keeper-1"', "Last-Modified": "Sun, 29 Nov 2026 06:00:00 GMT"},
    )
    result = get(web.url_for("/log"))
    assert result.status == 200
    assert result.body == PAGE.encode()
    assert result.text == PAGE
    assert result.url == web.url_for("/log")
    assert result.media_type == "text/html"
    assert not result.not_modified
    assert result.validators == Validators('"keeper-1"', "Sun, 29 Nov 2026 06:00:00 GMT")


def test_request_headers_name_pagefeed_and_ask_for_compression(web: HTTPServer) -> None:
    web.expect_request("/log").respond_with_data(PAGE)
    get(web.url_for("/log"))
    request, _ = web.log[-1]
    assert request.headers["User-Agent"] == f"pagefeed/{__version__}"  # no URL that does not exist
    assert request.headers["Accept-Encoding"] == "gzip, br"
    assert "If-None-Match" not in request.headers
    assert "If-Modified-Since" not in request.headers


def test_empty_204_is_an_empty_page(web: HTTPServer) -> None:
    web.expect_request("/nothing").respond_with_data(b"", status=204)
    result = get(web.url_for("/nothing"))
    assert (result.status, result.body, result.text) == (204, b"", "")


# --- conditional GET ------------------------------------------------------------------------------


def test_304_from_etag(web: HTTPServer) -> None:
    web.expect_request("/log", headers={"If-None-Match": '"v1"'}).respond_with_data(
        b"", status=304, headers={"ETag": '"v1"'}
    )
    result = get(web.url_for("/log"), validators=Validators(etag='"v1"'))
    assert result.not_modified
    assert result.status == 304
    assert result.body is None
    assert result.text == ""
    assert result.validators == Validators(etag='"v1"')


def test_304_from_last_modified_keeps_the_validators_sent(web: HTTPServer) -> None:
    stamp = "Sat, 28 Nov 2026 18:30:00 GMT"
    web.expect_request("/log", headers={"If-Modified-Since": stamp}).respond_with_data(
        b"", status=304
    )
    sent = Validators(etag='W/"old"', last_modified=stamp)
    result = get(web.url_for("/log"), validators=sent)
    assert result.not_modified
    assert result.validators == sent
    request, _ = web.log[-1]
    assert request.headers["If-None-Match"] == 'W/"old"'


def test_changed_page_returns_200_with_new_validators(web: HTTPServer) -> None:
    web.expect_request("/log").respond_with_data(PAGE, headers={"ETag": '"v2"'})
    result = get(web.url_for("/log"), validators=Validators(etag='"v1"'))
    assert not result.not_modified
    assert result.validators == Validators(etag='"v2"')


def test_unsafe_stored_validators_are_not_sent(web: HTTPServer) -> None:
    web.expect_request("/log").respond_with_data(PAGE)
    get(web.url_for("/log"), validators=Validators(etag='"caf\u00e9"', last_modified="a\r\nX: y"))
    request, _ = web.log[-1]
    assert "If-None-Match" not in request.headers
    assert "If-Modified-Since" not in request.headers
    assert "X" not in request.headers


# --- redirects ------------------------------------------------------------------------------------


def redirect_chain(web: HTTPServer, prefix: str, hops: int, *, status: int = 301) -> str:
    for n in range(hops):
        location = f"{prefix}/{n + 1}" if n % 2 else web.url_for(f"{prefix}/{n + 1}")
        web.expect_request(f"{prefix}/{n}").respond_with_data(
            b"", status=status, headers={"Location": location}
        )
    web.expect_request(f"{prefix}/{hops}").respond_with_data(PAGE, content_type="text/html")
    return web.url_for(f"{prefix}/0")


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_five_redirects_are_followed(web: HTTPServer, status: int) -> None:
    result = get(redirect_chain(web, "/five", 5, status=status))
    assert result.url == web.url_for("/five/5")
    assert result.text == PAGE


def test_six_redirects_are_too_many(web: HTTPServer) -> None:
    start = redirect_chain(web, "/six", 6)
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)") as caught:
        get(start)
    assert str(caught.value).startswith(f"cannot fetch {start} (redirected to ")
    assert len(web.log) == 6


def test_max_redirects_is_an_option(web: HTTPServer) -> None:
    with pytest.raises(FetchError, match="more than 1"):
        get(redirect_chain(web, "/two", 2), max_redirects=1)


def test_redirect_loop(web: HTTPServer) -> None:
    web.expect_request("/a").respond_with_data(b"", status=302, headers={"Location": "/b"})
    web.expect_request("/b").respond_with_data(b"", status=302, headers={"Location": "/a#top"})
    with pytest.raises(FetchError, match=r"redirect loop back to http://127\.0\.0\.1:\d+/a$"):
        get(web.url_for("/a"))
    assert len(web.log) == 2


def test_redirect_to_itself(web: HTTPServer) -> None:
    web.expect_request("/me").respond_with_data(b"", status=301, headers={"Location": "/me"})
    with pytest.raises(FetchError, match="redirect loop"):
        get(web.url_for("/me"))


def test_redirect_without_location(web: HTTPServer) -> None:
    web.expect_request("/lost").respond_with_data(b"", status=301)
    with pytest.raises(FetchError, match="HTTP 301 redirect without a Location header"):
        get(web.url_for("/lost"))


def test_redirect_to_another_scheme_is_refused(web: HTTPServer) -> None:
    web.expect_request("/ftp").respond_with_data(
        b"", status=302, headers={"Location": "ftp://files.example/log.txt"}
    )
    with pytest.raises(FetchError, match="not http"):
        get(web.url_for("/ftp"))


# --- statuses and retries -------------------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 451])
def test_client_errors_fail_at_once(web: HTTPServer, sleeps: Sleeps, status: int) -> None:
    web.expect_request("/gone").respond_with_data(b"no", status=status)
    with pytest.raises(FetchError, match=rf"^cannot fetch http://\S+/gone: HTTP {status}\b"):
        get(web.url_for("/gone"), sleep=sleeps)
    assert sleeps == []
    assert len(web.log) == 1


def test_300_is_not_a_redirect_we_follow(web: HTTPServer) -> None:
    web.expect_request("/choose").respond_with_data(b"", status=300, headers={"Location": "/x"})
    with pytest.raises(FetchError, match="HTTP 300"):
        get(web.url_for("/choose"))


def test_500_then_200_is_retried(web: HTTPServer, sleeps: Sleeps) -> None:
    web.expect_oneshot_request("/flaky").respond_with_data(b"", status=500)
    web.expect_request("/flaky").respond_with_data(PAGE)
    assert get(web.url_for("/flaky"), sleep=sleeps).text == PAGE
    assert sleeps == [1.0]


def test_5xx_gives_up_after_the_retries_with_growing_waits(web: HTTPServer, sleeps: Sleeps) -> None:
    web.expect_request("/down").respond_with_data(b"", status=503)
    with pytest.raises(FetchError, match=r"HTTP 503 SERVICE UNAVAILABLE after 4 attempts$"):
        get(web.url_for("/down"), sleep=sleeps)
    assert sleeps == [1.0, 2.0, 4.0]
    assert len(web.log) == 4


def test_retries_zero_means_one_attempt(web: HTTPServer, sleeps: Sleeps) -> None:
    web.expect_request("/down").respond_with_data(b"", status=502)
    with pytest.raises(FetchError, match=r"HTTP 502 BAD GATEWAY$"):
        get(web.url_for("/down"), sleep=sleeps, retries=0)
    assert sleeps == []


def busy_once(web: HTTPServer, status: int, retry_after: str) -> str:
    """A page that answers ``status`` with ``Retry-After`` once, then serves PAGE."""
    web.expect_oneshot_request("/busy").respond_with_data(
        b"", status=status, headers={"Retry-After": retry_after}
    )
    web.expect_request("/busy").respond_with_data(PAGE)
    return web.url_for("/busy")


@pytest.mark.parametrize(
    ("status", "retry_after", "waits"),
    [
        (429, "7", [7.0]),
        (503, "0", [0.0]),
        (503, "Wed, 21 Oct 2015 07:28:00 GMT", [0.0]),  # in the past: now
        (429, "soon-ish", [1.0]),  # unreadable: the normal backoff
        (429, "-5", [1.0]),
    ],
)
def test_retry_after(
    web: HTTPServer, sleeps: Sleeps, status: int, retry_after: str, waits: list[float]
) -> None:
    assert get(busy_once(web, status, retry_after), sleep=sleeps).text == PAGE
    assert sleeps == waits


def test_retry_after_as_a_date(web: HTTPServer, sleeps: Sleeps) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=10), usegmt=True)
    get(busy_once(web, 429, when), sleep=sleeps)
    assert len(sleeps) == 1
    assert 0 < sleeps[0] <= 10


def test_a_long_retry_after_gives_up_instead_of_waiting(web: HTTPServer, sleeps: Sleeps) -> None:
    web.expect_request("/busy").respond_with_data(b"", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(
        FetchError, match=r"HTTP 429 TOO MANY REQUESTS; asked to retry after 3600 s"
    ):
        get(web.url_for("/busy"), sleep=sleeps)
    assert sleeps == []
    assert len(web.log) == 1


def test_the_retry_budget_is_shared_by_all_hops(web: HTTPServer, sleeps: Sleeps) -> None:
    web.expect_oneshot_request("/first").respond_with_data(b"", status=500)
    web.expect_request("/first").respond_with_data(b"", status=302, headers={"Location": "/second"})
    web.expect_oneshot_request("/second").respond_with_data(b"", status=500)
    web.expect_request("/second").respond_with_data(PAGE)
    with pytest.raises(FetchError, match=r"redirected to \S+/second\): HTTP 500"):
        get(web.url_for("/first"), sleep=sleeps, retries=1)
    assert get(web.url_for("/first"), sleep=sleeps, retries=1).text == PAGE


# --- bodies: compression, size cap, charsets ------------------------------------------------------


@pytest.mark.parametrize(
    ("coding", "pack"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("br", brotli.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),
        ("identity", bytes),
        ("gzip, br", lambda data: brotli.compress(gzip.compress(data))),
    ],
)
def test_compressed_bodies(web: HTTPServer, coding: str, pack: Callable[[bytes], bytes]) -> None:
    web.expect_request("/packed").respond_with_data(
        pack(PAGE.encode() * 50), headers={"Content-Encoding": coding}
    )
    assert get(web.url_for("/packed")).text == PAGE * 50


@pytest.mark.parametrize(
    ("coding", "pack"),
    [("gzip", gzip.compress), ("br", lambda data: brotli.compress(data, quality=1))],
)
def test_compression_bombs_hit_the_cap(
    web: HTTPServer, coding: str, pack: Callable[[bytes], bytes]
) -> None:
    bomb = pack(b"\0" * 20_000_000)
    assert len(bomb) < 100_000
    web.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": coding})
    with pytest.raises(FetchError, match=r"too large \(more than 1000000 bytes\)"):
        get(web.url_for("/bomb"), max_bytes=1_000_000)


def test_bad_gzip_data(web: HTTPServer) -> None:
    web.expect_request("/bad").respond_with_data(
        b"this is not gzip at all", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="bad gzip data"):
        get(web.url_for("/bad"))


def test_unknown_content_encoding(web: HTTPServer) -> None:
    web.expect_request("/z").respond_with_data(b"abc", headers={"Content-Encoding": "zstd"})
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'zstd'"):
        get(web.url_for("/z"))


def test_body_at_the_cap_is_fine_one_more_byte_is_not(web: HTTPServer) -> None:
    web.expect_request("/exact").respond_with_data(b"x" * 1000)
    assert get(web.url_for("/exact"), max_bytes=1000).body == b"x" * 1000
    with pytest.raises(FetchError, match="too large"):
        get(web.url_for("/exact"), max_bytes=999)


def test_windows_1252_page_declared_only_in_meta(web: HTTPServer) -> None:
    text = "<html><head><meta charset=windows-1252></head><p>“Crème” for 2 €</p></html>"
    web.expect_request("/legacy").respond_with_data(text.encode("cp1252"), content_type="text/html")
    assert get(web.url_for("/legacy")).text == text


def test_wrong_header_charset(web: HTTPServer) -> None:
    text = "<p>“Crème” for 2 €</p>"
    web.expect_request("/wrong").respond_with_data(
        text.encode("cp1252"), content_type="text/html; charset=utf-8"
    )
    assert get(web.url_for("/wrong")).text == text


# --- misbehaving servers on raw sockets -----------------------------------------------------------


class RawServer:
    """A TCP server on 127.0.0.1 that reads one request per connection and runs ``handler``."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.workers: list[threading.Thread] = []
        self.accepted = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/page"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            worker = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            worker.start()
            self.workers.append(worker)

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    data += chunk
                self.handler(conn, self.stop)
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.listener.close()
        for worker in self.workers:
            worker.join(5)


@pytest.fixture
def raw() -> Iterator[Callable[[Handler], RawServer]]:
    servers: list[RawServer] = []

    def start(handler: Handler) -> RawServer:
        servers.append(RawServer(handler))
        return servers[-1]

    yield start
    for started in servers:
        started.close()


def silent(conn: socket.socket, stop: threading.Event) -> None:
    stop.wait(10)


def dripping(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
    while not stop.wait(0.02):
        conn.sendall(b"x")


def endless(*, chunked: bool) -> Handler:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        framing = b"Transfer-Encoding: chunked\r\n" if chunked else b"Connection: close\r\n"
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + framing + b"\r\n")
        block = b"<p>tide</p>" * 6000
        frame = b"%x\r\n%s\r\n" % (len(block), block) if chunked else block
        while not stop.is_set():
            conn.sendall(frame)

    return handler


def lying_length(declared: int, sent: bytes, *, close: bool = False) -> Handler:
    def handler(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (declared, sent))
        if not close:
            stop.wait(10)

    return handler


def test_missing_content_type(raw: Callable[[Handler], RawServer]) -> None:
    text = "<p>Grüße vom Leuchtturm</p>".encode()
    server = raw(lying_length(len(text), text))
    result = get(server.url)
    assert (result.content_type, result.media_type) == (None, None)
    assert result.text == "<p>Grüße vom Leuchtturm</p>"


def test_silent_server_times_out(
    raw: Callable[[Handler], RawServer], sleeps: Sleeps, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagefeed.fetch.http, "BACKOFF_BASE", 0.1)  # a pause that fits 3 x 0.3 s
    server = raw(silent)
    with pytest.raises(FetchError, match=r"timed out \(waiting for data\) after 2 attempts$"):
        get(server.url, timeout=0.3, retries=1, sleep=sleeps)
    assert sleeps == [0.1]
    assert server.accepted == 2


def test_dripping_body_hits_the_total_deadline(raw: Callable[[Handler], RawServer]) -> None:
    server = raw(dripping)
    with pytest.raises(FetchError, match=r"timed out \(the response took longer than 0.3 s\)"):
        get(server.url, timeout=5, total_timeout=0.3)


def dripping_headers(conn: socket.socket, stop: threading.Event) -> None:
    """A status line, then one header byte at a time, never reaching the end of the headers."""
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    while not stop.wait(0.02):
        conn.sendall(b"X")


def test_dripping_headers_hit_the_attempt_deadline_and_no_retry_outlives_three_timeouts(
    raw: Callable[[Handler], RawServer], sleeps: Sleeps
) -> None:
    """Each read gets data, so only a deadline for the whole attempt ends it. Another attempt
    after the 1 s pause would end after 3 x 0.3 s: the fetch stops instead."""
    server = raw(dripping_headers)
    with pytest.raises(FetchError, match=r"waiting for data\); no time left to retry .* 0.9 s\)$"):
        get(server.url, timeout=0.3, retries=3, sleep=sleeps)
    assert sleeps == []
    assert server.accepted == 1


def test_the_whole_fetch_is_bounded_by_total_timeout(
    raw: Callable[[Handler], RawServer], sleeps: Sleeps, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second attempt gets only what is left of the fetch's time, then no third is made
    although retries remain."""
    monkeypatch.setattr(pagefeed.fetch.http, "BACKOFF_BASE", 0.0)
    server = raw(silent)
    with pytest.raises(
        FetchError, match=r"timed out \(waiting for data\) after 2 attempts; no time left to retry"
    ):
        get(server.url, timeout=0.3, total_timeout=0.5, retries=5, sleep=sleeps)
    assert sleeps == [0.0]
    assert server.accepted == 2


@pytest.mark.parametrize("chunked", [True, False])
def test_endless_body_without_length_hits_the_cap(
    raw: Callable[[Handler], RawServer], chunked: bool
) -> None:
    server = raw(endless(chunked=chunked))
    with pytest.raises(FetchError, match=r"too large \(more than 200000 bytes\)"):
        get(server.url, max_bytes=200_000)


def test_large_content_length_is_refused_before_reading(
    raw: Callable[[Handler], RawServer],
) -> None:
    server = raw(lying_length(50_000_000, b"tiny"))
    with pytest.raises(FetchError, match=r"too large \(Content-Length 50000000 is more than"):
        get(server.url, max_bytes=1_000_000, timeout=5)


def test_small_content_length_limits_what_is_read(raw: Callable[[Handler], RawServer]) -> None:
    server = raw(lying_length(10, b"0123456789" * 100_000))
    assert get(server.url, max_bytes=1000).body == b"0123456789"


def test_body_cut_short_is_retried_then_reported(
    raw: Callable[[Handler], RawServer], sleeps: Sleeps
) -> None:
    server = raw(lying_length(1000, b"half a story", close=True))
    with pytest.raises(FetchError, match=r"bad HTTP response .* after 2 attempts$"):
        get(server.url, retries=1, sleep=sleeps)
    assert server.accepted == 2


def test_connection_refused(sleeps: Sleeps) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=r"connection refused after 2 attempts$"):
        get(f"http://127.0.0.1:{port}/", retries=1, sleep=sleeps)
    assert sleeps == [1.0]


# --- schemes, DNS and the private-address guard ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "ftp://files.example/log.txt",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "mailto:keeper@lighthouse.example",
        "lighthouse.example/log",
        "",
    ],
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match=r"not http\(s\)"):
        fetch(url, resolve=public_for())


@pytest.mark.parametrize("url", ["http://", "http://exa mple.com/", "https://[::1/"])
def test_malformed_urls(url: str) -> None:
    with pytest.raises(FetchError, match="not a valid URL"):
        fetch(url, resolve=public_for())


def test_dns_failure_is_not_retried(sleeps: Sleeps) -> None:
    def no_such_host(host: str, port: int) -> Sequence[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(
        FetchError, match=r"^cannot fetch https://nowhere.example/: DNS lookup failed for nowhere"
    ):
        fetch("https://nowhere.example/", resolve=no_such_host, sleep=sleeps)
    assert sleeps == []


def test_loopback_is_refused_by_default(web: HTTPServer) -> None:
    web.expect_request("/secret").respond_with_data(b"admin panel")
    with pytest.raises(
        FetchError, match=r"refused: 127\.0\.0\.1 is a private address \(use --allow-private"
    ):
        fetch(web.url_for("/secret"))
    assert web.log == []
    assert get(web.url_for("/secret")).body == b"admin panel"


def test_localhost_name_is_refused_by_default(web: HTTPServer) -> None:
    with pytest.raises(
        FetchError, match=r"refused: localhost resolves to \S+, which is a private address"
    ):
        fetch(web.url_for("/x").replace("127.0.0.1", "localhost"))
    assert web.log == []


def test_public_host_redirecting_to_a_private_one_is_refused(web: HTTPServer) -> None:
    """The first hop passes the check (the resolver calls "localhost" public), the second not."""
    web.expect_request("/secret").respond_with_data(b"admin panel")
    web.expect_request("/innocent").respond_with_data(
        b"", status=302, headers={"Location": web.url_for("/secret")}
    )
    start = web.url_for("/innocent").replace("127.0.0.1", "localhost")
    opened = PublicIsHere()
    with (
        pool_for(opened) as pool,
        pytest.raises(FetchError, match=r"\(redirected to http://127.0.0.1:\d+/secret\): refused"),
    ):
        fetch(start, resolve=public_for("localhost"), pool=pool)
    assert [request.path for request, _ in web.log] == ["/innocent"]
    assert opened == [PUBLIC]


def test_the_connection_goes_to_the_checked_address(web: HTTPServer) -> None:
    """DNS rebinding: a name that is public when checked and private a moment later. The host is
    looked up once per hop and the socket goes to the address that passed the check."""
    web.expect_request("/page").respond_with_data(PAGE)
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> Sequence[str]:
        asked.append(host)
        return next(answers)

    opened = PublicIsHere()
    url = web.url_for("/page").replace("127.0.0.1", "news.example")
    with pool_for(opened) as pool:
        assert fetch(url, resolve=rebinding, pool=pool).text == PAGE
    assert asked == ["news.example"]
    assert opened == [PUBLIC]
    request, _ = web.log[-1]
    assert request.headers["Host"] == f"news.example:{web.port}"


def test_each_redirect_hop_is_looked_up_once_and_pinned(web: HTTPServer) -> None:
    web.expect_request("/a").respond_with_data(b"", status=302, headers={"Location": "/b"})
    web.expect_request("/b").respond_with_data(PAGE)
    asked: list[str] = []

    def record(host: str, port: int) -> Sequence[str]:
        asked.append(host)
        return [PUBLIC]

    opened = PublicIsHere()
    with pool_for(opened) as pool:
        get(web.url_for("/a"), resolve=record, allow_private=False, pool=pool)
    assert asked == ["127.0.0.1", "127.0.0.1"]
    assert set(opened) == {PUBLIC}


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.2",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.251",
        "240.0.0.1",
        "::1",
        "::",
        "fe80::1%eth0",
        "fd00:ec2::254",
        "fc00::7",
        "ff02::1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",
        "64:ff9b::a00:1",
    ],
)
def test_private_addresses_are_refused(address: str) -> None:
    with pytest.raises(
        FetchError, match=r"refused: intranet\.example resolves to \S+, which is a private address"
    ):
        fetch("http://intranet.example/", resolve=lambda host, port: [PUBLIC, address])


def test_resolver_gets_the_port(web: HTTPServer) -> None:
    web.expect_request("/p").respond_with_data(PAGE)
    asked: list[tuple[str, int]] = []

    def record(host: str, port: int) -> Sequence[str]:
        asked.append((host, port))
        return [PUBLIC]

    with pool_for(PublicIsHere()) as pool:
        get(web.url_for("/p"), resolve=record, allow_private=False, pool=pool)
    assert asked == [("127.0.0.1", web.port)]
    with pytest.raises(
        FetchError, match=r"DNS lookup failed for intranet\.example \(no addresses\)"
    ):
        fetch("https://intranet.example/", resolve=lambda host, port: record(host, port)[:0])
    assert asked[-1] == ("intranet.example", 443)


@settings(max_examples=150, deadline=None)
@given(url=st.one_of(st.text(max_size=40), st.from_regex(r"https?://[^/]{0,12}/?.{0,12}")))
def test_only_fetch_errors_escape(url: str) -> None:
    def unreachable(host: str, port: int) -> Sequence[str]:
        raise socket.gaierror(socket.EAI_NONAME, "no")

    with pytest.raises(FetchError) as caught:
        fetch(url, resolve=unreachable, sleep=Sleeps())
    assert "\n" not in str(caught.value)


class Tls(list[ssl.SSLContext]):
    """An injected TLS context factory: the system's context, each one recorded when made."""

    def __call__(self) -> ssl.SSLContext:
        context = system_tls_context()
        self.append(context)
        return context


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a self-signed certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-nodes", "-days", "1", "-newkey", "ec"),
            *("-pkeyopt", "ec_paramgen_curve:prime256v1", "-keyout", str(key), "-out", str(cert)),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def secure(certificate: tuple[Path, Path]) -> Iterator[HTTPServer]:
    """An https server on 127.0.0.1 with the self-signed certificate, serving PAGE at /."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.expect_request("/").respond_with_data(PAGE)
    server.start()
    yield server
    server.stop()


def test_untrusted_certificate_fails_without_retry(secure: HTTPServer, sleeps: Sleeps) -> None:
    """TLS is verified: a self-signed certificate is a clear, final error."""
    with pytest.raises(FetchError, match=r"TLS error \(.*certificate verify failed"):
        get(secure.url_for("/"), sleep=sleeps)
    assert sleeps == []


def test_the_system_tls_context_verifies() -> None:
    context = system_tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname


def test_plain_http_makes_no_tls_context(web: HTTPServer) -> None:
    web.expect_request("/log").respond_with_data(PAGE)
    tls = Tls()
    assert get(web.url_for("/log"), tls_context=tls).text == PAGE
    assert tls == []


def test_an_https_fetch_makes_one_tls_context_and_still_verifies(
    secure: HTTPServer, sleeps: Sleeps
) -> None:
    tls = Tls()
    with pytest.raises(FetchError, match="certificate verify failed"):
        get(secure.url_for("/"), tls_context=tls, sleep=sleeps)
    assert len(tls) == 1
    assert tls[0].verify_mode == ssl.CERT_REQUIRED


def test_a_redirect_to_https_makes_the_tls_context_then(
    web: HTTPServer, secure: HTTPServer
) -> None:
    web.expect_request("/moved").respond_with_data(
        b"", status=301, headers={"Location": secure.url_for("/")}
    )
    tls = Tls()
    with pytest.raises(FetchError, match=r"redirected to https://.*certificate verify failed"):
        get(web.url_for("/moved"), tls_context=tls)
    assert len(tls) == 1


def test_the_injected_tls_context_is_the_one_used(
    secure: HTTPServer, certificate: tuple[Path, Path]
) -> None:
    """A context that trusts the self-signed certificate fetches the page over https."""
    cert, _ = certificate

    def trusting() -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(cert))

    assert get(secure.url_for("/"), tls_context=trusting).text == PAGE

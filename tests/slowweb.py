"""Text pages served from several loopback addresses, each answer after a set latency.

Used by the concurrency tests and by ``make bench``'s ``run`` workload. Every page has an ETag
(a digest of its body) and gets a 304 when asked with it. HTTP/1.1 keep-alive. The server counts
requests and the most that were in flight at once, per host and overall.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Traffic:
    """What the servers saw: requests, 304s, and the peak of requests in flight."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.not_modified = 0
        self.in_flight: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()  # per host
        self.peak_all = 0

    def start(self, host: str) -> None:
        with self.lock:
            self.requests += 1
            self.in_flight[host] += 1
            self.peak[host] = max(self.peak[host], self.in_flight[host])
            self.peak_all = max(self.peak_all, sum(self.in_flight.values()))

    def end(self, host: str, *, not_modified: bool) -> None:
        with self.lock:
            self.in_flight[host] -= 1
            self.not_modified += not_modified


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        host = self.server.host
        traffic = self.server.traffic
        traffic.start(host)
        unchanged = False
        try:
            time.sleep(self.server.latency)
            body = self.server.pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            unchanged = self.headers.get("If-None-Match") == etag
            self.send_response(304 if unchanged else 200)
            self.send_header("ETag", etag)
            if unchanged:
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        finally:
            traffic.end(host, not_modified=unchanged)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, host: str, pages: Mapping[str, bytes], latency: float, traffic: Traffic
    ) -> None:
        super().__init__((host, 0), _Handler)
        self.host = host
        self.pages = pages
        self.latency = latency
        self.traffic = traffic


@contextmanager
def serve(
    pages: Mapping[str, bytes], hosts: Sequence[str], *, latency: float
) -> Iterator[tuple[dict[str, str], Traffic]]:
    """Serve ``pages`` (path -> body) on each address of ``hosts``, each on a free port.

    Yields the base URL of each host (``http://127.0.0.2:PORT``) and the shared traffic record.
    """
    traffic = Traffic()
    servers = [_Server(host, pages, latency, traffic) for host in hosts]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield {s.host: f"http://{s.host}:{s.server_address[1]}" for s in servers}, traffic
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
        for thread in threads:
            thread.join()

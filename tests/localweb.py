"""A real HTTP server on 127.0.0.1 for end-to-end tests (pytest-httpserver), as fixtures.

Use it with ``pytest_plugins = ("localweb",)`` in a test module: ``web`` is the module's server,
cleared of expectations and logged requests before and after each test.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture(scope="module")
def local_server() -> Iterator[HTTPServer]:
    """One server per test module, on a free port of 127.0.0.1."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def web(local_server: HTTPServer) -> Iterator[HTTPServer]:
    """The module's server with no expectations and an empty request log."""
    local_server.clear()
    yield local_server
    local_server.clear()


# What pagefeed's files are served as, by `pagefeed serve` and by the README's nginx snippet.
SERVED_TYPES = {
    "world.rss.xml": "application/rss+xml; charset=utf-8",
    "world.atom.xml": "application/atom+xml; charset=utf-8",
    "world.feed.json": "application/feed+json; charset=utf-8",
    "world.html": "text/html; charset=utf-8",
    "feed.xsl": "text/xsl; charset=utf-8",
    "feeds.opml": "text/x-opml; charset=utf-8",
    "index.html": "text/html; charset=utf-8",
}


@contextmanager
def serving(folder: Path, **options: Any) -> Iterator[str]:
    """``pagefeed serve``'s server for ``folder`` on a free port of 127.0.0.1; its base URL."""
    from pagefeed.cli_serve import make_server

    server = make_server(folder, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

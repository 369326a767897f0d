"""A real HTTP server on 127.0.0.1 for end-to-end tests (pytest-httpserver), as fixtures.

Use it with ``pytest_plugins = ("localweb",)`` in a test module: ``web`` is the module's server,
cleared of expectations and logged requests before and after each test.
"""

from __future__ import annotations

from collections.abc import Iterator

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

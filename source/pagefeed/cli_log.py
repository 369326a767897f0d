"""How the CLI shows log records on stderr: ``pagefeed: message`` lines, or JSON objects.

Imported only when a command sets up ``logging`` (see ``pagefeed.logs``): with ``-v`` or
``--log-json`` at once, otherwise when the first warning or error is logged.
"""

from __future__ import annotations

import logging
import sys

from pagefeed.values import redact_urls


class TextFormatter(logging.Formatter):
    """``pagefeed: message``; errors read ``pagefeed: error: message`` like every other failure."""

    def format(self, record: logging.LogRecord) -> str:
        kind = "error: " if record.levelno >= logging.ERROR else ""
        return redact_urls(f"pagefeed: {kind}{super().format(record)}")


def set_up_logging(verbose: int, log_json: bool) -> None:
    """The ``pagefeed`` logger writes to stderr from WARNING (1: INFO, 2 or more: DEBUG)."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    if log_json:
        from pagefeed.logjson import JsonFormatter

        handler.setFormatter(JsonFormatter(clean=redact_urls))
    else:
        handler.setFormatter(TextFormatter())
    root = logging.getLogger("pagefeed")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False

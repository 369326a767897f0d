"""``pagefeed serve``: preview an output folder on 127.0.0.1 as a static host would serve it.

The same content types as the README's nginx snippet (RSS, Atom, JSON Feed, XSL, OPML, HTML),
ETag and Last-Modified on every file with 304 answers to conditional requests, dot-files (the
archive, the lock, the HTTP validators) and anything outside the folder refused with 404. GET
and HEAD only; nothing is ever written. The standard library's HTTP server, for a preview, not
for production. Loaded only for the ``serve`` command (and ``--help``: ``cli.LAZY_COMMANDS``), so
other commands never pay for http.server.
"""

from __future__ import annotations

import email.utils
import posixpath
import sys
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import click

from pagefeed.cli import cli

__all__ = ["CONTENT_TYPES", "content_type", "make_server", "run_server"]

# Longest suffix first: a feed's suffixes are two words long.
CONTENT_TYPES = (
    (".rss.xml", "application/rss+xml; charset=utf-8"),
    (".atom.xml", "application/atom+xml; charset=utf-8"),
    (".feed.json", "application/feed+json; charset=utf-8"),
    (".xsl", "text/xsl; charset=utf-8"),
    (".opml", "text/x-opml; charset=utf-8"),
    (".html", "text/html; charset=utf-8"),
    (".xml", "application/xml; charset=utf-8"),
    (".json", "application/json; charset=utf-8"),
    (".txt", "text/plain; charset=utf-8"),
)


def content_type(name: str, types: tuple[tuple[str, str], ...] = CONTENT_TYPES) -> str:
    """The Content-Type a file of this name is served with."""
    lowered = name.lower()
    for suffix, media_type in types:
        if lowered.endswith(suffix):
            return media_type
    return "application/octet-stream"


def make_server(
    folder: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    types: tuple[tuple[str, str], ...] = CONTENT_TYPES,
) -> ThreadingHTTPServer:
    """A server for ``folder`` bound to ``host:port`` (port 0: any free port), not yet serving.

    ``types`` maps file name suffixes to Content-Types, longest suffix first.
    """
    root = folder.resolve()

    class Handler(_Handler):
        base = root
        suffix_types = types

    return ThreadingHTTPServer((host, port), Handler)


class _Handler(BaseHTTPRequestHandler):
    base: Path
    suffix_types: tuple[tuple[str, str], ...]
    server_version = "pagefeed-serve"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"pagefeed: serve: {self.address_string()} {format % args}\n")

    def _answer(self, *, body: bool) -> None:
        path = self._file()
        if path is None:
            self._error(HTTPStatus.NOT_FOUND)
            return
        try:
            stat = path.stat()
            data = path.read_bytes() if body else b""
        except OSError:
            self._error(HTTPStatus.NOT_FOUND)
            return
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'
        modified = datetime.fromtimestamp(int(stat.st_mtime), UTC)
        if self._not_modified(etag, modified):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path.name, self.suffix_types))
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.format_datetime(modified, usegmt=True))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _file(self) -> Path | None:
        """The file a request names, or None: dot-files, folders without an index, escapes."""
        raw = unquote(urlsplit(self.path).path)
        parts = [part for part in posixpath.normpath(raw).split("/") if part]
        if any(part.startswith(".") or "\\" in part or "\0" in part for part in parts):
            return None
        path = self.base.joinpath(*parts)
        if path.is_dir():
            path = path / "index.html"
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not resolved.is_relative_to(self.base) or not resolved.is_file():
            return None
        return resolved

    def _not_modified(self, etag: str, modified: datetime) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        return when.tzinfo is not None and modified <= when

    def _error(self, status: HTTPStatus) -> None:
        text = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(text)


def run_server(folder: Path, *, port: int) -> None:
    """Serve ``folder`` on 127.0.0.1 until interrupted (``pagefeed serve``)."""
    try:
        server = make_server(folder, port=port)
    except OSError as exc:
        raise click.UsageError(
            f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}"
        ) from None
    host, bound = server.server_address[:2]
    click.echo(f"pagefeed: serving {folder} on http://{host!s}:{bound}/ (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


@cli.command()
@click.argument(
    "folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("feeds"),
    required=False,
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
def serve(folder: Path, port: int) -> None:
    """Preview FOLDER (default: feeds) on http://127.0.0.1:PORT/, served as a host would.

    Feeds, pages, XSL and OPML get their real content types, with ETag, Last-Modified and 304s;
    dot-files are refused. GET and HEAD only; for a preview, not for production.
    """
    run_server(folder, port=port)

"""Checks of user-given values (URLs, language tags, names, numbers, times, the formats to
emit), shared by the config reader and the CLI, so that both accept and refuse the same values."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from urllib.parse import urlsplit

from pagefeed.patterns import on_first_use

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EARLIEST_NOW",
    "EMIT_KINDS",
    "LATEST_NOW",
    "MAX_BYTES",
    "MAX_ENTRIES",
    "MAX_KEEP",
    "MAX_NAME_LENGTH",
    "MAX_SECONDS",
    "NAME_RULE",
    "RESERVED_NAMES",
    "emit_problem",
    "language_problem",
    "name_problem",
    "now_problem",
    "redact_urls",
    "reserved_name_problem",
    "safe_name",
    "seconds_problem",
    "url_problem",
    "user_agent_problem",
    "web_origin",
    "without_userinfo",
]

# The feed formats `build` and `run` can write (each a file per feed), in the order written.
EMIT_KINDS = ("rss", "atom", "json")
# Feed names whose files would collide with the catalog's (index.html, feeds.opml, feed.xsl).
RESERVED_NAMES = frozenset({"index", "feeds", "feed"})

# The patterns are compiled on first use: most processes check few values or none, and
# compiling all of them costs every start-up about a millisecond.
_CONTROL = on_first_use(r"[\x00-\x1f\x7f]")
_LANGUAGE = on_first_use(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
MAX_NAME_LENGTH = 100  # a feed name becomes NAME.atom.xml: well inside any file system's limit
_NAME = on_first_use(rf"[A-Za-z0-9_-][A-Za-z0-9._-]{{0,{MAX_NAME_LENGTH - 1}}}")
NAME_RULE = (
    f"use letters, digits, '.', '_' or '-', not starting with '.', at most {MAX_NAME_LENGTH} "
    "characters"
)
MAX_ENTRIES = 1_000_000  # entries a feed may show (max_entries, --max-entries)
DEFAULT_MAX_BYTES = 10_000_000  # the largest page read from a file, stdin or a URL
MAX_BYTES = 1_000_000_000  # --max-bytes, max_bytes: at most this
MAX_KEEP = 2**63 - 1  # archive prune --keep: the largest integer SQLite stores
MAX_SECONDS = 86_400.0  # --timeout, timeout, --lock-wait: a day at most, and a finite number
# --now: the range the date policy can work in. Undated entries step back one second each from
# now (a page holds at most 4,000,001 stories: 47 days), and feeds must stay on or after 1990.
EARLIEST_NOW = datetime(1990, 3, 1, tzinfo=UTC)
LATEST_NOW = datetime(9000, 1, 1, tzinfo=UTC)
_USER_AGENT = on_first_use(r"[\x20-\x7e]+")  # an HTTP header value: printable ASCII, one line


def safe_name(text: str) -> bool:
    """Whether ``text`` is a safe feed name (a file stem): see :data:`NAME_RULE`."""
    return _NAME().fullmatch(text) is not None


def name_problem(text: str) -> str | None:
    """Why ``text`` is not a safe feed name (a file stem), or None."""
    if safe_name(text):
        return None
    return f"bad feed name {_shown(text)}: {NAME_RULE}"


def user_agent_problem(text: str) -> str | None:
    """Why ``text`` cannot be sent as a User-Agent header (non-ASCII, CR/LF, empty), or None."""
    if _USER_AGENT().fullmatch(text) and text.strip():
        return None
    return "expected one line of printable ASCII (an HTTP header value)"


def seconds_problem(value: float, *, zero: bool) -> str | None:
    """Why ``value`` is not a usable number of seconds (``zero``: whether 0 is allowed), or None."""
    if not math.isfinite(value) or value > MAX_SECONDS:
        return f"expected a finite number of seconds up to {MAX_SECONDS:g}"
    if value < 0 or (value == 0 and not zero):
        return "expected a positive number of seconds" if not zero else "expected 0 or more"
    return None


def now_problem(value: datetime) -> str | None:
    """Why ``value`` cannot be a build's ``now`` (outside 1990-01-01 .. 9000-01-01), or None."""
    if EARLIEST_NOW <= value <= LATEST_NOW:
        return None
    return f"expected a time between {EARLIEST_NOW:%Y-%m-%d} and {LATEST_NOW:%Y-%m-%d}"


def _shown(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def url_problem(text: str, *, base: bool) -> str | None:
    """Why ``text`` is not an absolute http(s) URL (with no query or fragment when ``base``)."""
    try:
        parts = urlsplit(text)
        _ = parts.port
    except ValueError:
        return "expected an absolute http(s) URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "expected an absolute http(s) URL"
    if _CONTROL().search(text) or " " in text:
        return "expected a URL without spaces or control characters"
    if base and (parts.query or parts.fragment):
        return "expected a base URL without query or fragment"
    return None


def language_problem(text: str) -> str | None:
    """Why ``text`` is not a language tag (RSS ``<language>``, Atom ``xml:lang``)."""
    if _LANGUAGE().fullmatch(text):
        return None
    return 'expected a language tag such as "en" or "en-GB"'


def web_origin(url: str | None) -> str | None:
    """``scheme://host[:port]/`` of an absolute URL (a site's home page); None without a host.

    Credentials in the URL (``user:secret@``) are left out.
    """
    if not url:
        return None
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return f"{parts.scheme}://{host}/" if parts.scheme and host else None


_USERINFO = on_first_use(r"(?i)(\b[a-z][a-z0-9+.-]*://)[^/?#@\s]*@")


def without_userinfo(url: str) -> str:
    """``url`` without the ``user:password@`` part of its address (unchanged when it has none)."""
    return _USERINFO().sub(r"\1", url, count=1) if "@" in url else url


def redact_urls(text: str) -> str:
    """``text`` with the credentials taken out of every URL in it (for anything printed)."""
    return _USERINFO().sub(r"\1", text) if "@" in text else text


def emit_problem(kinds: list[str] | tuple[str, ...]) -> str | None:
    """Why ``kinds`` is not a non-empty list of distinct feed formats (rss, atom, json)."""
    if not kinds:
        return f"expected at least one of {', '.join(EMIT_KINDS)}"
    for kind in kinds:
        if kind not in EMIT_KINDS:
            return f"expected formats among {', '.join(EMIT_KINDS)}, got {kind!r}"
    if len(set(kinds)) != len(kinds):
        return "a format is named twice"
    return None


def reserved_name_problem(name: str) -> str | None:
    """Why a feed may not be called ``name``: its files would overwrite the catalog's."""
    if name.casefold() in RESERVED_NAMES:
        return (
            f"feed name {name!r} is reserved (its files would collide with the catalog's "
            "index.html, feeds.opml or feed.xsl)"
        )
    return None

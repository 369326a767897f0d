"""URLs found in HTML: made absolute, limited to http(s), and the largest ``srcset`` candidate."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urljoin, urlsplit

from pagefeed.patterns import on_first_use

_WEB_SCHEMES = frozenset({"http", "https"})
_BAD_HOST_CHARS = frozenset('<>"{}|\\^`')
# An http(s) URL's origin, for URLs with nothing unusual in their scheme or host.
_WEB_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(?=[/?#]|$)", re.IGNORECASE)  # no port: slow path
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_DESCRIPTOR = re.compile(r"^\s*(\d+(?:\.\d+)?)([wx])\s*$", re.IGNORECASE)


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an absolute http or https URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.netloc:
        return False
    try:
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        return False
    if not host:
        return False
    return not any(char in _BAD_HOST_CHARS or char.isspace() for char in host)


@lru_cache(maxsize=4096)  # pure, and a page asks for the same links again (cards, body, image)
def absolute(href: str | None, base: str | None) -> str | None:
    """``href`` made absolute against ``base``; None unless the result is an http(s) URL.

    Control characters in it (from "&#1;" in an attribute or "\\u0001" in JSON-LD) are
    percent-encoded, as browsers do: XML cannot carry them.
    """
    if href is None:
        return None
    href = href.strip().strip(_C0_AND_SPACE)  # as browsers do
    if not href or href.startswith("#"):
        return None
    if _CONTROLS.search(href) is not None:
        href = _CONTROLS.sub(lambda match: quote(match.group(0)), href)
    # Fast paths for the two common shapes; everything else goes through urljoin.
    if _WEB_ORIGIN.match(href):
        return href
    if base and href.startswith("/") and not href.startswith("//"):
        origin = _WEB_ORIGIN.match(base)
        if origin:
            return origin.group(0) + href
    try:
        joined = urljoin(base, href) if base else href
    except ValueError:
        return None
    return joined if is_web_url(joined) else None


# What comes before a srcset candidate, and its URL (up to the next space); \s is str.isspace.
_SEPARATORS = on_first_use(r"[\s,]*")
_URL_CHARS = on_first_use(r"\S*")


def _srcset_candidates(srcset: str) -> list[tuple[str, str]]:
    """(url, descriptor) pairs, split the way browsers do: a URL may itself hold commas."""
    pairs: list[tuple[str, str]] = []
    pos, end = 0, len(srcset)
    skip_separators, read_url = _SEPARATORS().match, _URL_CHARS().match
    while pos < end:
        start = skip_separators(srcset, pos).end()  # type: ignore[union-attr]  # always matches
        pos = read_url(srcset, start).end()  # type: ignore[union-attr]
        url = srcset[start:pos]
        if not url:
            break
        if url.endswith(","):
            pairs.append((url.rstrip(","), ""))
            continue
        comma = srcset.find(",", pos)
        stop = end if comma < 0 else comma
        pairs.append((url, srcset[pos:stop]))
        pos = stop + 1
    return pairs


def largest_in_srcset(srcset: str) -> str | None:
    """The URL of the widest (``w``) or densest (``x``) candidate of a ``srcset`` value."""
    best: str | None = None
    best_key = (-1, -1.0)
    for url, descriptor in _srcset_candidates(srcset):
        size = _DESCRIPTOR.match(descriptor)
        # Width descriptors outrank density ones; no descriptor means 1x.
        key = (0, 1.0)
        if size:
            key = (1 if size.group(2).lower() == "w" else 0, float(size.group(1)))
        if key > best_key:
            best, best_key = url, key
    return best

"""Where a site profile or a recipe applies: its ``match``, as data (pure, stdlib only).

A profile (``pagefeed.extract.html.profiles``) or a recipe states the pages it is for. In TOML,
or any mapping of the same shape::

    [match]
    hosts = ["gzeromedia.com", "news.example.org"]
    signature = [
      { meta = "generator", contains = "WordPress" },
      { meta = "og:site_name", equals = "GZERO Media" },
    ]

- ``hosts``: host names. One matches the page's host and every subdomain of it
  (``"example.org"`` holds for ``www.example.org`` and ``news.example.org``, not for
  ``badexample.org``). Compared case-insensitively, without a trailing dot. The page's hosts are
  those of the URL it was read from, its ``<link rel=canonical>`` and its ``og:url``.
- ``signature``: marks in the page itself, for a platform that serves many sites. Each is a
  ``<meta>`` key (``name``, ``property`` or ``itemprop``, case-insensitive) and exactly one test
  on its ``content``: ``contains`` (a case-insensitive substring) or ``equals`` (case-insensitive,
  whitespace-trimmed).

A match holds when one of its hosts matches or one of its signatures is present (either list
may be empty, not both: a profile that applies everywhere is a generic rule and belongs in the
generic vocabulary instead). :func:`parse_match` reads the data and refuses anything else with a
dotted key path (``match.hosts[1]: ...``) in a :class:`~pagefeed.errors.ConfigError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from pagefeed.errors import ConfigError

_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9-]{1,63})*$")
_MATCH_KEYS = ("hosts", "signature")
_TESTS = ("contains", "equals")


class Signature(NamedTuple):
    """A ``<meta>`` tag whose content passes one test (``contains`` or ``equals``)."""

    meta: str
    contains: str | None = None
    equals: str | None = None

    def present(self, metas: Mapping[str, str]) -> bool:
        """Whether ``metas`` (lower-case key -> content) carries this mark."""
        content = metas.get(self.meta)
        if content is None:
            return False
        if self.contains is not None:
            return self.contains.casefold() in content.casefold()
        return self.equals is not None and self.equals.casefold() == content.strip().casefold()


class PageMarks(NamedTuple):
    """What a page shows a match: its host names and its ``<meta>`` values (keys lower-case)."""

    hosts: frozenset[str] = frozenset()
    metas: Mapping[str, str] | None = None


def page_marks(urls: Iterable[str | None], metas: Mapping[str, str]) -> PageMarks:
    """The marks of a page read from ``urls`` (given, canonical, og:url) with ``metas``."""
    hosts = set()
    for url in urls:
        host = _host_of(url) if url else ""
        if host:
            hosts.add(host)
    return PageMarks(hosts=frozenset(hosts), metas=metas)


class Match(NamedTuple):
    """The pages a profile or recipe is for (see the module docstring)."""

    hosts: tuple[str, ...] = ()
    signatures: tuple[Signature, ...] = ()

    def holds(self, marks: PageMarks) -> bool:
        """Whether the page with ``marks`` is one of this match's pages."""
        for host in marks.hosts:
            if any(host == h or host.endswith("." + h) for h in self.hosts):
                return True
        metas = marks.metas or {}
        return any(signature.present(metas) for signature in self.signatures)


@lru_cache(maxsize=1024)  # pure; a run's pages share their hosts
def _host_of(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def parse_match(value: object, *, where: str = "match") -> Match:
    """A :class:`Match` from its data; :class:`ConfigError` naming the dotted key otherwise."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: must be a table with hosts and/or signature")
    for key in value:
        if key not in _MATCH_KEYS:
            raise ConfigError(f"{where}.{key}: unknown key (known: hosts, signature)")
    hosts = tuple(
        _parse_host(h, f"{where}.hosts[{i}]") for i, h in enumerate(_list(value, "hosts", where))
    )
    signatures = tuple(
        _parse_signature(s, f"{where}.signature[{i}]")
        for i, s in enumerate(_list(value, "signature", where))
    )
    if not hosts and not signatures:
        raise ConfigError(f"{where}: needs at least one host or signature")
    return Match(hosts=hosts, signatures=signatures)


def _list(value: Mapping[object, object], key: str, where: str) -> list[object]:
    items = value.get(key, [])
    if not isinstance(items, list):
        raise ConfigError(f"{where}.{key}: must be a list")
    return items


def _parse_host(value: object, where: str) -> str:
    host = value.strip().rstrip(".").lower() if isinstance(value, str) else ""
    if not _HOST.match(host):
        raise ConfigError(f"{where}: {value!r} is not a host name like example.org")
    return host


def _parse_signature(value: object, where: str) -> Signature:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: must be a table like {{ meta = ..., contains = ... }}")
    for key in value:
        if key not in ("meta", *_TESTS):
            raise ConfigError(f"{where}.{key}: unknown key (known: meta, contains, equals)")
    meta = value.get("meta")
    if not isinstance(meta, str) or not meta.strip():
        raise ConfigError(f"{where}.meta: must be a meta name such as generator")
    tests = [key for key in _TESTS if key in value]
    if len(tests) != 1:
        raise ConfigError(f"{where}: needs exactly one of contains, equals")
    text = value[tests[0]]
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(f"{where}.{tests[0]}: must be a non-empty string")
    return Signature(meta=meta.strip().lower(), **{tests[0]: text.strip()})

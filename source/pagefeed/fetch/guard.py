"""Which addresses a fetch may connect to, and the URL form every hop of a fetch uses.

A host is resolved once per hop; the addresses that passed the check are the only ones the
connection may use (``fetch.wire`` connects to them directly), so an answer that changes
between the check and the connection (DNS rebinding) cannot reach a private address.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from typing import NamedTuple
from urllib.parse import quote, urljoin, urlsplit

_METADATA = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HOST = re.compile(r"[a-z0-9._-]+|[0-9a-f:.]+(%[a-z0-9._~-]+)?", re.I)  # name, IPv4 or IPv6
_PATH_SAFE = "/%!$&'()*+,;=:@~-._"
_QUERY_SAFE = _PATH_SAFE + "?"
DEFAULT_PORTS = {"http": 80, "https": 443}

Resolver = Callable[[str, int], Sequence[str]]
"""Host name and port to IP addresses (by default ``socket.getaddrinfo``)."""


class BadUrl(ValueError):
    """Not a URL pagefeed can fetch; the message says why (for ``cannot fetch URL: ...``)."""


class Target(NamedTuple):
    """One hop's URL, parsed and normalised: ASCII host, percent-encoded path, no fragment."""

    scheme: str
    host: str  # lower case; IDNA for names; an IPv6 address without brackets
    port: int
    path: str  # path and query as sent on the request line ("/" at least)
    userinfo: str | None = None
    explicit_port: bool = False

    @property
    def authority(self) -> str:
        """``host[:port]`` as the Host header and the URL spell it."""
        host = f"[{self.host.split('%', 1)[0]}]" if ":" in self.host else self.host
        return f"{host}:{self.port}" if self.explicit_port else host

    def __str__(self) -> str:
        user = f"{self.userinfo}@" if self.userinfo is not None else ""
        return f"{self.scheme}://{user}{self.authority}{self.path}"

    def join(self, location: str) -> Target:
        """The target a redirect's ``Location`` names, relative to this one."""
        return parse_url(urljoin(str(self), location))


def parse_url(text: str) -> Target:
    """Parse an http(s) URL, or raise :class:`BadUrl` saying why it cannot be fetched."""
    try:
        parts = urlsplit(text.strip())
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS:
            shown = f"{scheme!r} URL" if scheme else "URL without a scheme"
            raise BadUrl(f"not http(s): only http and https can be fetched, not a {shown}")
        host = parts.hostname
        if not host:
            raise BadUrl("not a valid URL (no host)")
        port = parts.port
        path = quote(parts.path or "/", safe=_PATH_SAFE)
        if parts.query:
            path += "?" + quote(parts.query, safe=_QUERY_SAFE)
    except BadUrl:
        raise
    except (ValueError, UnicodeError) as exc:
        raise BadUrl(f"not a valid URL ({_one_line(exc)})") from None
    if ":" not in host:
        try:
            host = ascii_host(host)
        except UnicodeError:
            raise BadUrl(f"not a valid URL (bad host name {host!r})") from None
    if not _HOST.fullmatch(host):
        raise BadUrl(f"not a valid URL (bad host name {host!r})")
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else None
    return Target(
        scheme=scheme,
        host=host,
        port=port or DEFAULT_PORTS[scheme],
        path=path,
        userinfo=userinfo,
        explicit_port=port is not None and port != DEFAULT_PORTS[scheme],
    )


def ascii_host(host: str) -> str:
    """The host name as sent, lower case: what the ``idna`` codec makes of it, without loading
    that codec (and ``stringprep``, ``unicodedata``) for a name that is ASCII already.

    UnicodeError for a label the codec refuses (empty, or over 63 characters)."""
    if not host.isascii():
        return host.encode("idna").decode("ascii").lower()
    *labels, last = host.split(".")
    if not all(0 < len(label) < 64 for label in labels) or len(last) >= 64:
        raise UnicodeError("label empty or too long")
    return host.lower()


def as_bytes(host: str) -> bytes | str:
    """An ASCII host name or address as bytes, which ``socket`` takes as they are: a ``str`` it
    runs through the ``idna`` codec, loading it (and ``stringprep``, ``unicodedata``)."""
    return host.encode("ascii") if host.isascii() else host


def system_resolve(host: str, port: int) -> list[str]:
    """The host's addresses in the order ``getaddrinfo`` prefers them."""
    infos = socket.getaddrinfo(as_bytes(host), port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def first_private(addresses: Sequence[str]) -> str | None:
    """The first address that is not plainly on the public internet, if any."""
    for text in addresses:
        if forbidden(ipaddress.ip_address(text.split("%", 1)[0])):
            return text
    return None


def forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for any address that is not plainly on the public internet."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and forbidden(embedded):
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


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())

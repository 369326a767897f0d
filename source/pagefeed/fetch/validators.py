"""What a server said about the copy we have (ETag, Last-Modified): sent back as a conditional
GET."""

from __future__ import annotations

from typing import NamedTuple


class Validators(NamedTuple):
    """What a server said about the copy we have: its ETag and Last-Modified header values.

    ``fingerprint`` names the settings the feeds were built with from that copy: when they
    change, the validators are not sent, so new settings take effect although the page did not.
    """

    etag: str | None = None
    last_modified: str | None = None
    fingerprint: str | None = None

    def __bool__(self) -> bool:
        return self.etag is not None or self.last_modified is not None

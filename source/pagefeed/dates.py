"""Dates: reading them from page text, and the one policy that gives every entry a date.

STUB: the signatures below are the contract other modules code against; bodies to be written.
"""

from __future__ import annotations

from datetime import datetime

from pagefeed.model import Page


def parse_machine_date(value: str) -> datetime | None:
    """An ISO 8601 or RFC 822 date string (``<time datetime>``, JSON-LD, meta tags) as UTC.

    Naive values are taken as UTC; microseconds are dropped. None when it is not a date.
    """
    raise NotImplementedError


def find_date(text: str) -> tuple[datetime | None, tuple[str, ...]]:
    """The first full human date in ``text`` ("June 19, 2024", "Dec. 4, 2024", "in January 2023").

    Returns (midnight UTC of that day or None, warnings). A month and day without a year is not a
    date; an impossible date ("February 30, 2025") gives None and a warning.
    """
    raise NotImplementedError


def is_file_photo(caption: str) -> bool:
    """Whether a caption marks an archive picture ("FILE PHOTO: ...", ".../File Photo")."""
    raise NotImplementedError


def assign_dates(page: Page, *, now: datetime) -> Page:
    """Give every story of ``page`` its entry date and date source (see module docs)."""
    raise NotImplementedError

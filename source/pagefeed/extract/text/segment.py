"""Step 1 of the text pipeline: a page's text as lines, with the blank lines before each.

Blank lines carry a little meaning (a gap between blocks) and are kept as a count on the next
line. Glued pieces are split apart here, before any line is classified:

* the ``date YYYY-MM-DD`` marker that archived renderings put at the very start (or year and
  month only, which states no day and is dropped) is taken off the first line;
* a card's expand/collapse marker glued to a line's end ("... textRead moreShow less") becomes a
  line of its own, and chrome glued to a line's end ("...revealedplay icon") is dropped;
* a bullet mark at a line's start is dropped ("• by Web Desk");
* a byline glued inside a line ("Title Dek. By Ann Roe Published Jan. 6 2026 ... Source: x")
  is split into the text before it, the byline and a trailing credit.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

from pagefeed.extract.dates import parse_machine_date
from pagefeed.extract.text.vocabulary import CHROME_TAILS, MARKER_TAIL

_LEADING_DATE = re.compile(
    r"date\s*(\d{4}-\d\d(?:-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?)?)"
    r"(?![\d-])\s*",
    re.IGNORECASE,
)
# "\s\s*", not "\s+": a search skips ahead to a space instead of trying every position.
_TRAILING_DATE = re.compile(r"\s\s*date\s*(\d{4}-\d\d-\d\d)$", re.IGNORECASE)
_MARKER_LINES = 3
_BULLETS = "•·▪●◦‣∙*"
_BULLET = re.compile(rf"^[{_BULLETS}]\s*")
# How every glued marker and chrome tail ends ("...Show less", "...play icon").
_GLUED_ENDS = ("less", "icon")
# Their last letters, either case: a line ending otherwise is not lower-cased to be tested.
_GLUED_LAST = frozenset("sSnN")
# "... By Ann Roe Published Jan. 6 2026, 1:59 p.m. ET Source: agency": the byline inside a line.
_GLUED_BYLINE = re.compile(
    r"\s(By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s+(?:Published|Updated|Posted)\b.*)$"
)
_GLUED_SOURCE = re.compile(r"\s((?:Source|Photo|Image|Credit)s?:\s*\S[^:]{0,60})$")


class Segment(NamedTuple):
    """One non-blank line of a page, stripped, with the number of blank lines before it."""

    text: str
    gap: int


# Segments are made with ``tuple.__new__``: a named tuple's own ``__new__`` is a Python function,
# and every line of every page makes one.
_new = tuple.__new__


class Segmented(NamedTuple):
    """The page's lines and the date its leading ``date`` marker states (None if none)."""

    lines: list[Segment]
    date: datetime | None


def segment(text: str) -> Segmented:
    """Split ``text`` (already through ``normalize.clean_text``) into stripped lines."""
    return segment_lines(text.split("\n"))


def segment_lines(lines: list[str]) -> Segmented:
    """The same as :func:`segment` for a text already split into its lines (``clean_lines``)."""
    out: list[Segment] = []
    date: datetime | None = None
    gap = 0
    seen = 0  # non-blank lines read: the marker sits on the first (after a chrome line or two)
    for raw in lines:
        line = raw.strip()
        if line and seen < _MARKER_LINES and date is None:
            seen += 1
            line, date = _leading_date(line)
        if not line:
            gap += 1
            continue
        if (
            line[0] in _BULLETS
            or " By " in line
            or (line[-1] in _GLUED_LAST and line[-4:].lower().endswith(_GLUED_ENDS))
        ):
            for piece in _pieces(line):
                out.append(_new(Segment, (piece, gap)))
                gap = 0
        else:  # most lines: nothing glued to split off
            out.append(_new(Segment, (line, gap)))
            gap = 0
    return Segmented(out, date)


def _pieces(line: str) -> list[str]:
    """One line as the lines it holds once glued parts are split (usually just itself)."""
    if line[0] in _BULLETS:
        line = _BULLET.sub("", line)
        if not line:
            return []
    low = line[-9:].lower()
    marker: str | None = None
    if low == "show less":
        match = re.search(MARKER_TAIL, line, re.IGNORECASE)
        if match is not None:
            line, marker = line[: match.start()].rstrip(), match.group(0).strip()
    elif low.endswith("icon"):
        low = line[-24:].lower()
        for tail in CHROME_TAILS:
            if low.endswith(tail) and len(line) > len(tail):
                line = line[: -len(tail)].rstrip()
                break
    pieces = [line] if line else []
    if line and " By " in line and "By " not in line[:3]:
        match = _GLUED_BYLINE.search(line)
        if match is not None:
            byline = match.group(1)
            source = _GLUED_SOURCE.search(byline)
            pieces = [line[: match.start()].strip(), byline]
            if source is not None:
                pieces[1:] = [byline[: source.start()].strip(), source.group(1)]
    if marker:
        pieces.append(marker)
    return pieces


def _leading_date(line: str) -> tuple[str, datetime | None]:
    """Split a ``date 2024-10-23`` marker glued to the start (or end) of the first line.

    A marker with a year and month only is dropped and states no date.
    """
    match = _LEADING_DATE.match(line) or _TRAILING_DATE.search(line)
    if match is None:
        return line, None
    date = parse_machine_date(match.group(1)) if len(match.group(1)) >= 10 else None
    if date is None and len(match.group(1)) >= 10:
        return line, None
    return (line[: match.start()] + line[match.end() :]).strip(), date

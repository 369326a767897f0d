"""Dates: reading them from page text, and the one policy that gives every entry a date.

Reading
-------
* :func:`parse_machine_date` reads ISO 8601 and RFC 822 strings (``<time datetime>``, JSON-LD,
  meta tags, the ``date 2024-10-23`` marker of text pages).
* :func:`find_date` reads the first full human date in a caption or date line: ``June 19,
  2024``, ``Dec. 4, 2024``, ``Sept. 9, 2025``, ``Feb. 05, 2025``, ``Sunday, March 29, 2025``,
  ``March 3rd, 2025``, ``19 June 2024``, ``2025-03-03``. A month and year alone (``in January
  2023``) is taken as the 1st of that month: it is the earliest the picture can be from, and it
  keeps the entry on that month. A month and day without a year ("their April 1 election") is not
  a date. When the first date is impossible (``February 30, 2025``) the answer is None and a
  warning, never an exception. A time right after the date counts only with a zone it can place
  (``Mar. 3, 2025 10:30 a.m. ET``, ``3 March 2025, 09:15 GMT``); otherwise the date is day-only.
* Every datetime returned is aware UTC with microsecond 0; a day-only date is midnight UTC.

Policy (:func:`assign_dates`)
-----------------------------
1. The entry date is the story date the page states (``DateSource.PAGE``);
2. else the date in the image caption (``CAPTION``), unless the caption or credit marks a file
   photo;
3. else ``now`` (``NOW``), so a run over a page with no dates is reproducible with ``--now``.

A date the page gives (stated or in a caption) is used only inside :func:`date_window`: from
1990-01-01 to ``now`` plus one day, what feed validators accept. Placeholder dates such as
``0001-01-01T00:00:00Z`` or ``9999-12-31`` are ignored with a warning, like an unreadable date,
and the next source applies.

Entries that would share one instant get distinct times that keep page order, because readers
sort newest first: in a group of ``n`` stories sharing an instant, story ``k`` (0-based, in page
order) gets ``instant + (n - 1 - k)`` seconds, so the earlier story gets the later time and a
day-only date stays on its day. A group whose source is ``NOW`` goes down instead: story ``k``
gets ``now - k`` seconds, so no date is invented in the future. Groups are placed in turn: those
holding a date the page states first (they are the most exact), then the other dated groups,
oldest first, then the ``NOW`` group. When a group would land on a time an earlier-placed story
already holds, the whole group moves on by whole seconds (up for dated groups, down for the
``NOW`` group) until it is free. So every date is distinct and no date is
later than ``now`` plus one day plus one second per story on the page.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from pagefeed.model import DateSource, Page, Story
from pagefeed.patterns import on_first_use

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# A month name, full or abbreviated (with or without a dot), "Sept." included.
MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_ISO_DAY = r"(?:19|20)\d\d-[01]\d-[0-3]\d(?![\d-])"
# A time of day after a date, with an optional zone: "10:30 a.m. ET", "at 9 pm", "09:15 GMT".
_HALF = r"[ap]\.?\s?m\b\.?"
_TIME = (
    rf",?\s+(?:at\s+)?(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d\d)\s*(?P<half>{_HALF})?"
    rf"|\s*(?P<half2>{_HALF}))(?:\s*(?P<zone>[A-Za-z]{{1,4}}\b|[+-]\d\d:?\d\d))?"
)
# "June 19, 2024" | "19 June 2024" | "2024-06-19" | "January 2023" (month and year: the 1st).
# This and the other long patterns are compiled on first use: many pages hold no human date.
_human_date = on_first_use(
    rf"\b(?:(?P<m1>{MONTH_PATTERN})\s*(?P<d1>{_DAY}),?\s+(?P<y1>{_YEAR})"
    rf"|(?P<d2>{_DAY})\s+(?P<m2>{MONTH_PATTERN}),?\s+(?P<y2>{_YEAR})"
    rf"|(?P<iso>{_ISO_DAY})"
    rf"|(?P<m3>{MONTH_PATTERN}),?\s+(?P<y3>{_YEAR}))(?:{_TIME})?",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(_YEAR)
# A case-insensitive pattern takes the long s for an "s" ("ſept." matches "Sept."): the month
# table is keyed on the ASCII letter.
_ASCII_FOLD = str.maketrans({"\u017f": "s"})
# Where a _human_date match can begin: a digit or a month's first letter ("ſ" is an "s" to a
# case-insensitive pattern) with no word character before it (the pattern opens with \b).
_date_begin = on_first_use(r"[\dJFMASONDjfmasond\u017f](?<!\w.)")
# The groups of _human_date in order (find_date reads them all with one ``groups()`` call).
_DATE_GROUPS = (
    *("m1", "d1", "y1", "d2", "m2", "y2", "iso", "m3", "y3"),
    *("hour", "minute", "half", "half2", "zone"),
)
# The first letters of the month names, in ASCII (an ASCII word starting so is a month only when
# its first three letters, lower-cased, are a key of _MONTHS).
_ASCII_MONTH_INITIALS = frozenset("JFMASONDjfmasond")
_DATE_HEAD = 24  # the longest text before a year in a date: "Wednesday, September 19th, "
_DATE_TAIL = 6  # what follows the year in an ISO date: "-06-19"
# A full date (month first, day first or ISO), as a pattern other parsers embed.
DATE_TEXT = (
    rf"(?:{MONTH_PATTERN}\s*{_DAY},?\s+{_YEAR}|{_DAY}\s+{MONTH_PATTERN},?\s+{_YEAR}|{_ISO_DAY})"
)
# A time of day (and zone) after a date, as a pattern other parsers embed.
TIME_TEXT = re.sub(r"\(\?P<\w+>", "(?:", _TIME)
# A line that is nothing but a date: "December 02, 2025", "Updated: Mar. 3, 2025 10:30 a.m. ET".
date_line = on_first_use(
    rf"(?:(?:Updated|Published|Posted)\s*:?\s*)?(?:[A-Z][a-z]+day,?\s+)?{DATE_TEXT}(?:{TIME_TEXT})?",
    re.IGNORECASE,
)

_ISO_START = re.compile(r"\d{4}-?\d\d")
# Compiled on first use (and cached by ``re``): text pages and ``--now`` use ISO 8601.
_RFC822 = (
    r"(?:[A-Za-z]{3,9},?\s+)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{2,4})"
    r"(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d\d)(?::(?P<second>\d\d))?)?"
    r"\s*(?P<zone>[A-Za-z]{1,3}|[+-]\d\d:?\d\d)?"
)
_ZONES = {
    "z": 0,
    "ut": 0,
    "utc": 0,
    "gmt": 0,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
}
# Zones whose offset follows US daylight saving time: (standard offset, daylight offset).
_US_ZONES = {"et": (-5, -4), "ct": (-6, -5), "mt": (-7, -6), "pt": (-8, -7)}
_EUROPE_ZONES = {"bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3}
_FILE_PHOTO = re.compile(r"\bfile (?:photo|picture|image)\b", re.IGNORECASE)
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)  # no news page states an older date and means it
AHEAD = timedelta(days=1)  # how far past ``now`` a page's date may lie (time zones, clock skew)


def to_utc(value: datetime) -> datetime:
    """``value`` as aware UTC with microsecond 0; a naive value is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0)


def parse_machine_date(value: str) -> datetime | None:
    """An ISO 8601 or RFC 822 date string (``<time datetime>``, JSON-LD, meta tags) as UTC.

    Naive values are taken as UTC; microseconds are dropped. None when it is not a date.
    """
    text = value.strip()
    if _ISO_START.match(text):
        try:
            return to_utc(datetime.fromisoformat(text.replace("z", "Z")))
        except (ValueError, OverflowError):  # year 1 at +01:00 has no UTC instant
            return None
    match = re.fullmatch(_RFC822, text)
    if match is None:
        return None
    month = _MONTHS.get(match["month"][:3].lower())
    offset = _zone_offset(match["zone"])
    if month is None or offset is None:
        return None
    year = int(match["year"])
    if len(match["year"]) == 2:
        year += 2000 if year < 50 else 1900
    elif len(match["year"]) == 3:
        return None
    try:
        parsed = datetime(
            year,
            month,
            int(match["day"]),
            int(match["hour"] or 0),
            int(match["minute"] or 0),
            int(match["second"] or 0),
            tzinfo=offset,
        )
        return to_utc(parsed)
    except (ValueError, OverflowError):
        return None


def _zone_offset(zone: str | None) -> timezone | None:
    """The fixed offset an RFC 822 zone names; None for an unknown name."""
    if zone is None:
        return UTC
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        if minutes >= 24 * 60:
            return None
        return timezone(timedelta(minutes=-minutes if zone[0] == "-" else minutes))
    hours = _ZONES.get(zone.lower())
    return None if hours is None else timezone(timedelta(hours=hours))


def find_date(text: str) -> tuple[datetime | None, tuple[str, ...]]:
    """The first full human date in ``text`` ("June 19, 2024", "Dec. 4, 2024", "in January 2023").

    Returns (midnight UTC of that day or None, warnings). A month and day without a year is not a
    date; an impossible date ("February 30, 2025") gives None and a warning.
    """
    match = None
    first = _first_year_digits(text)
    if first < 0:
        return None, ()
    for found in _YEAR_ONLY.finditer(text, first):  # a cheap scan for years first: dates hold one
        start = max(found.start() - _DATE_HEAD, 0)
        end = found.end() + _DATE_TAIL
        match = _first_date(text, start, found.start() + 1, end)
        if match is not None:
            if end < len(text):  # read again to the text's end: with the time after the date
                match = _human_date().match(text, match.start())
            break
    if match is None:
        return None, ()
    m1, d1, y1, d2, m2, y2, iso, m3, y3, hour, _, _, _, zone = match.groups()  # _DATE_GROUPS
    if iso:
        year, month, day = (int(part) for part in iso.split("-"))
    else:
        month = _MONTHS[(m1 or m2 or m3)[:3].lower().translate(_ASCII_FOLD)]
        day = int((d1 or d2 or "1").rstrip("stndrh"))
        year = int(y1 or y2 or y3)
    try:
        day_only = datetime(year, month, day, 0, 0, 0, 0, UTC)  # (positional: faster than tzinfo=)
    except ValueError:
        end = max(match.end(group) for group in ("y1", "y2", "y3", "iso"))
        return None, (f"impossible date {text[match.start() : end]!r} ignored",)
    if hour is None or zone is None or m3:
        return day_only, ()  # no time, or no zone to place it (a month and year: no day)
    return _with_time(day_only, match), ()


def _first_year_digits(text: str) -> int:
    """Where the first "19" or "20" of ``text`` is (-1 if none): no year starts before it.

    (Two plain ``str.find`` calls: far cheaper than a pattern's scan over the text before it.)
    """
    nineteen, twenty = text.find("19"), text.find("20")
    return twenty if nineteen < 0 or 0 <= twenty < nineteen else nineteen


def _first_date(text: str, start: int, stop: int, end: int) -> re.Match[str] | None:
    """The first date that begins in ``text[start:stop]`` and ends by ``end``.

    That is ``_human_date().search`` tried only where a date can begin: at the start of a word, on
    a digit or on a month's first letter (a search tries every position). A letter opens a
    date only as a month's first three letters ("jan" ... "dec"): an ASCII word that does not
    start so is passed over without trying the pattern.
    """
    human_date = _human_date()
    for begin in _date_begin().finditer(text, start, stop):
        at = begin.start()
        head = text[at : at + 3]
        if head[0] in _ASCII_MONTH_INITIALS and head.isascii() and head.lower() not in _MONTHS:
            continue
        match = human_date.match(text, at, end)
        if match is not None:
            return match
    return None


def _with_time(day: datetime, match: re.Match[str]) -> datetime:
    """``day`` at the time the match holds (it has a day, an hour and a zone)."""
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or match["half2"] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return day
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    zone = match["zone"].lower()
    if zone in _US_ZONES:
        standard, daylight = _US_ZONES[zone]
        hours = daylight if _us_daylight_time(day) else standard
        offset: timezone | None = timezone(timedelta(hours=hours))
    elif zone in _EUROPE_ZONES:
        offset = timezone(timedelta(hours=_EUROPE_ZONES[zone]))
    else:
        offset = _zone_offset(match["zone"])
    if offset is None or hour > 23 or minute > 59:
        return day
    return to_utc(day.replace(hour=hour, minute=minute, tzinfo=offset))


def _us_daylight_time(day: datetime) -> bool:
    """Whether US daylight saving time is in force on ``day`` (second Sunday of March to the
    first Sunday of November)."""
    march = datetime(day.year, 3, 8, tzinfo=UTC)
    november = datetime(day.year, 11, 1, tzinfo=UTC)
    start = march + timedelta(days=(6 - march.weekday()) % 7)
    end = november + timedelta(days=(6 - november.weekday()) % 7)
    return start <= day < end


def may_hold_date(text: str, start: int = 0) -> bool:
    """A cheap test that ``text[start:]`` can hold a full date (``DATE_TEXT``, ``date_line``):
    each has a year, and a year starts "19" or "20"."""
    return text.find("20", start) >= 0 or text.find("19", start) >= 0


def is_file_photo(caption: str) -> bool:
    """Whether a caption marks an archive picture ("FILE PHOTO: ...", ".../File Photo")."""
    low = caption.lower()
    # A match holds "le p" or "le i" once lower-cased ("ı" also matches "i" case-insensitively,
    # and lower() keeps it): a cheap test that spares most captions the pattern.
    if "le p" not in low and "le i" not in low and "le \u0131" not in low:
        return False
    return _FILE_PHOTO.search(caption) is not None


def date_window(now: datetime) -> tuple[datetime, datetime]:
    """The instants a page's date may take: 1990-01-01 to ``now`` plus one day (inclusive)."""
    now = to_utc(now)
    latest = now + AHEAD if now <= datetime.max.replace(tzinfo=UTC) - AHEAD else now
    return EARLIEST, latest


def _base_date(
    story: Story, now: datetime, window: tuple[datetime, datetime], warnings: list[str]
) -> tuple[datetime, DateSource]:
    """The undisambiguated entry date of one story, by the policy in the module docs."""
    earliest, latest = window
    if story.stated_date is not None:
        stated = to_utc(story.stated_date)
        if earliest <= stated <= latest:
            return stated, DateSource.PAGE
        warnings.append(_outside(stated, "date", story, latest))
    image = story.image
    if image is not None and image.date is not None and not image.file_photo:
        caption_date = to_utc(image.date)
        if earliest <= caption_date <= latest:
            return caption_date, DateSource.CAPTION
        warnings.append(_outside(caption_date, "caption date", story, latest))
    return now, DateSource.NOW


def _outside(value: datetime, what: str, story: Story, latest: datetime) -> str:
    title = story.title if len(story.title) <= 60 else story.title[:59] + "…"
    return (
        f"{what} {value.isoformat().replace('+00:00', 'Z')} of {title!r} is outside "
        f"{EARLIEST.date().isoformat()} .. {latest.isoformat().replace('+00:00', 'Z')}; ignored"
    )


def assign_dates(page: Page, *, now: datetime) -> Page:
    """Give every story of ``page`` its entry date and date source (see module docs)."""
    now = to_utc(now)
    stories = page.stories
    window = date_window(now)
    notes: list[str] = []
    bases = [_base_date(story, now, window, notes) for story in stories]
    groups: dict[tuple[datetime, bool], list[int]] = {}
    for index, (instant, source) in enumerate(bases):
        groups.setdefault((instant, source is DateSource.NOW), []).append(index)
    taken: set[datetime] = set()
    resolved: list[datetime] = [now] * len(stories)
    second = timedelta(seconds=1)

    def placing(item: tuple[tuple[datetime, bool], list[int]]) -> tuple[bool, bool, datetime]:
        (instant, is_now), members = item
        stated = any(bases[index][1] is DateSource.PAGE for index in members)
        return is_now, not stated, instant

    # Groups holding a stated date first, then other dated ones, oldest first; NOW last.
    for (instant, is_now), members in sorted(groups.items(), key=placing):
        count = len(members)
        if is_now:
            steps = [-k for k in range(count)]
            shift = -second
        else:
            steps = [count - 1 - k for k in range(count)]
            shift = second
        start = instant
        while any(start + step * second in taken for step in steps):
            start += shift
        for index, step in zip(members, steps, strict=True):
            resolved[index] = start + step * second
            taken.add(resolved[index])
    dated = [
        story._replace(date=resolved[index], date_source=bases[index][1])
        for index, story in enumerate(stories)
    ]
    warnings = page.warnings + tuple(notes)
    if page.main is None:
        return page._replace(teasers=tuple(dated), warnings=warnings)
    return page._replace(main=dated[0], teasers=tuple(dated[1:]), warnings=warnings)

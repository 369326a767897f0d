"""Dates: the machine and caption date readers, and the entry-date policy of ``assign_dates``."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.extract.dates import (
    assign_dates,
    date_line,
    find_date,
    is_file_photo,
    may_hold_date,
    parse_machine_date,
)
from pagefeed.model import DateSource, Image, Page, Story

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-23", utc(2024, 10, 23)),
        ("2024-10-23T08:30:00Z", utc(2024, 10, 23, 8, 30)),
        ("2024-10-23T10:30:00.250+02:00", utc(2024, 10, 23, 8, 30)),
        ("2024-10-23T08:30:00", utc(2024, 10, 23, 8, 30)),
        ("Wed, 23 Oct 2024 08:30:00 GMT", utc(2024, 10, 23, 8, 30)),
        ("23 Oct 2024 10:30 +0200", utc(2024, 10, 23, 8, 30)),
        ("Wed, 23 Oct 24 03:30:00 EST", utc(2024, 10, 23, 8, 30)),
        ("  2024-10-23  ", utc(2024, 10, 23)),
        ("2024-13-01", None),
        ("31 Feb 2025", None),
        ("23 Oct 2024 10:30 XYZ", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_machine_date(value: str, expected: datetime | None) -> None:
    assert parse_machine_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A reception in Pyongyang, North Korea June 19, 2024.", utc(2024, 6, 19)),
        ("A rally in Istanbul, Turkey, on March 29, 2025.", utc(2025, 3, 29)),
        ("Nurses protest in Velgrad, Dec. 4, 2024", utc(2024, 12, 4)),
        ("Rail workers picket a depot, Feb. 05, 2025.", utc(2025, 2, 5)),
        ("Delegates arrive on March 3, 2025, in Velgrad.", utc(2025, 3, 3)),
        ("Protesters fill the square in January 2023.", utc(2023, 1, 1)),
        ("A teacher at work, Sept. 9, 2024.", utc(2024, 9, 9)),
        ("Crowds on Saturday, March 29, 2025.", utc(2025, 3, 29)),
        ("Crowds on 19 June 2024 in Lissel.", utc(2024, 6, 19)),
        ("Ministers leave in the early hours of 3 March 2025.", utc(2025, 3, 3)),
        ("Ministers at the ministry on March 3rd, 2025.", utc(2025, 3, 3)),
        ("The parliament in session on 2025-03-03.", utc(2025, 3, 3)),
        ("Updated: Mar. 3, 2025 10:30 a.m. ET", utc(2025, 3, 3, 15, 30)),  # EST in early March
        ("Published July 4, 2025 at 9 pm PT", utc(2025, 7, 5, 4)),  # PDT, the next day in UTC
        ("3 March 2025, 09:15 GMT", utc(2025, 3, 3, 9, 15)),
        ("Posted 3 March 2025 at 10:30 CEST", utc(2025, 3, 3, 8, 30)),
        ("March 3, 2025 10:30", utc(2025, 3, 3)),  # a time with no zone: day-only
        ("March 3, 2025 10:30 in Lissel", utc(2025, 3, 3)),  # not a zone: day-only
        ("Crowds in June 2024 at 12:30 GMT", utc(2024, 6, 1)),  # no day: no time either
        ("Built in 2019, seen here on June 19, 1999.", utc(1999, 6, 19)),  # the second year's
        ("From 1999 to Mar 3, 2025 on the quay", utc(2025, 3, 3)),  # a "19" before the "20"
        ("Fromage on Octobre 3, 2025", None),  # "Oct" then more letters: not a month name
        ("A serial 1999-12-31-01 on a crate", None),
        ("A debate before their April 1 election.", None),
        ("Six months after the 2024 vote.", None),
        ("No date here at all", None),
    ],
)
def test_find_date(text: str, expected: datetime | None) -> None:
    assert find_date(text) == (expected, ())


def test_find_date_reads_the_date_pattern_groups_in_their_order() -> None:
    from pagefeed.extract.dates import _DATE_GROUPS, _human_date

    assert tuple(_human_date().groupindex) == _DATE_GROUPS


def test_impossible_date_gives_none_and_a_warning() -> None:
    assert find_date("Workers on February 30, 2025.") == (
        None,
        ("impossible date 'February 30, 2025' ignored",),
    )
    assert find_date("Workers on February 30, 2025 10:30 GMT.")[1] == (
        "impossible date 'February 30, 2025' ignored",
    )
    assert find_date("Crates stamped 2025-02-30") == (
        None,
        ("impossible date '2025-02-30' ignored",),
    )


@pytest.mark.parametrize(
    "line",
    [
        "December 02, 2025",
        "3 March 2025",
        "March 3rd, 2025",
        "2025-03-03",
        "Updated: Mar. 3, 2025 10:30 a.m. ET",
        "Published March 3, 2025 at 10:30 AM EST",
        "Monday, 3 March 2025, 09:15 GMT",
    ],
)
def test_date_lines(line: str) -> None:
    assert date_line().fullmatch(line) is not None
    assert find_date(line)[0] is not None


@pytest.mark.parametrize("line", ["March 3, 2025 10:30 in Lissel", "On March 3, 2025"])
def test_not_date_lines(line: str) -> None:
    assert date_line().fullmatch(line) is None


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("FILE PHOTO: Tankers wait outside the port.", True),
        ("REUTERS/Jonas Pike/File Photo", True),
        ("Tankers wait outside the port, on May 2, 2025.", False),
        ("A profile of a filmmaker", False),
        ("FILE IMAGE of the harbour", True),
        ("F\u0130LE PHOTO: a dotted capital I still matches", True),
        ("f\u0131le image: a dotless i still matches", True),
        ("file\u00a0photo with a no-break space", False),
    ],
)
def test_is_file_photo(caption: str, expected: bool) -> None:
    assert is_file_photo(caption) is expected


def story(
    title: str,
    *,
    stated: datetime | None = None,
    caption_date: datetime | None = None,
    file_photo: bool = False,
    image: bool = True,
) -> Story:
    picture = Image(caption="c", date=caption_date, file_photo=file_photo) if image else None
    return Story(title=title, stated_date=stated, image=picture)


def dated(page: Page) -> list[tuple[str, datetime | None, DateSource | None]]:
    return [(s.title, s.date, s.date_source) for s in page.stories]


def test_policy_sources() -> None:
    page = Page(
        main=story("main", stated=utc(2026, 1, 14, 9, 30), caption_date=utc(2026, 1, 10)),
        teasers=(
            story("caption", caption_date=utc(2025, 3, 29)),
            story("file photo", caption_date=utc(2024, 3, 2), file_photo=True),
            story("future", caption_date=utc(2026, 2, 1)),
            story("no image", image=False),
        ),
    )
    assert dated(assign_dates(page, now=NOW)) == [
        ("main", utc(2026, 1, 14, 9, 30), DateSource.PAGE),
        ("caption", utc(2025, 3, 29), DateSource.CAPTION),
        ("file photo", NOW, DateSource.NOW),
        ("future", NOW - timedelta(seconds=1), DateSource.NOW),
        ("no image", NOW - timedelta(seconds=2), DateSource.NOW),
    ]


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00+01:00",  # before year 1 in UTC: no instant at all
        "0001-01-01T00:30:00+00:45",
        "9999-12-31T23:59:59-14:00",  # after the last representable UTC instant
        "Sat, 01 Jan 0001 00:00:00 +0100",
    ],
)
def test_a_date_with_no_utc_instant_is_unreadable_not_a_crash(value: str) -> None:
    assert parse_machine_date(value) is None


@pytest.mark.parametrize(
    ("stated", "caption", "expected"),
    [
        # A placeholder stated date falls through to the caption, then to now.
        (utc(1, 1, 1), utc(2025, 3, 29), (utc(2025, 3, 29), DateSource.CAPTION)),
        (datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), None, (NOW, DateSource.NOW)),
        (utc(1989, 12, 31, 23, 59, 59), None, (NOW, DateSource.NOW)),
        (utc(2026, 1, 16, 12, 0, 1), None, (NOW, DateSource.NOW)),
        (None, datetime(9999, 12, 31, tzinfo=UTC), (NOW, DateSource.NOW)),
        (None, utc(1950, 6, 1), (NOW, DateSource.NOW)),
        # The edges of the window are inside it.
        (utc(1990, 1, 1), None, (utc(1990, 1, 1), DateSource.PAGE)),
        (utc(2026, 1, 16, 12, 0), None, (utc(2026, 1, 16, 12, 0), DateSource.PAGE)),
        (None, utc(2026, 1, 16), (utc(2026, 1, 16), DateSource.CAPTION)),
    ],
)
def test_a_page_date_outside_1990_to_now_plus_a_day_is_ignored_with_a_warning(
    stated: datetime | None,
    caption: datetime | None,
    expected: tuple[datetime, DateSource],
) -> None:
    page = assign_dates(Page(main=story("m", stated=stated, caption_date=caption)), now=NOW)
    assert page.main is not None
    assert (page.main.date, page.main.date_source) == expected
    ignored = [w for w in page.warnings if "is outside 1990-01-01 .. 2026-01-16T12:00:00Z" in w]
    dropped = sum(value is not None and value != expected[0] for value in (stated, caption))
    assert len(ignored) == dropped


def test_ties_keep_page_order_and_stay_on_their_day() -> None:
    day = utc(2025, 3, 29)
    page = Page(
        main=None,
        teasers=(
            story("a", caption_date=day),
            story("b", caption_date=utc(2025, 3, 30)),
            story("c", caption_date=day),
            story("d", caption_date=day),
        ),
    )
    assert dated(assign_dates(page, now=NOW)) == [
        ("a", day + timedelta(seconds=2), DateSource.CAPTION),
        ("b", utc(2025, 3, 30), DateSource.CAPTION),
        ("c", day + timedelta(seconds=1), DateSource.CAPTION),
        ("d", day, DateSource.CAPTION),
    ]


def test_a_group_moves_past_a_time_already_taken() -> None:
    day = utc(2025, 3, 29)
    page = Page(
        main=story("main", stated=day + timedelta(seconds=1)),
        teasers=(story("a", caption_date=day), story("b", caption_date=day)),
    )
    result = dated(assign_dates(page, now=NOW))
    assert result == [
        ("main", day + timedelta(seconds=1), DateSource.PAGE),
        ("a", day + timedelta(seconds=3), DateSource.CAPTION),
        ("b", day + timedelta(seconds=2), DateSource.CAPTION),
    ]


def test_now_is_made_utc_without_microseconds() -> None:
    paris = timezone(timedelta(hours=1))
    page = Page(main=story("only", image=False))
    now = datetime(2026, 1, 15, 13, 0, 0, 123456, tzinfo=paris)
    assert dated(assign_dates(page, now=now)) == [("only", NOW, DateSource.NOW)]
    naive = datetime(2026, 1, 15, 12, 0)
    assert dated(assign_dates(page, now=naive)) == [("only", NOW, DateSource.NOW)]


INSTANTS = st.sampled_from(
    [
        utc(2025, 3, 29),
        utc(2025, 3, 29, 0, 0, 1),
        utc(2025, 3, 30),
        utc(2026, 1, 15),
        utc(2026, 1, 15, 12, 0),
        utc(2026, 1, 15, 11, 59, 59),
        utc(2026, 1, 16, 12, 0),
        utc(2026, 2, 1),
        utc(1, 1, 1),
        utc(1989, 12, 31, 23, 59, 59),
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
    ]
)


def story_of(**fields: Any) -> Story:
    """A story of the fields given, the others at their defaults (st.builds on the class would
    fill every field of a named tuple)."""
    return Story(**fields)


def image_of(**fields: Any) -> Image:
    """An image of the fields given, the others at their defaults."""
    return Image(**fields)


STORIES = st.builds(
    story_of,
    title=st.just("t"),
    stated_date=st.none() | INSTANTS,
    image=st.none() | st.builds(image_of, date=st.none() | INSTANTS, file_photo=st.booleans()),
)


def base(item: Story, now: datetime) -> tuple[datetime, DateSource]:
    def inside(value: datetime) -> bool:
        return utc(1990, 1, 1) <= value <= now + timedelta(days=1)

    if item.stated_date is not None and inside(item.stated_date):
        return item.stated_date, DateSource.PAGE
    image = item.image
    if image and image.date and not image.file_photo and inside(image.date):
        return image.date, DateSource.CAPTION
    return now, DateSource.NOW


@settings(max_examples=300, deadline=None)
@given(
    main=st.none() | STORIES,
    teasers=st.lists(STORIES, max_size=12),
    now=st.sampled_from([NOW, utc(2026, 1, 15), utc(2025, 3, 29)]),
)
def test_policy_properties(main: Story | None, teasers: list[Story], now: datetime) -> None:
    page = Page(main=main, teasers=tuple(teasers))
    result = assign_dates(page, now=now).stories
    assert len(result) == len(page.stories)
    dates = [item.date for item in result]
    assert all(date is not None for date in dates)
    assert len(set(dates)) == len(dates)
    ceiling = now + timedelta(days=1, seconds=max(len(result) - 1, 0))
    for before, after in zip(page.stories, result, strict=True):
        instant, source = base(before, now)
        assert after.date_source is source
        assert after.date is not None
        assert after.date.tzinfo is UTC
        assert after.date.microsecond == 0
        assert after.date <= ceiling
        if source is DateSource.NOW:
            assert after.date <= now
        elif instant.time() == datetime.min.time():
            assert after.date.date() == instant.date()  # a day-only date stays on its day
    groups: dict[tuple[datetime, DateSource], list[datetime]] = {}
    for before, after in zip(page.stories, result, strict=True):
        assert after.date is not None
        groups.setdefault(base(before, now), []).append(after.date)
    for group in groups.values():
        assert group == sorted(group, reverse=True)  # page order = newest first


DATE_PIECES = [
    "March 3",
    ", ",
    "2025",
    "19",
    "20",
    "99",
    "-03-03",
    " ",
    "Updated: ",
    "Monday, ",
    "5",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=6).map("".join))
def test_a_date_is_only_where_may_hold_date_says_one_can_be(text: str) -> None:
    if date_line().fullmatch(text) or find_date(text)[0] is not None:
        assert may_hold_date(text)


WINDOW_PIECES = [
    *("Mar 3, 2025", "Octo ", "Mayor ", "MAY 2025", "sep 2020"),
    *("March 3, 2025", "3 March 2025", "2025-03-03", "Sept. 9, 2025", "January 2023", "on "),
    *("\u017fept. 9, 2025", "\u0663 March 2025", "x", "7", "19", "20", " ", ",", ".", "_", "J"),
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WINDOW_PIECES), max_size=7).map("".join),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
)
def test_a_date_is_looked_for_only_where_one_can_begin(
    text: str, start: int, begins: int, size: int
) -> None:
    from pagefeed.extract.dates import _first_date, _human_date

    stop, end = start + min(begins, size), start + size
    searched = _human_date().search(text, start, end)
    if searched is not None and searched.start() >= stop:
        searched = None  # the first date begins too late: there is none that begins by stop
    found = _first_date(text, start, stop, end)
    assert (searched and (searched.span(), searched.groups())) == (
        found and (found.span(), found.groups())
    )


def _case_insensitive_twins(letter: str) -> list[str]:
    """Every character up to U+FFFF that a case-insensitive pattern takes for ``letter``."""
    pattern = re.compile(re.escape(letter), re.IGNORECASE)
    return [chr(point) for point in range(0x80, 0x10000) if pattern.fullmatch(chr(point))]


@pytest.mark.parametrize(
    "month", ["Jan", "February", "Mar", "April", "May", "June", "July", "Aug", "Sept", "Oct"]
)
def test_a_month_spelled_with_look_alike_letters_never_crashes(month: str) -> None:
    # "ſept." is "Sept." to re.IGNORECASE: the month table must know it, or say no date.
    for place, letter in enumerate(month):
        for twin in _case_insensitive_twins(letter):
            text = f"Taken {month[:place]}{twin}{month[place + 1 :]}. 9, 2024 in a town."
            date, _ = find_date(text)
            assert date is None or date == datetime(2024, date.month, 9, tzinfo=UTC)


def test_the_long_s_reads_as_an_s_in_a_month_name() -> None:
    assert find_date("Photo taken \u017fept. 9, 2024.")[0] == datetime(2024, 9, 9, tzinfo=UTC)

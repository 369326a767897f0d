"""pagefeed.extract.text.segment: lines and gaps, the date marker, glued pieces split apart."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pagefeed.extract.text.segment import Segment, segment, segment_lines


def test_lines_keep_the_count_of_blank_lines_before_them() -> None:
    got = segment("  Harbour reopens  \n\n\nThe quay is open.\n   \nMore soon.\n")
    assert got.lines == [
        Segment("Harbour reopens", 0),
        Segment("The quay is open.", 2),
        Segment("More soon.", 1),
    ]
    assert got.date is None


@pytest.mark.parametrize(
    ("text", "first", "date"),
    [
        (" date 2025-04-02 Menu Icon\nx", "Menu Icon", datetime(2025, 4, 2, tzinfo=UTC)),
        ("date 2025-04-02Harbour reopens\nx", "Harbour reopens", datetime(2025, 4, 2, tzinfo=UTC)),
        (" date 2025-04-02 Tuesday, April 2, 2025", "Tuesday, April 2, 2025", None),
        (" date 2021-03 The ferry was late again.", "The ferry was late again.", None),
        ("Harbour reopens date 2025-04-02", "Harbour reopens", datetime(2025, 4, 2, tzinfo=UTC)),
        ("Skip to content\n date 2025-04-02 Harbour", "Skip to content", None),
        ("Updated dates 2025", "Updated dates 2025", None),
    ],
)
def test_the_leading_date_marker_is_split_off(text: str, first: str, date: datetime | None) -> None:
    got = segment(text)
    assert got.lines[0].text == first
    if date is not None or "2021-03" in text:
        assert got.date == date


def test_a_marker_after_a_chrome_line_still_counts() -> None:
    got = segment("Skip to content\n date 2025-04-02 Harbour reopens\n")
    assert [line.text for line in got.lines] == ["Skip to content", "Harbour reopens"]
    assert got.date == datetime(2025, 4, 2, tzinfo=UTC)


def test_a_year_and_month_marker_states_no_date() -> None:
    got = segment(" date 2021-03 The ferry was late again.\n")
    assert got.lines == [Segment("The ferry was late again.", 0)]
    assert got.date is None


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("The quay is open.Read moreShow less", ["The quay is open.", "Read moreShow less"]),
        ("The quay is open. Read Now Show less", ["The quay is open.", "Read Now Show less"]),
        ("Ferries return to the bayplay icon", ["Ferries return to the bay"]),
        ("• by Harbour Desk", ["by Harbour Desk"]),
        ("• 2 April 2025", ["2 April 2025"]),
        (
            "Ferries return A dek line. By Ola Brandt Published Apr. 2 2025 Source: harbourpix",
            [
                "Ferries return A dek line.",
                "By Ola Brandt Published Apr. 2 2025",
                "Source: harbourpix",
            ],
        ),
        ("Play icon", ["Play icon"]),  # the chrome word alone is left to classify
        ("Ferries go By Tuesday", ["Ferries go By Tuesday"]),
    ],
)
def test_glued_pieces_are_split(line: str, pieces: list[str]) -> None:
    assert [piece.text for piece in segment(line).lines] == pieces


def test_every_glued_tail_ends_as_segment_looks_for() -> None:
    """segment splits a line only when it ends like a marker ("Show less") or a chrome tail."""
    from pagefeed.extract.text.segment import _GLUED_ENDS, _GLUED_LAST
    from pagefeed.extract.text.vocabulary import CHROME_TAILS, MARKER_TAIL

    assert all(tail.endswith(_GLUED_ENDS) for tail in CHROME_TAILS)
    assert {case(end[-1]) for end in _GLUED_ENDS for case in (str.lower, str.upper)} == _GLUED_LAST
    assert MARKER_TAIL.endswith("show less$")


def test_a_text_split_into_its_lines_already_segments_the_same() -> None:
    text = "date 2025-03-04 Harbour reopens\n\n  The quay is open.  \n• by Web Desk\n\nMore soon."
    assert segment_lines(text.split("\n")) == segment(text)

"""pagefeed.extract.html.byline: chrome lines at the start of a body, and the byline in them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pagefeed.extract.html.byline import leading_chrome

STORY = "The ferry to Oskar Bay left on time for the first time this winter, the captain said."


@pytest.mark.parametrize(
    ("lines", "author", "date"),
    [
        (["By Ana Ruiz · March 3, 2025", STORY], "Ana Ruiz", datetime(2025, 3, 3, tzinfo=UTC)),
        (["By Ana Ruiz", STORY], "Ana Ruiz", None),
        (["Filed under:", "Share this on Facebook", STORY], None, None),
        (
            [
                "Tom Harrow",
                "News reporter @tomharrow",
                "Wednesday 20 November 2019 11:42, UK",
                STORY,
            ],
            "Tom Harrow",
            datetime(2019, 11, 20, 11, 42, tzinfo=UTC),
        ),
        (["Image: Coastal Times", STORY], None, None),
        (["Por Lucía Ferro | 4 de marzo", STORY], "Lucía Ferro", None),
        # a <br> between the name and the date leaves only a space
        (["By Ana Ruiz March 3, 2025", STORY], "Ana Ruiz", datetime(2025, 3, 3, tzinfo=UTC)),
        (
            ["Published by Ana Ruiz on March 3, 2025", "4 min read", STORY],
            "Ana Ruiz",
            datetime(2025, 3, 3, tzinfo=UTC),
        ),
        (["Facebook Twitter Email", "Copy link", STORY], None, None),  # unclassed share buttons
        (["READ MORE: Ferry strike called off after talks.", STORY], None, None),  # a pointer
        (["Related: Ferry strike called off", "12 Comments", STORY], None, None),
        (["Subscribe to our newsletter for the latest news.", "Listen · 4:32", STORY], None, None),
    ],
)
def test_chrome_at_the_start_is_dropped_and_the_byline_kept(
    lines: list[str], author: str | None, date: datetime | None
) -> None:
    body, byline = leading_chrome(lines)
    assert body == [STORY]
    assert byline.author == author
    if date is None:
        assert byline.date is None
    else:
        assert byline.date is not None
        assert byline.date.date() == date.date()


@pytest.mark.parametrize(
    "lines",
    [
        [STORY, "By the way, the ferry was late again."],
        ["Brindle Harbour", STORY],  # a name line followed by the story is kept
        [
            "By the end of the week the harbour had reopened, and the ferry ran again on Friday.",
            STORY,
        ],
        ["Share prices fell in Brindle on Monday after the harbour closed for repairs.", STORY],
        ["Facebook shares fall", STORY],  # a subhead naming a network is not a share button
        ["By Ana Ruiz 3rd", STORY],  # no date after the name: not cut into a byline
        ["Registered nurses in Brindle voted to strike on Monday, the union said.", STORY],
        ["More ferries will sail this summer: the council approved two new routes.", STORY],
    ],
)
def test_story_text_is_never_dropped(lines: list[str]) -> None:
    body, _ = leading_chrome(lines)
    assert body == lines


def test_chrome_in_the_middle_stays() -> None:
    lines = [STORY, "Share this story", STORY]
    assert leading_chrome(lines)[0] == lines

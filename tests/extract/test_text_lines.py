"""pagefeed.extract.text.lines: the grammar of one line (chrome, credit, headline, caption)."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.extract.text.lines import (
    fold,
    is_call,
    is_chrome,
    is_credit,
    is_headline,
    split_credit,
    split_glued_headline,
)
from pagefeed.extract.text.vocabulary import CHROME_LINES, CHROME_PATTERNS

# Every credit shape of issue 2 (item 2), with invented names, then other agencies' shapes.
CREDIT_SHAPES = [
    "REUTERS/Dara Quill",
    "Dara Quill/Reuters",
    "Ines Moll/Kurt Aalto/Pia Renn/Reuters",
    "Ines Moll/Pool via REUTERS",
    "Ines Moll/ Pool via REUTERS",
    "Kurt Aalto/NurPhoto via Reuters",
    "Pia Renn / SOPA Images via Reuters Connect",
    "REUTERS/Dara Quill/Pool/File Photo",
    "Norvania Ministry of Health/Handout via REUTERS",
    "Kurt Aalto / Sipa USA",
    "REUTERS",
    "Reuters",
    "ODILE FERRAND/Pool via REUTERS",
    # Photo:/Getty/AP/AFP shapes
    "Photo: Ines Moll",
    "Photo: Ines Moll / Harbour Press",
    "Photograph by Ines Moll",
    "Photo credit: Ines Moll/Harbour Press",
    "Pictures: Dara Quill",
    "Illustration by Pia Renn",
    "Photo by Ines Moll/Getty Images",
    "Getty Images",
    "Kurt Aalto/AFP via Getty Images",
    "AFP/Getty Images",
    "AFP",
    "AP",
    "AP Photo/Kurt Aalto",
    "Ines Moll/AP",
    "Dara Quill/Ines Moll",  # two names, one of two words: a credit without an agency
]


@pytest.mark.parametrize("line", CREDIT_SHAPES)
def test_credit_shapes(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "The harbour reopened on Monday after three weeks of repairs.",  # a sentence
        "Boats return to the harbour on April 2, 2025.",  # a caption
        "A crane lifts a turbine in Lissel, Norvania, March 3, 2025",  # a caption, no stop
        "Harbour reopens after the storm",  # a headline
        "Reuters reports that the talks resumed",
        "AFP says the talks resumed",
        "Pia Renn",  # a name alone is a credit only after an artwork caption (classify)
        "Norvania/Velgrad",
        "Photo:",
        "Photo: the week in pictures",
        "REUTERS/Dara Quill.",  # a full stop ends a sentence, not a credit
        "Dara Quill/" + "Reuters" * 20,  # longer than any credit
    ],
)
def test_lines_that_are_not_credits(line: str) -> None:
    assert not is_credit(line)


@pytest.mark.parametrize(
    ("caption", "loose", "expected"),
    [
        (
            "Ferries at dusk. Photograph by Ines Moll",
            False,
            ("Ferries at dusk.", "Photograph by Ines Moll"),
        ),
        ("Crowds in the square (Reuters)", True, ("Crowds in the square", "Reuters")),
        (
            "Crowds in the square. Kurt Aalto/AFP via Getty Images",
            True,
            ("Crowds in the square.", "Kurt Aalto/AFP via Getty Images"),
        ),
        ("Crowds in the square. Kurt Aalto/AFP via Getty Images", False, None),  # unmarked
        ("(Photo: Kurt Aalto/AFP)", True, None),  # a credit alone: no caption to split from
        ("The pier at noon. Photo: Ines Moll.", False, None),  # ends like a sentence
        ("The talks go on. Officials expect a deal", True, None),  # a sentence, not a credit
        ("Gulls", True, None),
    ],
)
def test_split_credit(caption: str, loose: bool, expected: tuple[str, str] | None) -> None:
    assert split_credit(caption, loose=loose) == (expected or (caption, None))


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "HOME",
        "World | Politics | Economy",
        "Sponsored by Harbour Bank",
        "Presented by the Harbour Trust",
        "© 2025 Coastal Times. All rights reserved.",
        "(c) Coastal Times",
        "Copyright 2025 Coastal Times",
        "Copyright © 2025 Coastal Times",
        "Copyright Coastal Times. All rights reserved.",
        "Get our weekly harbour newsletter in your inbox",
    ],
)
def test_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Harbour reopens after the storm",
        "The home team won the regatta.",
        "Copyright law changes in Norvania",  # a headline about copyright, not a footer
        "Copyright holders won the case on Monday.",
        "Presenters of the harbour show were named on Monday.",
    ],
)
def test_not_chrome(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Harbour reopens after the storm", True),
        ("Who pays for the new harbour?", True),
        ("U.S. ferry rules change", True),
        ("x" * 150, True),
        ("x" * 151, False),  # too long
        ("The harbour reopened.", False),  # ends with a full stop
        ("Wait for it…", False),
        ('He said "no."', False),
        ("Storm hits. Harbour closes", False),  # two sentences
    ],
)
def test_is_headline(line: str, expected: bool) -> None:
    assert is_headline(line) is expected


def test_fold() -> None:
    assert fold("What’s NEXT") == "what's next"
    assert fold("Hard Numbers") == "hard numbers"


def _chrome_by_every_shape(line: str) -> bool:
    """is_chrome without its cheap pre-tests: every shape's own words and pattern."""
    key = fold(line)
    return key in CHROME_LINES or any(
        (longest is None or len(line) <= longest)
        and any(word in key for word in words)
        and re.search(pattern, line, re.IGNORECASE)
        for words, pattern, longest in CHROME_PATTERNS
    )


TRIGGER_WORDS = sorted({word for words, _, _ in CHROME_PATTERNS for word in words})
FILLER = ["Get ", "our ", "the ", "All rights reserved", "2025 ", "x" * 37, "a" * 111, ". ", "©"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TRIGGER_WORDS + FILLER), min_size=1, max_size=8).map("".join))
def test_the_pre_tests_of_is_chrome_never_change_its_answer(line: str) -> None:
    line = line.strip() or "x"
    for text in (line, line.capitalize(), line.upper()):
        assert is_chrome(text) == _chrome_by_every_shape(text)


def test_a_word_of_letters_alone_is_a_name_word() -> None:
    """What lets the credit reader skip the name-word pattern for words that are all letters."""
    from pagefeed.extract.text.lines import _NAME_WORD

    letters = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isalpha()]
    assert all(_NAME_WORD.fullmatch(f"{c}a{c}") for c in letters)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # title case glued to the summary with no space
        (
            "Ostmark Plans A Toll On The Amber BridgeOstmark's office wants a toll by spring.",
            (
                "Ostmark Plans A Toll On The Amber Bridge",
                "Ostmark's office wants a toll by spring.",
            ),
        ),
        # a question mark or a lower-case word before the summary's capital
        (
            "Will the night ferry come back?The board is studying a late crossing.",
            ("Will the night ferry come back?", "The board is studying a late crossing."),
        ),
        (
            "Ferry fares rise againThe board raised them on Monday.",
            ("Ferry fares rise again", "The board raised them on Monday."),
        ),
        # a space, then the summary restates the headline's first word
        (
            "Norvania's towns count the flood bill Norvania's towns asked for help this week.",
            ("Norvania's towns count the flood bill", "Norvania's towns asked for help this week."),
        ),
    ],
)
def test_a_headline_glued_to_its_summary_is_split_at_the_seam(
    line: str, expected: tuple[str, str]
) -> None:
    assert split_glued_headline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Investors leave HarbourRock funds as rates rise, the bank said on Monday.",  # a name
        "Council leader Ann McBride blocks the levy for a second week running.",
        "Ferrix Shows A New TideStation Console For The Holiday Season.",  # title case both sides
        'Is a "Norvexit" from the union a real prospect? Ann Roe weighs in.',  # an open quote
        "The mayor and The Courier disagree about the plan, drafted last year.",
        "Lissel and Lissel again.",  # too short for a headline and a summary
        "The council voted on Monday. The harbour board voted on Tuesday.",  # no headline part
    ],
)
def test_a_paragraph_without_a_glued_headline_is_not_split(line: str) -> None:
    assert split_glued_headline(line) is None


@pytest.mark.parametrize(
    "line",
    ["Learn more about the Amber Line", "LEARN MORE", "Download the Tidewatch app today."],
)
def test_a_short_line_that_opens_with_a_call_to_action_is_a_call(line: str) -> None:
    assert is_call(line)


@pytest.mark.parametrize(
    "line",
    [
        "Download speeds on the ferry are slower than on shore.",  # a noun, not the verb
        "Learning more about the harbour took the board a year.",
        "Learn more about the harbour " * 10,  # a paragraph, not a call
        "Learn",
    ],
)
def test_other_lines_are_not_calls(line: str) -> None:
    assert not is_call(line)


CREDIT_PIECES = ["A", "Roe", " ", "  ", "\t", "/", "via", "v", "ia", "Via", "\n", "x/"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(CREDIT_PIECES), max_size=8).map("".join))
def test_a_credit_splits_where_the_plain_pattern_splits_it(line: str) -> None:
    from pagefeed.extract.text.lines import _CREDIT_SPLIT

    assert _CREDIT_SPLIT.split(line) == re.split(r"\s*/\s*|\s+via\s+|^via\s+", line)


STOP_PIECES = ["a", ".", "…", "’", "”", ")", "]", '"', "'", "\n", " ", "!"]


@given(st.lists(st.sampled_from(STOP_PIECES), max_size=8))
def test_a_sentence_ends_where_the_stop_pattern_says(pieces: list[str]) -> None:
    from pagefeed.extract.text.lines import ends_sentence

    line = "".join(pieces)
    assert ends_sentence(line) == (re.search(r"[.…][\"'”’)\]]*$", line) is not None)


PAGE_PIECES = ["Sign up", "subscribe ", "© 2025 ", "World | Politics | Economy", "logo", "x" * 60]
PAGE_PIECES += ["Atlas Desk ", "privacy policy and cookies", "brought to you by ", "• ", "."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PAGE_PIECES), min_size=1, max_size=6), max_size=6))
def test_a_line_is_chrome_the_same_with_its_pages_tiers(page: list[list[str]]) -> None:
    from pagefeed.extract.text.lines import fold, page_tiers

    lines = ["".join(pieces).strip() or "x" for pieces in page]
    keys = [fold(line) for line in lines]
    tiers = page_tiers(keys, [len(line) for line in lines])
    for line, key in zip(lines, keys, strict=True):
        assert is_chrome(line, key, tiers) == is_chrome(line)

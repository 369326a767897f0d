"""Text clean-up before anything reaches lxml."""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pagefeed.extract.normalize import (
    clean_text,
    derive_title,
    first_sentence,
    headline_of,
    joined_words,
    squash,
    words,
)


def test_clean_text_keeps_lines_and_drops_controls() -> None:
    raw = "Title\x00\r\n\r\n  Body\u00a0 text\x1b here\u200b. \rEnd"
    assert clean_text(raw) == "Title\n\nBody text here.\nEnd"


def test_clean_text_composes_to_nfc() -> None:
    assert clean_text("Cafe\u0301") == "Café"


def test_squash_joins_lines() -> None:
    assert squash("  one\n two\t three  ") == "one two three"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_cleaned_text_is_always_xml_compatible(text: str) -> None:
    element = etree.Element("x")
    element.text = clean_text(text)
    element.text = squash(text)


def test_clean_up_changes_no_printable_character() -> None:
    """What lets a page of printable lines skip the character scans: they change none of them
    (a NUL forces the scans here; NFC still applies)."""
    printable = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isprintable())
    printable = printable.replace(" ", "")
    assert clean_text(printable + "\x00") == unicodedata.normalize("NFC", printable)


@settings(max_examples=200, deadline=None)
@given(st.text() | st.text(alphabet=st.sampled_from("ab1_ ’‘“”—–…é")))
def test_words_are_the_unicode_word_runs(text: str) -> None:
    assert words(text) == re.findall(r"\w+", text)
    assert words(text.encode("ascii", "replace").decode()) == re.findall(
        r"\w+", text.encode("ascii", "replace").decode()
    )


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_printable_beyond_ascii_is_none_exactly_when_a_line_is_not_printable(text: str) -> None:
    from pagefeed.extract.normalize import _printable_beyond_ascii

    lines = text.split("\n")
    rest = _printable_beyond_ascii(text, lines)
    assert (rest is not None) == all(line.isprintable() for line in lines)
    assert rest is None or rest in ("".join(c for c in text if not c.isascii()), text)


def test_nfc_safe_characters_are_starters_nfc_keeps_and_never_composes_onto() -> None:
    from pagefeed.extract.normalize import _NFC_SAFE

    second_of_a_pair = {
        parts[1]
        for parts in (unicodedata.decomposition(chr(c)).split() for c in range(sys.maxunicode + 1))
        if len(parts) == 2 and not parts[0].startswith("<")
    }
    hangul_vowels_and_finals = {*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)}
    for char in _NFC_SAFE:
        assert unicodedata.combining(char) == 0, hex(ord(char))
        assert unicodedata.is_normalized("NFC", char), hex(ord(char))
        assert f"{ord(char):04X}" not in second_of_a_pair, hex(ord(char))
        assert ord(char) not in hangul_vowels_and_finals
    assert not {f"{c:04X}" for c in range(128)} & second_of_a_pair  # nor onto ASCII


# Safe characters and their neighbours that are not: combining marks, Hangul jamo, a singleton.
_NEAR_NFC_SAFE = (
    "ae \n\u00e9\u00ff\u017f\u02ff\u2019\u201c\u2014\u2026"
    "\u0300\u0301\u0327\u1100\u1161\u212b\u2000"
)


@settings(max_examples=300, deadline=None)
@given(st.text() | st.text(alphabet=st.sampled_from(_NEAR_NFC_SAFE)))
def test_clean_text_of_printable_lines_is_what_the_full_scans_give(text: str) -> None:
    """The skipped NFC check changes nothing: a NUL forces every scan and the NFC step."""
    assert clean_text(text) == clean_text(text + "\x00")


@given(st.text(alphabet=st.sampled_from("a \t")))
def test_runs_of_spaces_become_one_space(text: str) -> None:
    from pagefeed.extract.normalize import _one_space

    assert _one_space(text) == re.sub("  +", " ", text)


@given(st.text() | st.text(alphabet=st.sampled_from("ab1_ ,.\t\n\x1f’‘“”—–…é")))
def test_joined_words_are_the_words_joined_by_single_spaces(text: str) -> None:
    assert joined_words(text) == " ".join(words(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\xa0\u2028aB.!é")))
def test_derive_title_reads_any_spacing_as_single_spaces(text: str) -> None:
    assert derive_title(text) == derive_title(" ".join(text.split()))


SENTENCE_PIECES = [
    "Word",
    "word",
    " ",
    "  ",
    ".",
    "...",
    "…",
    "?",
    "!",
    "”",
    "’",
    ")",
    "“",
    "No",
    "5",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(SENTENCE_PIECES), max_size=40).map("".join),
    st.integers(min_value=1, max_value=30),
)
def test_derive_title_reads_only_as_far_as_it_needs(summary: str, limit: int) -> None:
    expected = headline_of(first_sentence(" ".join(summary.split())), limit=limit)
    assert derive_title(summary, limit=limit) == expected

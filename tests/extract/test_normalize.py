"""Text clean-up before anything reaches lxml."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pagefeed.extract.normalize import clean_text, squash


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

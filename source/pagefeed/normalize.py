"""Text clean-up shared by every parser: Unicode NFC, no control characters, tidy whitespace.

lxml refuses control characters ("All strings must be XML compatible"), so everything that
reaches the feed builder has been through :func:`clean_text` or :func:`squash`.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except TAB and LF, DEL, C1 controls, lone surrogates, and the two non-characters
# XML 1.0 forbids. CR is handled separately (CRLF and CR become LF).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Invisible or odd spaces that pages carry: NBSP and friends become a plain space ...
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
# ... and zero-width characters and the BOM disappear.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_RUNS = re.compile(r"[ ]{2,}")
_ANY_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Normalise a whole page: NFC, LF line ends, no control characters, single spaces.

    Line structure is kept (blank lines matter to the text parser); each line is stripped of
    trailing and leading spaces.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FORBIDDEN.sub("", text)
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_RUNS.sub(" ", line).strip() for line in text.split("\n"))


def squash(text: str) -> str:
    """One line of clean text: every whitespace run becomes one space; ends trimmed."""
    text = _INVISIBLE.sub("", _FORBIDDEN.sub("", text))
    return unicodedata.normalize("NFC", _ANY_SPACE.sub(" ", text).strip())

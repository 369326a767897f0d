"""Text clean-up shared by every parser: Unicode NFC, no control characters, tidy whitespace.

lxml refuses control characters ("All strings must be XML compatible"), so everything that
reaches the feed builder has been through :func:`clean_text` or :func:`squash`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pagefeed.patterns import on_first_use

# Characters removed or replaced everywhere. (Plain strings and ``str.replace`` rather than one
# character class: a class of many characters beyond Latin-1 costs ``re`` a 64K-entry bitmap
# when it is compiled, which is start-up time of every run.)
# C0 controls except TAB and LF, DEL, C1 controls, lone surrogates, and the two non-characters
# XML 1.0 forbids. CR is handled separately (CRLF and CR become LF).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = "[\ud800-\udfff]"  # compiled (and cached by re) when a text holds one
_NON_CHARACTERS = "\ufffe\uffff"
# Invisible or odd spaces that pages carry: NBSP and friends become a plain space ...
_ODD_SPACES = "\t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# ... and zero-width characters and the BOM disappear.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Patterns that search start with one plain character or class where they can ("\w\w*", not
# "\w+"): then ``re`` skips ahead to where a match can start instead of trying every position.
_WORD = re.compile(r"\w\w*")
# In ASCII text ``\w`` is [a-zA-Z0-9_]: its words are what is left between the other bytes.
_ASCII_NON_WORD = bytes(b if chr(b).isalnum() or b == ord("_") else 32 for b in range(256))
# Punctuation beyond ASCII that news text is full of: no word character, so a space in its place
# leaves the words as they are (and often the text ASCII).
_PUNCTUATION = "’‘“”—–…"
_ANY_SPACE = re.compile(r"\s\s*")
# The bytes of printable ASCII, and the line feed (``_printable_beyond_ascii``).
_PRINTABLE_ASCII = bytes([10, *range(32, 127)])
# Characters that leave any text of them and of ASCII in NFC: starters (combining class 0) that
# NFC keeps and that never compose with a character before them. Latin-1 and the Latin
# extensions, and general punctuation (curly quotes, dashes, the ellipsis) -- what news text
# beyond ASCII mostly is.
_NFC_SAFE = frozenset(map(chr, [*range(0xA0, 0x300), *range(0x2010, 0x205F)]))
# A text is mostly ASCII when its UTF-8 is longer by at most an eighth (see its use).
_MOSTLY_ASCII = 8


def clean_text(text: str) -> str:
    """Normalise a whole page: NFC, LF line ends, no control characters, single spaces.

    Line structure is kept (blank lines matter to the text parser); each line is stripped of
    trailing and leading spaces.
    """
    return "\n".join(clean_lines(text))


def clean_lines(text: str) -> list[str]:
    """The lines of ``clean_text(text)``, which ``"\\n"`` joins into it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # Every character dropped or replaced is unprintable (a control, a surrogate, a non-character,
    # an odd space or an invisible one): lines that are all printable skip those scans, and
    # those whose characters beyond ASCII are all NFC-safe skip the NFC check as well.
    to_check = _printable_beyond_ascii(text, lines)
    if to_check is None:
        text = _replace_each(drop_forbidden(text), _ODD_SPACES, " ")
        lines = _nfc(_replace_each(text, _INVISIBLE, "")).split("\n")
    elif not all(map(_NFC_SAFE.__contains__, to_check)):
        normal = _nfc(text)
        if normal is not text:
            lines = normal.split("\n")
    return [(_one_space(line) if "  " in line else line).strip() for line in lines]


def _printable_beyond_ascii(text: str, lines: list[str]) -> str | None:
    """None if a line of ``text`` (``lines``: its lines) is not printable; else the characters
    whose NFC-safety tells that the text is NFC: those beyond ASCII, in order, or the whole
    text when it is not mostly ASCII.

    Deleting the bytes of printable ASCII and the line feeds from the UTF-8 leaves the
    characters that need a look (an ASCII control among them fails ``str.isprintable``):
    cheaper than ``str.isprintable`` line by line on a page mostly in ASCII, dearer on others.
    """
    if text.isascii():
        return None if text.encode("ascii").translate(None, _PRINTABLE_ASCII) else ""
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which is not printable
        return None
    if (len(encoded) - len(text)) * _MOSTLY_ASCII > len(text):
        return text if all(map(str.isprintable, lines)) else None
    rest = encoded.translate(None, _PRINTABLE_ASCII).decode("utf-8")
    return rest if rest.isprintable() else None


def _nfc(text: str) -> str:
    """``text`` in Unicode NFC (the quick check avoids copying text that already is)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def words(text: str) -> list[str]:
    """The words (``\\w+`` runs) of ``text``, in order."""
    text = _depunctuated(text)
    if not text.isascii():
        return _WORD.findall(text)
    return text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split()


def joined_words(text: str) -> str:
    """``" ".join(words(text))``, without making the list of words when the text is ASCII."""
    text = _depunctuated(text)
    if not text.isascii():
        return " ".join(_WORD.findall(text))
    spaced = text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii")
    return _one_space(spaced).strip(" ")  # (its only whitespace is the space)


def _one_space(text: str) -> str:
    """``text`` with every run of spaces as one space.

    (``str.replace`` until no two spaces are left: a run of n spaces takes about log2(n)
    passes, and one pass costs a quarter of a regex ``sub``.)
    """
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _depunctuated(text: str) -> str:
    """``text`` with the punctuation of _PUNCTUATION as spaces (its words stay the same)."""
    if not text.isascii():
        for char in _PUNCTUATION:
            if char in text:
                text = text.replace(char, " ")
    return text


def squash(text: str) -> str:
    """One line of clean text: every whitespace run becomes one space; ends trimmed."""
    text = _replace_each(drop_forbidden(text), _INVISIBLE, "")
    return _nfc(_ANY_SPACE.sub(" ", text).strip())


def drop_forbidden(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (see ``_CONTROLS``)."""
    text = _CONTROLS.sub("", text)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # fails on a lone surrogate, and only then
    except UnicodeEncodeError:
        text = re.sub(_SURROGATES, "", text)
    return _replace_each(text, _NON_CHARACTERS, "")


def _replace_each(text: str, chars: str, new: str) -> str:
    for char in chars:
        if char in text:
            text = text.replace(char, new)
    return text


# A sentence ends at . ! ? or … (closing quotes and brackets kept) before a space and a capital,
# a digit or an opening quote; the word before the stop must not be a known abbreviation.
_sentence_end = on_first_use(r"[.!?…][.!?…]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_LAST_WORD = r"[\w.'’-]+$"  # compiled when a sentence end is first seen
_LONGEST_ABBREVIATION = 12  # how far back the word before a stop is looked for
_ABBREVIATIONS = frozenset(
    (
        *("mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt"),
        *("cmdr", "adm", "jr", "sr", "prof", "rev", "pres", "vs", "inc", "corp", "co", "ltd"),
        *("dept", "est", "fig", "approx", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul"),
        *("aug", "sep", "sept", "oct", "nov", "dec"),
    )
)
_TRAILING = " ,;:—–-"
_LOOKAHEAD = 8  # a space, a quote and a capital after the stop; "No. 5" two characters on


@functools.cache
def _last_word() -> re.Pattern[str]:
    return re.compile(_LAST_WORD)


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (the whole text when no sentence end is found)."""
    if "." not in text and "!" not in text and "?" not in text and "…" not in text:
        return text  # no stop at all (four plain tests cost less than the pattern's scan)
    for match in _sentence_end().finditer(text):
        start = match.start()
        word = _last_word().search(text, max(start - _LONGEST_ABBREVIATION, 0), start)
        token = word.group(0).lower().lstrip("'’") if word else ""
        if token in _ABBREVIATIONS or len(token) == 1 or "." in token:
            continue
        if token in ("no", "nos") and text[match.end() + 1 : match.end() + 2].isdigit():
            continue
        return text[: match.end()]
    return text


def _single_spaced(text: str) -> bool:
    """Whether ``" ".join(text.split())`` is ``text`` itself: the only whitespace a printable
    string can hold is the plain space, so no runs of it and none at either end."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def derive_title(summary: str, *, limit: int = 110) -> str:
    """A headline from ``summary``: its first sentence, at most ``limit`` characters.

    A closing full stop is dropped (headlines have none); a longer sentence is cut at a word
    boundary and ends in "…". An empty summary gives "".
    """
    # Only a sentence end within the first ``limit`` characters changes the title, and the text
    # is single-spaced: a few characters more hold everything a sentence end looks ahead at.
    size = max(limit, 1) + _LOOKAHEAD
    # The single-spaced text's first ``size`` characters are the summary's own when the summary
    # is single-spaced that far and one character further (a space there has a word after it).
    head = summary[: size + 1]
    if not _single_spaced(head if len(summary) > size else summary):
        head = " ".join(summary.split())
    return headline_of(first_sentence(head[:size]), limit=limit)


def headline_of(sentence: str, *, limit: int = 110) -> str:
    """A first sentence as a headline of at most ``limit`` characters (see derive_title)."""
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: max(limit - 1, 1)]
    head, space, _ = cut.rpartition(" ")
    if space and len(head) >= limit // 2:
        cut = head
    return cut.rstrip(_TRAILING) + "…"

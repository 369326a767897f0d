"""The grammar of one line of a plain-text page: chrome, credits, headlines, captions.

Pure functions of a line (and, for an illustrator's name, the line before it). The words they
know are data in ``pagefeed.extract.text.vocabulary``; nothing here names a site.
``pagefeed.extract.text.classify`` uses them to give each line its kind.
"""

from __future__ import annotations

import functools
import re
import sys
from bisect import bisect_left

from pagefeed.extract.dates import DATE_TEXT, may_hold_date
from pagefeed.extract.text.vocabulary import (
    AD_CALLS,
    AGENCY_TAILS,
    ARTWORK_WORDS,
    CHROME_LINES,
    CHROME_PATTERNS,
    CREDIT_AGENCIES,
    CREDIT_PREFIX,
    FUNCTION_WORDS,
    NAME_PARTICLES,
)

# ---------------------------------------------------------------------------------------------
# Compiled grammar. Compiling costs start-up time, so the patterns that only some lines need
# (chrome shapes, widget tails, bylines, caption dates, artwork words) are compiled, and cached by
# ``re``, when a line first needs them: ``re.compile`` of a pattern seen before is a cache lookup.


def _trigger_tiers() -> tuple[tuple[int, ...], tuple[tuple[str, ...], ...]]:
    """The trigger words of CHROME_PATTERNS, by line length: (limits, words).

    A line of ``n`` characters can only be chrome of a shape whose longest line is ``n`` or
    more, so it is tested for the words of those shapes only: ``words[k]`` for the first
    ``limits[k] >= n`` (plain substring tests: far faster than a regex alternation). A word
    that holds another of its tier is left out ("brought to you by" after "brought to you").
    """
    limits = sorted({longest for _, _, longest in CHROME_PATTERNS if longest is not None})
    limits.append(sys.maxsize)
    tiers = []
    for limit in limits:
        found = dict.fromkeys(
            word
            for triggers, _, longest in CHROME_PATTERNS
            if longest is None or longest >= limit
            for word in triggers
        )
        tiers.append(tuple(w for w in found if not any(o != w and o in w for o in found)))
    return tuple(limits), tuple(tiers)


_TRIGGER_LIMITS, _TRIGGER_TIERS = _trigger_tiers()
_TRIGGER_WORDS = tuple(dict.fromkeys(word for tier in _TRIGGER_TIERS for word in tier))
# Lines up to this long (a tier's limit) are tried on their page's tiers (``page_tiers``).
_PAGE_TIERS = 180
# Where a credit splits into its parts: r"\s*/\s*|\s+via\s+|^via\s+", written so that the
# pattern opens with one character class (a space, "/" or the "v" of a leading "via"): then
# ``re`` skips ahead to those characters instead of trying every position (2.5x fewer
# instructions on a credit). The same matches, alternative by alternative: a "/" and the spaces
# after it; a space, more spaces, then "/" or "via" and spaces; "via" and spaces at the start.
_CREDIT_SPLIT = re.compile(r"[\s/v](?:(?<=/)\s*|(?<=\s)\s*(?:/\s*|via\s+)|(?<=v)(?<![\s\S]v)ia\s+)")
_CREDIT_PREFIX = re.compile(CREDIT_PREFIX, re.IGNORECASE)
# A credit at the end of a caption: in brackets, or after the caption's last sentence.
_CREDIT_IN_BRACKETS = re.compile(r"\s*\((?P<credit>[^()]{2,120})\)$")
_CREDIT_AFTER_SENTENCE = r"[.!?][\"'”’]?\s+(?P<credit>{prefix}[^()]{{2,120}})$"
_CREDIT_TAIL = 200  # longer than any credit these patterns accept (prefix + 120 characters)


@functools.cache
def _credit_after_sentence() -> re.Pattern[str]:
    return re.compile(_CREDIT_AFTER_SENTENCE.format(prefix=CREDIT_PREFIX), re.IGNORECASE)


_LAST_SENTENCE = re.compile(r"[.!?][\"'”’]?\s+(?=[^.!?]+$)")
_NAME_WORD = re.compile(
    r"[^\W\d_][\w'’.&()-]*|\(?[A-Z][\w'’.&-]*\)?|[a-z]{1,3}-[A-Z][\w'’-]*"
)  # (letters alone always match)
_PERSON = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,2}")
_CAPTION_END = rf"\b(?i:{DATE_TEXT})\W*$"
_CAPTION_TAIL = 40
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]")
# What may close a sentence after its stop ("... 2025.)", "... said.”").
_CLOSERS = "\"'”’)]"

_HEADLINE_MAX = 150
PERSON_MAX = 60  # a person's name alone is no longer (is_person)
_CREDIT_MAX = 120


def fold(line: str) -> str:
    """A line as the vocabulary is written: lower case, straight apostrophes."""
    return line.lower().replace("’", "'")


Tiers = tuple[tuple[str, ...], ...]


def page_tiers(keys: list[str], sizes: list[int]) -> Tiers:
    """The trigger tiers of a page's short lines cut to the words that occur in one of them
    (``keys``: the page's lines folded; ``sizes``: their lengths), for :func:`is_chrome` on
    each of its lines. A word absent from every short line is absent from each, so each is
    tried on fewer words (usually none), and the short lines together on each word once;
    longer lines, whose tiers are short already, keep the whole tiers.
    """
    short = "\n".join([key for key, size in zip(keys, sizes, strict=True) if size <= _PAGE_TIERS])
    present = frozenset(word for word in _TRIGGER_WORDS if word in short)
    return tuple(
        tuple(word for word in tier if word in present) if limit <= _PAGE_TIERS else tier
        for limit, tier in zip(_TRIGGER_LIMITS, _TRIGGER_TIERS, strict=True)
    )


def is_chrome(line: str, key: str | None = None, tiers: Tiers | None = None) -> bool:
    """Whether a (stripped) line is site chrome: navigation, widgets, footers, sign-up lines.

    ``key`` is ``fold(line)`` when the caller has it already; ``tiers`` is the line's page's
    ``page_tiers``.
    """
    if key is None:
        key = fold(line)
    if key in CHROME_LINES:
        return True
    size = len(line)
    tier = (_TRIGGER_TIERS if tiers is None else tiers)[bisect_left(_TRIGGER_LIMITS, size)]
    if not _has_trigger(key, tier):
        return False
    for triggers, pattern, longest in CHROME_PATTERNS:
        if (
            (longest is None or size <= longest)
            and any(word in key for word in triggers)
            and re.search(pattern, line, re.IGNORECASE)
        ):
            return True
    return False


def _has_trigger(key: str, triggers: tuple[str, ...]) -> bool:
    # A plain loop: about 20% faster than any() over a generator, on every line of every page.
    for word in triggers:  # noqa: SIM110
        if word in key:
            return True
    return False


def is_credit(line: str) -> bool:
    """Whether a line is a photo credit ("REUTERS/Name", "Name/ Pool via REUTERS", ...).

    After a word such as "Photo:", "Photograph by" or "Source:", one name is enough ("Photo:
    Jane Roe"); a credit in brackets reads as the credit inside them.
    """
    if not line or len(line) > _CREDIT_MAX or line[-1] in '.!?:;,"”':
        return False
    if line[0] == "(" and line[-1] == ")":
        line = line[1:-1].strip()
        if not line:
            return False
    prefix = _CREDIT_PREFIX.match(line)
    if prefix is not None:
        rest = line[prefix.end() :]
        return bool(rest) and (_names(rest) or _one_word(rest))
    return _names(line, needs_agency=True)


def _one_word(text: str) -> bool:
    """A source named in one word after a "Source:" prefix ("agencyname")."""
    return text.isalnum() and len(text) <= 40


def _names(line: str, *, needs_agency: bool = False) -> bool:
    """Whether ``line`` is a run of names split at "/" and "via"; with ``needs_agency``, one of
    them must be an agency, or two or more names one of which has two words or more.

    A part may end in an agency word ("WANA handout"); the first part of a credit with two or
    more parts may have lost its first letters ("utnik/Name/Pool via REUTERS").
    """
    agency = False
    long_name = False
    split = "/" in line or "via" in line  # every split point holds one or the other
    parts = [part for part in (_CREDIT_SPLIT.split(line) if split else [line]) if part]
    if not parts:
        return False
    for index, part in enumerate(parts):
        key = fold(part)
        if key in CREDIT_AGENCIES:
            agency = True
            continue
        words = part.split()
        if not 1 <= len(words) <= 6:
            return False
        if len(words) >= 2 and fold(words[-1]) in AGENCY_TAILS:
            agency = True
            words = words[:-1]
        for position, word in enumerate(words):
            damaged = index == 0 and position == 0 and len(parts) >= 2 and word.isalpha()
            if (
                word not in NAME_PARTICLES
                and not damaged
                and not (word[0].isupper() and (word.isalpha() or _NAME_WORD.fullmatch(word)))
            ):
                return False
        long_name = long_name or len(words) >= 2
    return not needs_agency or agency or (len(parts) >= 2 and "/" in line and long_name)


def split_credit(caption: str, *, loose: bool = False) -> tuple[str, str | None]:
    """A caption with its credit printed at the end, split: (caption, credit or None).

    The credit is marked ("... 2025. (Photo by Marta Ilves/Getty Images)", "... dusk. Photo:
    Jane Roe / Agency"); with ``loose`` (text known to be a caption) any credit-shaped ending
    counts ("... 2025. AP Photo/Tomas Varga", "... (Reuters)"). The credit keeps its words.
    """
    if len(caption) < 8 or caption[-1] in ".!?:;,":
        return caption, None
    # A credit is short and at the very end: search only the tail (body lines can be long).
    tail = max(len(caption) - _CREDIT_TAIL, 0)
    match = _CREDIT_IN_BRACKETS.search(caption, tail) if caption[-1] == ")" else None
    if match is None:
        match = _credit_after_sentence().search(caption, tail)
    if match is None and loose:
        match = _LAST_SENTENCE.search(caption)
        credit = caption[match.end() :] if match is not None else ""
        if match is None or not is_credit(credit):
            return caption, None
        return caption[: match.start() + 1].rstrip(), credit
    if match is None:
        return caption, None
    credit = match["credit"].strip()
    marked = _CREDIT_PREFIX.match(credit) is not None
    # "(Name/Agency)" in brackets at the end of a caption is a credit too.
    marked = marked or (match.re is _CREDIT_IN_BRACKETS and "/" in credit)
    head = caption[: match.start()].rstrip()
    if not head or not (marked or loose) or not is_credit(credit):
        return caption, None
    if match.re is not _CREDIT_IN_BRACKETS:
        head = caption[: match.start("credit")].rstrip()
    return head, credit


def is_headline(line: str, *, limit: int = _HEADLINE_MAX) -> bool:
    """Whether a line reads as a headline: short, one sentence, no closing full stop."""
    return len(line) <= limit and not ends_sentence(line) and _SENTENCE_INSIDE.search(line) is None


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends in a full stop or an ellipsis, closing quotes or brackets aside.

    (The same as searching ``[.…][closers]*$``, whose ``$`` also stands before a last line
    feed; a plain ``rstrip`` costs a fifth of that search.)
    """
    if line[-1:] == "\n":
        line = line[:-1]
    return line.rstrip(_CLOSERS)[-1:] in (".", "…")


def caption_like(line: str) -> bool:
    """A line that reads as a caption even without a credit: FILE PHOTO, or ends in a date."""
    # (An ASCII first letter other than f upper-cases to no "F": most lines skip the upper().)
    if (line[:1] in "fF" or not line[:1].isascii()) and line[:10].upper() == "FILE PHOTO":
        return True
    tail = max(len(line) - _CAPTION_TAIL, 0)  # a date at the end sits in the last 40 characters
    if not may_hold_date(line, tail):
        return False  # no year in the tail: no date at the end
    return _caption_end().search(line, tail) is not None


@functools.cache
def _caption_end() -> re.Pattern[str]:
    return re.compile(_CAPTION_END)


def is_person(line: str) -> bool:
    """A line that is only a person's name: two or three capitalised words."""
    return len(line) <= PERSON_MAX and _PERSON.fullmatch(line) is not None


def is_artist(line: str, previous: str | None) -> bool:
    """An illustrator's name alone, right after a caption that speaks of artwork."""
    if not is_person(line):
        return False
    return previous is not None and re.search(ARTWORK_WORDS, previous, re.IGNORECASE) is not None


# A card's headline glued to its summary: "... Goes HereThe summary", "... here?The summary".
# (Not after an apostrophe or a straight quote: "O’Brien", 'a "Polexit"' open a word.)
# The capital comes first in the pattern: a search skips from capital to capital (twice as fast
# as a pattern that opens with the class of what comes before it).
_GLUED_SEAM = re.compile(r"[A-Z](?<=[a-z?!”)][A-Z])(?=[a-z])")
_GLUED_HEAD = (3, 150)  # the headline: this many words at least, this many characters at most
_SUMMARY_START = 80
_GLUED_PIECE = 4  # a title-case headline's last word before the seam is this long at least


def split_glued_headline(line: str) -> tuple[str, str] | None:
    """A headline glued to the card's summary on one line, split: (headline, summary), or None.

    Two seams: no space between the headline's last word and the summary's first ("...Goes
    HereThe council ..."), or a space before the summary restating the headline's first word
    ("Lissel's harbour plan stalls Lissel's council ..."). The headline part must read as one
    (a few words, no sentence end, no little word at its end) and the rest as running text.
    """
    stop = line.find(". ", 0, _GLUED_HEAD[1])  # the headline part holds no sentence end
    zone = line[: stop if stop > 0 else _GLUED_HEAD[1] + 1]
    for seam in _GLUED_SEAM.finditer(zone):
        at = seam.start()
        piece = line[line.rfind(" ", 0, at) + 1 : at]
        # "BlackRock", "McConnell": a capital inside a capitalised word is no seam, unless the
        # headline is in title case ("... The Night FerryThe board"); after a lower-case word
        # ("againThe") or a "?" it is one.
        named = piece[0].isupper() and piece[-1].isalpha()
        if named and (len(piece) < _GLUED_PIECE or not _title_case(line[:at])):
            continue
        if _glued_parts(line[:at], line[at:]):
            return line[:at].strip(), line[at:]
    first = line.split(" ", 1)[0]
    if len(first) > 2 and first[0].isupper() and first.lower() not in FUNCTION_WORDS:
        at = line.find(f" {first} ", len(first), len(zone))
        if at > 0 and _glued_parts(line[:at], line[at + 1 :]):
            return line[:at], line[at + 1 :]
    return None


def _glued_parts(head: str, rest: str) -> bool:
    words = head.split()
    return (
        len(words) >= _GLUED_HEAD[0]
        and words[-1].lower().strip("?!”)") not in FUNCTION_WORDS
        and not _title_case(rest[:_SUMMARY_START])  # a summary is running text, not a title
        and is_headline(head)
        and not is_headline(rest)
    )


def _title_case(head: str) -> bool:
    """Every word of four letters or more capitalised ("Harbour Board Approves The Plan")."""
    return all(word[0].isupper() for word in head.split() if len(word) >= _GLUED_PIECE)


_CALL_MAX = 240  # a call to action is a line or two
_CALL_WORDS = frozenset(
    word
    for call in AD_CALLS
    for first in (call.split()[0],)
    for word in (first, first.capitalize(), first.upper())
)
# The calls as they open a line: "Learn more", "LEARN MORE", "learn more".
_CALL_OPENERS = tuple(
    opener for call in AD_CALLS for opener in (call[0].upper() + call[1:], call.upper(), call)
)


def is_call(line: str) -> bool:
    """A call to action: a short line that opens with one ("Learn more about ...")."""
    if len(line) > _CALL_MAX or line[: line.find(" ")] not in _CALL_WORDS:
        return False  # (one set look-up rules most lines out)
    return line.startswith(_CALL_OPENERS)

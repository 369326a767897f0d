"""Step 2 of the text pipeline: the kind of each line, from its shape and the data vocabularies.

Site chrome is dropped here (menus, logos, search boxes, sign-up and privacy lines, a brand line
printed again and again, a menu glued into one run of words). Every other line gets a kind:

========== =====================================================================================
HEADER     a teaser section's heading ("More from ...", "Most Popular", "Latest Episodes")
LABEL      a series label above a card or a title (vocabulary)
MARKER     a card's expand/collapse widget ("Read moreShow less", "Read Now")
PLACEHOLDER a template the CMS printed instead of a page heading ("{{ subpage.title }}")
VIDEO      a video embed line ("- YouTube", "youtu.be")
VIDEO_TITLE a video's own title with its series ("Title | Series | Site")
ITEM       a card with no image, its kind word kept ("Listen: ...")
DATE       a line that is only a date ("Published Sep 4, 2024 at 4:27pm")
BYLINE     "By Name" with an optional date
CREDIT     a photo credit ("REUTERS/Name", "(Photo by Name/Agency)", an illustrator's name)
BREAK      boilerplate that ends a story's body: a line of lower-case tag words
TEXT       anything else: titles, captions, headlines and paragraphs are told apart in context
========== =====================================================================================

A caption with its credit glued to its end is split into TEXT and CREDIT.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import Enum
from itertools import pairwise
from typing import NamedTuple

from pagefeed.extract.dates import DATE_TEXT, TIME_TEXT, date_line, find_date, may_hold_date
from pagefeed.extract.text.lines import (
    PERSON_MAX,
    fold,
    is_artist,
    is_chrome,
    is_credit,
    is_headline,
    is_person,
    page_tiers,
    split_credit,
)
from pagefeed.extract.text.segment import Segment
from pagefeed.extract.text.vocabulary import (
    MARKERS,
    NO_IMAGE_ITEM,
    PLACEHOLDER_WORDS,
    SECTION_HEADER_WORDS,
    SECTION_HEADERS,
    SERIES_LABELS,
    SKIP_LABELS,
)

_HEADER = re.compile("|".join(SECTION_HEADERS), re.IGNORECASE)
_CREDIT_WORDS = ("photo", "pictur", "image", "credit", "illustr", "source")
_NO_IMAGE_ITEM = re.compile(NO_IMAGE_ITEM, re.IGNORECASE)
_BYLINE = (
    r"By\s+(?P<author>[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+|\s*&\s*)[A-Z][\w.'’-]*){0,7}?)"
    r"\s*[,|•–—-]?\s*(?:(?:Published|Updated|Posted)\s*:?\s*)?"
    rf"(?P<date>(?i:{DATE_TEXT})(?i:{TIME_TEXT})?)?"
)
_GLUE = re.compile(r"[a-z][A-Z]")
_CSS_RULE = re.compile(r"\{[^{}]*?[\w-]+\s*:\s*[^{};]+(?:;[^{}]*)?\}")
_CSS_RULES = 2
# A name alone under the title is a picture's credit only when a paragraph this long follows it.
_PARAGRAPH_AFTER_NAME = 150
_TAG_WORDS = re.compile(r"[a-z0-9]+(?: [a-z0-9]+){9,}")
_VIDEO_TITLE = re.compile(r"[^|]{3,}(?: \| [^|]{2,40}){1,3}")
_SHORT_LINE = 60
_LONGEST_SHAPE = 160  # no marker, credit, byline, date or video line is longer
_CREDIT_MAX = 120
_GLUED_MENU = 3  # "VIDEOSWorld NewsQuick TakeAsk Us": this many glued word joints or more
_BRAND_WORDS = 3  # a line this short printed twice or more, apart, is the site's brand
_BRAND_CHARS = 40


class Kind(Enum):
    """What a line of a text page is."""

    TEXT = 1
    CREDIT = 2
    HEADER = 3
    LABEL = 4
    ITEM = 5
    DATE = 6
    BYLINE = 7
    MARKER = 8
    PLACEHOLDER = 9
    VIDEO = 10
    VIDEO_TITLE = 11
    BREAK = 12


# Each kind as a module constant, for the pipeline's inner loops: in Python 3.11 every read of
# ``Kind.TEXT`` goes through the Enum metaclass's ``__getattr__`` hook (about ten times the cost
# of reading a global), and every line's kind is read and compared many times.
(
    TEXT,
    CREDIT,
    HEADER,
    LABEL,
    ITEM,
    DATE,
    BYLINE,
    MARKER,
    PLACEHOLDER,
    VIDEO,
    VIDEO_TITLE,
    BREAK,
) = Kind  # in the order the kinds are defined (a test checks the names)


class Token(NamedTuple):
    """One classified line; a date line or byline carries its date (and author).

    (A named tuple: as immutable as a frozen dataclass, and cheaper to create at start-up.)
    """

    kind: Kind
    text: str
    gap: int = 0
    date: datetime | None = None
    author: str | None = None


# Tokens are made with ``tuple.__new__`` and all five fields: a named tuple's own ``__new__`` is a
# Python function (with defaults to fill in), and every line of every page makes a token.
_new = tuple.__new__
# What ``_kind`` tells about a line: its kind, and the date and author a date line or byline holds.
_Kinded = tuple[Kind, datetime | None, str | None]


def classify(lines: list[Segment]) -> list[Token]:
    """The page's lines with chrome dropped and every other line given its kind."""
    keys = [fold(text) for text, _ in lines]
    tiers = page_tiers(keys, [len(text) for text, _ in lines])
    brands = _brands(lines, keys)
    tokens: list[Token] = []
    previous: str | None = None
    for index, (line, gap) in enumerate(lines):
        key = keys[index]
        # (The plain tests before _glued_menu, _css and the name tests are theirs too, without
        # a call for every line.)
        if (
            key in brands
            or is_chrome(line, key, tiers)
            or ("." not in line and _glued_menu(line))
            or ("{" in line and _css(line))
        ):
            continue
        kind, date, author = _kind(line, key)
        if kind is TEXT:
            if len(line) <= PERSON_MAX and (
                is_artist(line, previous) or _image_slot_name(tokens, line, lines, index)
            ):
                kind = CREDIT
            elif line[-1] == ")" or (line[-1].isalpha() and _has_credit_word(key)):
                caption, credit = split_credit(line)
                if credit is not None:
                    tokens.append(_new(Token, (TEXT, caption, gap, None, None)))
                    tokens.append(_new(Token, (CREDIT, credit, 0, None, None)))
                    previous = None
                    continue
        previous = line if kind is TEXT else None
        tokens.append(_new(Token, (kind, line, gap, date, author)))
    return tokens


def _image_slot_name(tokens: list[Token], line: str, lines: list[Segment], index: int) -> bool:
    """A name alone between the page's title and its first paragraph stands where the picture was.

    A text rendering keeps only an image's caption and credit lines; an illustration whose only
    text is its artist's name leaves that name alone under the title ("Title / Name / paragraph").
    """
    if len(tokens) != 1 or tokens[0].kind is not TEXT or not is_person(line):
        return False
    if index + 1 >= len(lines) or len(lines[index + 1][0]) < _PARAGRAPH_AFTER_NAME:
        return False
    return is_headline(tokens[0].text)


def _kind(line: str, key: str) -> _Kinded:
    """The kind of one non-chrome line (``key``: the line folded), with its date and author."""
    if len(line) > _LONGEST_SHAPE:  # a paragraph: only an item or a tag line can be this long
        if key.startswith(("listen", "watch")) and _NO_IMAGE_ITEM.match(line):
            return ITEM, None, None
        if line[0].islower() and _TAG_WORDS.fullmatch(line):
            return BREAK, None, None
        return TEXT, None, None
    if key in MARKERS:
        return MARKER, None, None
    if line.startswith("{{") or (len(line) <= _SHORT_LINE and _placeholder(key)):
        return PLACEHOLDER, None, None
    if key in ("- youtube", "youtu.be") or key.endswith(" - youtube"):
        return VIDEO, None, None
    if key.startswith(("listen", "watch")) and _NO_IMAGE_ITEM.match(line):
        return ITEM, None, None
    if len(line) <= _SHORT_LINE:
        if key in SERIES_LABELS or key in SKIP_LABELS:
            return LABEL, None, None
        if key.split(" ", 1)[0] in SECTION_HEADER_WORDS and _HEADER.fullmatch(line):
            return HEADER, None, None
        if may_hold_date(line) and date_line().fullmatch(line):
            return DATE, find_date(line)[0], None
    if line[:3].lower() == "by " and len(line) <= _CREDIT_MAX:
        byline = re.fullmatch(_BYLINE, "B" + line[1:])
        if byline is not None:
            date = find_date(byline["date"])[0] if byline["date"] else None
            return BYLINE, date, byline["author"]
    if is_credit(line):
        return CREDIT, None, None
    if " | " in line and len(line) <= 160 and _VIDEO_TITLE.fullmatch(line):
        return VIDEO_TITLE, None, None
    if line[0].islower() and _TAG_WORDS.fullmatch(line):
        return BREAK, None, None
    return TEXT, None, None


def _has_credit_word(key: str) -> bool:
    """A word that can open a credit at a line's end ("... dusk. Photo: Ann Roe")."""
    for word in _CREDIT_WORDS:  # noqa: SIM110 - a plain loop is the fastest here
        if word in key:
            return True
    return False


def _placeholder(key: str) -> bool:
    return any(word in key for word in PLACEHOLDER_WORDS) and key.upper() != key.lower()


def _css(line: str) -> bool:
    """Inline CSS printed as text: rules ``selector{property:value;...}``, two or more."""
    if "{" not in line or line.count("{") < _CSS_RULES or line.count("}") < _CSS_RULES:
        return False
    if ":" not in line:
        return False
    return len(_CSS_RULE.findall(line)) >= _CSS_RULES


def _glued_menu(line: str) -> bool:
    """Menu words glued into one run: several lower-to-upper joints and no sentence in it."""
    if len(line) < 24 or "." in line or line.count(" ") >= len(line) / 7.5:
        return False
    return len(_GLUE.findall(line)) >= _GLUED_MENU


def _brands(lines: list[Segment], keys: list[str]) -> frozenset[str]:
    """Short lines printed two or more times with other lines between: the site's brand line.

    A repeat right under a caption with no blank line is a card label, not a brand.
    (``keys``: each line folded.)
    """
    seen: dict[str, list[int]] = {}
    for index, (text, _) in enumerate(lines):
        if len(text) <= _BRAND_CHARS and text.count(" ") < _BRAND_WORDS:
            seen.setdefault(keys[index], []).append(index)
    brands = set()
    for key, places in seen.items():
        if len(places) < 2 or not _brand_shaped(lines[places[0]].text, key):
            continue
        under = any(
            lines[i].gap == 0 and i and len(lines[i - 1].text) > _SHORT_LINE for i in places
        )
        apart = any(later - earlier > 2 for earlier, later in pairwise(places))
        if apart and not under:
            brands.add(key)
    return frozenset(brands)


def _brand_shaped(text: str, key: str) -> bool:
    """A brand's name: no sentence punctuation, not a date, not a marker or label."""
    return (
        text[-1] not in ".!?:"
        and key not in MARKERS
        and key not in SERIES_LABELS
        and not _HEADER.fullmatch(text)
        and "youtu" not in key
        and not is_credit(text)
        and not any(ch.isdigit() for ch in text)
    )

"""Lines of a plain-text page: the site vocabulary (as data) and what kind each line is.

``tokenize`` drops site chrome and classifies every other line as a section header, a series
label, a "Listen:" item, a date line, a byline, a photo credit, or plain text;
``pagefeed.extract.text.parser``
builds the page's stories from that sequence. The vocabulary (chrome, headers, labels, credit
agencies) is data at the top of this module; the grammar below it names no site.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime
from enum import Enum
from typing import NamedTuple

from pagefeed.extract.dates import DATE_LINE, DATE_TEXT, find_date, parse_machine_date

# ---------------------------------------------------------------------------------------------
# Vocabulary (data). Lines are compared lower-cased, with curly apostrophes made straight.

# Whole lines of site chrome: navigation, menus, widgets, embeds.
CHROME_LINES = frozenset(
    {
        *("skip to content", "skip to main content", "site navigation", "main navigation"),
        *("latest stories", "trending now", "trending", "menu", "open menu", "close menu"),
        *("close", "search", "home", "toggle navigation", "back to top", "share", "share this"),
        *("share this article", "follow us", "log in", "login", "sign in", "sign up"),
        *("subscribe", "newsletters", "newsletter", "read more", "show less", "show more"),
        *("read moreshow less", "keep reading...show less", "keep reading…show less"),
        *("keep reading...", "keep reading…", "- youtube", "youtube", "advertisement"),
        *("privacy policy", "terms of use", "terms of service", "cookie policy", "cookies"),
        *("accessibility", "contact us", "about us", "careers", "advertise", "copy link"),
        *("facebook", "twitter", "linkedin", "instagram", "email", "print", "sections"),
        *("topics", "podcasts", "videos", "newsletter sign-up", "sponsored", "loading..."),
    }
)
# Chrome recognised by shape: (words that must occur in the lower-cased line, pattern searched
# case-insensitively). The words are a cheap pre-check so that body text costs little.
CHROME_PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    # "© 2025 GZERO Media. All rights reserved.", "Copyright 2025 ..." (not "Copyright law ...")
    (
        ("©", "(c)", "copyright"),
        r"^(?:(?:copyright\s*)?(?:©|\(c\))\s*(?:\d{4}|[a-z])|copyright\s*\d{4}"
        r"|copyright\b.{0,80}\ball rights reserved)",
    ),
    # unrendered template text: "{{ subpage.title }}"
    (("{{",), r"\{\{.*\}\}"),
    # embedded video titles: "Quick Take - YouTube"
    (("youtube",), r"(?:^|\s)-\s*youtube$"),
    # newsletter sign-up lines
    (
        ("sign up", "subscribe", "get our", "join our", "enter your"),
        r"^(?:sign up|subscribe|get our|join our|enter your e-?mail)\b.{0,160}$",
    ),
    (("newsletter",), r"^(?=.{0,220}$).*\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|e-?mail)\b"),
    # the consent paragraph under "Trending Now"
    (
        ("privacy",),
        r"\bprivacy (?:policy|notice|statement)\b"
        r"(?:.*\b(?:cookies?|terms|consent|agree|sign(?:ing)? up|subscri\w*|opt.out)\b)"
        r"|\b(?:cookies?|terms|consent|agree|sign(?:ing)? up|subscri\w*|opt.out)\b"
        r".*\bprivacy (?:policy|notice|statement)\b",
    ),
    # sponsor lines
    (
        ("sponsored", "presented", "brought to you"),
        r"^(?:sponsored|presented|brought to you) by\b.{0,80}$",
    ),
    # menus on one line: "World | Politics | Economy"
    (("|", "•", "·"), r"^(?:[\w&' -]{1,24}\s*[|•·]\s*){2,}[\w&' -]{1,24}$"),
)
# Widget tails glued to the end of a text line.
CHROME_SUFFIX = r"\s*(?:read more|keep reading(?:\.\.\.|…)?)\s*show less$"

# Section headers above teaser cards ("More from GZERO Media", "More For You", ...).
SECTION_HEADERS = (
    r"more (?:from|for|on|in|about) [^.!?:;]{1,48}",
    r"more for you",
    r"most (?:popular|read|viewed|shared|watched)",
    r"related(?: (?:stories|articles|coverage|content|posts|reading))?",
    r"recommended(?: (?:for you|stories|reading))?",
    r"you (?:may|might) also like",
    r"(?:top|featured|editor'?s'?) (?:stories|picks|news|posts)",
    r"(?:read|watch|listen) next",
    r"up next",
    r"further reading",
    r"sponsored posts?",
    r"partner content",
)
# Sections whose cards are advertising: they are dropped with their header.
SKIP_SECTIONS = frozenset({"sponsored post", "sponsored posts", "partner content"})
# Series labels printed above a card.
SERIES_LABELS = frozenset(
    {
        *("hard numbers", "gzero north", "gzero world", "gzero daily", "gzero ai", "quick take"),
        *("what we're watching", "what we are watching", "the graphic truth", "ian explains"),
        *("puppet regime", "the debrief", "global stage", "analysis", "opinion", "explainer"),
        *("world in 60 seconds", "the big story", "ask ian", "by the numbers"),
    }
)
# Labels that mark the next card as advertising (dropped).
SKIP_LABELS = frozenset({"sponsored post", "sponsored content", "paid post", "paid content"})
# Items with no image, the kind word kept in the summary ("Listen: ...").
NO_IMAGE_ITEM = r"(?:listen|watch)\s*:\s*\S"

# Photo credits: parts split at "/" and " via "; a credit needs one agency part, or two or more
# name parts of which one has two words or more ("Jane Roe/John Doe").
CREDIT_AGENCIES = frozenset(
    {
        *("reuters", "reuters connect", "reuters tv", "pool", "handout", "file photo", "file"),
        *("afp", "ap", "ap photo", "the associated press", "associated press", "getty images"),
        *("getty", "zuma press wire", "zuma press", "zuma wire", "zuma", "nurphoto"),
        *("sopa images", "sipa usa", "sipa", "epa", "epa-efe", "efe", "anadolu", "anadolu agency"),
        *("xinhua", "kyodo", "yonhap", "kcna", "kcna via kns", "wana", "imago", "alamy"),
        *("shutterstock", "bloomberg", "stringer", "courtesy", "illustration", "abaca"),
        *("abacapress", "dpa", "picture alliance", "middle east images", "unsplash", "gzero media"),
        *(
            "photo illustration",
            "graphic",
            "staff",
            "contributor",
            "tass",
            "sputnik",
            "ria novosti",
        ),
    }
)
# Words that mark the rest of a line as a credit ("Photo: Jane Roe", "Photograph by Tomas Varga",
# "(Photo by Marta Ilves/Getty Images)" at the end of a caption).
CREDIT_PREFIX = (
    r"(?:photo\s+credit|photo(?:graph)?s?|pictures?|images?|credits?|illustration)\s*(?::|by\b)\s*"
)
# Lower-case words a personal or agency name may contain ("Ricardo de la Cruz").
NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der"}
    | {"den", "al", "el", "bin", "ibn", "y", "e", "and", "of", "the"}
)
# An illustrator's name alone is a credit right after a caption that speaks of artwork ...
ARTWORK_WORDS = r"\b(?:illustrations?|illustrated|artwork|graphic|collage|cartoon|animation)\b"
# ... or anywhere after a text line when the name is a known illustrator's.
KNOWN_ILLUSTRATORS = frozenset({"jess frampton", "luisa vieira", "annie gugliotta"})

# ---------------------------------------------------------------------------------------------
# Compiled grammar. Compiling costs start-up time, so the patterns that only some lines need
# (chrome shapes, widget tails, bylines, caption dates, artwork words) are compiled, and cached by
# ``re``, when a line first needs them: ``re.compile`` of a pattern seen before is a cache lookup.

# Every trigger word of CHROME_PATTERNS: a line holding none of them is not chrome. (Plain
# substring tests: far faster than one regex alternation scanned at every position of a line.)
_CHROME_TRIGGERS = tuple(
    dict.fromkeys(word for triggers, _ in CHROME_PATTERNS for word in triggers)
)
_HEADER = re.compile("|".join(SECTION_HEADERS), re.IGNORECASE)
_NO_IMAGE_ITEM = re.compile(NO_IMAGE_ITEM, re.IGNORECASE)
_CREDIT_SPLIT = re.compile(r"\s*/\s*|\s+via\s+")
_CREDIT_PREFIX = re.compile(CREDIT_PREFIX, re.IGNORECASE)
# A credit at the end of a caption: in brackets, or after the caption's last sentence.
_CREDIT_IN_BRACKETS = re.compile(r"\s*\((?P<credit>[^()]{2,120})\)$")
_CREDIT_AFTER_SENTENCE = r"[.!?][\"'”’]?\s+(?P<credit>{prefix}[^()]{{2,120}})$"
_CREDIT_TAIL = 200  # longer than any credit these patterns accept (prefix + 120 characters)


@functools.cache
def _credit_after_sentence() -> re.Pattern[str]:
    return re.compile(_CREDIT_AFTER_SENTENCE.format(prefix=CREDIT_PREFIX), re.IGNORECASE)


_LAST_SENTENCE = re.compile(r"[.!?][\"'”’]?\s+(?=[^.!?]+$)")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.&()-]*|\(?[A-Z][\w'’.&-]*\)?|[a-z]{1,3}-[A-Z][\w'’-]*")
_PERSON = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,2}")
_LEADING_DATE = re.compile(
    r"date\s*(\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?)\s*",
    re.IGNORECASE,
)
_TRAILING_DATE = re.compile(r"\s+date\s*(\d{4}-\d\d-\d\d)$", re.IGNORECASE)
_BYLINE = (
    r"By\s+(?P<author>[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+|\s*&\s*)[A-Z][\w.'’-]*){0,7}?)"
    rf"\s*[,|•–—-]?\s*(?P<date>(?i:{DATE_TEXT}))?"
)
_CAPTION_END = rf"\b(?i:{DATE_TEXT})\W*$"
_CAPTION_TAIL = 40  # a date at the end of a caption sits in its last 40 characters
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]")
_SENTENCE_END = re.compile(r"[.…][\"'”’)\]]*$")

_HEADLINE_MAX = 150
_CREDIT_MAX = 120
_SHORT_LINE = 60


class Kind(Enum):
    """What a line of a text page is."""

    TEXT = 1
    CREDIT = 2
    HEADER = 3
    LABEL = 4
    ITEM = 5  # a "Listen:" item: a card with no image
    DATE = 6
    BYLINE = 7


class Line(NamedTuple):
    """One classified line; a date line or byline carries its date (and author).

    (A named tuple: as immutable as a frozen dataclass, and cheaper to create at start-up.)
    """

    kind: Kind
    text: str
    date: datetime | None = None
    author: str | None = None


def fold(line: str) -> str:
    """A line as the vocabulary is written: lower case, straight apostrophes."""
    return line.lower().replace("’", "'")


def is_chrome(line: str) -> bool:
    """Whether a (stripped) line is site chrome: navigation, widgets, footers, sign-up lines."""
    key = fold(line)
    if key in CHROME_LINES:
        return True
    if not _has_trigger(key):
        return False
    for triggers, pattern in CHROME_PATTERNS:
        if any(word in key for word in triggers) and re.search(pattern, line, re.IGNORECASE):
            return True
    return False


def _has_trigger(key: str) -> bool:
    # A plain loop: about 20% faster than any() over a generator, on every line of every page.
    for word in _CHROME_TRIGGERS:  # noqa: SIM110
        if word in key:
            return True
    return False


def is_credit(line: str) -> bool:
    """Whether a line is a photo credit ("REUTERS/Name", "Name/ Pool via REUTERS", ...).

    After a word such as "Photo:" or "Photograph by", one name is enough ("Photo: Jane Roe").
    """
    if not line or len(line) > _CREDIT_MAX or line[-1] in '.!?:;,"”':
        return False
    prefix = _CREDIT_PREFIX.match(line)
    if prefix is not None:
        return prefix.end() < len(line) and _names(line[prefix.end() :])
    return _names(line, needs_agency=True)


def _names(line: str, *, needs_agency: bool = False) -> bool:
    """Whether ``line`` is a run of names split at "/" and "via"; with ``needs_agency``, one of
    them must be an agency, or two or more names one of which has two words or more."""
    agency = False
    long_name = False
    parts = _CREDIT_SPLIT.split(line)
    for part in parts:
        key = fold(part)
        if key in CREDIT_AGENCIES:
            agency = True
            continue
        words = part.split()
        if not 1 <= len(words) <= 6:
            return False
        for word in words:
            if word not in NAME_PARTICLES and not (
                word[0].isupper() and _NAME_WORD.fullmatch(word)
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
    head = caption[: match.start()].rstrip()
    if not head or not (marked or loose) or not is_credit(credit):
        return caption, None
    if match.re is not _CREDIT_IN_BRACKETS:
        head = caption[: match.start("credit")].rstrip()
    return head, credit


def is_headline(line: str) -> bool:
    """Whether a line reads as a headline: short, one sentence, no closing full stop."""
    return (
        len(line) <= _HEADLINE_MAX
        and _SENTENCE_END.search(line) is None
        and _SENTENCE_INSIDE.search(line) is None
    )


def caption_like(line: str) -> bool:
    """A line that reads as a caption even without a credit: FILE PHOTO, or ends in a date."""
    if line[:10].upper() == "FILE PHOTO":
        return True
    tail = max(len(line) - _CAPTION_TAIL, 0)
    return re.compile(_CAPTION_END).search(line, tail) is not None


def _classify(line: str) -> Line:
    """The kind of one non-chrome line."""
    if _NO_IMAGE_ITEM.match(line):
        return Line(Kind.ITEM, line)
    if len(line) <= _SHORT_LINE:
        key = fold(line)
        if key in SERIES_LABELS or key in SKIP_LABELS:
            return Line(Kind.LABEL, line)
        if _HEADER.fullmatch(line):
            return Line(Kind.HEADER, line)
        if DATE_LINE.fullmatch(line):
            return Line(Kind.DATE, line, date=find_date(line)[0])
    if line.startswith("By ") and len(line) <= _CREDIT_MAX:
        byline = re.fullmatch(_BYLINE, line)
        if byline is not None:
            date = find_date(byline["date"])[0] if byline["date"] else None
            return Line(Kind.BYLINE, line, date=date, author=byline["author"])
    if is_credit(line):
        return Line(Kind.CREDIT, line)
    return Line(Kind.TEXT, line)


def tokenize(text: str) -> tuple[list[Line], datetime | None]:
    """The page's lines, chrome dropped and classified; plus a leading ``date ...`` marker."""
    lines: list[Line] = []
    leading: datetime | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[-9:].lower() == "show less":
            line = re.sub(CHROME_SUFFIX, "", line, flags=re.IGNORECASE)
        if not line or is_chrome(line):
            continue
        if not lines and leading is None:
            line, leading = _leading_date(line)
            if not line:
                continue
        token = _classify(line)
        if token.kind is Kind.TEXT and lines and _is_artist(line, lines[-1]):
            token = Line(Kind.CREDIT, line)
        elif token.kind is Kind.TEXT and (line[-1] == ")" or line[-1].isalpha()):
            caption, credit = split_credit(line)
            if credit is not None:
                lines.append(Line(Kind.TEXT, caption))
                token = Line(Kind.CREDIT, credit)
        lines.append(token)
    return lines, leading


def _leading_date(line: str) -> tuple[str, datetime | None]:
    """Split a ``date 2024-10-23`` marker glued to the start (or end) of the first line."""
    match = _LEADING_DATE.match(line) or _TRAILING_DATE.search(line)
    if match is None:
        return line, None
    date = parse_machine_date(match.group(1))
    if date is None:
        return line, None
    return (line[: match.start()] + line[match.end() :]).strip(), date


def _is_artist(line: str, previous: Line) -> bool:
    """An illustrator's name alone, right after an artwork caption (or a known name)."""
    if previous.kind is not Kind.TEXT or _PERSON.fullmatch(line) is None:
        return False
    if fold(line) in KNOWN_ILLUSTRATORS:
        return True
    return re.search(ARTWORK_WORDS, previous.text, re.IGNORECASE) is not None

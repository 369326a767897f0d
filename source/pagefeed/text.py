"""The plain-text page parser: one main story and its teasers out of a page's text rendering.

A page is read line by line (blank lines carry no meaning: some renderings have none). Each line
is first checked against the site-chrome vocabulary and dropped when it matches, then classified
as a section header, a series label, a "Listen:" item, a date line, a byline, a photo credit, or
plain text. Credits are the anchors: the text line(s) just before a credit are its caption (a
caption printed twice, or a short alt line and then the caption, count as one), and the text
after a credit belongs to that card: the body for the main story, an optional headline and a
summary for a teaser. The vocabulary (headers, labels, agencies, chrome) is data at the top of
this module; the grammar below it does not name any site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from pagefeed.dates import DATE_LINE, DATE_TEXT, find_date, is_file_photo, parse_machine_date
from pagefeed.errors import ParseError
from pagefeed.model import Format, Image, Page, Story, TitleSource
from pagefeed.normalize import derive_title

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
    # "© 2025 GZERO Media. All rights reserved."
    (("©", "(c)", "copyright"), r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}|[a-z])"),
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
# Compiled grammar.

_CHROME = tuple(
    (triggers, re.compile(pattern, re.IGNORECASE)) for triggers, pattern in CHROME_PATTERNS
)
_CHROME_TRIGGER = re.compile(
    "|".join(re.escape(word) for triggers, _ in CHROME_PATTERNS for word in triggers)
)
_CHROME_SUFFIX = re.compile(CHROME_SUFFIX, re.IGNORECASE)
_HEADER = re.compile("|".join(SECTION_HEADERS), re.IGNORECASE)
_NO_IMAGE_ITEM = re.compile(NO_IMAGE_ITEM, re.IGNORECASE)
_ARTWORK = re.compile(ARTWORK_WORDS, re.IGNORECASE)
_CREDIT_SPLIT = re.compile(r"\s*/\s*|\s+via\s+")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.&()-]*|\(?[A-Z][\w'’.&-]*\)?|[a-z]{1,3}-[A-Z][\w'’-]*")
_PERSON = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,2}")
_LEADING_DATE = re.compile(
    r"date\s*(\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?)\s*",
    re.IGNORECASE,
)
_TRAILING_DATE = re.compile(r"\s+date\s*(\d{4}-\d\d-\d\d)$", re.IGNORECASE)
_BYLINE = re.compile(
    r"By\s+(?P<author>[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+|\s*&\s*)[A-Z][\w.'’-]*){0,7}?)"
    rf"\s*[,|•–—-]?\s*(?P<date>(?i:{DATE_TEXT}))?"
)
_CAPTION_END = re.compile(rf"\b(?i:{DATE_TEXT})\W*$")
_CAPTION_TAIL = 40  # a date at the end of a caption sits in its last 40 characters
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]")
_SENTENCE_END = re.compile(r"[.…][\"'”’)\]]*$")

_HEADLINE_MAX = 150
_CREDIT_MAX = 120
_SHORT_LINE = 60


class _Kind(Enum):
    TEXT = 1
    CREDIT = 2
    HEADER = 3
    LABEL = 4
    ITEM = 5  # a "Listen:" item: a card with no image
    DATE = 6
    BYLINE = 7


@dataclass(frozen=True, slots=True)
class _Line:
    kind: _Kind
    text: str
    date: datetime | None = None
    author: str | None = None


@dataclass(slots=True)
class _Card:
    """A story while it is being read; turned into a frozen Story at the end."""

    caption: str | None = None
    credit: str | None = None
    texts: list[str] = field(default_factory=list)
    section: str | None = None
    label: str | None = None
    author: str | None = None
    stated_date: datetime | None = None
    skip: bool = False


def _key(line: str) -> str:
    return line.lower().replace("’", "'")


def is_chrome(line: str) -> bool:
    """Whether a (stripped) line is site chrome: navigation, widgets, footers, sign-up lines."""
    key = _key(line)
    if key in CHROME_LINES:
        return True
    if _CHROME_TRIGGER.search(key) is None:
        return False
    for triggers, pattern in _CHROME:
        if any(word in key for word in triggers) and pattern.search(line):
            return True
    return False


def is_credit(line: str) -> bool:
    """Whether a line is a photo credit ("REUTERS/Name", "Name/ Pool via REUTERS", ...)."""
    if not line or len(line) > _CREDIT_MAX or line[-1] in '.!?:;,"”':
        return False
    agency = False
    long_name = False
    parts = _CREDIT_SPLIT.split(line)
    for part in parts:
        key = _key(part)
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
    return agency or (len(parts) >= 2 and "/" in line and long_name)


def is_headline(line: str) -> bool:
    """Whether a line reads as a headline: short, one sentence, no closing full stop."""
    return (
        len(line) <= _HEADLINE_MAX
        and _SENTENCE_END.search(line) is None
        and _SENTENCE_INSIDE.search(line) is None
    )


def _caption_like(line: str) -> bool:
    """A line that reads as a caption even without a credit: FILE PHOTO, or ends in a date."""
    if line[:10].upper() == "FILE PHOTO":
        return True
    return _CAPTION_END.search(line, max(len(line) - _CAPTION_TAIL, 0)) is not None


def _classify(line: str) -> _Line:
    """The kind of one non-chrome line."""
    if _NO_IMAGE_ITEM.match(line):
        return _Line(_Kind.ITEM, line)
    if len(line) <= _SHORT_LINE:
        key = _key(line)
        if key in SERIES_LABELS or key in SKIP_LABELS:
            return _Line(_Kind.LABEL, line)
        if _HEADER.fullmatch(line):
            return _Line(_Kind.HEADER, line)
        if DATE_LINE.fullmatch(line):
            return _Line(_Kind.DATE, line, date=find_date(line)[0])
    if line.startswith("By ") and len(line) <= _CREDIT_MAX:
        byline = _BYLINE.fullmatch(line)
        if byline is not None:
            date = find_date(byline["date"])[0] if byline["date"] else None
            return _Line(_Kind.BYLINE, line, date=date, author=byline["author"])
    if is_credit(line):
        return _Line(_Kind.CREDIT, line)
    return _Line(_Kind.TEXT, line)


def _tokenize(text: str) -> tuple[list[_Line], datetime | None]:
    """The page's lines, chrome dropped and classified; plus a leading ``date ...`` marker."""
    lines: list[_Line] = []
    leading: datetime | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[-9:].lower() == "show less":
            line = _CHROME_SUFFIX.sub("", line)
        if not line or is_chrome(line):
            continue
        if not lines and leading is None:
            line, leading = _leading_date(line)
            if not line:
                continue
        token = _classify(line)
        if token.kind is _Kind.TEXT and lines and _is_artist(line, lines[-1]):
            token = _Line(_Kind.CREDIT, line)
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


def _is_artist(line: str, previous: _Line) -> bool:
    """An illustrator's name alone, right after an artwork caption (or a known name)."""
    if previous.kind is not _Kind.TEXT or _PERSON.fullmatch(line) is None:
        return False
    return _key(line) in KNOWN_ILLUSTRATORS or _ARTWORK.search(previous.text) is not None


# ---------------------------------------------------------------------------------------------
# Page structure.


@dataclass(slots=True)
class _Reader:
    """Walks the classified lines once, collecting cards."""

    tokens: list[_Line]
    warnings: list[str] = field(default_factory=list)
    cards: list[_Card] = field(default_factory=list)
    section: str | None = None
    label: str | None = None
    skip_section: bool = False
    skip_next: bool = False
    site_name: str | None = None
    main: _Card | None = None

    def new_card(self, caption: str | None, credit: str | None) -> _Card:
        card = _Card(caption=caption, credit=credit, section=self.section, label=self.label)
        card.skip = self.skip_section or self.skip_next
        self.label = None
        self.skip_next = False
        self.cards.append(card)
        return card

    def orphans(self, run: list[str]) -> None:
        """Cards with no credit: a caption-like line starts one, text lines fill it."""
        card: _Card | None = None
        index = 0
        while index < len(run):
            line = run[index]
            if _starts_card(run, index):
                card = self.new_card(line, None)
                index += 2 if index + 1 < len(run) and run[index + 1] == line else 1
                continue
            if card is None or any(not is_headline(text) for text in card.texts):
                card = self.new_card(None, None)
            card.texts.append(line)
            index += 1

    def close(self, run: list[str], card: _Card | None) -> None:
        """Give the lines read since the last anchor to ``card`` (or make cards of them).

        The main story takes every line as body. A teaser stops at a line that starts a card
        of its own (a caption printed twice, or a line ending in a date) once it has text.
        """
        if card is not None and card is not self.main:
            end = next(
                (i for i in range(len(run)) if (i or card.texts) and _starts_card(run, i)),
                len(run),
            )
            card.texts.extend(run[:end])
            del run[:end]
        elif card is not None:
            card.texts.extend(run)
            run.clear()
        if run:
            self.orphans(run)
        run.clear()

    def read(self, start: int, card: _Card | None) -> None:
        """Read the lines from ``start``; text after ``card``'s image belongs to it."""
        run: list[str] = []
        for token in self.tokens[start:]:
            kind = token.kind
            if kind is _Kind.TEXT:
                run.append(token.text)
            elif kind is _Kind.CREDIT:
                rest, caption = _split_caption(run, needs_text=card is not None and not card.texts)
                self.close(rest, card)
                card = self.new_card(caption, token.text)
                run.clear()
            elif kind in (_Kind.DATE, _Kind.BYLINE):
                if card is not None and card.stated_date is None:
                    card.stated_date = token.date
                if card is not None and token.author and card.author is None:
                    card.author = token.author
            else:
                self.close(run, card)
                card = None
                if kind is _Kind.HEADER:
                    self.header(token.text)
                elif kind is _Kind.LABEL:
                    self.label = None if _key(token.text) in SKIP_LABELS else token.text
                    self.skip_next = _key(token.text) in SKIP_LABELS
                else:
                    card = self.new_card(None, None)
                    card.texts.append(token.text)
        self.close(run, card)

    def header(self, text: str) -> None:
        self.section = text
        self.label = None
        self.skip_section = _key(text) in SKIP_SECTIONS
        if self.site_name is None and _key(text).startswith("more from "):
            self.site_name = text[len("more from ") :].strip()


def _starts_card(run: list[str], index: int) -> bool:
    """Whether ``run[index]`` is a caption with no credit: printed twice, or ending in a date."""
    if index + 1 >= len(run):
        return False
    line = run[index]
    return run[index + 1] == line or _caption_like(line)


def _split_caption(run: list[str], *, needs_text: bool) -> tuple[list[str], str | None]:
    """Split the text before a credit into (text of the card before, caption of the new card).

    The caption is the last line; a line before it that repeats it, or a short alt line, goes
    with it. When the card before still has no text, a lone line is its text unless it reads
    as a caption.
    """
    count = len(run)
    if count == 0:
        return [], None
    last = run[-1]
    if count == 1:
        if needs_text and not _caption_like(last):
            return list(run), None
        return [], last
    previous = run[-2]
    alt = is_headline(previous) and len(previous) < len(last) and not is_headline(last)
    if previous == last or (alt and (not needs_text or count > 2)):
        return run[:-2], last
    return run[:-1], last


def _read_head(tokens: list[_Line], leading: datetime | None) -> tuple[int, _Card, str | None]:
    """The main story's title, dates and image: (next index, main card, title or None)."""
    main = _Card(stated_date=leading)
    index = _read_meta(tokens, 0, main)
    title: str | None = None
    first = tokens[index] if index < len(tokens) else None
    if first is not None and first.kind is _Kind.TEXT and is_headline(first.text):
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        duplicate = after is not None and after.text == first.text
        captioned = after is not None and after.kind is _Kind.CREDIT and _caption_like(first.text)
        if not duplicate and not captioned:
            title = first.text
            index = _read_meta(tokens, index + 1, main)
    index = _read_image(tokens, index, main)
    return _read_meta(tokens, index, main), main, title


def _read_meta(tokens: list[_Line], index: int, card: _Card) -> int:
    """Skip date lines and bylines, recording them on ``card``."""
    while index < len(tokens) and tokens[index].kind in (_Kind.DATE, _Kind.BYLINE):
        token = tokens[index]
        card.stated_date = card.stated_date or token.date
        card.author = card.author or token.author
        index += 1
    return index


def _read_image(tokens: list[_Line], index: int, card: _Card) -> int:
    """The main image block right after the title: caption(s) and credit, when present."""
    kinds = [token.kind for token in tokens[index : index + 3]]
    texts = [token.text for token in tokens[index : index + 3]]
    text, credit = _Kind.TEXT, _Kind.CREDIT
    if kinds[:1] == [credit]:
        card.credit = texts[0]
        return index + 1
    if kinds[:2] == [text, credit]:
        card.caption, card.credit = texts[0], texts[1]
        return index + 2
    if kinds == [text, text, credit] and (
        texts[0] == texts[1] or (is_headline(texts[0]) and len(texts[0]) < len(texts[1]))
    ):
        card.caption, card.credit = texts[1], texts[2]
        return index + 3
    if kinds[:2] == [text, text] and texts[0] == texts[1]:
        card.caption = texts[0]
        return index + 2
    if kinds[:2] == [text, text] and _caption_like(texts[0]):
        card.caption = texts[0]
        return index + 1
    return index


# ---------------------------------------------------------------------------------------------
# From cards to stories.


def _image(card: _Card, warnings: list[str]) -> Image | None:
    if card.caption is None and card.credit is None:
        return None
    date = None
    if card.caption is not None:
        date, found = find_date(card.caption)
        warnings.extend(f"caption {card.caption[:40]!r}: {warning}" for warning in found)
    marks = " ".join(part for part in (card.caption, card.credit) if part)
    return Image(
        caption=card.caption, credit=card.credit, date=date, file_photo=is_file_photo(marks)
    )


def _teaser(card: _Card, warnings: list[str]) -> Story | None:
    texts = card.texts
    headline = texts[0] if len(texts) >= 2 and is_headline(texts[0]) else None
    paragraphs = texts[1:] if headline else texts
    summary = paragraphs[0] if paragraphs else ""
    title = headline or derive_title(summary)
    if not title:
        warnings.append(f"a card with no text was dropped (caption {card.caption!r})")
        return None
    return Story(
        title=title,
        title_source=TitleSource.PAGE if headline else TitleSource.DERIVED,
        summary=summary,
        body=tuple(paragraphs),
        section=card.section,
        label=card.label,
        author=card.author,
        image=_image(card, warnings),
        stated_date=card.stated_date,
    )


def _main(card: _Card, title: str | None, warnings: list[str]) -> Story | None:
    summary = card.texts[0] if card.texts else ""
    source = TitleSource.PAGE
    if title is None:
        title = derive_title(summary)
        if not title:
            return None
        source = TitleSource.DERIVED
        warnings.append("no title line: the main story's title was made from its first sentence")
    return Story(
        title=title,
        title_source=source,
        summary=summary,
        body=tuple(card.texts),
        author=card.author,
        image=_image(card, warnings),
        stated_date=card.stated_date,
    )


def _is_listing(main: _Card, title: str | None, cards: list[_Card]) -> bool:
    """Whether the "main story" is really the first card of a listing (section or tag page).

    It is when it has the shape of a listing card (image, headline line, one summary) and either
    the page has no title line or another card has a headline line too.
    """
    texts = main.texts
    card_shaped = (
        len(texts) == 2
        and (main.caption is not None or main.credit is not None)
        and is_headline(texts[0])
        and not is_headline(texts[1])
    )
    if not card_shaped:
        return False
    return title is None or any(len(c.texts) >= 2 and is_headline(c.texts[0]) for c in cards)


def parse_text(text: str, *, url: str | None = None) -> Page:
    """Parse a page's plain-text rendering into its main story and teasers.

    ``text`` should have been through ``normalize.clean_text``. Ids and links are left empty
    (the dispatcher fills ids in); ``url`` is only copied to ``Page.url``. Raises ParseError for
    a page with nothing on it, or with no story and no teaser.
    """
    tokens, leading = _tokenize(text)
    if not tokens:
        raise ParseError("text page: empty once blank lines and site chrome are dropped")
    reader = _Reader(tokens)
    main_card: _Card | None = None
    title: str | None = None
    if tokens[0].kind in (_Kind.HEADER, _Kind.LABEL, _Kind.ITEM):
        reader.read(0, None)
    else:
        index, main_card, title = _read_head(tokens, leading)
        reader.main = main_card
        reader.read(index, main_card)
    cards = reader.cards
    warnings = reader.warnings
    main: Story | None = None
    page_title = title
    if main_card is not None and _is_listing(main_card, title, cards):
        main_card.section = title
        for card in cards:
            if card.section is not None:
                break
            card.section = title
        cards.insert(0, main_card)
    elif main_card is not None:
        main = _main(main_card, title, warnings)
        if main is None:
            cards.insert(0, main_card)
    teasers = []
    for card in cards:
        story = None if card.skip else _teaser(card, warnings)
        if story is not None:
            teasers.append(story)
    if main is None and not teasers:
        raise ParseError("text page: no story and no teaser found")
    return Page(
        main=main,
        teasers=tuple(teasers),
        warnings=tuple(warnings),
        title=page_title,
        url=url,
        site_name=reader.site_name,
        format=Format.TEXT,
    )

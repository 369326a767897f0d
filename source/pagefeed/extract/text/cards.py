"""Cards: the unit both assembly steps build, and how a run of classified lines becomes cards.

A card is a story while it is being read: an optional image (an alt line, a caption, a credit),
an optional label and headline, a video title, and its text lines. ``read_cards`` reads a run
of lines (a teaser section, a listing page, the teasers after a story's body) into cards:

* an image block starts a card: a caption printed twice, a caption before a credit or a label,
  a short alt line before a caption and its credit, or a line that ends in a date;
* a "- YouTube" embed line, a video title, a "Listen:" item, a lone credit start one too;
* a marker ("Read moreShow less") ends the card it follows; a call to action in a headline's
  place ("Learn more about ...") is ad copy and skipped;
* a headline-shaped line is the card's headline while the card has no text yet;
* in a listing's cards, a paragraph after a card's text that opens with a headline glued to
  its summary (``lines.split_glued_headline``) is the next card, split at the seam;
* ``one_paragraph`` (teasers under a story, listings without any structure): a card holds one
  paragraph of text, so the next paragraph starts the next card. Otherwise (listing cards) the
  text runs on until the next card starts, and a second headline-shaped line before any text is
  a subhead.
"""

from __future__ import annotations

import re
from datetime import datetime

from pagefeed.extract.normalize import words
from pagefeed.extract.text.classify import (
    BREAK,
    BYLINE,
    CREDIT,
    DATE,
    ITEM,
    LABEL,
    MARKER,
    TEXT,
    VIDEO,
    VIDEO_TITLE,
    Token,
)
from pagefeed.extract.text.lines import (
    caption_like,
    fold,
    is_call,
    is_headline,
    split_glued_headline,
)
from pagefeed.extract.text.vocabulary import CAPTION_WORDS, PLACEHOLDER_WORDS, SKIP_LABELS

_SPEAKER_MAX = 48  # "Ian's takeaways:", "Carl Doe:": a short line ending in a colon
_CAPTION_SENTENCE = 140  # a caption's first sentence is at most this long
_LABEL_WORDS = 4  # a section word or series label is this short
_LABEL_CHARS = 40


class Card:
    """A story while it is being read; turned into a frozen Story at the end.

    (A plain class, not a dataclass: building a dataclass costs start-up time.)
    """

    __slots__ = (
        "alt",
        "author",
        "caption",
        "credit",
        "headline",
        "label",
        "section",
        "skip",
        "stated_date",
        "texts",
        "video",
        "video_title",
    )

    def __init__(self, *, section: str | None = None, label: str | None = None) -> None:
        self.alt: str | None = None
        self.caption: str | None = None
        self.credit: str | None = None
        self.headline: str | None = None
        self.video_title: str | None = None
        self.video = False
        self.texts: list[str] = []
        self.section = section
        self.label = label
        self.author: str | None = None
        self.stated_date: datetime | None = None
        self.skip = label is not None and fold(label) in SKIP_LABELS

    @property
    def has_image(self) -> bool:
        return self.caption is not None or self.credit is not None

    def summary(self) -> str:
        """The first paragraph that reads as running text (not a speaker label or subhead)."""
        for text in self.texts:
            if not is_speaker(text) and not is_headline(text):
                return text
        for text in self.texts:
            if not is_speaker(text):
                return text
        return self.texts[0] if self.texts else ""

    def title(self) -> str | None:
        """The printed headline, else the video title's first part (unless a placeholder)."""
        if self.headline:
            return self.headline
        if self.video_title:
            head = self.video_title.split(" | ", 1)[0].strip()
            if head and not any(word in fold(head) for word in PLACEHOLDER_WORDS):
                return head
        return None


def same(a: str | None, b: str | None) -> bool:
    """Two lines that say the same words (case, quotes and punctuation aside)."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    if abs(len(a) - len(b)) > len(a) // 4 + 4:
        return False  # too different in length to hold the same words
    return words(a.casefold()) == words(b.casefold())


def similar(title: str, line: str) -> bool:
    """A line that repeats a title: the same words, or one holds the other's words in order."""
    if same(title, line):
        return True
    if line[:4].casefold() != title[:4].casefold() and " | " not in line:
        return False  # a repeat starts like the title (a video title may differ in case only)
    a = " ".join(words(title.casefold()))
    b = " ".join(words(line.split(" | ", 1)[0].casefold()))
    return len(a) > 12 and len(b) > 12 and (a in b or b in a)


def is_speaker(text: str) -> bool:
    """A speaker label or a lead-in line: short, ending in a colon ("Carl Doe:")."""
    return len(text) <= _SPEAKER_MAX and text.endswith(":")


def is_prose(text: str) -> bool:
    """Running text: a sentence (or more) ending in a stop, or too long for a headline."""
    return not is_headline(text) and not is_speaker(text)


def has_caption_words(text: str) -> bool:
    """A first sentence that says it describes a picture ("Ann Roe, pictured in 2014.")."""
    head = text[:_CAPTION_SENTENCE]
    return re.search(CAPTION_WORDS, head, re.IGNORECASE) is not None


def image_block(tokens: list[Token], index: int) -> tuple[int, str | None, str, str | None]:
    """An image block starting at ``tokens[index]``: (end, alt, caption, credit).

    ``end`` is ``index`` when there is none. Shapes: caption twice (then maybe a credit); an
    alt line, the caption and a credit; a caption and a credit; a caption and a card label.
    """
    none = (index, None, "", None)
    count = len(tokens)
    if index + 1 >= count or tokens[index].kind is not TEXT:
        return none  # (a block has two lines or more)
    first = tokens[index].text
    second = tokens[index + 1]
    third = tokens[index + 2] if index + 2 < count else None
    kind = second.kind
    if kind is TEXT and second.text == first:
        if third is not None and third.kind is CREDIT:
            return index + 3, None, first, third.text
        return index + 2, None, first, None
    if kind is CREDIT:
        return index + 2, None, first, second.text
    if (
        kind is TEXT
        and third is not None
        and third.kind is CREDIT
        and is_headline(first)
        and not is_headline(second.text)
    ):
        return index + 3, first, second.text, third.text
    if kind is LABEL and second.gap == 0:
        return index + 1, None, first, None  # a caption with the card's label right under it
    if (
        third is not None
        and text_label(tokens, index + 1)
        and (caption_like(first) or not is_headline(first) or same(first, third.text))
    ):
        return index + 1, None, first, None  # the same, the label not in the vocabulary
    return none


def label_like(text: str) -> bool:
    """A series label or section word: a few words, no sentence punctuation."""
    return (
        len(text) <= _LABEL_CHARS
        and len(text.split()) <= _LABEL_WORDS
        and text[-1] not in ".!?:,;"
        and is_headline(text)
    )


def text_label(tokens: list[Token], index: int) -> bool:
    """A label-shaped text line right under a caption (no gap) and above a headline."""
    if index + 1 >= len(tokens):
        return False
    token, nxt = tokens[index], tokens[index + 1]
    return (
        token.kind is TEXT
        and token.gap == 0
        and nxt.kind is TEXT
        and label_like(token.text)
        and is_headline(nxt.text)
        and not same(token.text, nxt.text)
    )


def read_cards(
    tokens: list[Token],
    *,
    section: str | None,
    listing: bool,
    label: str | None = None,
) -> list[Card]:
    """The cards in ``tokens`` (a run with no section header inside), in page order."""
    reader = _Reader(tokens, section=section, listing=listing, label=label)
    reader.read()
    return reader.cards


class _Reader:
    """Reads one run of lines into cards (a plain class, like :class:`Card`)."""

    __slots__ = ("card", "cards", "index", "label", "markers", "one_paragraph", "section", "tokens")

    def __init__(
        self, tokens: list[Token], *, section: str | None, listing: bool, label: str | None
    ) -> None:
        self.tokens = tokens
        self.section = section
        self.label = label
        self.one_paragraph = not listing or not _structured(tokens)
        self.markers = any(token.kind is MARKER for token in tokens)
        self.cards: list[Card] = []
        self.card: Card | None = None
        self.index = 0

    def start(self) -> Card:
        card = Card(section=self.section, label=self.label)
        self.label = None
        self.cards.append(card)
        self.card = card
        return card

    def read(self) -> None:
        tokens = self.tokens
        while self.index < len(tokens):
            token = tokens[self.index]
            kind = token.kind
            card = self.card
            self.index += 1
            if kind is MARKER or kind is BREAK:
                self.card = None
            elif kind is LABEL:
                if card is not None and card.has_image and not card.texts and not card.headline:
                    card.label = token.text
                    card.skip = card.skip or fold(token.text) in SKIP_LABELS
                else:
                    self.label = token.text
            elif kind is DATE or kind is BYLINE:
                if card is not None:
                    card.stated_date = card.stated_date or token.date
                    card.author = card.author or token.author
            elif kind is VIDEO:
                if card is None or card.texts or card.video:
                    card = self.start()
                card.video = True
            elif kind is VIDEO_TITLE:
                if card is None or card.texts or card.video_title is not None:
                    card = self.start()
                card.video_title = token.text
            elif kind is ITEM:
                self.start().texts.append(token.text)
            elif kind is CREDIT:
                if card is None or card.credit is not None or card.texts or card.headline:
                    card = self.start()
                card.credit = token.text
            elif kind is TEXT:
                self.text(self.index - 1)

    def text(self, index: int) -> None:
        """A text line: an image block, a headline, a subhead or a paragraph."""
        tokens = self.tokens
        line = tokens[index].text
        card = self.card
        end, alt, caption, credit = image_block(tokens, index)
        if end == index + 1 and card is not None and card.headline and not card.texts:
            end = index  # the line under a headline is its text, even with a label below
        if (
            end == index
            and caption_like(line)
            and (card is None or not card.has_image or card.texts)
        ):
            end, caption = index + 1, line
        if end > index and (card is None or card.has_image or card.texts or card.headline):
            card = self.start()
        if end > index:
            if card is None:
                card = self.start()
            card.alt, card.caption, card.credit = alt, caption, credit
            if credit is None and text_label(tokens, end):
                card.label = tokens[end].text
                end += 1
            self.index = end
            return
        if card is None:
            card = self.start()
        if is_headline(line) and not is_speaker(line):
            if is_call(line):
                return  # a call to action ("Learn more about ..."): ad copy, not a headline
            if card.headline is None and not card.texts:
                card.headline = line
                return
            if not card.texts and card.headline is not None and same(card.headline, line):
                return  # the headline printed again after a video title
            if self.one_paragraph or (card.texts and self.new_headline(index)):
                self.start().headline = line
                return
            card.texts.append(line)
            return
        if not self.one_paragraph and card.texts and is_prose(card.texts[-1]):
            glued = split_glued_headline(line)  # (one paragraph a card: it starts one anyway)
            if glued is not None:  # the next card, its headline glued to its text
                card = self.start()
                card.headline = glued[0]
                card.texts.append(glued[1])
                return
        if self.one_paragraph and any(is_prose(text) for text in card.texts):
            card = self.start()
        card.texts.append(line)

    def new_headline(self, index: int) -> bool:
        """In a listing without markers, a headline line followed by prose starts a card."""
        line = self.tokens[index].text
        if self.markers or line.endswith(("?", ":")):
            return False
        nxt = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        return nxt is not None and nxt.kind is TEXT and is_prose(nxt.text)


def _structured(tokens: list[Token]) -> bool:
    """Whether a run shows any card structure (else each paragraph is a card)."""
    for index, token in enumerate(tokens):
        kind = token.kind
        if kind in (CREDIT, MARKER, VIDEO, VIDEO_TITLE, LABEL):
            return True
        if kind is TEXT:
            if caption_like(token.text) or image_block(tokens, index)[0] > index:
                return True
            nxt = tokens[index + 1] if index + 1 < len(tokens) else None
            if (
                is_headline(token.text)
                and not is_speaker(token.text)
                and nxt is not None
                and nxt.kind is TEXT
                and is_prose(nxt.text)
            ):
                return True
    return False

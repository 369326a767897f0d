"""Step 3 of the text pipeline: the page from its classified lines.

The page is cut at its section headers. What comes before the first header (the head) is
either one main story, optionally followed by teasers with no header, or a listing: the cards
of a tag, section, series, show or author page, with no main story.

Reading the head as a story: labels and section words above the title (short lines before a
headline-shaped line); the title (printed once or twice, as image alt text, with a video title
after it, or not at all: then derived, with a warning); date lines and bylines; the main image
(caption twice, an alt line and the caption, a caption once, a credit alone); then the body.
Ad copy with no marker (a sponsor read, a promo: see ``ads``) is taken out of the body.
The body stops at a line of tag words, or, after the story's picture or video, at an image
block that heads a card (one paragraph under it, then another card or the end): what follows
are teasers with no header. Any other picture inside the body is skipped.

The head is a listing instead when nothing marks a story (no image printed twice, no stated
date, no single video under the title) and the page shows cards: a template placeholder for
the page heading, card markers, two or more video embeds, a card label under a caption, a page
heading followed straight by a captioned card, or no title at all over cards or bare paragraphs.
"""

from __future__ import annotations

import re
from datetime import datetime

from pagefeed.extract.text.ads import ad_card, without_ads
from pagefeed.extract.text.cards import (
    Card,
    has_caption_words,
    image_block,
    is_prose,
    is_speaker,
    label_like,
    read_cards,
    same,
    similar,
)
from pagefeed.extract.text.classify import (
    BREAK,
    BYLINE,
    CREDIT,
    DATE,
    HEADER,
    ITEM,
    LABEL,
    MARKER,
    PLACEHOLDER,
    TEXT,
    VIDEO,
    VIDEO_TITLE,
    Token,
)
from pagefeed.extract.text.lines import caption_like, fold, is_headline
from pagefeed.extract.text.vocabulary import SKIP_SECTIONS

_HEADING_WORDS = 2  # a page heading ("Europe", "Hard Numbers") is this short ...
_BRAND_WORDS = 3  # ... and so is a brand line between a title and its repeat
_BYLINE_TITLE = 220  # a title glued to its dek, right before a byline, is at most this long
_TITLE_MAX = 220  # a title that lists a newsletter's topics can be long
_EARLY_BODY = 3  # an image or a date among the first paragraphs still belongs to the head
_DEKS = 3  # a page of bare paragraphs with no title is a listing when it has this many ...
_DEK_MAX = 450  # ... and none is longer than a card's text
_CARD_DEK = 250  # a dek under a card's headline is at most this long
_NAME_WORDS = (2, 4)
# An item's lead-in: a figure and a colon, or a few words and a dash or colon.
_ITEM = re.compile(
    r"[\d$€£][\d.,:%$ -]*(?:\w+ ){0,2}\s*:|[^.!?]{3,60}?\s[–—-]\s?\S|[^.!?]{3,60}?:\s"
)


class Assembled:
    """The page as cards: the main story (None for a listing) and the teasers, in order."""

    __slots__ = ("main", "site_name", "teasers", "title", "warnings")

    def __init__(self) -> None:
        self.main: Card | None = None
        self.teasers: list[Card] = []
        self.title: str | None = None
        self.site_name: str | None = None
        self.warnings: list[str] = []


class _Head:
    """What reading the head as a story found (a plain class, like :class:`Card`)."""

    __slots__ = (
        "body_start",
        "card",
        "cards_from",
        "image_once",
        "image_twice",
        "labels",
        "placeholder",
        "prose_before_image",
        "rest",
        "title",
        "title_index",
        "video",
    )

    def __init__(self) -> None:
        self.card = Card()
        self.labels: list[str] = []
        self.title: str | None = None
        self.title_index: int | None = None  # where the title line is, when one is printed
        self.placeholder = False
        self.image_twice = False
        self.image_once = False
        self.prose_before_image = 0
        self.video = False
        self.cards_from = 0  # where a listing's cards start (after the page heading)
        self.body_start = 0
        self.rest: list[Token] = []  # teasers with no header after the body


def assemble(tokens: list[Token], *, date: datetime | None) -> Assembled:
    """Build the page's cards from its classified lines (``date``: the leading marker's)."""
    out = Assembled()
    regions = _regions(tokens)
    head_tokens = regions[0][1]
    sections = regions[1:]
    for header, _ in sections:
        if out.site_name is None and fold(header).startswith("more from "):
            out.site_name = header[len("more from ") :].strip()
    listing = False
    if head_tokens:
        head = _read_head(head_tokens, date)
        listing = _is_listing(head, head_tokens, sections)
        if listing:
            heading = head.labels[0] if head.labels else None
            if head.title_index is not None and head.cards_from > head.title_index:
                heading = heading or head.title
            out.title = heading
            out.teasers.extend(
                read_cards(head_tokens[head.cards_from :], section=heading, listing=True)
            )
        else:
            out.main = head.card
            out.main.headline = head.title
            out.main.texts = without_ads(out.main.texts)
            out.title = head.title
            if head.rest:
                out.teasers.extend(read_cards(head.rest, section=None, listing=False))
    for header, run in sections:
        cards = read_cards(run, section=header, listing=listing)
        if fold(header) in SKIP_SECTIONS:
            for card in cards:
                card.skip = True
        out.teasers.extend(cards)
    for card in out.teasers:  # a sponsor read or a call to action alone is no teaser
        if card.caption is None and card.credit is None and not card.skip and ad_card(card):
            card.skip = True
    return out


def _regions(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    """The head (header "") and each section: (header, its lines)."""
    regions: list[tuple[str, list[Token]]] = [("", [])]
    for token in tokens:
        if token.kind is HEADER:
            regions.append((token.text, []))
        else:
            regions[-1][1].append(token)
    return regions


def _heading_like(text: str) -> bool:
    """A page heading rather than a story title: a word or three, or all lower case."""
    return len(text.split()) <= _HEADING_WORDS or text == text.lower()


def _read_head(tokens: list[Token], date: datetime | None) -> _Head:
    """Read the head as a story: labels, title, meta lines, image, body."""
    head = _Head()
    card = head.card
    card.stated_date = date
    count = len(tokens)
    index = 0
    # Labels, section words, placeholders and date lines above the title.
    while index < count:
        token = tokens[index]
        nxt = tokens[index + 1] if index + 1 < count else None
        if token.kind is PLACEHOLDER:
            head.placeholder = True
        elif token.kind is LABEL:
            head.labels.append(token.text)
        elif token.kind in (DATE, BYLINE):
            _meta(card, token)
        elif (
            token.kind is TEXT
            and label_like(token.text)
            and nxt is not None
            and nxt.kind is TEXT
            and is_headline(nxt.text)
            and not same(token.text, nxt.text)
        ):
            head.labels.append(token.text)
        else:
            break
        index += 1
    head.cards_from = index
    # The title.
    if index < count and tokens[index].kind is TEXT and _is_title(tokens, index):
        head.title = tokens[index].text
        head.title_index = index
        index += 1
        title = head.title
        if _heading_like(title) or _name_like(title) or image_block(tokens, index)[0] > index:
            head.cards_from = index  # a page heading over cards, or over the first card's picture
    elif head.labels and not head.placeholder:
        head.title = head.labels[-1]
    # Lines between the title and the image: dates, bylines, repeats, video lines, brand words.
    index = _read_meta(tokens, index, head)
    # The image.
    end, alt, caption, credit = image_block(tokens, index)
    if end == index and index < count and tokens[index].kind is TEXT:
        line = tokens[index].text
        if caption_like(line) and not is_headline(line):
            end, caption = index + 1, line
    if end == index and index < count and tokens[index].kind is CREDIT:
        end, credit = index + 1, tokens[index].text
    if end > index:
        card.alt, card.caption, card.credit = alt, caption, credit
        twice = end - index >= 2 and tokens[index + 1].text == tokens[index].text
        head.image_twice = twice or (alt is not None and credit is not None)
        head.image_once = not head.image_twice and caption is not None
        index = _read_meta(tokens, end, head)
    head.body_start = index
    _read_body(tokens, index, head)
    return head


def _is_title(tokens: list[Token], index: int) -> bool:
    """Whether ``tokens[index]`` is the title, not a caption or the first paragraph."""
    line = tokens[index].text
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    if nxt is not None and nxt.kind is BYLINE and len(line) <= _BYLINE_TITLE:
        return True
    if not is_headline(line, limit=_TITLE_MAX) or is_speaker(line):
        return False
    if nxt is None:
        return True
    if nxt.kind is CREDIT:
        return not caption_like(line)
    if nxt.kind is TEXT and nxt.text == line:
        after = tokens[index + 2] if index + 2 < len(tokens) else None
        return after is None or after.kind is not CREDIT
    return nxt.kind is not LABEL


def _meta(card: Card, token: Token) -> None:
    card.stated_date = card.stated_date or token.date
    card.author = card.author or token.author


def _read_meta(tokens: list[Token], index: int, head: _Head) -> int:
    """Skip date lines, bylines, the title printed again, video lines and brand words."""
    count = len(tokens)
    while index < count:
        token = tokens[index]
        kind = token.kind
        nxt = tokens[index + 1] if index + 1 < count else None
        if kind in (DATE, BYLINE):
            _meta(head.card, token)
        elif kind in (VIDEO, VIDEO_TITLE) and not head.video:
            head.video = True
            head.card.video_title = token.text if kind is VIDEO_TITLE else None
        elif kind is TEXT and head.title is not None and similar(head.title, token.text):
            if _dup_is_caption(tokens, index, head.title):
                break  # an alt line that repeats the title: the image block reads it
        elif (
            kind is TEXT
            and head.title is not None
            and len(token.text.split()) <= _BRAND_WORDS
            and nxt is not None
            and (nxt.kind in (DATE, BYLINE) or similar(head.title, nxt.text))
        ):
            pass
        else:
            break
        index += 1
    return index


def _dup_is_caption(tokens: list[Token], index: int, title: str) -> bool:
    """The title's repeat that is really an alt line before the caption and credit."""
    kinds = [token.kind for token in tokens[index + 1 : index + 3]]
    return kinds == [TEXT, CREDIT] and not same(tokens[index + 1].text, title)


def _read_body(tokens: list[Token], index: int, head: _Head) -> None:
    """The body: paragraphs until a tag line or, after the story's media, an image block."""
    card = head.card
    count = len(tokens)
    while index < count:
        token = tokens[index]
        kind = token.kind
        early = len(card.texts) <= _EARLY_BODY
        if kind is TEXT:
            end, alt, caption, credit = image_block(tokens, index)
            line = token.text
            if end == index and caption_like(line) and head.video and card.texts:
                end = index + 1
            if (
                end == index
                and not card.has_image
                and card.texts
                and early
                and has_caption_words(line)
            ):
                end, caption = index + 1, line
            if end > index and not card.has_image and early and not head.video:
                card.alt, card.caption, card.credit = alt, caption, credit
                head.image_once = True
                head.prose_before_image = sum(is_prose(text) for text in card.texts)
                index = end
                continue
            if end > index and card.texts and (head.video or _card_follows(tokens, end)):
                head.rest = tokens[index:]  # cards with no header after the body
                return
            if end > index and card.texts:
                index = end  # a picture inside the body: its caption is not body text
                continue
            card.texts.append(line)
        elif kind is CREDIT:
            if not card.has_image and early:
                card.credit = token.text
        elif kind in (DATE, BYLINE):
            if early:
                _meta(card, token)
        elif kind is BREAK:
            head.rest = tokens[index + 1 :]
            return
        elif kind is ITEM:
            head.rest = tokens[index:]
            return
        index += 1


def _card_follows(tokens: list[Token], index: int) -> bool:
    """Whether the picture that ends at ``index`` heads a card: one paragraph, then the end,
    another picture or a tag line (a picture inside a body has more body after it)."""
    paragraphs = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind is TEXT:
            if image_block(tokens, index)[0] > index:
                break
            paragraphs += 1
            if paragraphs > 1:
                return False
        elif token.kind in (BREAK, ITEM):
            break
        index += 1
    return True


def _is_listing(head: _Head, tokens: list[Token], sections: list[tuple[str, list[Token]]]) -> bool:
    """Whether the head is a listing's cards rather than one story (see the module docstring)."""
    card = head.card
    markers = sum(token.kind is MARKER for token in tokens)
    videos = sum(token.kind is VIDEO for token in tokens)
    if head.image_twice or card.stated_date is not None:
        return False
    if head.video and videos <= 1 and markers == 0 and head.title is not None:
        return False
    if markers or videos >= 2 or head.placeholder:
        return True
    if _card_labels(tokens):
        return True
    heading = bool(head.labels) or (head.title is not None and _heading_like(head.title))
    prose = [text for text in card.texts if is_prose(text)]
    titled = head.title is not None and (head.title not in head.labels or len(prose) >= 2)
    if titled and _blurbs(head, prose):
        return True  # a show's or a section's name over blurbs: "Harbour Hour Podcast"
    headlines = 0 if card.has_image or head.video else _headline_cards(card.texts)
    if headlines >= _DEKS - 1 and len(prose) <= headlines + 1:
        return True  # headline, dek, headline, dek: cards with no pictures
    if head.image_once and head.prose_before_image == 0 and not head.video:
        if heading:
            return True
        texts = card.texts
        if len(texts) >= 2 and _headline_cards(texts[:2]) == 1:
            return True  # under the picture a headline and a dek: the first card of a listing
    if not titled and head.image_once:
        cards = read_cards(tokens[head.cards_from :], section=None, listing=True)
        if sum(1 for c in cards if c.has_image or c.headline) >= 2:
            return True
    if not titled and not card.has_image and not head.video and _deks(card.texts):
        return True
    if titled and not card.has_image and len(prose) <= 1 and sections:
        first = read_cards(sections[0][1], section=None, listing=True)
        return bool(first) and first[0].headline is not None and bool(first[0].texts)
    return False


def _card_labels(tokens: list[Token]) -> bool:
    """A series label right under a caption: a card's label, so the page shows cards."""
    for index in range(1, len(tokens)):
        if tokens[index].kind is LABEL and tokens[index - 1].kind is TEXT:
            nxt = tokens[index + 1] if index + 1 < len(tokens) else None
            if nxt is not None and nxt.kind is TEXT and is_headline(nxt.text):
                previous = tokens[index - 1].text
                if not is_headline(previous) or caption_like(previous):
                    return True
                if index >= 2 and tokens[index - 2].kind is TEXT:
                    return True
    return False


def _deks(texts: list[str]) -> bool:
    """Paragraphs that read as a run of card texts: three or more, none long, no Q&A."""
    return (
        len(texts) >= _DEKS
        and all(len(text) <= _DEK_MAX for text in texts)
        and not _questions(texts)
    )


def _blurbs(head: _Head, prose: list[str]) -> bool:
    """A name for a title and, under it, nothing but three or more plain paragraphs."""
    card = head.card
    return (
        head.title is not None
        and not card.has_image
        and _name_like(head.title)
        and len(prose) >= _DEKS
        and len(prose) == len(card.texts)
        and not _items(prose)
    )


def _name_like(text: str) -> bool:
    """A name rather than a headline: two to four capitalised words, no digits or stops."""
    words = text.split()
    return (
        _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1]
        and all(word[0].isupper() or word in ("&", "and", "of") for word in words)
        and not any(char.isdigit() or char in ".:;,!?'’" for char in text)
    )


def _items(texts: list[str]) -> bool:
    """Paragraphs that are items of one story: "40: ...", "Lead-in – text", "Lead-in: text"."""
    return any(_ITEM.match(text) for text in texts)


def _headline_cards(texts: list[str]) -> int:
    """How many headline lines (not questions or lead-ins) stand right above a short paragraph.

    A card's dek is short; the paragraphs under a story's subheads are not.
    """
    count = 0
    for index, text in enumerate(texts[:-1]):
        dek = texts[index + 1]
        if (
            is_headline(text)
            and not text.endswith(("?", ":"))
            and is_prose(dek)
            and len(dek) <= _CARD_DEK
            and not is_speaker(text)
        ):
            count += 1
    return count


def _questions(texts: list[str]) -> bool:
    """A transcript's shape: a short question line followed by an answer."""
    for index, text in enumerate(texts[:-1]):
        if text.endswith("?") and is_headline(text) and is_prose(texts[index + 1]):
            return True
    return False

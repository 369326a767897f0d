"""The plain-text page parser: one main story and its teasers out of a page's text rendering.

A page is read as a sequence of classified lines (``pagefeed.extract.text.lines``; blank lines
carry no
meaning: some renderings have none). Credits are the anchors: the text line(s) just before a
credit are its caption (a caption printed twice, or a short alt line and then the caption, count
as one), and the text after a credit belongs to that card: the body for the main story, an
optional headline line and a summary for a teaser. A caption printed twice or ending in a date
starts a card even without a credit. A page whose first "story" has the shape of a card (image,
headline line, one summary) and no story body is a listing page: every card becomes a teaser.
"""

from __future__ import annotations

from datetime import datetime

from pagefeed.errors import ParseError
from pagefeed.extract.dates import find_date, is_file_photo
from pagefeed.extract.normalize import derive_title
from pagefeed.extract.text.lines import (
    SKIP_LABELS,
    SKIP_SECTIONS,
    Kind,
    Line,
    caption_like,
    fold,
    is_headline,
    tokenize,
)
from pagefeed.model import Format, Image, Page, Story, TitleSource


class _Card:
    """A story while it is being read; turned into a frozen Story at the end.

    (A plain class, not a dataclass: building a dataclass costs start-up time.)
    """

    __slots__ = ("author", "caption", "credit", "label", "section", "skip", "stated_date", "texts")

    def __init__(
        self,
        *,
        caption: str | None = None,
        credit: str | None = None,
        section: str | None = None,
        label: str | None = None,
        stated_date: datetime | None = None,
    ) -> None:
        self.caption = caption
        self.credit = credit
        self.texts: list[str] = []
        self.section = section
        self.label = label
        self.author: str | None = None
        self.stated_date = stated_date
        self.skip = False


# ---------------------------------------------------------------------------------------------
# Page structure.


class _Reader:
    """Walks the classified lines once, collecting cards (a plain class, like :class:`_Card`)."""

    __slots__ = (
        "cards",
        "label",
        "main",
        "section",
        "site_name",
        "skip_next",
        "skip_section",
        "tokens",
        "warnings",
    )

    def __init__(self, tokens: list[Line]) -> None:
        self.tokens = tokens
        self.warnings: list[str] = []
        self.cards: list[_Card] = []
        self.section: str | None = None
        self.label: str | None = None
        self.skip_section = False
        self.skip_next = False
        self.site_name: str | None = None
        self.main: _Card | None = None

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
            if kind is Kind.TEXT:
                run.append(token.text)
            elif kind is Kind.CREDIT:
                rest, caption = _split_caption(run, needs_text=card is not None and not card.texts)
                self.close(rest, card)
                card = self.new_card(caption, token.text)
                run.clear()
            elif kind in (Kind.DATE, Kind.BYLINE):
                if card is not None and card.stated_date is None:
                    card.stated_date = token.date
                if card is not None and token.author and card.author is None:
                    card.author = token.author
            else:
                self.close(run, card)
                card = None
                if kind is Kind.HEADER:
                    self.header(token.text)
                elif kind is Kind.LABEL:
                    self.label = None if fold(token.text) in SKIP_LABELS else token.text
                    self.skip_next = fold(token.text) in SKIP_LABELS
                else:
                    card = self.new_card(None, None)
                    card.texts.append(token.text)
        self.close(run, card)

    def header(self, text: str) -> None:
        self.section = text
        self.label = None
        self.skip_section = fold(text) in SKIP_SECTIONS
        if self.site_name is None and fold(text).startswith("more from "):
            self.site_name = text[len("more from ") :].strip()


def _starts_card(run: list[str], index: int) -> bool:
    """Whether ``run[index]`` is a caption with no credit: printed twice, or ending in a date."""
    if index + 1 >= len(run):
        return False
    line = run[index]
    return run[index + 1] == line or caption_like(line)


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
        if needs_text and not caption_like(last):
            return list(run), None
        return [], last
    previous = run[-2]
    alt = is_headline(previous) and len(previous) < len(last) and not is_headline(last)
    if previous == last or (alt and (not needs_text or count > 2)):
        return run[:-2], last
    return run[:-1], last


def _read_head(tokens: list[Line], leading: datetime | None) -> tuple[int, _Card, str | None]:
    """The main story's title, dates and image: (next index, main card, title or None)."""
    main = _Card(stated_date=leading)
    index = _read_meta(tokens, 0, main)
    title: str | None = None
    first = tokens[index] if index < len(tokens) else None
    if first is not None and first.kind is Kind.TEXT and is_headline(first.text):
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        duplicate = after is not None and after.text == first.text
        captioned = after is not None and after.kind is Kind.CREDIT and caption_like(first.text)
        if not duplicate and not captioned:
            title = first.text
            index = _read_meta(tokens, index + 1, main)
    index = _read_image(tokens, index, main)
    return _read_meta(tokens, index, main), main, title


def _read_meta(tokens: list[Line], index: int, card: _Card) -> int:
    """Skip date lines and bylines, recording them on ``card``."""
    while index < len(tokens) and tokens[index].kind in (Kind.DATE, Kind.BYLINE):
        token = tokens[index]
        card.stated_date = card.stated_date or token.date
        card.author = card.author or token.author
        index += 1
    return index


def _read_image(tokens: list[Line], index: int, card: _Card) -> int:
    """The main image block right after the title: caption(s) and credit, when present."""
    kinds = [token.kind for token in tokens[index : index + 3]]
    texts = [token.text for token in tokens[index : index + 3]]
    text, credit = Kind.TEXT, Kind.CREDIT
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
    if kinds[:2] == [text, text] and caption_like(texts[0]):
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
    tokens, leading = tokenize(text)
    if not tokens:
        raise ParseError("text page: empty once blank lines and site chrome are dropped")
    reader = _Reader(tokens)
    main_card: _Card | None = None
    title: str | None = None
    if tokens[0].kind in (Kind.HEADER, Kind.LABEL, Kind.ITEM):
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

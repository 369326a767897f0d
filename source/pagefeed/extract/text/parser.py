"""The plain-text page parser: one main story and its teasers out of a page's text rendering.

A small pipeline, each step a module with its own tests:

1. ``segment``: the text as stripped lines with the blank lines before each; glued pieces
   (a leading ``date`` marker, card markers, chrome tails, a byline inside a line) split off;
2. ``classify``: chrome dropped, every other line given a kind (header, label, marker, credit,
   date line, byline, video line, text, ...) from its shape and the data in ``vocabulary``;
3. ``assemble`` (with ``cards``): the page from that sequence: an optional main story, then
   teaser sections, or a listing's cards;
4. here: the cards become frozen :class:`~pagefeed.model.Story` values, each built once, with
   its id when the dispatcher hands in a :class:`~pagefeed.extract.ids.StoryIds`.
"""

from __future__ import annotations

from pagefeed.errors import ParseError
from pagefeed.extract.dates import find_date, is_file_photo
from pagefeed.extract.ids import StoryIds
from pagefeed.extract.normalize import derive_title
from pagefeed.extract.text.assemble import assemble
from pagefeed.extract.text.cards import Card
from pagefeed.extract.text.classify import CREDIT, ITEM, TEXT, classify
from pagefeed.extract.text.segment import segment, segment_lines
from pagefeed.model import Format, Image, Page, Story, TitleSource

# Kinds of line that can carry a story (a page of widgets and chrome alone is empty).
_CONTENT = frozenset({TEXT, CREDIT, ITEM})


def parse_text(
    text: str,
    *,
    url: str | None = None,
    ids: StoryIds | None = None,
    lines: list[str] | None = None,
) -> Page:
    """Parse a page's plain-text rendering into its main story and teasers.

    ``text`` should have been through ``normalize.clean_text``. ``url`` is copied to
    ``Page.url``. With ``ids`` (made for ``url``) every story gets its id, the main story
    ``url`` as its link, and repeated cards are dropped; without, ids and links stay empty.
    ``lines``, when given, are ``text``'s lines (``normalize.clean_lines``): not split again.
    Raises ParseError for a page with nothing on it, or with no story and no teaser.
    """
    segments, date = segment(text) if lines is None else segment_lines(lines)
    tokens = classify(segments)
    if not any(token.kind in _CONTENT for token in tokens):
        raise ParseError("text page: empty once blank lines and site chrome are dropped")
    page = assemble(tokens, date=date)
    warnings = page.warnings
    main = _main(page.main, warnings, ids, url) if page.main is not None else None
    teasers = []
    for card in page.teasers:
        story = None if card.skip else _teaser(card, warnings, ids)
        if story is not None:
            teasers.append(story)
    if main is None and not teasers:
        raise ParseError("text page: no story and no teaser found")
    if ids is not None:
        warnings.extend(ids.warnings)
    return Page(
        main=main,
        teasers=tuple(teasers),
        warnings=tuple(warnings),
        title=page.title,
        url=url,
        site_name=page.site_name,
        format=Format.TEXT,
    )


def _image(card: Card, warnings: list[str]) -> Image | None:
    if card.caption is None and card.credit is None:
        return None
    date = None
    if card.caption is not None:
        date, found = find_date(card.caption)
        if found:
            warnings.extend(f"caption {card.caption[:40]!r}: {warning}" for warning in found)
    marks = " ".join(part for part in (card.caption, card.credit) if part)
    return Image(
        caption=card.caption, credit=card.credit, date=date, file_photo=is_file_photo(marks)
    )


def _teaser(card: Card, warnings: list[str], ids: StoryIds | None) -> Story | None:
    headline = card.title()
    summary = card.summary() or (headline or "")
    title = headline or derive_title(summary)
    if not title:
        warnings.append(f"a card with no text was dropped (caption {card.caption!r})")
        return None
    source = TitleSource.PAGE if headline else TitleSource.DERIVED
    image = _image(card, warnings)
    story_id = ""
    if ids is not None:
        caption = image.caption if image is not None else None
        found = ids.teaser(
            link=None, caption=caption, title=title, summary=summary, title_source=source
        )
        if found is None:
            return None  # a repeat of a card already on the page
        story_id = found
    return Story(
        title=title,
        title_source=source,
        summary=summary,
        body=tuple(card.texts),
        section=card.section,
        label=card.label,
        author=card.author,
        image=image,
        stated_date=card.stated_date,
        id=story_id,
    )


def _main(card: Card, warnings: list[str], ids: StoryIds | None, url: str | None) -> Story | None:
    summary = card.summary()
    title = card.headline
    source = TitleSource.PAGE
    if title is None:
        title = derive_title(summary)
        if not title:
            return None
        source = TitleSource.DERIVED
        warnings.append("no title line: the main story's title was made from its first sentence")
    story_id = ""
    link = None
    if ids is not None:
        link = url
        story_id = ids.main(link=link, title=title, summary=summary, title_source=source)
    return Story(
        title=title,
        title_source=source,
        summary=summary,
        body=tuple(card.texts),
        author=card.author,
        link=link,
        image=_image(card, warnings),
        stated_date=card.stated_date,
        id=story_id,
    )

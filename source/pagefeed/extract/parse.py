"""Detect a page's format, run its parser, and finish the page: clean text and stable ids.

``parse`` is pure: a ``str`` in, a :class:`~pagefeed.model.Page` out. The HTML parser (and so
BeautifulSoup) is imported only when a page is HTML, which keeps the text path fast to start.
Story ids and the dropping of repeated cards are ``pagefeed.extract.ids``'s: the text parser
builds each story with its id; an HTML page gets its ids from :func:`assign_ids`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pagefeed.errors import ConfigError, ParseError
from pagefeed.extract.ids import StoryIds
from pagefeed.extract.normalize import clean_lines
from pagefeed.model import Format, Page, Story

if TYPE_CHECKING:
    from pagefeed.extract.html.recipe import Recipe

# A document is HTML when one of these appears near its start (after a BOM, comments, spaces).
# Compiled on first use (and cached by ``re``): a text page does not start with "<".
_HTML_START = r"<(?:!doctype\s+html|html|head|body|meta|title|article|div)\b"
_HTML_SNIFF_CHARS = 2048


def detect_format(text: str) -> Format:
    """HTML when the text starts like an HTML document, else plain text."""
    head = text[:_HTML_SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    if head.startswith("<") and re.search(_HTML_START, head, re.IGNORECASE):
        return Format.HTML
    return Format.TEXT


def parse(
    text: str, *, url: str | None = None, fmt: Format | None = None, recipe: Recipe | None = None
) -> Page:
    """Parse a page given as text (plain-text rendering or HTML) into a :class:`Page`.

    ``url`` is the address the page came from (links, ids); ``fmt`` overrides detection.
    A ``recipe`` (CSS selectors, ``pagefeed.extract.html.recipe``) applies to HTML pages only:
    given with a plain-text page it raises :class:`~pagefeed.errors.ConfigError`.
    Raises :class:`~pagefeed.errors.ParseError` when there is nothing to publish.
    """
    lines = clean_lines(text)
    cleaned = "\n".join(lines)
    if not cleaned or cleaned.isspace():
        raise ParseError("the page is empty")
    fmt = fmt or detect_format(cleaned)
    if recipe is not None:
        if fmt is not Format.HTML:
            raise ConfigError(
                f"recipe {recipe.name}: recipes apply to HTML pages, and this page is plain text"
            )
        from pagefeed.extract.html.parser import parse_html

        page = parse_html(cleaned, url=url, recipe=recipe)
    elif fmt is Format.HTML:
        from pagefeed.extract.html.parser import parse_html

        page = parse_html(cleaned, url=url)
    else:
        from pagefeed.extract.text.parser import parse_text

        return parse_text(cleaned, url=url, ids=StoryIds(url), lines=lines)
    if page.main is None and not page.teasers:
        raise ParseError("the page holds no story and no teaser")
    return assign_ids(page, url=page.url or url)


def assign_ids(page: Page, *, url: str | None) -> Page:
    """Give every story a stable ``urn:uuid:`` id (``pagefeed.extract.ids``); drop repeats.

    The main story's link defaults to ``url``.
    """
    ids = StoryIds(url)
    main = None
    if page.main is not None:
        story = page.main
        link = story.link or url
        story_id = ids.main(
            link=link, title=story.title, summary=story.summary, title_source=story.title_source
        )
        main = story._replace(link=link, id=story_id)
    teasers: list[Story] = []
    for story in page.teasers:
        teaser_id = ids.teaser(
            link=story.link,
            caption=story.image.caption if story.image is not None else None,
            title=story.title,
            summary=story.summary,
            title_source=story.title_source,
        )
        if teaser_id is not None:
            teasers.append(story._replace(id=teaser_id))
    warnings = page.warnings + tuple(ids.warnings)
    return page._replace(main=main, teasers=tuple(teasers), warnings=warnings)

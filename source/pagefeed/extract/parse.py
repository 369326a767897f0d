"""Detect a page's format, run its parser, and finish the page: clean text and stable ids.

``parse`` is pure: a ``str`` in, a :class:`~pagefeed.model.Page` out. The HTML parser (and so
BeautifulSoup) is imported only when a page is HTML, which keeps the text path fast to start.

Ids are ``urn:uuid:`` URIs (name-based, SHA-1, as uuid5 in RFC 4122) of a *story key*:
the story's link when it has one; else, for a teaser, its image caption (captions are rarely edited
and survive a typo fix in the summary); else its printed headline; else the first twelve words of
its summary. Keys are folded (case, punctuation, spacing) first, and qualified by the site's origin
when the page's URL is known. Two different stories on a page never share an id: a clash adds the
title and summary to the key; a card printed twice (same key, title and summary) is kept once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from pagefeed.errors import ConfigError, ParseError
from pagefeed.extract.hashing import sha1
from pagefeed.extract.normalize import clean_text
from pagefeed.model import Format, Page, Story, TitleSource

if TYPE_CHECKING:
    from pagefeed.extract.html.recipe import Recipe

Parser = Callable[..., Page]

# A document is HTML when one of these appears near its start (after a BOM, comments, spaces).
# Compiled on first use (and cached by ``re``): a text page does not start with "<".
_HTML_START = r"<(?:!doctype\s+html|html|head|body|meta|title|article|div)\b"
_HTML_SNIFF_CHARS = 2048
_WORD = re.compile(r"\w+")
_SUMMARY_KEY_WORDS = 12
# RFC 4122 NameSpace_URL, the namespace uuid5 uses for URLs.
_NAMESPACE_URL = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")


def detect_format(text: str) -> Format:
    """HTML when the text starts like an HTML document, else plain text."""
    head = text[:_HTML_SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    if head.startswith("<") and re.search(_HTML_START, head, re.IGNORECASE):
        return Format.HTML
    return Format.TEXT


def _parser_for(fmt: Format) -> Parser:
    if fmt is Format.HTML:
        from pagefeed.extract.html.parser import parse_html

        return parse_html
    from pagefeed.extract.text.parser import parse_text

    return parse_text


def parse(
    text: str, *, url: str | None = None, fmt: Format | None = None, recipe: Recipe | None = None
) -> Page:
    """Parse a page given as text (plain-text rendering or HTML) into a :class:`Page`.

    ``url`` is the address the page came from (links, ids); ``fmt`` overrides detection.
    A ``recipe`` (CSS selectors, ``pagefeed.extract.html.recipe``) applies to HTML pages only:
    given with a plain-text page it raises :class:`~pagefeed.errors.ConfigError`.
    Raises :class:`~pagefeed.errors.ParseError` when there is nothing to publish.
    """
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise ParseError("the page is empty")
    fmt = fmt or detect_format(cleaned)
    if recipe is not None:
        if fmt is not Format.HTML:
            raise ConfigError(
                f"recipe {recipe.name}: recipes apply to HTML pages, and this page is plain text"
            )
        from pagefeed.extract.html.parser import parse_html

        page = parse_html(cleaned, url=url, recipe=recipe)
    else:
        page = _parser_for(fmt)(cleaned, url=url)
    if page.main is None and not page.teasers:
        raise ParseError("the page holds no story and no teaser")
    return assign_ids(page, url=page.url or url)


def assign_ids(page: Page, *, url: str | None) -> Page:
    """Give every story a stable ``urn:uuid:`` id (see the module docstring); drop repeats."""
    origin = _origin(url) if url else ""
    seen: dict[str, tuple[str, str]] = {}
    main = None
    if page.main is not None:
        link = page.main.link or url
        key = _key(page.main, main=True, link=link)
        seen[key] = (page.main.title, page.main.summary)
        main = dataclasses.replace(page.main, link=link, id=_uuid_urn(origin, key))
    teasers: list[Story] = []
    warnings = list(page.warnings)
    for story in page.teasers:
        key = _key(story, main=False, link=story.link)
        content = (story.title, story.summary)
        if key in seen:
            if seen[key] == content:
                warnings.append(f"dropped a repeated card: {story.title!r}")
                continue
            key = f"{key}\n{_fold(story.title)}\n{_fold(story.summary)}"
            if key in seen:
                warnings.append(f"dropped a repeated card: {story.title!r}")
                continue
        seen[key] = content
        teasers.append(dataclasses.replace(story, id=_uuid_urn(origin, key)))
    return dataclasses.replace(page, main=main, teasers=tuple(teasers), warnings=tuple(warnings))


def _key(story: Story, *, main: bool, link: str | None) -> str:
    if link:
        return "link:" + _canonical_link(link)
    if not main and story.image is not None and story.image.caption:
        return "caption:" + _fold(story.image.caption)
    if story.title_source is TitleSource.PAGE and story.title:
        return "title:" + _fold(story.title)
    words = _WORD.findall(story.summary.casefold())[:_SUMMARY_KEY_WORDS]
    return "summary:" + " ".join(words) if words else "title:" + _fold(story.title)


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _canonical_link(link: str) -> str:
    """The link without its fragment, with a lower-case scheme and host."""
    parts = urlsplit(link)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}" if parts.netloc else ""


def _uuid_urn(origin: str, key: str) -> str:
    """``urn:uuid:`` of a name-based (SHA-1) UUID, the same value ``uuid.uuid5`` gives."""
    digest = bytearray(sha1(_NAMESPACE_URL + f"{origin}\n{key}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

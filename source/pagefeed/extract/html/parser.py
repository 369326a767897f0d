"""The HTML parser: a news page's markup into a :class:`~pagefeed.model.Page` (pure).

The page is parsed once (BeautifulSoup over lxml, ``pagefeed.extract.html.soup``) and walked
once to collect the signals; after
that only small subtrees (the article, each card) are visited. Signals are read in order of trust:
JSON-LD, then OpenGraph / article / Twitter meta and ``<link rel=canonical>``, then the visible
page (``<h1>``, ``<time>``, ``<article>``, ``<figure>``). Teasers are the cards under headings
such as "More from ..." or "Most Popular", plus the cards a site profile names
(``pagefeed.extract.html.profiles``). Navigation, footers, ads, cookie banners, share widgets and
sponsored
cards are skipped wholesale. The signal used for each main-story field is logged at debug level.

URLs: ``Page.url`` is the ``<link rel=canonical>``, else ``og:url``, else the JSON-LD ``url``,
else the ``url`` given; the main story's link takes them in trust order (JSON-LD first). Relative
URLs resolve against ``<base href>``, else the page's ``url``. bs4 is imported only by the
modules of ``pagefeed.extract.html``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

from pagefeed.errors import ParseError
from pagefeed.extract.html.cards import card_roots, card_story, section_container
from pagefeed.extract.html.jsonld import parse_blocks
from pagefeed.extract.html.profiles import (
    class_roles_for,
)
from pagefeed.extract.html.runs import unheaded_cards
from pagefeed.extract.html.scan import Context, scan_page
from pagefeed.extract.html.soup import make_soup
from pagefeed.extract.html.story import main_story, page_url
from pagefeed.extract.html.teasers import keep_teaser, link_key, paid_section
from pagefeed.extract.html.tree import (
    LINK,
    Classes,
    attr,
    first_in,
    holds_story,
    inside,
    one_line,
    tags_in,
)
from pagefeed.extract.links import absolute
from pagefeed.extract.match import page_marks
from pagefeed.logs import get_logger
from pagefeed.model import Format, Page, Story

if TYPE_CHECKING:
    from pagefeed.extract.html.recipe import Recipe

log = get_logger(__name__)
_LI, _IMG, _FIGCAPTION, _H1 = (frozenset({n}) for n in ("li", "img", "figcaption", "h1"))


# ---- Teasers and the page -------------------------------------------------------------------


_Found = list[tuple[Tag, str | None]]  # card roots with the section they sit in


def _section_cards(ctx: Context) -> _Found:
    """Cards under teaser headings, then the cards a profile names wherever they are."""
    scan = ctx.scan
    stops = {id(heading) for heading, _ in scan.sections}
    ctx.excluded.update(stops)  # a teaser heading is never a line of the story's body
    found: _Found = []
    for heading, text in scan.sections:
        container = section_container(heading)
        if container is not None:
            roots = card_roots(container, heading, stops, ctx.excluded, ctx.classes)
            found += [(root, text) for root in roots]
            ctx.excluded.update(id(root) for root in roots)
    return found + _loose(scan.cards, ctx)


def _listing_cards(ctx: Context) -> _Found:
    """On a page with no main story, every card-like element of the page is a teaser."""
    scan = ctx.scan
    stops = {id(heading) for heading, _ in scan.sections}
    root = scan.mains[0] if scan.mains else ctx.root
    return _loose(card_roots(root, None, stops, ctx.excluded, ctx.classes), ctx)


def _loose(cards: list[Tag], ctx: Context) -> _Found:
    """Cards outside every section; one holding a teaser heading is a section, not a card."""
    headings = [heading for heading, _ in ctx.scan.sections]
    found: _Found = []
    for card in cards:
        if inside(card, ctx.excluded) or first_in(card, _H1) is not None:
            continue
        if first_in(card, LINK, needs="href") is None or holds_story(card):
            continue  # a box of text named "card" is not a teaser: a teaser links somewhere
        if not any(inside(heading, {id(card)}) for heading in headings):
            found.append((card, None))
            ctx.excluded.add(id(card))
    return found


def _unheaded(ctx: Context, main: Story | None) -> _Found:
    """Runs of headline cards that no heading announces (see ``runs.unheaded_cards``)."""
    return [(card, None) for card in unheaded_cards(ctx.scan.run_places, ctx.classes, ctx.excluded)]


def _teasers(found: _Found, main: Story | None, ctx: Context) -> tuple[Story, ...]:
    """The cards as stories in page order; a story already seen (same link without tracking
    parameters) is kept once; share buttons, shops, ads and native-ad boxes are dropped."""
    found.sort(key=lambda pair: ctx.scan.order.get(id(pair[0]), 0))
    seen = {link_key(main.link)} if main and main.link else set()
    if ctx.base:
        seen.add(link_key(ctx.base))
    by_section: dict[str | None, list[Story]] = {}
    stories: list[Story] = []
    for root, section in found:
        story = card_story(root, section, ctx.base, ctx.classes, ctx.warnings)
        if story is None or not keep_teaser(story):
            continue
        key = link_key(story.link) if story.link else None
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        stories.append(story)
        by_section.setdefault(section, []).append(story)
    paid = {
        section
        for section, members in by_section.items()
        if section is not None and paid_section(members, ctx.base)
    }
    return tuple(story for story in stories if story.section not in paid)


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def _language(soup: BeautifulSoup) -> str | None:
    """The ``lang`` of the ``<html>`` element, when it is a language tag ("en", "pt-BR")."""
    html = next((c for c in soup.contents if isinstance(c, Tag) and c.name == "html"), None)
    value = attr(html, "lang").replace("_", "-") if html is not None else ""
    return value if _LANGUAGE_TAG.fullmatch(value) else None


def _has_relative_links(soup: BeautifulSoup) -> bool:
    for link in tags_in(soup, LINK, needs="href"):
        href = attr(link, "href")
        if href and not href.startswith("#") and absolute(href, None) is None and ":" not in href:
            return True
    return False


def parse_html(text: str, *, url: str | None = None, recipe: Recipe | None = None) -> Page:
    """Parse an HTML page into one main story (or none, for a listing page) and its teasers.

    ``url`` is the page's address: the base for relative URLs and the fallback canonical URL.
    A ``recipe`` is applied around the automatic reading (``pagefeed.extract.html.recipe_apply``).
    Raises :class:`~pagefeed.errors.ParseError` when the page holds no story and no teaser.
    """
    soup = make_soup(text)
    if recipe is not None:
        from pagefeed.extract.html.recipe_apply import read_with_recipe

        return read_with_recipe(soup, recipe, url=url, auto=read_soup).page
    return read_soup(soup, url=url)


def read_soup(soup: BeautifulSoup, *, url: str | None = None) -> Page:
    """The automatic reading of a parsed page (see :func:`parse_html`)."""
    classes = Classes()
    scan = scan_page(soup, classes)
    # The profiles whose match holds for this page (by its URL, canonical link, og:url or a
    # meta signature); on the rare page that has one, scan again with its class roles.
    marks = page_marks([url, scan.canonical, scan.metas.get("og:url")], scan.metas)
    roles = class_roles_for(marks)
    if roles:
        classes = Classes(roles)
        scan = scan_page(soup, classes)
    ld, ld_warnings = parse_blocks(scan.ld_blocks)
    given = absolute(url, None)
    # Relative links resolve against <base href>, else the page's address, else its canonical
    # link or og:url; with none of them they are dropped, with a warning.
    own = given or absolute(scan.canonical, None) or absolute(scan.metas.get("og:url"), None)
    base = absolute(scan.base_href, own) or own
    ctx = Context(scan, classes, base, ld, set(), list(ld_warnings), root=soup)
    site = ctx.meta("og:site_name", "application-name") or (ld.publisher if ld else None)
    found = _section_cards(ctx)
    main = main_story(ctx, site)
    if main is None:
        found += _listing_cards(ctx)
    found += _unheaded(ctx, main)
    teasers = _teasers(found, main, ctx)
    if base is None and _has_relative_links(soup):
        ctx.warnings.append(
            "relative links and no page address (no --url, canonical link or <base href>): "
            "they were dropped"
        )
    if main is None and not teasers:
        raise ParseError(f"HTML page {url or '(no URL)'}: no story and no teaser found")
    return Page(
        main=main,
        teasers=teasers,
        warnings=tuple(dict.fromkeys(ctx.warnings)),
        title=scan.title or one_line(ctx.meta("og:title")) or (main.title if main else None),
        url=page_url(ctx, story=False),
        site_name=one_line(site) if site else None,
        format=Format.HTML,
        language=_language(soup),
    )

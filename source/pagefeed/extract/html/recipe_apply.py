"""Applying a site recipe to a parsed page, around the automatic reading (pure).

The order, for one page:

1. ``exclude``: every element a selector matches is removed, before anything is read;
2. the automatic reader reads what is left (:func:`pagefeed.extract.html.parser.read_soup`);
3. ``cards``: when it matches, its elements are the page's teasers, in page order. Inside each
   card the automatic card reading runs first, then every field the recipe gives replaces the
   automatic value (field by field); a field whose selector matches nothing in a card keeps the
   automatic value. When ``cards`` matches nothing, the automatic teasers stay, with a warning;
4. ``main``: the fields given replace the automatic main story's, read inside the container
   (the whole page when the recipe names none). A container that matches nothing is a warning.

Selectors run through soupsieve, called directly (not through bs4's ``select``). What each
selector matched is kept in a :class:`Report` for ``pagefeed recipe test``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

import soupsieve
from bs4 import BeautifulSoup, Tag

from pagefeed.errors import ParseError
from pagefeed.extract.dates import find_date, parse_machine_date
from pagefeed.extract.html.cards import card_story
from pagefeed.extract.html.profiles import SPONSORED_TEXT, class_roles_for
from pagefeed.extract.html.recipe import Fields, Recipe, Selector
from pagefeed.extract.html.scan import head_marks
from pagefeed.extract.html.tree import (
    LINK,
    Classes,
    attr,
    first_in,
    img_url,
    make_image,
    one_line,
    text_of,
)
from pagefeed.extract.links import absolute, largest_in_srcset
from pagefeed.model import Format, Image, Page, Story, TitleSource

AutoReader = Callable[..., Page]
_IMG = frozenset({"img"})
_P = frozenset({"p"})
_SHORT_TEXT = 40  # a paid-content mark is shorter than this


class Hit(NamedTuple):
    """What one field's selector gave in one card: its value, or None (matched nothing)."""

    key: str
    selector: str
    value: str | None


class CardReport(NamedTuple):
    """One card (or the main story): the story published from it and each selector's hit."""

    story: Story | None
    hits: tuple[Hit, ...]


class Report(NamedTuple):
    """What a recipe matched on one page."""

    recipe: Recipe
    applies: bool = True  # its match holds for this page
    excluded: int = 0  # elements removed by ``exclude``
    cards: tuple[CardReport, ...] = ()
    main_found: bool | None = None  # the main container matched (None: the recipe names none)
    main: CardReport | None = None
    automatic: Page | None = None  # the automatic reading (after ``exclude``)


class Outcome(NamedTuple):
    """The page as published, and the report of what the recipe matched."""

    page: Page
    report: Report


def recipe_applies(recipe: Recipe, soup: BeautifulSoup, url: str | None) -> bool:
    """Whether the recipe's ``match`` holds for this page (no match: it always does). The page's
    hosts are those of ``url``, its canonical link and og:url, as for site profiles."""
    return recipe.match is None or recipe.match.holds(head_marks(soup, url))


def read_with_recipe(
    soup: BeautifulSoup, recipe: Recipe, *, url: str | None, auto: AutoReader
) -> Outcome:
    """The page read by ``auto`` with ``recipe`` applied around it (see the module docstring).

    Raises ParseError when neither the recipe nor the automatic reading finds a story.
    """
    notes: list[str] = []
    if not recipe_applies(recipe, soup, url):
        notes.append(f"recipe {recipe.name}: its match does not hold for this page; not used")
        plain = auto(soup, url=url)
        plain = plain._replace(warnings=(*plain.warnings, *notes))
        return Outcome(plain, Report(recipe, applies=False, automatic=plain))
    excluded = 0
    if recipe.exclude:  # one selector list: one walk over the page, however many selectors
        for tag in _outermost(_select(", ".join(recipe.exclude), soup)):
            tag.decompose()
            excluded += 1
    try:
        page: Page | None = auto(soup, url=url)
    except ParseError:
        page = None
    base = page_base(soup, url)
    classes = Classes(class_roles_for(head_marks(soup, url)))
    cards, teasers = _cards(soup, recipe, page, base, classes, notes)
    main_found, main_report, main = _main(soup, recipe, page, base, classes, notes)
    teasers = _unique(teasers, main)
    if main is None and not teasers:
        raise ParseError(f"HTML page {url or '(no URL)'}: no story and no teaser found")
    if page is None:
        title = soup.title
        page = Page(
            main=None,
            title=text_of(title) or None if title is not None else None,
            url=absolute(url, None),
            format=Format.HTML,
        )
    warnings = tuple(dict.fromkeys((*page.warnings, *notes)))
    result = page._replace(main=main, teasers=teasers, warnings=warnings)
    report = Report(recipe, True, excluded, cards, main_found, main_report, page)
    return Outcome(result, report)


def _cards(
    soup: BeautifulSoup,
    recipe: Recipe,
    page: Page | None,
    base: str | None,
    classes: Classes,
    notes: list[str],
) -> tuple[tuple[CardReport, ...], tuple[Story, ...]]:
    automatic = page.teasers if page is not None else ()
    if recipe.cards is None:
        return (), automatic
    roots = _outermost(_select(recipe.cards, soup))
    if not roots:
        notes.append(
            f"recipe {recipe.name}: cards {recipe.cards!r} matched nothing; "
            "the automatic reading is used"
        )
        return (), automatic
    sections = {story.link or story.title: story.section for story in automatic}
    reports = [_card(root, recipe.fields, base, classes, notes, sections) for root in roots]
    for i, (key, selector) in enumerate(recipe.fields):
        if all(report.hits[i].value is None for report in reports):
            notes.append(
                f"recipe {recipe.name}: {key} {str(selector)!r} matched nothing in any of the "
                f"{len(reports)} card(s)"
            )
    teasers = tuple(report.story for report in reports if report.story is not None)
    return tuple(reports), teasers


def _card(
    root: Tag,
    fields: Fields,
    base: str | None,
    classes: Classes,
    notes: list[str],
    sections: dict[str, str | None],
) -> CardReport:
    """One card: the automatic card reading, then the recipe's fields over it."""
    automatic = card_story(root, None, base, classes, notes)
    hits = tuple(Hit(key, str(sel), _value(root, key, sel, base)) for key, sel in fields)
    story = _merge(automatic, hits, notes) if automatic or not is_paid(root) else None
    if story is not None and story.section is None:
        story = story._replace(section=sections.get(story.link or story.title))
    return CardReport(story, hits)


def is_paid(card: Tag) -> bool:
    """Whether a card says it is paid content ("Sponsored", "Partner content": a short text of
    its own), which the automatic card reading drops and a recipe's fields do not bring back."""
    for node in card.descendants:
        if isinstance(node, Tag) and not any(isinstance(child, Tag) for child in node.contents):
            text = text_of(node)
            if len(text) < _SHORT_TEXT and SPONSORED_TEXT.fullmatch(text):
                return True
    return False


def _main(
    soup: BeautifulSoup,
    recipe: Recipe,
    page: Page | None,
    base: str | None,
    classes: Classes,
    notes: list[str],
) -> tuple[bool | None, CardReport | None, Story | None]:
    automatic = page.main if page is not None else None
    found: bool | None = None
    scope: Tag = soup
    if recipe.main is not None:
        container = _select_one(recipe.main, soup)
        found = container is not None
        if container is None:
            notes.append(
                f"recipe {recipe.name}: main {recipe.main!r} matched nothing; "
                "the automatic reading is used"
            )
            return found, None, automatic
        scope = container
        if automatic is None:  # read the container as the automatic reader reads a card
            automatic = card_story(container, None, base, classes, notes)
            if automatic is not None:
                body = tuple(text for p in _all(container, _P) if (text := text_of(p)))
                automatic = automatic._replace(body=body)
    if not recipe.main_fields:
        return found, None, automatic
    hits = tuple(
        Hit(key, str(sel), _value(scope, key, sel, base)) for key, sel in recipe.main_fields
    )
    for hit in hits:
        if hit.value is None:
            notes.append(f"recipe {recipe.name}: main.{hit.key} {hit.selector!r} matched nothing")
    story = _merge(automatic, hits, notes)
    return found, CardReport(story, hits), story


def _merge(automatic: Story | None, hits: tuple[Hit, ...], notes: list[str]) -> Story | None:
    """``automatic`` with each field a selector matched replaced (None: no title either way)."""
    given = {hit.key: hit.value for hit in hits if hit.value}
    story = automatic
    if story is None:
        if "title" not in given:
            return None
        story = Story(title=given["title"])
    changes: dict[str, object] = {}
    if "title" in given:
        changes |= {"title": given["title"], "title_source": TitleSource.PAGE}
    for key in ("summary", "link", "author", "label"):
        if key in given:
            changes[key] = given[key]
    if "date" in given:
        stated = _date(given["date"], notes)
        if stated is not None:
            changes["stated_date"] = stated
    if given.keys() & {"image", "caption", "credit"}:
        old = story.image or Image()
        changes["image"] = make_image(
            given.get("image", old.url),
            given.get("caption", old.caption),
            given.get("credit", old.credit),
            notes=notes,
        )
    return story._replace(**changes) if changes else story  # type: ignore[arg-type]


def _value(scope: Tag, key: str, selector: Selector, base: str | None) -> str | None:
    """What ``selector`` gives for ``key`` inside ``scope`` (None: nothing, or nothing usable)."""
    tag = scope if not selector.css else _select_one(selector.css, scope)
    if tag is None:
        return None
    if selector.attr is not None:
        raw = attr(tag, selector.attr)
        if key == "image" and "srcset" in selector.attr:
            raw = largest_in_srcset(raw) or ""
        value = absolute(raw, base) if key in ("link", "image") else one_line(raw)
        return value or None
    if key == "link":
        link = tag if "href" in tag.attrs else first_in(tag, LINK, needs="href")
        return absolute(attr(link, "href"), base) if link is not None else None
    if key == "image":
        img = tag if tag.name == "img" else first_in(tag, _IMG)
        return img_url(img, base) if img is not None else None
    if key == "date":
        return attr(tag, "datetime") or text_of(tag) or None
    return text_of(tag) or None


def _date(value: str, notes: list[str]) -> datetime | None:
    found = parse_machine_date(value)
    if found is None:
        found, warnings = find_date(value)
        notes.extend(warnings)
    if found is None:
        notes.append(f"recipe date {value!r}: not a date; the automatic date is kept")
    return found


def _unique(teasers: tuple[Story, ...], main: Story | None) -> tuple[Story, ...]:
    """A story already seen (same link, or the main story's) is kept once."""
    seen = {main.link} if main is not None and main.link else set()
    kept: list[Story] = []
    for story in teasers:
        if story.link and story.link in seen:
            continue
        kept.append(story)
        if story.link:
            seen.add(story.link)
    return tuple(kept)


def _outermost(tags: list[Tag]) -> list[Tag]:
    """The matches that are not inside another match (a card's own matches are its parts)."""
    ids = {id(tag) for tag in tags}
    kept = []
    for tag in tags:
        parent = tag.parent
        while parent is not None and id(parent) not in ids:
            parent = parent.parent
        if parent is None:
            kept.append(tag)
    return kept


def page_base(soup: BeautifulSoup, url: str | None) -> str | None:
    """The base for the page's relative URLs: ``<base href>``, else the page's own URL."""
    page_url = absolute(url, None)
    head = soup.head  # <base> belongs in the head: no walk over the whole page for it
    tag = _select_one("base[href]", head) if head is not None else None
    return (absolute(attr(tag, "href"), page_url) if tag is not None else None) or page_url


def _all(root: Tag, names: frozenset[str]) -> list[Tag]:
    return [n for n in root.descendants if isinstance(n, Tag) and n.name in names]


def _select(css: str, scope: Tag) -> list[Tag]:
    return list(soupsieve.select(css, scope))


def _select_one(css: str, scope: Tag) -> Tag | None:
    return soupsieve.select_one(css, scope)


def trial(text: str, recipe: Recipe, *, url: str | None) -> Outcome:
    """``pagefeed recipe test``: an HTML page's text read with ``recipe``, and the report."""
    from pagefeed.extract.html.parser import read_soup
    from pagefeed.extract.html.soup import make_soup

    return read_with_recipe(make_soup(text), recipe, url=url, auto=read_soup)

"""``pagefeed recipe suggest``: a draft recipe from what the automatic reader found (pure).

For each teaser the automatic reading published, the card element is found again in the page:
the links pointing at the teaser's URL, widened to the highest ancestor that holds no other
teaser's link (and never the page's ``<h1>``). Cards of one shape (tag and classes) get one
selector, the shortest that matches exactly those cards; shapes are joined with ``,``. Inside the
cards, each field (title, link, summary, image, date) gets the shortest selector that picks the
element holding the automatic value in every card. The draft is then applied to the same page:
a field whose selector does not give back the automatic reading is left out (the automatic reader
still fills it in), so the draft reproduces the automatic reading's cards.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import NamedTuple
from urllib.parse import urlsplit

import soupsieve
from bs4 import BeautifulSoup, Tag

from pagefeed.extract.html.recipe import FIELD_KEYS, Recipe, Selector
from pagefeed.extract.html.recipe_apply import AutoReader, is_paid, page_base, read_with_recipe
from pagefeed.extract.html.tree import attr, img_url, text_of
from pagefeed.extract.links import absolute
from pagefeed.model import Page, Story

_ROOTS = frozenset({"body", "html", "[document]", "main"})
_SUGGESTED = ("title", "link", "summary", "image", "date")


class Suggestion(NamedTuple):
    """A draft recipe, its TOML text, and how many of the automatic cards it describes."""

    recipe: Recipe
    toml: str
    cards: int
    teasers: int


def suggest_recipe(
    soup: BeautifulSoup, page: Page, *, url: str | None, auto: AutoReader
) -> Suggestion:
    """A draft recipe reproducing ``page`` (the automatic reading of ``soup``)."""
    base = page_base(soup, url)
    located = _locate(soup, page.teasers, base)
    cards, exclude = _cards_selector(soup, located, base)
    fields: list[tuple[str, Selector]] = []
    if cards is not None:
        for key in _SUGGESTED:
            css = _field_selector(key, located, base)
            if css is not None:
                fields.append((key, css))
    main, main_fields = _main(soup, page.main)
    host = (urlsplit(page.url or url or "").hostname or "").removeprefix("www.")
    draft = Recipe("suggested", cards, tuple(fields), main, main_fields, exclude)
    draft = _verified(draft, soup, page, url, auto)
    described = len(page.teasers) if draft.cards is not None else 0
    return Suggestion(draft, _toml(draft, host), described, len(page.teasers))


def _locate(
    soup: BeautifulSoup, teasers: tuple[Story, ...], base: str | None
) -> list[tuple[Tag, Story]]:
    """Each teaser's card element: the highest ancestor of its link (or, with no link on the
    page, of its title or summary) that holds no other teaser's, nor the page's ``<h1>``, nor the
    heading of a teaser section."""
    by_link: dict[str, list[Tag]] = {}
    for a in soupsieve.select("a[href]", soup):
        href = absolute(attr(a, "href"), base)
        if href:
            by_link.setdefault(href, []).append(a)
    texts = soupsieve.select("h2, h3, h4, h5, h6, p, span, a, div", soup)
    markers: list[tuple[list[Tag], Story]] = []
    for story in teasers:
        found = by_link.get(story.link or "", [])
        if not found:
            wanted = story.title if story.title_source == "page" else story.summary
            found = [tag for tag in texts if wanted and text_of(tag) == wanted][-1:]
        if found:
            markers.append((found, story))
    owner: dict[int, int] = {}  # ancestor id -> index of the teaser below it (-1: several)
    for i, (found, _) in enumerate(markers):
        for marker in found:
            for node in marker.parents:
                owner[id(node)] = i if owner.get(id(node), i) == i else -1
    # A card holds neither the page's <h1> nor a teaser section's heading (its section name).
    sections = {story.section for story in teasers if story.section}
    headings = [tag for tag in texts if tag.name != "a" and text_of(tag) in sections]
    h1s = {id(node) for h1 in [*soupsieve.select("h1", soup), *headings] for node in h1.parents}
    located: list[tuple[Tag, Story]] = []
    for i, (found, story) in enumerate(markers):
        root = found[0]
        while (
            (parent := root.parent) is not None
            and parent.name not in _ROOTS
            and owner.get(id(parent)) == i
            and id(parent) not in h1s
        ):
            root = parent
        located.append((root, story))
    return located


def _cards_selector(
    soup: BeautifulSoup, located: list[tuple[Tag, Story]], base: str | None
) -> tuple[str | None, tuple[str, ...]]:
    """One selector per card shape, joined, and what to exclude; (None, ()) without cards.

    A selector may match more than the cards when the extra elements would not become teasers:
    no card is read from them, they repeat a card's link, or a class of their own (excluded)
    sets them apart (a sponsored card).
    """
    if not located:
        return None, ()
    roots = [root for root, _ in located]
    check = _Extras(soup, roots, base)
    shapes: dict[tuple[str, tuple[str, ...]], list[Tag]] = {}
    for root in roots:
        shapes.setdefault((root.name, _classes(root)), []).append(root)
    parts: list[str] = []
    for group in shapes.values():
        css = next((c for c in _card_candidates(group) if check.fits(c, group)), None)
        parts.extend([css] if css else [_path(tag) for tag in group])
    combined = ", ".join(dict.fromkeys(parts))
    if check.fits(combined, roots):
        return combined, tuple(dict.fromkeys(check.exclude))
    exact = ", ".join(_path(root) for root in roots)
    return (exact, ()) if check.fits(exact, roots) else (None, ())


class _Extras:
    """Whether a card selector's extra matches are harmless, and what to exclude for that."""

    def __init__(self, soup: BeautifulSoup, roots: list[Tag], base: str | None) -> None:
        self.soup, self.roots, self.base = soup, roots, base
        self.root_ids = {id(root) for root in roots}
        self.around = self.root_ids | {id(p) for root in roots for p in root.parents}
        self.classes = {c for root in roots for c in _classes(root)}
        self.links = {_link_of(root, base) for root in roots} - {None}
        self.exclude: list[str] = []

    def fits(self, css: str, group: list[Tag]) -> bool:
        found = soupsieve.select(css, self.soup)
        ids = {id(tag) for tag in found}
        outer = [t for t in found if not any(id(p) in ids for p in t.parents)]
        if not {id(tag) for tag in group} <= {id(tag) for tag in outer}:
            return False
        excluded: list[str] = []
        for extra in (t for t in outer if id(t) not in self.root_ids):
            if is_paid(extra):  # dropped however the recipe reads it
                continue
            if _link_of(extra, self.base) in self.links:
                continue
            token = self._own_class(extra)
            if token is None:
                return False
            excluded.append(token)
        self.exclude += excluded
        return True

    def _own_class(self, extra: Tag) -> str | None:
        for token in _classes(extra):
            if token in self.classes:
                continue
            css = f".{soupsieve.escape(token)}"
            hits = soupsieve.select(css, self.soup)
            if not any(id(h) in self.around or _inside_any(h, self.root_ids) for h in hits):
                return css
        return None


def _link_of(tag: Tag, base: str | None) -> str | None:
    link = soupsieve.select_one("a[href]", tag) if "href" not in tag.attrs else tag
    return absolute(attr(link, "href"), base) if link is not None else None


def _inside_any(tag: Tag, ids: set[int]) -> bool:
    return any(id(p) in ids for p in tag.parents)


def _card_candidates(group: list[Tag]) -> Iterator[str]:
    name = group[0].name
    common = _classes(group[0])
    yield from _shapes(name, common)
    parent = group[0].parent
    contexts = [_context(parent)]
    if parent is not None and parent.name not in _ROOTS:
        contexts.append(f"{parent.name} >")
        grand = parent.parent
        if grand is not None and grand.name not in _ROOTS:
            contexts.append(f"{grand.name} > {parent.name} >")
    for context in dict.fromkeys(c for c in contexts if c):
        for css in _shapes(name, common):
            yield f"{context} {css}"


def _shapes(name: str, classes: tuple[str, ...]) -> Iterator[str]:
    for cls in classes:
        yield f"{name}.{soupsieve.escape(cls)}"
    if len(classes) > 1:
        yield name + "".join(f".{soupsieve.escape(c)}" for c in classes)
    yield name


def _context(node: Tag | None) -> str:
    """A short selector for the nearest ancestor with an id or a class ("" when none)."""
    while node is not None and node.name not in _ROOTS:
        ident = attr(node, "id")
        if ident:
            return f"#{soupsieve.escape(ident)}"
        classes = _classes(node)
        if classes:
            return f"{node.name}.{soupsieve.escape(classes[0])}"
        node = node.parent
    return ""


def _path(tag: Tag) -> str:
    """An exact ``nth-of-type`` path from ``body`` (the last resort for a card's selector)."""
    steps: list[str] = []
    node: Tag | None = tag
    while node is not None and node.name not in ("body", "html", "[document]"):
        parent = node.parent
        same = (
            [c for c in parent.children if isinstance(c, Tag) and c.name == node.name]
            if parent
            else []
        )
        steps.append(
            f"{node.name}:nth-of-type({same.index(node) + 1})" if len(same) > 1 else node.name
        )
        node = parent
    return " > ".join(["body", *reversed(steps)])


def _classes(tag: Tag) -> tuple[str, ...]:
    value = tag.attrs.get("class") or ()
    return tuple(value.split() if isinstance(value, str) else value)


_Finder = Callable[[Tag, Story, str | None], Tag | None]


def _field_selector(
    key: str, located: list[tuple[Tag, Story]], base: str | None
) -> Selector | None:
    """The shortest selector that picks, in every card, the element holding ``key``'s value."""
    finder = _FINDERS[key]
    targets = [(root, finder(root, story, base)) for root, story in located]
    css = _picking(targets)
    if css is None:  # one selector per card shape, joined
        shapes: dict[tuple[str, tuple[str, ...]], list[tuple[Tag, Tag | None]]] = {}
        for root, target in targets:
            shapes.setdefault((root.name, _classes(root)), []).append((root, target))
        parts = [_picking(group) for group in shapes.values()]
        joined = ", ".join(dict.fromkeys(p for p in parts if p))
        css = joined if None not in parts and _picks(joined, targets) else None
    return Selector(css, "datetime" if key == "date" else None) if css else None


def _picking(targets: list[tuple[Tag, Tag | None]]) -> str | None:
    """The first selector that picks the target in every card (and nothing where there is none)."""
    first = next(((root, target) for root, target in targets if target is not None), None)
    if first is None:
        return None
    return next((css for css in _relative(first[1], first[0]) if _picks(css, targets)), None)


def _picks(css: str, targets: list[tuple[Tag, Tag | None]]) -> bool:
    return all(soupsieve.select_one(css, root) is target for root, target in targets)


def _relative(tag: Tag, root: Tag) -> Iterator[str]:
    """Selectors for ``tag`` inside ``root``, shortest first (its shape, then its parent's)."""
    if tag is root:
        return
    own = list(_shapes(tag.name, _classes(tag)))
    yield from own
    for cls in _classes(tag):
        yield f".{soupsieve.escape(cls)}"
    parent = tag.parent
    if parent is not None and parent is not root:
        for outer in _shapes(parent.name, _classes(parent)):
            yield from (f"{outer} > {css}" for css in own)


def _deepest(root: Tag, wanted: str) -> Tag | None:
    if not wanted:
        return None
    found = None
    for node in root.descendants:
        if isinstance(node, Tag) and text_of(node) == wanted:
            found = node  # later matches in document order are deeper (or later) ones
    return found


def _title(root: Tag, story: Story, _base: str | None) -> Tag | None:
    return _deepest(root, story.title) if story.title_source == "page" else None


def _summary(root: Tag, story: Story, _base: str | None) -> Tag | None:
    return _deepest(root, story.summary)


def _link(root: Tag, story: Story, base: str | None) -> Tag | None:
    links = soupsieve.select("a[href]", root)
    return next((a for a in links if absolute(attr(a, "href"), base) == story.link), None)


def _image(root: Tag, story: Story, base: str | None) -> Tag | None:
    url = story.image.url if story.image else None
    if not url:
        return None
    return next((i for i in soupsieve.select("img", root) if img_url(i, base) == url), None)


def _date(root: Tag, story: Story, _base: str | None) -> Tag | None:
    return soupsieve.select_one("time[datetime]", root) if story.stated_date else None


_FINDERS: dict[str, _Finder] = {
    "title": _title,
    "summary": _summary,
    "link": _link,
    "image": _image,
    "date": _date,
}


def _main(
    soup: BeautifulSoup, main: Story | None
) -> tuple[str | None, tuple[tuple[str, Selector], ...]]:
    """The main story's container and title selectors, when the page shows its headline."""
    if main is None:
        return None, ()
    heading = next((h for h in soupsieve.select("h1", soup) if text_of(h) == main.title), None)
    if heading is None:
        return None, ()
    container = next((p for p in heading.parents if p.name in ("article", "main")), None)
    if container is None:
        return None, ()
    wanted = {id(container)}
    css = next(
        (c for c in _shapes(container.name, _classes(container)) if _first_is(soup, c, wanted)),
        None,
    )
    if css is None:
        return None, ()
    title = next(
        (c for c in _relative(heading, container) if soupsieve.select_one(c, container) is heading),
        None,
    )
    return css, (("title", Selector(title)),) if title else ()


def _first_is(soup: BeautifulSoup, css: str, wanted: set[int]) -> bool:
    tag = soupsieve.select_one(css, soup)
    return tag is not None and id(tag) in wanted


def _verified(
    draft: Recipe, soup: BeautifulSoup, page: Page, url: str | None, auto: AutoReader
) -> Recipe:
    """The draft without the selectors that do not give back the automatic reading."""
    cards, fields, exclude = draft.cards, list(draft.fields), draft.exclude
    main, main_fields = draft.main, draft.main_fields
    while True:  # each round drops a selector, or ends
        trial = Recipe(draft.name, cards, tuple(fields), main, main_fields, exclude)
        if trial.cards is None and trial.main is None:
            return trial
        page_copy = copy.copy(soup) if exclude else soup  # exclude removes elements
        result = read_with_recipe(page_copy, trial, url=url, auto=auto).page
        if main is not None and _title_of(result.main) != _title_of(page.main):
            main, main_fields = None, ()
            continue
        wrong = _differences(result.teasers, page.teasers)
        if not wrong or cards is None:
            return trial
        kept = [(key, sel) for key, sel in fields if key not in wrong]
        if len(kept) == len(fields):  # no field to blame: the cards themselves differ
            cards, kept, exclude = None, [], ()
        fields = kept


def _title_of(story: Story | None) -> str | None:
    return story.title if story is not None else None


def _differences(got: tuple[Story, ...], want: tuple[Story, ...]) -> set[str]:
    """The field keys in which two lists of teasers differ (all of them if the cards differ)."""
    if len(got) != len(want):
        return set(FIELD_KEYS)
    wrong: set[str] = set()
    for a, b in zip(got, want, strict=True):
        for key, left, right in (
            ("title", a.title, b.title),
            ("link", a.link, b.link),
            ("summary", a.summary, b.summary),
            ("image", a.image.url if a.image else None, b.image.url if b.image else None),
            ("date", a.stated_date, b.stated_date),
        ):
            if left != right:
                wrong.add(key)
    return wrong


def _toml(recipe: Recipe, host: str) -> str:
    """The draft as a recipe file, with a note on what to do next."""
    q = json.dumps  # a JSON string is a valid TOML basic string
    lines = [
        "# A draft recipe from pagefeed's automatic reading of this page.",
        "# Check it with `pagefeed recipe test SOURCE --recipe FILE.toml`; edit the selectors.",
    ]
    if recipe.cards:
        lines.append(f"cards = {q(recipe.cards, ensure_ascii=False)}")
        lines += [f"{key} = {q(str(sel), ensure_ascii=False)}" for key, sel in recipe.fields]
        if recipe.exclude:
            shown = ", ".join(q(css, ensure_ascii=False) for css in recipe.exclude)
            lines.append(f"exclude = [{shown}]")
    else:
        lines.append('# no teaser card was found again in the page: add cards = "..." by hand')
    if recipe.main:
        lines += ["", "[main]", f"container = {q(recipe.main, ensure_ascii=False)}"]
        lines += [f"{key} = {q(str(sel), ensure_ascii=False)}" for key, sel in recipe.main_fields]
    if host:
        lines += ["", "[match]", f"hosts = [{q(host, ensure_ascii=False)}]"]
    return "\n".join(lines) + "\n"


def suggest_for(text: str, *, url: str | None) -> Suggestion:
    """``pagefeed recipe suggest``: a draft recipe for an HTML page's text."""
    from pagefeed.extract.html.parser import read_soup
    from pagefeed.extract.html.soup import make_soup

    soup = make_soup(text)
    return suggest_recipe(soup, read_soup(soup, url=url), url=url, auto=read_soup)

"""The page scan: one walk over the whole page collecting the signals later steps look up.

Part of the HTML parser (see ``pagefeed.extract.html.parser``): head elements (meta, canonical,
base, title, JSON-LD), headings that open teaser sections, ``<h1>``, ``<article>``, figures,
images, times, microdata, and the elements a class role marks (cards, bylines, dates, captions,
credits). :class:`Context` carries one parse's state to the main-story and teaser steps.
"""

from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag
from bs4.element import PageElement

from pagefeed.extract.html.content import SCORED
from pagefeed.extract.html.jsonld import LdArticle
from pagefeed.extract.html.profiles import (
    NOISE_TAGS,
    Role,
    is_teaser_heading,
)
from pagefeed.extract.html.runs import (
    RUN_CONTAINERS,
    RUN_PLACE_CONTAINER,
    RUN_PLACE_NOISE,
    RUN_PLACE_SUBTREE,
)
from pagefeed.extract.html.tree import (
    DECIDING_ATTRS,
    HEADINGS,
    Classes,
    after,
    attr,
    inside,
    text_of,
)
from pagefeed.extract.match import PageMarks, page_marks

_TITLE_HOLDERS = frozenset({"div", "span", "p", "header", "strong"})
_MAX_HEADING_CHARS = 80
_SCAN_NAMES = HEADINGS | {"script", "meta", "link", "base", "title", "time"}
_LISTED_NAMES = frozenset({"h1", "article", "figure", "img", "main"})


def _titled(value: object) -> bool:
    """Whether a class value names its element a title or a heading (it may open a section)."""
    if isinstance(value, list):
        value = " ".join(value)
    if not isinstance(value, str):
        return False
    low = value.lower()
    return "title" in low or "head" in low


def _section_title(tag: Tag, classes: Classes) -> str | None:
    """The text of ``tag`` when it is a heading that opens a teaser section ("More from ...")."""
    if tag.name not in HEADINGS and not (tag.name in _TITLE_HOLDERS and _titled(tag.get("class"))):
        return None
    if len(tag.contents) > 4:
        return None
    text = classes.text(tag)
    return text if len(text) < _MAX_HEADING_CHARS and is_teaser_heading(text) else None


class Scan:
    """What one walk over the whole page collects.

    (This module's classes are plain slotted classes, not dataclasses, which cost start-up time
    to define.)"""

    __slots__ = (
        "articles",
        "authors",
        "base_href",
        "blocks",
        "canonical",
        "captions",
        "cards",
        "credits",
        "dates",
        "figures",
        "h1s",
        "images",
        "itemprops",
        "ld_blocks",
        "mains",
        "metas",
        "microdata_article",
        "order",
        "run_places",
        "sections",
        "times",
        "title",
    )

    def __init__(self) -> None:
        self.order: dict[int, int] = {}
        self.metas: dict[str, str] = {}
        self.ld_blocks: list[str] = []
        self.base_href: str = ""
        self.canonical: str = ""
        self.title: str = ""
        self.h1s: list[Tag] = []
        self.articles: list[Tag] = []
        self.mains: list[Tag] = []
        self.figures: list[Tag] = []
        self.images: list[Tag] = []
        self.captions: list[Tag] = []
        self.credits: list[Tag] = []
        self.times: list[Tag] = []
        self.authors: list[Tag] = []
        self.dates: list[Tag] = []
        self.cards: list[Tag] = []
        self.sections: list[tuple[Tag, str]] = []
        self.itemprops: dict[str, Tag] = {}
        self.microdata_article: Tag | None = None
        self.blocks: list[Tag] = []  # text blocks for content.score_blocks
        # Where runs.unheaded_cards looks, in page order, with what each place is.
        self.run_places: list[tuple[Tag, int]] = []


# What the scan does with an element, by its name (most names: nothing beyond its attributes).
_LISTED, _SCORED, _SPECIAL, _TITLE_HOLDER, _RUN_CONTAINER, _NO_RUNS = 1, 2, 4, 8, 16, 32
# The unheaded-run search does not look inside these (see runs.unheaded_cards).
_NO_RUN_NAMES = HEADINGS | {"p", "a"}
_KINDS = {
    name: (_LISTED if name in _LISTED_NAMES else 0)
    | (_SCORED if name in SCORED else 0)
    | (_SPECIAL if name in _SCAN_NAMES else 0)
    | (_TITLE_HOLDER if name in _TITLE_HOLDERS else 0)
    | (_RUN_CONTAINER if name in RUN_CONTAINERS else 0)
    | (_NO_RUNS if name in _NO_RUN_NAMES else 0)
    for name in _LISTED_NAMES
    | SCORED
    | _SCAN_NAMES
    | _TITLE_HOLDERS
    | RUN_CONTAINERS
    | _NO_RUN_NAMES
}
_MIN_RUN_CHILDREN = 3  # runs.unheaded_cards finds no run among fewer children
_MARKING_ATTRS = frozenset({"itemprop", "itemtype", "role"})  # read below for every element


def scan_page(soup: BeautifulSoup, classes: Classes) -> Scan:
    """One walk over the page collecting every signal the later steps look up."""
    scan = Scan()
    by_role = {
        Role.CARD: scan.cards,
        Role.AUTHOR: scan.authors,
        Role.DATE: scan.dates,
        Role.CAPTION: scan.captions,
        Role.CREDIT: scan.credits,
    }
    by_name = {"h1": scan.h1s, "article": scan.articles, "figure": scan.figures}
    by_name |= {"img": scan.images, "main": scan.mains}

    # The walk of tree.walk, inlined: this loop sees every node of the page. It also notes the
    # places the unheaded-run search reads (runs.unheaded_cards), outside paragraphs, links and
    # headings (until ``no_runs_end``): containers with children enough for a run, noise
    # (the search reads a page foot and pagers there), and section titles the scan skips.
    order, itemprops, classify, kinds = scan.order, scan.itemprops, classes.classify, _KINDS
    blocks, noise, main, author = scan.blocks, Role.NOISE, Role.MAIN, Role.AUTHOR
    places, deciding, marking = scan.run_places, DECIDING_ATTRS, _MARKING_ATTRS
    no_runs_end: PageElement | None = None
    no_runs = False
    node = soup.contents[0] if soup.contents else None
    while node is not None:
        if no_runs and node is no_runs_end:
            no_runs = False
        if not isinstance(node, Tag):
            node = node.next_element
            continue
        tag, name, attrs = node, node.name, node.attrs
        # classify(tag) for the tags it can give a role (see Classes.classify), without a call
        # for the others (links, pictures: no attribute it reads)
        if name in NOISE_TAGS or (attrs and not deciding.isdisjoint(attrs)):
            role = classify(tag)
        else:
            role = None
        if role is noise:
            if not no_runs:
                places.append((tag, RUN_PLACE_NOISE))
            node = after(tag)
            continue
        order[id(tag)] = len(order)
        kind = kinds.get(name, 0)
        if kind:
            if kind & _SPECIAL:
                if not _scan_special(tag, scan, classes):
                    node = after(tag)
                    continue
            elif (
                kind & _TITLE_HOLDER
                and _titled(attrs.get("class"))
                and (heading := _section_title(tag, classes)) is not None
            ):
                scan.sections.append((tag, heading))
                if not no_runs and not kind & _NO_RUNS:
                    places.append((tag, RUN_PLACE_SUBTREE))
                node = after(tag)
                continue
            if kind & _LISTED:
                by_name[name].append(tag)
            if kind & _SCORED:
                blocks.append(tag)
            if not no_runs:
                if kind & _NO_RUNS:
                    no_runs, no_runs_end = True, after(tag)
                elif kind & _RUN_CONTAINER and len(tag.contents) >= _MIN_RUN_CHILDREN:
                    places.append((tag, RUN_PLACE_CONTAINER))
        if role is not None or (attrs and not marking.isdisjoint(attrs)):
            prop = attrs.get("itemprop")
            if prop and isinstance(prop, str):
                itemprops.setdefault(prop.split()[0], tag)
                role = author if prop == "author" else role
            if scan.microdata_article is None:
                itemtype = attrs.get("itemtype")
                if isinstance(itemtype, str) and "Article" in itemtype:
                    scan.microdata_article = tag
            if role is main or attrs.get("role") == "main":
                scan.mains.insert(0, tag)
            if role is not None:
                found = by_role.get(role)
                if found is not None:
                    found.append(tag)
        node = tag.next_element
    return scan


def _scan_special(tag: Tag, scan: Scan, classes: Classes) -> bool:
    """Record head elements, dated times and section headings; False: do not descend."""
    name = tag.name
    if name == "script":
        if attr(tag, "type").lower() == "application/ld+json":
            scan.ld_blocks.append(tag.get_text())
        return False
    if name == "meta":
        key = (attr(tag, "property") or attr(tag, "name") or attr(tag, "itemprop")).lower()
        if key and "content" in tag.attrs:
            scan.metas.setdefault(key, attr(tag, "content"))
    elif name == "link":
        if "canonical" in attr(tag, "rel").lower().split() and not scan.canonical:
            scan.canonical = attr(tag, "href")
    elif name == "base":
        scan.base_href = scan.base_href or attr(tag, "href")
    elif name == "title":
        scan.title = scan.title or text_of(tag)
        return False
    elif name == "time":
        if "datetime" in tag.attrs:
            scan.times.append(tag)
    elif (heading := _section_title(tag, classes)) is not None:
        scan.sections.append((tag, heading))
        return False
    return True


class Context:
    """Per-parse state shared by the main-story and teaser steps."""

    __slots__ = ("base", "classes", "excluded", "ld", "root", "scan", "warnings")

    def __init__(
        self,
        scan: Scan,
        classes: Classes,
        base: str | None,
        ld: LdArticle | None,
        excluded: set[int],
        warnings: list[str],
        root: Tag,
    ) -> None:
        self.scan = scan
        self.classes = classes
        self.base = base
        self.ld = ld
        self.excluded = excluded
        self.warnings = warnings
        self.root = root

    def meta(self, *keys: str) -> str:
        metas = self.scan.metas
        for key in keys:
            value = metas.get(key)
            if value:
                return value
        return ""

    def all_in(self, tags: list[Tag], scope: Tag | None) -> Iterator[Tag]:
        """Those of ``tags`` inside ``scope`` and outside the teasers (none without scope)."""
        if scope is None:
            return
        scope_id = {id(scope)}
        yield from (t for t in tags if inside(t, scope_id) and not self.outside(t))

    def first_in(self, tags: list[Tag], scope: Tag | None) -> Tag | None:
        """The first of ``tags`` inside ``scope`` and outside the teasers."""
        if scope is not None and tags:
            scope_id = {id(scope)}
            for tag in tags:
                if inside(tag, scope_id) and not inside(tag, self.excluded):
                    return tag
        return None

    def outside(self, tag: Tag) -> bool:
        """Whether ``tag`` belongs to a teaser section or card rather than the main story."""
        return inside(tag, self.excluded)


_HEAD_MARKS = frozenset({"meta", "link"})


def _child(tag: Tag | None, name: str) -> Tag | None:
    """The first child element of ``tag`` named ``name``."""
    if tag is None:
        return None
    return next((c for c in tag.contents if isinstance(c, Tag) and c.name == name), None)


def head_marks(soup: BeautifulSoup, url: str | None) -> PageMarks:
    """What the page's ``<head>`` shows a profile's ``match``: hosts (the given URL, the
    canonical link, og:url) and meta values. Read before the scan, whose roles depend on it."""
    metas: dict[str, str] = {}
    urls = [url]
    head = _child(_child(soup, "html"), "head")  # soup.head searches the whole tree
    if head is not None:
        for tag in head.children:  # meta and link tags sit directly in <head>
            if not isinstance(tag, Tag) or tag.name not in _HEAD_MARKS:
                continue
            if tag.name == "link":
                if "canonical" in attr(tag, "rel").lower().split():
                    urls.append(attr(tag, "href"))
                continue
            key = (attr(tag, "property") or attr(tag, "name") or attr(tag, "itemprop")).lower()
            if key and "content" in tag.attrs:
                metas.setdefault(key, attr(tag, "content"))
    return page_marks([*urls, metas.get("og:url")], metas)

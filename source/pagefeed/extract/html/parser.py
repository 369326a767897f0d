"""The HTML parser: a news page's markup into a :class:`~pagefeed.model.Page` (pure).

The page is parsed once (BeautifulSoup over lxml) and walked once to collect the signals; after
that only small subtrees (the article, each card) are visited. Signals are read in order of trust:
JSON-LD, then OpenGraph / article / Twitter meta and ``<link rel=canonical>``, then the visible
page (``<h1>``, ``<time>``, ``<article>``, ``<figure>``). Teasers are the cards under headings
such as "More from ..." or "Most Popular", plus the cards a site profile names
(``pagefeed.extract.html.profiles``). Navigation, footers, ads, cookie banners, share widgets and
sponsored
cards are skipped wholesale. The signal used for each main-story field is logged at debug level.

URLs: ``Page.url`` is the ``<link rel=canonical>``, else ``og:url``, else the JSON-LD ``url``,
else the ``url`` given; the main story's link takes them in trust order (JSON-LD first). Relative
URLs resolve against ``<base href>``, else the page's ``url``. bs4 is imported only here and in
``pagefeed.extract.html.tree`` / ``pagefeed.extract.html.cards``, which only this module imports.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from bs4 import BeautifulSoup, Tag

from pagefeed.errors import ParseError
from pagefeed.extract.dates import find_date, parse_machine_date
from pagefeed.extract.html.cards import card_roots, card_story, section_container
from pagefeed.extract.html.jsonld import LdArticle, parse_blocks
from pagefeed.extract.html.profiles import (
    CHROME_TEXT,
    META_DATE_KEYS,
    NOISE_TAGS,
    Role,
    class_roles_for,
    is_teaser_heading,
)
from pagefeed.extract.html.tree import (
    BYLINE_PREFIX,
    HEADINGS,
    Classes,
    after,
    attr,
    figcaption,
    first_in,
    img_url,
    inside,
    make_image,
    one_line,
    render,
    tags_in,
    text_of,
    walk,
)
from pagefeed.extract.links import absolute
from pagefeed.extract.match import PageMarks, page_marks
from pagefeed.extract.normalize import derive_title
from pagefeed.extract.sanitize import sanitize_html
from pagefeed.model import Format, Image, Page, Story, TitleSource

log = logging.getLogger(__name__)

BODY_BLOCKS = frozenset({"p", "ul", "ol", "blockquote", "h2", "h3", "h4", "pre"})
_TITLE_HOLDERS = frozenset({"div", "span", "p", "header", "strong"})
_MAX_HEADING_CHARS = 80
_SCAN_NAMES = HEADINGS | {"script", "meta", "link", "base", "title", "time"}
_MIN_LOOSE_BODY = 3  # paragraphs a body outside any <article> needs to count as a story
_LI, _IMG, _FIGCAPTION, _H1 = (frozenset({n}) for n in ("li", "img", "figcaption", "h1"))


def _section_title(tag: Tag) -> bool:
    """Whether ``tag`` is a heading that opens a teaser section ("More from ...")."""
    if tag.name not in HEADINGS:
        if tag.name not in _TITLE_HOLDERS:
            return False
        kind = attr(tag, "class").lower()
        if "title" not in kind and "head" not in kind:
            return False
    if len(tag.contents) > 4:
        return False
    text = text_of(tag)
    return len(text) < _MAX_HEADING_CHARS and is_teaser_heading(text)


@dataclass
class _Scan:
    """What one walk over the whole page collects."""

    order: dict[int, int] = field(default_factory=dict)
    metas: dict[str, str] = field(default_factory=dict)
    ld_blocks: list[str] = field(default_factory=list)
    base_href: str = ""
    canonical: str = ""
    title: str = ""
    h1s: list[Tag] = field(default_factory=list)
    articles: list[Tag] = field(default_factory=list)
    mains: list[Tag] = field(default_factory=list)
    figures: list[Tag] = field(default_factory=list)
    images: list[Tag] = field(default_factory=list)
    captions: list[Tag] = field(default_factory=list)
    credits: list[Tag] = field(default_factory=list)
    times: list[Tag] = field(default_factory=list)
    authors: list[Tag] = field(default_factory=list)
    dates: list[Tag] = field(default_factory=list)
    cards: list[Tag] = field(default_factory=list)
    sections: list[tuple[Tag, str]] = field(default_factory=list)
    itemprops: dict[str, Tag] = field(default_factory=dict)
    microdata_article: Tag | None = None


def _scan(soup: BeautifulSoup, classes: Classes) -> _Scan:
    """One walk over the page collecting every signal the later steps look up."""
    scan = _Scan()
    by_role = {
        Role.CARD: scan.cards,
        Role.AUTHOR: scan.authors,
        Role.DATE: scan.dates,
        Role.CAPTION: scan.captions,
        Role.CREDIT: scan.credits,
    }
    by_name = {"h1": scan.h1s, "article": scan.articles, "figure": scan.figures}
    by_name |= {"img": scan.images, "main": scan.mains}

    # The walk of htmltree.walk, inlined: this loop sees every node of the page.
    order, itemprops, classify = scan.order, scan.itemprops, classes.classify
    node = soup.contents[0] if soup.contents else None
    while node is not None:
        if not isinstance(node, Tag):
            node = node.next_element
            continue
        tag, name, attrs = node, node.name, node.attrs
        role = classify(tag) if attrs else (Role.NOISE if name in NOISE_TAGS else None)
        if role is Role.NOISE:
            node = after(tag)
            continue
        order[id(tag)] = len(order)
        special = name in _SCAN_NAMES or (name in _TITLE_HOLDERS and "class" in attrs)
        if special and not _scan_special(tag, scan):
            node = after(tag)
            continue
        found = by_name.get(name)
        if found is not None:
            found.append(tag)
        if attrs:
            prop = attrs.get("itemprop")
            if isinstance(prop, str) and prop:
                itemprops.setdefault(prop.split()[0], tag)
                role = Role.AUTHOR if prop == "author" else role
            kind = attrs.get("itemtype")
            if scan.microdata_article is None and isinstance(kind, str) and "Article" in kind:
                scan.microdata_article = tag
            if role is Role.MAIN or attrs.get("role") == "main":
                scan.mains.insert(0, tag)
            found = by_role.get(role) if role is not None else None
            if found is not None:
                found.append(tag)
        node = tag.next_element
    return scan


def _scan_special(tag: Tag, scan: _Scan) -> bool:
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
    elif _section_title(tag):
        scan.sections.append((tag, text_of(tag)))
        return False
    return True


# ---- The main story -------------------------------------------------------------------------


@dataclass
class _Context:
    """Per-parse state shared by the main-story and teaser steps."""

    scan: _Scan
    classes: Classes
    base: str | None
    ld: LdArticle | None
    excluded: set[int]
    warnings: list[str]
    root: Tag

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


def _container(ctx: _Context) -> Tag | None:
    """The element holding the main story's body, by the strongest hint present."""
    scan = ctx.scan
    body = scan.itemprops.get("articleBody")
    if body is not None and not ctx.outside(body):
        return body
    h1 = next((h for h in scan.h1s if not ctx.outside(h)), None)
    article_ids = {id(a) for a in scan.articles + scan.mains[:1]}
    if h1 is not None:
        node = h1.parent
        while node is not None and id(node) not in article_ids:
            node = node.parent
        if node is not None and not ctx.outside(node):
            return node
        loose = _loose_container(h1, ctx)
        if loose is not None:
            return loose
    articles = [a for a in scan.articles if not ctx.outside(a)]
    # Several <article> elements and no <h1> among them: a grid of cards, not one story.
    candidates = [scan.microdata_article, *(articles if len(articles) == 1 else ()), *scan.mains]
    return next((c for c in candidates if c is not None and not ctx.outside(c)), None)


def _loose_container(h1: Tag, ctx: _Context) -> Tag | None:
    """No <article> or <main> around the headline: the nearest ancestor holding the headline and
    the paragraphs that follow it (a body needs :data:`_MIN_LOOSE_BODY` of them)."""
    if ctx.scan.articles or ctx.scan.mains:
        return None  # the page marks its story elsewhere: let those hints decide
    following = h1.find_all_next("p", limit=_MIN_LOOSE_BODY)
    if len(following) < _MIN_LOOSE_BODY:
        return None
    around_last = {id(node) for node in following[-1].parents}
    node = h1.parent
    while node is not None and node.name != "[document]":
        if ctx.outside(node):
            return None
        if id(node) in around_last:  # it holds the h1 and, in document order, all three
            return node
        node = node.parent
    return None


def _body(container: Tag, lead: Tag | None, ctx: _Context) -> tuple[list[str], str | None]:
    """The body's plain-text paragraphs and its sanitised HTML."""
    blocks: list[Tag] = []

    def visit(tag: Tag, _role: Role | None) -> bool:
        if id(tag) in ctx.excluded or tag is lead or tag.name in ("aside", "h1", "header"):
            return False
        if tag.name in BODY_BLOCKS or tag.name == "figure":
            blocks.append(tag)
            return False
        return True

    walk(container, visit, ctx.classes)
    paragraphs: list[str] = []
    kept: list[str] = []
    for block in blocks:
        text, markup = render(block, base=ctx.base)
        if block.name in ("ul", "ol"):
            items = (text_of(li) for li in tags_in(block, _LI))
            paragraphs.extend(item for item in items if item)
        elif block.name != "figure":
            if CHROME_TEXT.fullmatch(text) or not (text or "<img" in markup):
                continue
            if text:
                paragraphs.append(text)
        kept.append(markup)
    # render() made every URL absolute already: the sanitiser drops whatever is still relative.
    html = sanitize_html("".join(kept), base_url=None) if kept else None
    return paragraphs, html or None


def _main_date(scope: Tag | None, ctx: _Context) -> datetime | None:
    candidates: list[tuple[str, str | None]] = [
        ("JSON-LD datePublished", ctx.ld.published if ctx.ld else None),
        ("meta", ctx.meta(*META_DATE_KEYS)),
    ]
    microdata = ctx.scan.itemprops.get("datePublished")
    if microdata is not None:
        shown = attr(microdata, "content") or attr(microdata, "datetime") or text_of(microdata)
        candidates.append(("microdata datePublished", shown))
    time_tag = ctx.first_in(ctx.scan.times, scope)
    if time_tag is not None:
        candidates.append(("<time datetime>", attr(time_tag, "datetime")))
    for signal, value in candidates:
        if not value:
            continue
        parsed = parse_machine_date(value)
        if parsed is None:  # a date written for people ("Nov 20, 2019, 01:38 PM IST")
            parsed, notes = find_date(value)
            ctx.warnings.extend(notes)
        if parsed is not None:
            log.debug("main story date from %s", signal)
            return parsed
        ctx.warnings.append(f"unreadable date {value!r} in {signal}; ignored")
    date_tag = ctx.first_in(ctx.scan.dates, scope)
    if date_tag is not None:
        found, notes = find_date(text_of(date_tag))
        ctx.warnings.extend(notes)
        return found
    return None


def _main_author(scope: Tag | None, ctx: _Context) -> str | None:
    if ctx.ld and ctx.ld.authors:
        return ", ".join(ctx.ld.authors)
    meta = one_line(ctx.meta("author", "article:author", "twitter:creator"))
    if meta and absolute(meta, None) is None:
        return meta
    tag = ctx.first_in(ctx.scan.authors, scope)
    if tag is None:
        return None
    names = (n for n in tag.descendants if isinstance(n, Tag) and n.get("itemprop") == "name")
    name = next(names, tag)
    return BYLINE_PREFIX.sub("", text_of(name)) or None


def _main_image(scope: Tag | None, lead: Tag | None, ctx: _Context) -> Image | None:
    ld = ctx.ld
    item = ctx.scan.itemprops.get("image")
    microdata = None
    if item is not None and not ctx.outside(item):
        microdata = attr(item, "content") or attr(item, "src") or attr(item, "href") or None
    # og:image first: it is what the site chose for sharing, and what readers show.
    url = absolute(
        ctx.meta("og:image", "og:image:url", "og:image:secure_url")
        or (ld.image_url if ld else None)
        or ctx.meta("twitter:image", "twitter:image:src")
        or microdata,
        ctx.base,
    )
    caption, credit = (ld.image_caption, ld.image_credit) if ld else (None, None)
    if not (url and caption and credit):  # the picture as the page shows it fills the gaps
        shown = _shown_image(scope, lead, ctx)
        url, caption, credit = url or shown.url, caption or shown.caption, credit or shown.credit
    return make_image(url, caption, credit, notes=ctx.warnings)


def _shown_image(scope: Tag | None, lead: Tag | None, ctx: _Context) -> Image:
    """The lead picture as the page shows it: a <figure>, else the first image of the article."""
    if lead is not None:
        img, caption_tag = first_in(lead, _IMG), first_in(lead, _FIGCAPTION)
        caption, credit = figcaption(caption_tag, ctx.classes) if caption_tag else (None, None)
        return Image(url=img_url(img, ctx.base) if img else None, caption=caption, credit=credit)
    images = (img_url(img, ctx.base) for img in ctx.all_in(ctx.scan.images, scope))
    caption_tag = ctx.first_in(ctx.scan.captions, scope)
    credit_tag = ctx.first_in(ctx.scan.credits, scope)
    return Image(
        url=next((url for url in images if url), None),
        caption=text_of(caption_tag) or None if caption_tag else None,
        credit=text_of(credit_tag) or None if credit_tag else None,
    )


def _strip_site(title: str, site: str | None) -> str:
    """``og:title`` often ends in " | Site": drop that suffix."""
    if site:
        for sep in (" | ", " - ", " – ", " — "):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip()
    return title


def _scope_of(container: Tag | None, ctx: _Context) -> Tag | None:
    """The article around the body container (byline, lead figure and date live there)."""
    node = container
    while node is not None:
        if node.name == "article" or node is ctx.scan.microdata_article:
            return node
        node = node.parent
    return container


def _main_story(ctx: _Context, site: str | None) -> Story | None:
    ld, scan = ctx.ld, ctx.scan
    container = _container(ctx)
    is_article = ld is not None or scan.microdata_article is not None
    is_article = is_article or ctx.meta("og:type").lower() == "article"
    if container is None and not is_article:
        return None
    scope = _scope_of(container, ctx)
    lead = ctx.first_in(scan.figures, scope)
    paragraphs, body_html = _body(container, lead, ctx) if container is not None else ([], None)
    h1 = ctx.first_in(scan.h1s, scope)
    in_article = scope is not None and scope.name == "article" and bool(paragraphs)
    headed = h1 is not None and len(paragraphs) >= _MIN_LOOSE_BODY
    if not (is_article or in_article or headed):
        return None  # a listing page's intro text is not a story
    headline = scan.itemprops.get("headline")
    titles = [
        ("JSON-LD headline", ld.headline if ld else None),
        ("og:title", _strip_site(ctx.meta("og:title"), site)),
        ("twitter:title", ctx.meta("twitter:title")),
        ("microdata headline", text_of(headline) if headline is not None else None),
        ("<h1>", text_of(h1) if h1 is not None else None),
    ]
    signal, title = next(((s, one_line(t)) for s, t in titles if t and one_line(t)), ("", ""))
    source = TitleSource.PAGE
    if not title:
        title, source = derive_title(paragraphs[0] if paragraphs else ""), TitleSource.DERIVED
        if not title:
            return None
        ctx.warnings.append("no title on the page; made one from the first sentence")
    log.debug("main story title from %s", signal or "the first sentence")
    description = (
        (ld.description if ld else None)
        or ctx.meta("og:description", "description", "twitter:description")
        or (paragraphs[0] if paragraphs else "")
    )
    return Story(
        title=title,
        title_source=source,
        summary=one_line(description),
        body=tuple(paragraphs),
        body_html=body_html,
        author=_main_author(scope, ctx),
        link=_page_url(ctx, story=True),
        image=_main_image(scope, lead, ctx),
        stated_date=_main_date(scope, ctx),
    )


def _page_url(ctx: _Context, *, story: bool) -> str | None:
    """The story's link (JSON-LD url first) or the page's canonical URL (canonical link first)."""
    ld_url = ctx.ld.url if ctx.ld else None
    og_url, canonical = ctx.meta("og:url"), ctx.scan.canonical
    order = (ld_url, og_url, canonical) if story else (canonical, og_url, ld_url)
    found = (absolute(value, ctx.base) for value in order if value)
    return next((url for url in found if url), absolute(ctx.base, None))


# ---- Teasers and the page -------------------------------------------------------------------


_Found = list[tuple[Tag, str | None]]  # card roots with the section they sit in


def _section_cards(ctx: _Context) -> _Found:
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


def _listing_cards(ctx: _Context) -> _Found:
    """On a page with no main story, every card-like element of the page is a teaser."""
    scan = ctx.scan
    stops = {id(heading) for heading, _ in scan.sections}
    root = scan.mains[0] if scan.mains else ctx.root
    return _loose(card_roots(root, None, stops, ctx.excluded, ctx.classes), ctx)


def _loose(cards: list[Tag], ctx: _Context) -> _Found:
    """Cards outside every section; one holding a teaser heading is a section, not a card."""
    headings = [heading for heading, _ in ctx.scan.sections]
    found: _Found = []
    for card in cards:
        if inside(card, ctx.excluded) or first_in(card, _H1) is not None:
            continue
        if not any(inside(heading, {id(card)}) for heading in headings):
            found.append((card, None))
            ctx.excluded.add(id(card))
    return found


def _teasers(found: _Found, main: Story | None, ctx: _Context) -> tuple[Story, ...]:
    """The cards as stories in page order; a story already seen (same link) is kept once."""
    found.sort(key=lambda pair: ctx.scan.order.get(id(pair[0]), 0))
    seen = {main.link} if main and main.link else set()
    teasers: list[Story] = []
    for root, section in found:
        story = card_story(root, section, ctx.base, ctx.classes, ctx.warnings)
        if story is not None and (story.link is None or story.link not in seen):
            teasers.append(story)
            if story.link:
                seen.add(story.link)
    return tuple(teasers)


def _soup(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4's hints about markup that looks like a URL or XML
        try:
            return BeautifulSoup(text, "lxml")
        except (UnicodeError, ValueError):  # lone surrogates, NULs lxml refuses
            cleaned = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
            return BeautifulSoup(cleaned, "lxml")


_HEAD_MARKS = frozenset({"meta", "link"})


def _head_marks(soup: BeautifulSoup, url: str | None) -> PageMarks:
    """What the page's ``<head>`` shows a profile's ``match``: hosts (the given URL, the
    canonical link, og:url) and meta values. Read before the scan, whose roles depend on it."""
    metas: dict[str, str] = {}
    urls = [url]
    head = soup.head
    if head is not None:
        for tag in tags_in(head, _HEAD_MARKS):
            if tag.name == "link":
                if "canonical" in attr(tag, "rel").lower().split():
                    urls.append(attr(tag, "href"))
                continue
            key = (attr(tag, "property") or attr(tag, "name") or attr(tag, "itemprop")).lower()
            if key and "content" in tag.attrs:
                metas.setdefault(key, attr(tag, "content"))
    return page_marks([*urls, metas.get("og:url")], metas)


def parse_html(text: str, *, url: str | None = None) -> Page:
    """Parse an HTML page into one main story (or none, for a listing page) and its teasers.

    ``url`` is the page's address: the base for relative URLs and the fallback canonical URL.
    Raises :class:`~pagefeed.errors.ParseError` when the page holds no story and no teaser.
    """
    soup = _soup(text)
    classes = Classes(class_roles_for(_head_marks(soup, url)))
    scan = _scan(soup, classes)
    ld, ld_warnings = parse_blocks(scan.ld_blocks)
    page_url = absolute(url, None)
    base = absolute(scan.base_href, page_url) or page_url
    ctx = _Context(scan, classes, base, ld, set(), list(ld_warnings), root=soup)
    site = ctx.meta("og:site_name", "application-name") or (ld.publisher if ld else None)
    found = _section_cards(ctx)
    main = _main_story(ctx, site)
    if main is None:
        found += _listing_cards(ctx)
    teasers = _teasers(found, main, ctx)
    if main is None and not teasers:
        raise ParseError(f"HTML page {url or '(no URL)'}: no story and no teaser found")
    return Page(
        main=main,
        teasers=teasers,
        warnings=tuple(dict.fromkeys(ctx.warnings)),
        title=scan.title or one_line(ctx.meta("og:title")) or (main.title if main else None),
        url=_page_url(ctx, story=False),
        site_name=one_line(site) if site else None,
        format=Format.HTML,
    )

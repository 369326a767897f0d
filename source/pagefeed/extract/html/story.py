"""The main story: its container, body, title, date, author, image and link (pure).

Part of the HTML parser (see ``pagefeed.extract.html.parser``). Metadata is read apart from the
visible page and trusted first (JSON-LD, then OpenGraph / article meta, then microdata); the body
comes from the visible page, from the container :mod:`pagefeed.extract.html.content` scores best.
"""

import re
from collections.abc import Callable
from datetime import datetime

from bs4 import Tag

from pagefeed.extract.dates import find_date, parse_machine_date
from pagefeed.extract.html.body import Body, read_body
from pagefeed.extract.html.byline import Byline, leading_chrome
from pagefeed.extract.html.content import lead_before, score_blocks
from pagefeed.extract.html.profiles import (
    META_DATE_KEYS,
)
from pagefeed.extract.html.scan import Context
from pagefeed.extract.html.tree import (
    BYLINE_PREFIX,
    attr,
    figcaption,
    first_in,
    img_url,
    make_image,
    one_line,
    tags_in,
    text_of,
)
from pagefeed.extract.links import absolute
from pagefeed.extract.normalize import derive_title
from pagefeed.logs import get_logger
from pagefeed.model import Image, Story, TitleSource

log = get_logger(__name__)

_MIN_LOOSE_BODY = 3  # paragraphs a body outside any <article> needs to count as a story
_LI, _IMG, _FIGCAPTION, _H1 = (frozenset({n}) for n in ("li", "img", "figcaption", "h1"))


_LONG_PARAGRAPH = 300  # a paragraph this long is prose, not a listing's blurb
_MIN_DENSE_CHARS = 400  # a body with no headline or article mark around it needs this much text
_MIN_ITEMPROP_BODY = 200  # characters an articleBody needs (one holding only <meta> is no body)


def _containers(ctx: Context) -> list[Tag]:
    """The elements holding the main story's body: a microdata ``articleBody`` with text, else
    the best-scored block and its close siblings (:mod:`pagefeed.extract.html.content`)."""
    body = ctx.scan.itemprops.get("articleBody")
    if body is not None and not ctx.outside(body) and len(text_of(body)) >= _MIN_ITEMPROP_BODY:
        return [body]
    scores = score_blocks(ctx.root, ctx.classes, ctx.excluded, blocks=ctx.scan.blocks)
    joined = scores.joined()
    if joined:
        return [*lead_before(joined[0], ctx.classes, ctx.excluded), *joined]
    marked = _marked_container(ctx)  # too little text to score: the page's own markup decides
    return [marked] if marked is not None else []


_LINE_TAGS = frozenset({"p", "div", "span", "li", "address", "time"})
_LINES_BEFORE = 6


def _lines_before(container: Tag) -> list[str]:
    """Short text lines in the two elements before ``container`` (a byline and date often sit
    just above the body, outside it)."""
    lines: list[str] = []
    sibling = container.previous_sibling
    seen = 0
    while sibling is not None and seen < 2 and len(lines) < _LINES_BEFORE:
        if isinstance(sibling, Tag):
            seen += 1
            found = list(tags_in(sibling, _LINE_TAGS))
            holders = {id(t.parent) for t in found}
            leaves = [t for t in found if id(t) not in holders]
            lines[:0] = [text for t in leaves[:_LINES_BEFORE] if (text := text_of(t))]
        sibling = sibling.previous_sibling
    return lines


def _marked_container(ctx: Context) -> Tag | None:
    """The ``<article>`` or ``<main>`` around the first ``<h1>``, else the page's only article,
    its microdata article or its ``<main>``."""
    scan = ctx.scan
    marks = {id(a) for a in scan.articles + scan.mains[:1]}
    h1 = next((h for h in scan.h1s if not ctx.outside(h)), None)
    node = h1.parent if h1 is not None else None
    while node is not None and id(node) not in marks:
        node = node.parent
    if node is not None and not ctx.outside(node):
        return node
    articles = [a for a in scan.articles if not ctx.outside(a)]
    # Several <article> elements and no <h1> among them: a grid of cards, not one story.
    candidates = [scan.microdata_article, *(articles if len(articles) == 1 else ()), *scan.mains]
    return next((c for c in candidates if c is not None and not ctx.outside(c)), None)


def _main_date(scope: Tag | None, ctx: Context) -> datetime | None:
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


def _main_author(scope: Tag | None, ctx: Context) -> str | None:
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


def _main_image(scope: Tag | None, lead: Tag | None, ctx: Context) -> Image | None:
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


def _shown_image(scope: Tag | None, lead: Tag | None, ctx: Context) -> Image:
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


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")


def strip_site(title: str, site: str | None, *, guess: bool = False) -> str:
    """A title without the site's name before or after it ("Story | Site", "Site - Story").

    With ``guess`` (for a ``<title>``), a last part shorter than the rest is taken for the site's
    name even when the page does not state its name."""
    if not title:
        return title
    title = one_line(title)
    cuts = list(_TITLE_SEPARATORS.finditer(title))
    if not cuts:
        return title
    head, tail = title[: cuts[-1].start()], title[cuts[-1].end() :]
    if site:
        key = site.casefold().strip()
        if tail.casefold().strip() == key:
            return head
        if title[: cuts[0].start()].casefold().strip() == key:
            return title[cuts[0].end() :]
    if guess and len(tail) < len(head):
        return head
    return title


def _scope_of(container: Tag | None, ctx: Context) -> Tag | None:
    """The article around the body container (byline, lead figure and date live there)."""
    node = container
    while node is not None:
        if node.name == "article" or node is ctx.scan.microdata_article:
            return node
        node = node.parent
    return container


def main_story(ctx: Context, site: str | None) -> Story | None:
    ld, scan = ctx.ld, ctx.scan
    containers = _containers(ctx)
    container = containers[0] if containers else None
    is_article = ld is not None or scan.microdata_article is not None
    is_article = is_article or ctx.meta("og:type").lower() == "article"
    if container is None and not is_article:
        return None
    scope = _scope_of(container, ctx)
    lead = ctx.first_in(scan.figures, scope)
    body = read_body(containers, lead, ctx) if containers else Body()
    paragraphs, byline = leading_chrome(body.paragraphs)
    if byline.author is None and container is not None:
        before = leading_chrome(_lines_before(container))[1]
        byline = Byline(author=before.author, date=byline.date or before.date)
    h1 = ctx.first_in(scan.h1s, scope) or ctx.first_in(scan.h1s, ctx.root)
    in_article = scope is not None and scope.name == "article" and bool(paragraphs)
    headed = h1 is not None and len(paragraphs) >= _MIN_LOOSE_BODY
    chars = sum(map(len, paragraphs))
    long_one = max(map(len, paragraphs), default=0) >= _LONG_PARAGRAPH
    dense = chars >= _MIN_DENSE_CHARS and (len(paragraphs) >= _MIN_LOOSE_BODY or long_one)
    if not (is_article or in_article or headed or dense):
        return None  # a listing page's intro text is not a story
    title, source = _title(ctx, site, h1, paragraphs)
    if not title:
        return None
    if source is TitleSource.PAGE and paragraphs and _same_line(paragraphs[0], title):
        # The headline shown again as the body's first line ("<p class=titulo>"): not body.
        paragraphs, after_title = leading_chrome(paragraphs[1:])
        byline = byline if byline.author or byline.date else after_title
    description = (
        (ld.description if ld else None)
        or ctx.meta("og:description", "description", "twitter:description")
        or (paragraphs[0] if paragraphs else "")
    )
    author = _main_author(scope, ctx) or byline.author
    return Story(
        title=title,
        title_source=source,
        summary=one_line(description),
        body=tuple(paragraphs),
        body_html=body.html(skip=len(body.paragraphs) - len(paragraphs)),
        author=author,
        link=page_url(ctx, story=True),
        image=_main_image(scope, lead, ctx),
        stated_date=_main_date(scope, ctx) or byline.date,
    )


def _title(
    ctx: Context, site: str | None, h1: Tag | None, paragraphs: list[str]
) -> tuple[str, TitleSource]:
    """The headline by trust: JSON-LD, og:title, twitter:title, microdata, the ``<h1>`` (unless it
    is the site's name), the ``<title>`` without its site suffix; else one made from the body."""
    ld, scan = ctx.ld, ctx.scan
    headline = scan.itemprops.get("headline")

    def shown() -> str:  # read only when no signal before it gives a title
        text = text_of(h1) if h1 is not None else ""
        return "" if text and _is_site_name(text, site, scan.title) else text

    titles: list[tuple[str, Callable[[], str | None]]] = [  # read in turn, until one gives text
        ("JSON-LD headline", lambda: ld.headline if ld else None),
        ("og:title", lambda: strip_site(ctx.meta("og:title"), site)),
        ("twitter:title", lambda: strip_site(ctx.meta("twitter:title"), site)),
        ("microdata headline", lambda: text_of(headline) if headline is not None else None),
        ("<h1>", shown),
        ("<title>", lambda: strip_site(scan.title, site, guess=True)),
    ]
    for signal, read in titles:
        text = read()
        if text and (title := one_line(text)):
            log.debug("main story title from %s", signal)
            return title, TitleSource.PAGE
    title = derive_title(paragraphs[0] if paragraphs else "")
    if title:
        ctx.warnings.append("no title on the page; made one from the first sentence")
        log.debug("main story title from the first sentence")
    return title, TitleSource.DERIVED


def _same_line(text: str, title: str) -> bool:
    return text.casefold().strip(" .") == title.casefold().strip(" .")


def _is_site_name(text: str, site: str | None, page_title: str) -> bool:
    """Whether an ``<h1>`` holds the site's name (a logo) rather than the story's headline."""
    key = text.casefold().strip()
    if site and key == site.casefold().strip():
        return True
    parts = [p.casefold().strip() for p in _TITLE_SEPARATORS.split(page_title)]
    return len(parts) > 1 and key == parts[-1] and key != parts[0]


def page_url(ctx: Context, *, story: bool) -> str | None:
    """The story's link (JSON-LD url first) or the page's canonical URL (canonical link first)."""
    ld_url = ctx.ld.url if ctx.ld else None
    og_url, canonical = ctx.meta("og:url"), ctx.scan.canonical
    order = (ld_url, og_url, canonical) if story else (canonical, og_url, ld_url)
    for value in order:
        url = absolute(value, ctx.base) if value else None
        if url:
            return url
    return absolute(ctx.base, None)

"""BeautifulSoup helpers shared by the HTML parser: attributes, text, roles, noise, images.

Part of the HTML parser (with ``pagefeed.extract.html.parser`` and
``pagefeed.extract.html.cards``); these modules are
the only ones that import bs4, and only when a page is HTML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from html import escape

from bs4 import Tag
from bs4.element import NavigableString, PageElement

from pagefeed.extract.dates import find_date, is_file_photo
from pagefeed.extract.html.profiles import (
    GENERIC_WORD_ROLES,
    IMAGE_SRCSET_ATTRS,
    IMAGE_URL_ATTRS,
    NEVER_NOISE,
    NOISE_ARIA_ROLES,
    NOISE_TAGS,
    NOISE_WORDS,
    WEAK_NOISE_TAGS,
    WEAK_NOISE_WORDS,
    Role,
    is_teaser_heading,
)
from pagefeed.extract.links import absolute, largest_in_srcset
from pagefeed.extract.normalize import squash
from pagefeed.extract.sanitize import ALLOWED_TAGS
from pagefeed.model import Image

HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
BYLINE_PREFIX = re.compile(r"^(by|written by|words by)\s+", re.IGNORECASE)
# The characters pagefeed.extract.normalize.squash deletes: controls but TAB, LF and CR; the two XML
# non-characters, zero-width characters, the BOM and the soft hyphen; lone surrogates. (No
# character class beyond Latin-1: re would build a 64K-entry table at import.)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_STATE_PREFIXES = ("has-", "with-", "is-", "no-", "js-")
# Elements whose text is never shown as text, and elements that separate words.
_NO_TEXT = frozenset(
    {
        "script", "style", "svg", "math", "noscript", "template", "object", "embed", "iframe",
        "button", "select", "textarea", "canvas", "video", "audio",
    }
)  # fmt: skip
LINK = frozenset({"a"})
_SOURCE = frozenset({"source"})
_VOID = frozenset({"br", "img", "hr", "wbr", "source", "input", "meta", "link"})
_SPACE = NavigableString(" ")
_SPACED = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr",
     "figcaption", "figure", "section", "article", "header", "footer", "blockquote", "dd", "dt"}
)  # fmt: skip


def attr(tag: Tag, name: str) -> str:
    """An attribute as one stripped string ("" when absent); multi-valued ones are joined."""
    value = tag.attrs.get(name)
    if value is None:
        return ""
    return (value if isinstance(value, str) else " ".join(value)).strip()


def one_line(text: str) -> str:
    """:func:`pagefeed.extract.normalize.squash` with a fast path (same result, property-tested).

    Text without characters to delete is squashed by splitting at whitespace (``str.split``
    and the regex ``\\s`` agree on every code point) and joining with single spaces; NFC is
    applied only to non-ASCII text.
    """
    if _CONTROLS.search(text) is None:
        if text.isascii():
            return " ".join(text.split())
        if not _has_deleted(text) and _no_surrogate(text):
            return unicodedata.normalize("NFC", " ".join(text.split()))
    return squash(text)


def _has_deleted(text: str) -> bool:
    """Whether ``text`` holds a non-character, a zero-width character, a BOM or a soft hyphen."""
    return (
        "\u00ad" in text or "\u200b" in text or "\u200c" in text or "\u200d" in text
        or "\u2060" in text or "\ufeff" in text or "\ufffe" in text or "\uffff" in text
    )  # fmt: skip


def _no_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")  # fails on a lone surrogate, and only then
    except UnicodeEncodeError:
        return False
    return True


def text_of(tag: Tag) -> str:
    """The visible text of ``tag`` on one line: no script, style or SVG text; blocks spaced."""
    contents = tag.contents
    if len(contents) == 1 and type(contents[0]) is NavigableString:  # a link, a heading
        return one_line(contents[0])
    parts: list[str] = []
    stack: list[PageElement] = list(reversed(contents))
    pop, push, extend, keep = stack.pop, stack.append, stack.extend, parts.append
    while stack:
        node = pop()
        if type(node) is NavigableString:
            keep(node)
        elif isinstance(node, Tag):
            name = node.name
            if name in _SPACED:
                keep(" ")
                push(_SPACE)  # and a space after the block, too
            if name not in _NO_TEXT:
                extend(reversed(node.contents))
    return one_line("".join(parts))


_NO_ROLES: Mapping[str, Role] = {}


class Classes:
    """Role and noise decisions, and visible text, for the tags of one parse, cached per tag.

    ``roles`` maps exact class names to roles: those of the site profiles whose ``match`` holds
    for this page (``profiles.class_roles_for``); none by default. The generic decisions for id
    and class values are pure and cached module-wide (:func:`_token_decision`,
    :func:`_class_value_decision`, both bounded).
    """

    def __init__(self, roles: Mapping[str, Role] = _NO_ROLES) -> None:
        # The decisions made so far, by tag id (tags live as long as the parse: ids are stable);
        # read-only outside this class (walks look a tag up here before calling classify).
        self.known: dict[int, Role | None] = {}
        self._roles = roles
        self._texts: dict[int, str] = {}  # text_of by tag id: a card is read by several steps

    def classify(self, tag: Tag) -> Role | None:
        """What the element is to the extractor; ``Role.NOISE`` for chrome (never descended)."""
        attrs, name = tag.attrs, tag.name
        if name in NOISE_TAGS:
            if not attrs and name not in WEAK_NOISE_TAGS:
                return Role.NOISE
        elif DECIDING_ATTRS.isdisjoint(attrs):  # most tags, links and pictures: nothing to decide
            return None
        key = id(tag)
        known = self.known
        if key in known:
            return known[key]
        role = known[key] = _classify(tag, self._roles)
        return role

    def text(self, tag: Tag) -> str:
        """:func:`text_of` ``tag``, read once per parse (the tree is not changed while read)."""
        key = id(tag)
        texts = self._texts
        text = texts.get(key)
        if text is None:
            text = texts[key] = text_of(tag)
        return text

    role = classify  # the element's role, ``Role.NOISE`` included


# The attributes _classify reads: an element outside NOISE_TAGS with none of them has no role.
DECIDING_ATTRS = frozenset({"role", "hidden", "id", "rel", "class"})


def _classify(tag: Tag, roles: Mapping[str, Role]) -> Role | None:
    name = tag.name
    if name in NOISE_TAGS:
        if name in WEAK_NOISE_TAGS and holds_story(tag):
            return None  # a <form> wrapping the whole page
        return Role.NOISE
    attrs = tag.attrs
    if not attrs:
        return None
    may_be_noise = name not in NEVER_NOISE
    level = 0
    if may_be_noise:
        aria = attrs.get("role")
        if "hidden" in attrs or (isinstance(aria, str) and aria.lower() in NOISE_ARIA_ROLES):
            return Role.NOISE
        ident = attrs.get("id")
        if isinstance(ident, str):
            level = _token_decision(ident)[0]
    rel = attrs.get("rel")
    role = Role.AUTHOR if rel is not None and "author" in rel else None
    value = attrs.get("class")
    if value:
        text = value if isinstance(value, str) else " ".join(value)
        noisy, class_role = _class_value_decision(text)
        level = max(level, noisy) if may_be_noise else 0
        if roles:  # a profile's exact class name beats the generic words
            class_role = next((roles[t] for t in text.split() if t in roles), class_role)
        role = role or class_role
    if level == _STRONG or (level == _WEAK and not (name in _REGIONS and _holds_content(tag))):
        return Role.NOISE
    return role


_WEAK, _STRONG = 1, 2
# Elements that can hold a story's paragraphs; a list, link or span named "nav" cannot.
_REGIONS = frozenset({"div", "section", "main", "article", "form", "td", "table", "center"})
_STORY_PARAGRAPHS = 3  # long paragraphs that make a region the story, whatever its class says
_STORY_PARAGRAPH_CHARS = 100
_P = frozenset({"p"})


def _holds_content(tag: Tag) -> bool:
    """Story paragraphs, or a teaser section under its heading ("Top stories in Nation" in a
    rail named "ad-column"): what makes a weakly named region content."""
    if holds_story(tag):
        return True
    return any(
        len(text := text_of(h)) < _MAX_SECTION_HEADING and is_teaser_heading(text)
        for h in tags_in(tag, HEADINGS)
    )


_MAX_SECTION_HEADING = 80


def holds_story(tag: Tag) -> bool:
    """Whether ``tag`` holds story text: a few long paragraphs of words that are not links.

    Judges a region by what it holds rather than one word of its class: a page-wide wrapper
    named "non-ad-column" or "paywall", or a <form> around the whole page, is not chrome.
    """
    found = 0
    for p in tags_in(tag, _P):
        chars = len(p.get_text())
        if chars < _STORY_PARAGRAPH_CHARS:
            continue
        linked = sum(len(a.get_text()) for a in tags_in(p, LINK))
        if chars - linked >= _STORY_PARAGRAPH_CHARS:
            found += 1
            if found >= _STORY_PARAGRAPHS:
                return True
    return False


# Every word that makes a class or id token noise or gives it a role: a value none of whose
# words is here is neither (the usual case: "col-md-6", "wp-block-group"), with no more work.
_TELLING_WORDS = frozenset(NOISE_WORDS) | frozenset(GENERIC_WORD_ROLES)


@lru_cache(maxsize=4096)
def _class_value_decision(value: str) -> tuple[int, Role | None]:
    """(how surely a class token marks chrome: 0, weak or strong; the first role a token gives)
    for a class value (cached on the attribute's text: pages repeat their class values)."""
    if _TELLING_WORDS.isdisjoint(_WORD_SPLIT.split(value.lower())):
        return 0, None
    decisions = [_token_decision(token) for token in value.split()]
    noisy = max((noisy for noisy, _ in decisions), default=0)
    return noisy, next((role for _, role in decisions if role is not None), None)


@lru_cache(maxsize=4096)
def _token_decision(token: str) -> tuple[int, Role | None]:
    if _TELLING_WORDS.isdisjoint(_WORD_SPLIT.split(token.lower())):
        return 0, None
    return _noisy(token), _token_role(token)


def _noisy(token: str) -> int:
    """0, or how surely a class or id token marks chrome: weak words ("nav", "ad", "share")
    yield to what the region holds (:func:`holds_story`), strong ones ("comments") never."""
    low = token.lower()
    if low.startswith(_STATE_PREFIXES):  # "has-ads", "with-sharing": states, not widgets
        return 0
    words = [word for word in _WORD_SPLIT.split(low) if word in NOISE_WORDS]
    if not words:
        return 0
    return _WEAK if all(word in WEAK_NOISE_WORDS for word in words) else _STRONG


def _token_role(token: str) -> Role | None:
    """A class name's role from the generic words in it (profiles are applied by Classes).

    In BEM names (``card__image``) the element part decides; the block part only gives a role
    other than CARD (``social-date__text`` is a date, ``card__image`` is not a card). Within one
    part a more specific word wins over "card" (``card-caption`` is a caption).
    """
    block, _, element = token.lower().partition("__")
    element = element.partition("--")[0]
    for part, allow_card in ((element, True), (block.partition("--")[0], not element)):
        roles = [r for r in map(GENERIC_WORD_ROLES.get, _WORD_SPLIT.split(part)) if r]
        specific = next((r for r in roles if r is not Role.CARD), None)
        if specific is not None:
            return specific
        if allow_card and roles:
            return Role.CARD
    return None


def after(node: PageElement) -> PageElement | None:
    """The node that follows ``node`` and its whole subtree in document order (None: the end)."""
    current: PageElement | None = node
    while current is not None:
        following = current.next_sibling
        if following is not None:
            return following
        current = current.parent
    return None


def walk(
    root: Tag,
    visit: Callable[[Tag, Role | None], bool],
    classes: Classes,
    *,
    start: Tag | None = None,
) -> None:
    """Visit the tags under ``root`` (with their role) in document order, skipping noise.

    ``visit`` returns whether to descend into the tag. With ``start`` (a tag under ``root``
    outside any noise), the walk begins with what follows ``start`` and its subtree. The walk
    follows bs4's ``next_element`` chain (no per-tag child lists) and jumps over a skipped
    subtree with :func:`after`.
    """
    stop = after(root)
    # From the first child (a soup's own next_element is None), or from what follows start.
    first = root.contents[0] if root.contents else None
    node = first if start is None else after(start)
    classify, known, noise, deciding = classes.classify, classes.known, Role.NOISE, DECIDING_ATTRS
    while node is not None and node is not stop:
        if not isinstance(node, Tag):
            node = node.next_element
            continue
        role = None
        attrs = node.attrs
        if node.name in NOISE_TAGS or (attrs and not deciding.isdisjoint(attrs)):
            key = id(node)  # else no role (see Classes.classify)
            role = known[key] if key in known else classify(node)
        descend = role is not noise and visit(node, role)
        node = node.next_element if descend else after(node)


def tags_in(root: Tag, names: frozenset[str], *, needs: str = "") -> Iterator[Tag]:
    """Descendants of ``root`` named in ``names`` (with attribute ``needs``), in page order.

    A plain generator: far cheaper than bs4's ``find``/``find_all`` on the small subtrees
    (cards, figures) the parser looks into.
    """
    if not root.contents:
        return
    stop = after(root)
    node: PageElement | None = root.contents[0]
    while node is not None and node is not stop:  # root.descendants, without its generator
        if isinstance(node, Tag) and node.name in names and (not needs or needs in node.attrs):
            yield node
        node = node.next_element


def first_in(root: Tag, names: frozenset[str], *, needs: str = "") -> Tag | None:
    """The first descendant of ``root`` named in ``names`` (with attribute ``needs``)."""
    if not root.contents:
        return None
    stop = after(root)
    node: PageElement | None = root.contents[0]
    while node is not None and node is not stop:  # tags_in's walk, up to its first tag
        if isinstance(node, Tag) and node.name in names and (not needs or needs in node.attrs):
            return node
        node = node.next_element
    return None


def inside(tag: Tag, ids: set[int] | frozenset[int]) -> bool:
    """Whether ``tag`` or one of its ancestors is in ``ids``."""
    node: Tag | None = tag
    while node is not None:
        if id(node) in ids:
            return True
        node = node.parent
    return False


def img_url(img: Tag, base: str | None) -> str | None:
    """The best URL of an ``<img>`` (largest srcset candidate, then lazy-load attributes)."""
    for candidate in _img_candidates(img):
        url = absolute(candidate, base)
        if url:
            return url
    return None


def _img_candidates(img: Tag) -> Iterator[str | None]:
    attrs = img.attrs  # absent attributes are skipped: they would give no URL
    for name in IMAGE_SRCSET_ATTRS:
        if name in attrs:
            value = attr(img, name)
            if value:
                yield largest_in_srcset(value)
    parent = img.parent
    while parent is not None and parent.name == "source":  # lxml nests <img> in <source>
        parent = parent.parent
    if parent is not None and parent.name == "picture":
        for source in tags_in(parent, _SOURCE):
            yield largest_in_srcset(attr(source, "srcset"))
    for name in IMAGE_URL_ATTRS:
        if name in attrs:
            yield attr(img, name)


def figcaption(caption: Tag, classes: Classes) -> tuple[str | None, str | None]:
    """(caption, credit) of a ``<figcaption>``: the credit is the part marked as one."""
    credit_parts: list[str] = []
    caption_parts: list[str] = []
    for node in caption.descendants:
        if type(node) is not NavigableString:
            continue
        parent = node.parent
        is_credit = False
        while parent is not None and parent is not caption:
            if parent.name == "cite" or classes.role(parent) is Role.CREDIT:
                is_credit = True
                break
            parent = parent.parent
        (credit_parts if is_credit else caption_parts).append(str(node))
    return one_line(" ".join(caption_parts)) or None, one_line(" ".join(credit_parts)) or None


def make_image(
    url: str | None, caption: str | None, credit: str | None, *, notes: list[str]
) -> Image | None:
    """An Image, dated from its caption (impossible dates go to ``notes``); None when empty.

    A caption with no separate credit gives up a credit printed at its end ("(Photo by ...)").
    """
    if not (url or caption or credit):
        return None
    if caption and not credit:  # a credit printed at the end of the caption
        # imported here: the text reader's line grammar is needed by captions only
        from pagefeed.extract.text.lines import split_credit

        caption, credit = split_credit(caption, loose=True)
    date = None
    if caption:
        date, warnings = find_date(caption)
        notes.extend(warnings)
    return Image(
        url=url,
        caption=caption,
        credit=credit,
        date=date,
        file_photo=bool(caption) and is_file_photo(caption or ""),
    )


def render(block: Tag, *, base: str | None) -> tuple[str, str]:
    """A block's visible text (one line) and an HTML fragment of its allowlisted markup.

    One walk gives both, without bs4's serialiser; the fragment still goes through
    :func:`pagefeed.extract.sanitize.sanitize_html`, which is the real guard.
    """
    text: list[str] = []
    markup: list[str] = []
    stack: list[PageElement | tuple[str, bool]] = [block]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if type(node) is NavigableString:  # not Comment, CData, Script, ...
            text.append(node)
            # html.escape(node, quote=False), without a call per string
            markup.append(node.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        elif isinstance(node, tuple):
            closing, spaced = node
            markup.append(closing)
            if spaced:
                text.append(" ")
        elif isinstance(node, Tag):
            name = node.name
            if name == "img":  # void, allowed, not spaced
                url = img_url(node, base)
                if url is not None:
                    markup.append(f'<img src="{escape(url)}" alt="{escape(attr(node, "alt"))}">')
                continue
            hidden, spaced, start, end = _RENDERING.get(name, _PLAIN)
            if hidden:
                continue
            if spaced:
                text.append(" ")
            if start:
                markup.append(_link_start(node, base) if name == "a" else start)
            if end is not None:
                push(end)
                stack.extend(reversed(node.contents))
    return one_line("".join(text)), "".join(markup)


def _link_start(tag: Tag, base: str | None) -> str:
    return f'<a href="{escape(absolute(attr(tag, "href"), base) or "")}">'


def _rendering(name: str) -> tuple[bool, bool, str, tuple[str, bool] | None]:
    """How :func:`render` writes an element: (hidden, spaced, its start tag or "", what closes
    it: its end tag or "", and whether a space follows; None for a void element)."""
    allowed, spaced = name in ALLOWED_TAGS, name in _SPACED
    end = None if name in _VOID else (f"</{name}>" if allowed else "", spaced)
    return name in _NO_TEXT, spaced, f"<{name}>" if allowed else "", end


_RENDERING = {name: _rendering(name) for name in ALLOWED_TAGS | _SPACED | _NO_TEXT | _VOID}
_PLAIN = (False, False, "", ("", False))  # any other element: its text, no markup

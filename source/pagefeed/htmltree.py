"""BeautifulSoup helpers shared by the HTML parser: attributes, text, roles, noise, images.

Part of the HTML parser (with ``pagefeed.html`` and ``pagefeed.htmlcards``); these modules are
the only ones that import bs4, and only when a page is HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import Tag
from bs4.element import NavigableString, PageElement

from pagefeed.dates import find_date, is_file_photo
from pagefeed.links import absolute, largest_in_srcset
from pagefeed.model import Image
from pagefeed.normalize import squash
from pagefeed.profiles import (
    CLASS_ROLES,
    GENERIC_WORD_ROLES,
    IMAGE_SRCSET_ATTRS,
    IMAGE_URL_ATTRS,
    NEVER_NOISE,
    NOISE_ARIA_ROLES,
    NOISE_TAGS,
    NOISE_WORDS,
    Role,
)

HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
BYLINE_PREFIX = re.compile(r"^(by|written by|words by)\s+", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_STATE_PREFIXES = ("has-", "with-", "is-", "no-", "js-")
# Elements whose text is never shown as text, and elements that separate words.
_NO_TEXT = frozenset(
    {
        "script", "style", "svg", "math", "noscript", "template", "object", "embed", "iframe",
        "button", "select", "textarea", "canvas", "video", "audio",
    }
)  # fmt: skip
_SPACE = NavigableString(" ")
_SPACED = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr",
     "figcaption", "figure", "section", "article", "header", "footer", "blockquote", "dd", "dt"}
)  # fmt: skip


def attr(tag: Tag, name: str) -> str:
    """An attribute as one stripped string ("" when absent); multi-valued ones are joined."""
    value = tag.get(name)
    if value is None:
        return ""
    return (value if isinstance(value, str) else " ".join(value)).strip()


def text_of(tag: Tag) -> str:
    """The visible text of ``tag`` on one line: no script, style or SVG text; blocks spaced."""
    parts: list[str] = []
    stack: list[PageElement] = list(reversed(tag.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name in _SPACED:
                parts.append(" ")
                stack.append(_SPACE)  # and a space after the block, too
            if node.name not in _NO_TEXT:
                stack.extend(reversed(node.contents))
        elif type(node) is NavigableString:
            parts.append(node)
    return squash("".join(parts))


class Classes:
    """Role and noise decisions from class/id values, cached per value for this parse."""

    def __init__(self) -> None:
        self._noise: dict[str, bool] = {}
        self._roles: dict[str, Role | None] = {}

    def _noisy_token(self, token: str) -> bool:
        hit = self._noise.get(token)
        if hit is None:
            low = token.lower()
            words = () if low.startswith(_STATE_PREFIXES) else _WORD_SPLIT.split(low)
            hit = self._noise[token] = any(word in NOISE_WORDS for word in words)
        return hit

    def is_noise(self, tag: Tag) -> bool:
        name = tag.name
        if name in NEVER_NOISE:
            return False
        if name in NOISE_TAGS:
            return True
        attrs = tag.attrs
        if not attrs:
            return False
        if "hidden" in attrs or attr(tag, "role").lower() in NOISE_ARIA_ROLES:
            return True
        tokens = attr(tag, "class").split() + attr(tag, "id").split()
        return any(self._noisy_token(token) for token in tokens)

    def _token_role(self, token: str) -> Role | None:
        if token in self._roles:
            return self._roles[token]
        role = CLASS_ROLES.get(token)
        if role is None:
            block, _, element = token.lower().partition("__")
            element = element.partition("--")[0]
            for part, allow_card in ((element, True), (block.partition("--")[0], not element)):
                roles = (GENERIC_WORD_ROLES.get(word) for word in _WORD_SPLIT.split(part))
                role = next((r for r in roles if r and (allow_card or r is not Role.CARD)), None)
                if role is not None:
                    break
        self._roles[token] = role
        return role

    def role(self, tag: Tag) -> Role | None:
        if not tag.attrs:
            return None
        if attr(tag, "rel") == "author":
            return Role.AUTHOR
        for token in attr(tag, "class").split():
            role = self._token_role(token)
            if role is not None:
                return role
        return None


def walk(root: Tag, visit: Callable[[Tag], bool], classes: Classes) -> None:
    """Visit the tags under ``root`` in document order, skipping noise; descend when asked."""
    stack = [node for node in reversed(root.contents) if isinstance(node, Tag)]
    while stack:
        tag = stack.pop()
        if classes.is_noise(tag):
            continue
        if visit(tag):
            stack.extend(node for node in reversed(tag.contents) if isinstance(node, Tag))


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
    sets = [attr(img, name) for name in IMAGE_SRCSET_ATTRS]
    parent = img.parent
    if parent is not None and parent.name == "picture":
        sets += [attr(s, "srcset") for s in parent.find_all("source", recursive=False)]
    candidates = [largest_in_srcset(value) for value in sets if value]
    candidates += [attr(img, name) for name in IMAGE_URL_ATTRS]
    for candidate in candidates:
        url = absolute(candidate, base)
        if url:
            return url
    return None


def figcaption(caption: Tag, classes: Classes) -> tuple[str | None, str | None]:
    """(caption, credit) of a ``<figcaption>``: the credit is the part marked as one."""
    credit_parts: list[str] = []
    caption_parts: list[str] = []
    for node in caption.find_all(string=True):
        parent = node.parent
        is_credit = False
        while parent is not None and parent is not caption:
            if parent.name == "cite" or classes.role(parent) is Role.CREDIT:
                is_credit = True
                break
            parent = parent.parent
        (credit_parts if is_credit else caption_parts).append(str(node))
    return squash(" ".join(caption_parts)) or None, squash(" ".join(credit_parts)) or None


def make_image(url: str | None, caption: str | None, credit: str | None) -> Image | None:
    if not (url or caption or credit):
        return None
    date = find_date(caption)[0] if caption else None
    return Image(
        url=url,
        caption=caption,
        credit=credit,
        date=date,
        file_photo=bool(caption) and is_file_photo(caption or ""),
    )

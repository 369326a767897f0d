"""Text rules of the W3C feed validator, for ``feedcheck``: plain text and HTML content.

Plain text (titles, Atom text constructs, media:description): ContainsHTML for an HTML end tag
or an entity-like ``&name``/``&#...``; in RSS also CharacterData (``&#`` + digit or x, ``<`` +
letter or ``/``). HTML (RSS description, content:encoded, Atom type="html"): NotHtml (stray
``<`` or ``&``, unknown entity, unbalanced or non-HTML tags), SecurityRisk / SecurityRiskAttr /
DangerousStyleAttr (outside the validator's safe lists; any style), ContainsRelRef (relative
``href``/``src``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

Report = Callable[[str], None]

# HTML the validator accepts in feeds without a SecurityRisk warning (the part we may emit).
SAFE_ELEMENTS = {
    "a", "abbr", "acronym", "address", "article", "aside", "audio", "b", "bdi", "big",
    "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
    "li", "main", "mark", "nav", "ol", "p", "picture", "pre", "q", "s", "samp", "section",
    "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "wbr",
}  # fmt: skip
SAFE_ATTRIBUTES = {
    "abbr", "align", "alt", "border", "cite", "class", "colspan", "controls", "datetime",
    "dir", "height", "href", "hreflang", "id", "lang", "loading", "name", "poster", "rel",
    "rowspan", "scope", "sizes", "span", "src", "srcset", "start", "summary", "target",
    "title", "type", "valign", "width",
}  # fmt: skip
VOID_ELEMENTS = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}
HTML_TAG_NAMES = SAFE_ELEMENTS | {
    "script", "style", "iframe", "object", "embed", "form", "input", "button", "html",
    "head", "body", "title", "meta", "link", "base", "frame", "frameset", "select",
    "option", "textarea", "label", "canvas", "svg", "math", "noscript", "template",
}  # fmt: skip

_END_TAG = re.compile(r"</(\w+)>")
_ENTITY_LIKE = re.compile(r"&(#?\w+)")
_RSS_MARKUP = re.compile(r"&#[x0-9]|<[/a-zA-Z]")
_STRAY_LT = re.compile(r"<(?![A-Za-z/!])")
_AMP = re.compile(r"&(?!(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
_NAMED_REF = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
# ``html.parser`` (and ``html.entities``, 2 to 3 ms to import) are loaded only for a value that
# needs them: one made of plain text and of tags the validator accepts, written the plain way
# (lower-case names; attributes in double quotes, without "&", "<" or ">"), properly nested, is
# one in which ``html.parser`` finds nothing (a test holds the two to the same verdicts); the
# HTML pagefeed writes is such a value. Anything else is scanned by ``html.parser``.
_PLAIN_TEXT = re.compile(r"(?:[^<&]|&(?:amp|lt|gt|quot|#[0-9]+|#x[0-9a-fA-F]+);)+")
_PLAIN_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="[^"<>&]*")*)( ?/)?>')
_PLAIN_ATTRIBUTE = re.compile(r' ([a-z][a-z0-9-]*)="([^"]*)"')
_COMMON_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


def _is_entity(name: str) -> bool:
    """Whether ``&name;`` is an HTML entity (``apos`` included)."""
    if name in _COMMON_ENTITIES:
        return True
    from html.entities import name2codepoint

    return name in name2codepoint


def check_plain(value: str, where: str, report: Report, *, rss: bool) -> None:
    tags = [tag for tag in _END_TAG.findall(value) if tag.lower() in HTML_TAG_NAMES]
    if tags:
        report(f"ContainsHTML: {where} has </{tags[0]}>")
        return
    for name in _ENTITY_LIKE.findall(value):
        if not name.isalpha() or _is_entity(name):
            report(f"ContainsHTML: {where} has &{name}")
            return
    if rss and _RSS_MARKUP.search(value):
        report(f"CharacterData: {where} has markup-like text {value[:60]!r}")


def _plainly_clean(value: str) -> bool:
    """Whether ``value`` is plain HTML in which ``_HtmlScan`` would find nothing (see above);
    False says only that the scan must decide."""
    stack: list[str] = []
    position, end = 0, len(value)
    while position < end:
        text = _PLAIN_TEXT.match(value, position)
        if text is not None:
            position = text.end()
            continue
        tag = _PLAIN_TAG.match(value, position)
        if tag is None:
            return False
        position = tag.end()
        closing, name, attributes, self_closing = tag.groups()
        if closing:
            if self_closing or attributes:
                return False
            if name in VOID_ELEMENTS:
                continue
            if not stack or stack.pop() != name:
                return False
            continue
        if name not in SAFE_ELEMENTS:
            return False
        for attribute, attribute_value in _PLAIN_ATTRIBUTE.findall(attributes):
            if attribute == "style" or (
                attribute not in SAFE_ATTRIBUTES and not attribute.startswith("data-")
            ):
                return False
            if attribute in ("href", "src") and not re.match(r"\w+:", attribute_value.strip()):
                return False
        if name not in VOID_ELEMENTS and not self_closing:
            stack.append(name)
    return not stack


def check_html(value: str, where: str, report: Report) -> None:
    for name, detail in html_problems(value):
        report(f"{name}: {where} {detail}")


@functools.lru_cache(maxsize=256)
def html_problems(value: str) -> tuple[tuple[str, str], ...]:
    """What the validator says of one HTML value, as (message name, detail), in order.

    Cached: a feed's RSS and Atom documents (and the next build's) carry the same entry HTML.
    """
    found: list[tuple[str, str]] = []
    if _STRAY_LT.search(value):
        found.append(("NotHtml", "has a stray '<'"))
    if _AMP.search(value):
        found.append(("NotHtml", "has a stray '&'"))
    for name in _NAMED_REF.findall(value):
        if not _is_entity(name):
            found.append(("NotHtml", f"has unknown entity &{name};"))
    if _plainly_clean(value):
        return tuple(found)
    from pagefeed.publish.feedcheck_scan import HtmlScan

    scan = HtmlScan()
    scan.feed(value)
    scan.close()
    found += scan.found
    if scan.stack:
        found.append(("NotHtml", f"leaves <{scan.stack[-1]}> open"))
    return tuple(found)

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
from html.entities import name2codepoint
from html.parser import HTMLParser

Report = Callable[[str], None]

# HTML the validator accepts in feeds without a SecurityRisk warning (the part we may emit).
_SAFE_ELEMENTS = {
    "a", "abbr", "acronym", "address", "article", "aside", "audio", "b", "bdi", "big",
    "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
    "li", "main", "mark", "nav", "ol", "p", "picture", "pre", "q", "s", "samp", "section",
    "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "wbr",
}  # fmt: skip
_SAFE_ATTRIBUTES = {
    "abbr", "align", "alt", "border", "cite", "class", "colspan", "controls", "datetime",
    "dir", "height", "href", "hreflang", "id", "lang", "loading", "name", "poster", "rel",
    "rowspan", "scope", "sizes", "span", "src", "srcset", "start", "summary", "target",
    "title", "type", "valign", "width",
}  # fmt: skip
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}
_HTML_TAG_NAMES = _SAFE_ELEMENTS | {
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


def check_plain(value: str, where: str, report: Report, *, rss: bool) -> None:
    tags = [tag for tag in _END_TAG.findall(value) if tag.lower() in _HTML_TAG_NAMES]
    if tags:
        report(f"ContainsHTML: {where} has </{tags[0]}>")
        return
    for name in _ENTITY_LIKE.findall(value):
        if name in name2codepoint or name == "apos" or not name.isalpha():
            report(f"ContainsHTML: {where} has &{name}")
            return
    if rss and _RSS_MARKUP.search(value):
        report(f"CharacterData: {where} has markup-like text {value[:60]!r}")


class _HtmlScan(HTMLParser):
    """Collects what the validator says of an HTML value, each as (message name, detail)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = self.found.append
        if tag not in _HTML_TAG_NAMES:
            found(("NotHtml", f"has non-HTML tag <{tag}>"))
        elif tag not in _SAFE_ELEMENTS:
            found(("SecurityRisk", f"has <{tag}>"))
        for name, value in attrs:
            if name == "style":
                found(("DangerousStyleAttr", f"<{tag} style>"))
            elif name not in _SAFE_ATTRIBUTES and not name.startswith("data-"):
                found(("SecurityRiskAttr", f"<{tag} {name}>"))
            elif name in ("href", "src") and not re.match(r"\w+:", (value or "").strip()):
                found(("ContainsRelRef", f"<{tag} {name}={value!r}>"))
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.found.append(("NotHtml", f"has unexpected </{tag}>"))
            if tag in self.stack:
                del self.stack[self.stack.index(tag) :]
            return
        self.stack.pop()


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
        if name not in name2codepoint and name != "apos":
            found.append(("NotHtml", f"has unknown entity &{name};"))
    scan = _HtmlScan()
    scan.feed(value)
    scan.close()
    found += scan.found
    if scan.stack:
        found.append(("NotHtml", f"leaves <{scan.stack[-1]}> open"))
    return tuple(found)

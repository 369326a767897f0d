"""The ``html.parser`` scan of an HTML value, for ``feedcheck_text`` (imported only for a value
that is not plain: see ``feedcheck_text._plainly_clean``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pagefeed.publish.feedcheck_text import (
    HTML_TAG_NAMES,
    SAFE_ATTRIBUTES,
    SAFE_ELEMENTS,
    VOID_ELEMENTS,
)


class HtmlScan(HTMLParser):
    """Collects what the validator says of an HTML value, each as (message name, detail)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = self.found.append
        if tag not in HTML_TAG_NAMES:
            found(("NotHtml", f"has non-HTML tag <{tag}>"))
        elif tag not in SAFE_ELEMENTS:
            found(("SecurityRisk", f"has <{tag}>"))
        for name, value in attrs:
            if name == "style":
                found(("DangerousStyleAttr", f"<{tag} style>"))
            elif name not in SAFE_ATTRIBUTES and not name.startswith("data-"):
                found(("SecurityRiskAttr", f"<{tag} {name}>"))
            elif name in ("href", "src") and not re.match(r"\w+:", (value or "").strip()):
                found(("ContainsRelRef", f"<{tag} {name}={value!r}>"))
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.found.append(("NotHtml", f"has unexpected </{tag}>"))
            if tag in self.stack:
                del self.stack[self.stack.index(tag) :]
            return
        self.stack.pop()

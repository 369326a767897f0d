"""The page's tree: BeautifulSoup over lxml, built the way every HTML step reads it (pure).

Class attributes stay strings (no multi-valued attributes: ``attr()`` and ``Classes`` split
them); bs4's warnings about markup that looks like a URL or XML are silenced; text lxml refuses
(lone surrogates, NULs) is cleaned and parsed again.
"""

from __future__ import annotations

import inspect
import warnings

from bs4 import BeautifulSoup
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import AttributeDict

_NO_NAMESPACES: dict[str, str] = {}  # a default argument, never written to


class _PlainLxmlBuilder(LXMLTreeBuilder):
    """bs4's lxml tree builder, with a short path for the elements of an HTML page.

    lxml's HTML parser reports no namespaces, so for every element bs4's general code copies the
    attributes twice and splits names it never needs to; this hands lxml's attributes straight
    to the soup (which copies them once, into a plain dict) and falls back to bs4's own code for
    anything namespaced. The tree is the one ``BeautifulSoup(text, "lxml")`` builds (a test
    compares them); on real pages it is a fifth cheaper to build.
    """

    def start(
        self,
        tag: str | bytes,
        attrib: dict[str | bytes, str | bytes],
        nsmap: dict[str, str] = _NO_NAMESPACES,
    ) -> None:
        soup = self.soup
        if (
            nsmap
            or soup is None
            or len(self.nsmaps) > 1
            or not isinstance(tag, str)
            or "{" in tag
            or (attrib and "{" in "".join(attrib))  # type: ignore[arg-type]  # str in lxml
        ):
            super().start(tag, attrib, nsmap)
            return
        names = self.active_namespace_prefixes[-1]
        soup.handle_starttag(tag, None, None, attrib, namespaces=names)  # type: ignore[arg-type]

    def end(self, tag: str | bytes) -> None:
        soup = self.soup
        if soup is None or len(self.nsmaps) > 1 or not isinstance(tag, str) or "{" in tag:
            super().end(tag)
            return
        soup.handle_endtag(tag, None)  # which ends the text before it, as bs4's end() does


# lxml asks inspect for a target's start() signature on every parser it makes (to learn whether
# it takes nsmap): some 12 us a page, a third of an empty page's soup. inspect honours a
# function's __signature__, so the signature is worked out once, here.
_START = _PlainLxmlBuilder.start
_START.__signature__ = inspect.signature(_START)  # type: ignore[attr-defined]


def _builder() -> LXMLTreeBuilder:
    # class="a b" stays one string (attr() and Classes split it): splitting every class
    # attribute into a list is a tenth of bs4's tree building.
    return _PlainLxmlBuilder(multi_valued_attributes=None, attribute_dict_class=AttributeDict)


def make_soup(text: str) -> BeautifulSoup:
    """The page's tree as every HTML step reads it (lxml, class attributes kept as strings)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4's hints about markup that looks like a URL or XML
        try:
            return BeautifulSoup(text, builder=_builder())
        except (UnicodeError, ValueError):  # lone surrogates, NULs lxml refuses
            cleaned = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
            return BeautifulSoup(cleaned, builder=_builder())

"""The page's tree: BeautifulSoup over lxml, built the way every HTML step reads it (pure).

The tree is the one ``BeautifulSoup(text, "lxml", multi_valued_attributes=None)`` builds, with
plain ``AttributeDict`` attributes (a test compares the two node by node). Class attributes stay
strings (``attr()`` and ``Classes`` split them); bs4's warnings about markup that looks like a
URL or XML are silenced; text lxml refuses (lone surrogates, NULs) is cleaned and parsed again.

bs4 does most of its tree building in Python, event by event (``handle_starttag``, ``endData``,
``object_was_parsed``, ``pushTag``, ``popTag``, ``Tag.__init__``): ``soup_target`` makes the
same objects with the same links in one short step per lxml event. A page with a
namespace-qualified name (``{uri}name``, which lxml's HTML parser hardly ever reports) is built
by bs4's own lxml builder instead.
"""

from __future__ import annotations

import inspect
import warnings
from typing import Any

from bs4 import BeautifulSoup
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import AttributeDict
from bs4.exceptions import ParserRejectedMarkup
from lxml import etree

from pagefeed.extract.html.soup_target import NamespacedName, TreeTarget

# lxml asks inspect for a target's start() signature on every parser it makes (to learn whether
# it takes nsmap): some 12 us a page, a third of an empty page's soup. inspect honours a
# function's __signature__, so the signature is worked out once, here.
_START = TreeTarget.start
_START.__signature__ = inspect.signature(_START)  # type: ignore[attr-defined]


class _LeanLxmlBuilder(LXMLTreeBuilder):
    """bs4's lxml tree builder, fed the same way, with ``TreeTarget`` as lxml's target."""

    def feed(self, markup: str | bytes) -> None:
        soup = self.soup
        assert soup is not None  # BeautifulSoup sets it before feeding
        target: Any = TreeTarget(soup, self)  # lxml's stubs want data() a method, not list.append
        try:
            self.parser = etree.HTMLParser(
                target=target,
                recover=True,
                huge_tree=self.huge_tree,
                encoding=soup.original_encoding,
            )
            self.parser.feed(markup)
            self.parser.close()
        except (UnicodeDecodeError, LookupError, etree.ParserError) as e:
            raise ParserRejectedMarkup(e) from e


def _soup(text: str) -> BeautifulSoup:
    # class="a b" stays one string (attr() and Classes split it): splitting every class
    # attribute into a list is a tenth of bs4's tree building.
    try:
        lean = _LeanLxmlBuilder(multi_valued_attributes=None, attribute_dict_class=AttributeDict)
        return BeautifulSoup(text, builder=lean)
    except NamespacedName:
        plain = LXMLTreeBuilder(multi_valued_attributes=None, attribute_dict_class=AttributeDict)
        return BeautifulSoup(text, builder=plain)


def make_soup(text: str) -> BeautifulSoup:
    """The page's tree as every HTML step reads it (lxml, class attributes kept as strings)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4's hints about markup that looks like a URL or XML
        try:
            return _soup(text)
        except (UnicodeError, ValueError):  # lone surrogates, NULs lxml refuses
            cleaned = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
            return _soup(cleaned)

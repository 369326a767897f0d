"""The page's tree: the short-path builder builds exactly the tree bs4's own lxml builder does."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import PageElement

from html_big import big_page
from pagefeed.extract.html.soup import make_soup

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"
_ODD = [
    '<svg xmlns="http://www.w3.org/2000/svg"><use xlink:href="#a"/></svg><p a:b="1">x</p>',
    '<html xmlns:og="http://ogp.me/ns#"><meta property="og:title" content="T"><p {x}y="1">z',
    "<p>one<!-- a comment --><b>two</b><script>var a = '<p>';</script><style>p{}</style></p>",
    '<p class="a  b" data-x="" hidden>text &amp; more</p><br/><input disabled><?pi x?>',
    "<!DOCTYPE html><table><tr><td>cell<td>cell</table><p>unclosed <i>italic",
    "",
]


def _shape(node: PageElement) -> list[tuple[object, ...]]:
    """Every node under ``node``: its class, and a tag's name, prefix and attributes (with the
    classes of their names and values) or a string's text, in document order."""
    shape: list[tuple[object, ...]] = []
    for item in [node, *node.descendants] if isinstance(node, Tag) else [node]:
        if isinstance(item, Tag):
            attrs = [(type(k), k, type(v), v) for k, v in item.attrs.items()]
            shape.append((type(item), item.name, item.prefix, item.namespace, attrs))
        else:
            shape.append((type(item), str(item)))
    return shape


def _stock(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return BeautifulSoup(text, "lxml", multi_valued_attributes=None)


def _pages() -> list[str]:
    pages = [path.read_bytes().decode("utf-8", "replace") for path in sorted(HTML.glob("*.html"))]
    return [*pages, *_ODD, big_page()]


@pytest.mark.parametrize("text", _pages(), ids=lambda text: text[:30])
def test_the_tree_is_the_one_bs4s_lxml_builder_makes(text: str) -> None:
    ours, stock = make_soup(text), _stock(text)
    assert _shape(ours) == _shape(stock)
    assert ours.decode() == stock.decode()


def test_element_links_follow_document_order() -> None:
    soup = make_soup("<div><p>a<b>b</b></p><p>c</p></div>")
    order = [n.name if isinstance(n, Tag) else str(n) for n in soup.descendants]
    walked, node = [], soup.contents[0] if soup.contents else None
    while node is not None:
        walked.append(node.name if isinstance(node, Tag) else str(node))
        node = node.next_element
    assert walked == order == ["html", "body", "div", "p", "a", "b", "b", "p", "c"]


def test_text_lxml_refuses_is_cleaned_and_parsed() -> None:
    soup = make_soup("<p>a\x00b \ud800c</p>")
    assert soup.get_text() == "ab ?c"

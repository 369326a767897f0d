"""The page's tree: make_soup builds exactly the tree bs4's own lxml builder builds.

Every node is compared field by field (``vars()``: the same fields, set in the same order, with
the same values; links compared as positions in the document), on the HTML fixtures, odd
markup, the dev-html pages of ../shared and Hypothesis-made hostile markup.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import AttributeDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED_PAGES
from html_big import big_page
from pagefeed.extract.html.soup import make_soup
from soup_fields import tree_fields

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"
DEV_HTML = sorted((SHARED_PAGES / "dev-html").glob("*/source.html"))
_ODD = [
    '<svg xmlns="http://www.w3.org/2000/svg"><use xlink:href="#a"/></svg><p a:b="1">x</p>',
    '<html xmlns:og="http://ogp.me/ns#"><meta property="og:title" content="T"><p {x}y="1">z',
    "<p>one<!-- a comment --><b>two</b><script>var a = '<p>';</script><style>p{}</style></p>",
    '<p class="a  b" data-x="" hidden>text &amp; more</p><br/><input disabled><?pi x?>',
    "<!DOCTYPE html><table><tr><td>cell<td>cell</table><p>unclosed <i>italic",
    '<meta charset="latin-1"><meta http-equiv="Content-Type" content="text/html; charset=x">',
    "<pre>\n  kept  </pre><textarea> \t </textarea><p> </p><p>\n\n</p><!-- --><!--\n-->",
    "<template><style>s</style><script>j</script><p>in a template</p></template>"
    "<ruby>字<rp>(</rp><rt>zi</rt><rp>)</rp></ruby>",
    "</b></p>stray ends<div><span>a</div>b</span><![CDATA[c]]>&#0;&bogus;&nbsp;",
    "\ufeff<p>after a byte-order mark</p>",
    "",
]


def _bs4_soup(text: str) -> BeautifulSoup:
    """The tree make_soup's docstring promises: bs4's lxml builder with its options."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        builder = LXMLTreeBuilder(multi_valued_attributes=None, attribute_dict_class=AttributeDict)
        try:
            return BeautifulSoup(text, builder=builder)
        except (UnicodeError, ValueError):
            cleaned = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
            return BeautifulSoup(cleaned, builder=builder)


def _assert_same(text: str) -> None:
    ours, theirs = make_soup(text), _bs4_soup(text)
    assert tree_fields(ours) == tree_fields(theirs)
    assert isinstance(ours.builder, LXMLTreeBuilder)
    assert ours.decode() == theirs.decode()


def _pages() -> list[str]:
    pages = [path.read_bytes().decode("utf-8", "replace") for path in sorted(HTML.glob("*.html"))]
    return [*pages, *_ODD, big_page()]


@pytest.mark.parametrize("text", _pages(), ids=lambda text: text[:30])
def test_the_tree_is_the_one_bs4s_lxml_builder_makes(text: str) -> None:
    _assert_same(text)


@pytest.mark.shared
@pytest.mark.parametrize("path", DEV_HTML or [None], ids=lambda path: path and path.parent.name)
def test_the_tree_is_bs4s_on_the_real_pages(path: Path | None) -> None:
    if path is None:
        pytest.skip(f"{SHARED_PAGES / 'dev-html'} not present: the real pages run only beside it")
    _assert_same(path.read_bytes().decode("utf-8", "replace"))


def test_the_tree_is_the_stock_lxml_soup_but_for_the_attribute_dict() -> None:
    # BeautifulSoup(text, "lxml") keeps attributes in an XMLAttributeDict (which converts
    # numbers and None on assignment); make_soup keeps plain AttributeDicts, with the same items.
    text = (HTML / "teaser-blocks.html").read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stock = BeautifulSoup(text, "lxml", multi_valued_attributes=None)
    ours = make_soup(text)
    for node in [stock, *stock.descendants]:
        if isinstance(node, Tag):
            node.attrs = AttributeDict(node.attrs)
    assert tree_fields(ours) == tree_fields(stock)


_NAMES = ["p", "div", "b", "i", "a", "span", "table", "tr", "td", "th", "tbody", "ul", "li"]
_NAMES += ["pre", "textarea", "script", "style", "template", "rt", "rp", "ruby", "title"]
_NAMES += ["svg", "math", "use", "mi", "br", "img", "meta", "input", "html", "head", "body"]
_NAMES += ["select", "option", "form", "noscript", "iframe", "xmp", "svg:rect", "frameset"]
_ATTRIBUTES = st.sampled_from(
    [
        ' class="a  b"',
        " hidden",
        ' xlink:href="#x"',
        ' xml:lang="en"',
        ' xmlns:og="http://ogp.me/ns#"',
        ' xmlns="http://www.w3.org/2000/svg"',
        ' {x}y="1"',
        ' charset="utf-8"',
        ' http-equiv="content-type" content="text/html; charset=a"',
        " a='&amp;&lt;&#1;'",
        ' b="\x00"',
    ]
)
_TEXT = st.sampled_from(
    [
        " ",
        "\n",
        "\t",
        "\x0c",
        "\r\n",
        "  \n ",
        "\xa0",
        "text",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "&bogus;",
        "&nbsp;",
        "\x00",
        "\ud800",
        "<",
        "&",
        "]]>",
        ">",
        "\u00e9t\u00e9",
        "x\u200by",
    ]
)
_MARKUP = st.one_of(
    st.builds(
        lambda n, a, s: f"<{n}{''.join(a)}{s}>",
        st.sampled_from(_NAMES),
        st.lists(_ATTRIBUTES, max_size=3),
        st.sampled_from(["", "/", " /"]),
    ),
    st.builds(lambda n: f"</{n}>", st.sampled_from(_NAMES)),
    st.builds(lambda t: f"<!--{t}-->", st.sampled_from(["", " ", "\n", "c", "--", "-", "<p>"])),
    st.sampled_from(
        [
            "<![CDATA[c]]>",
            "<![CDATA[ ]]>",
            "<!DOCTYPE html>",
            "<!doctype>",
            '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "x.dtd">',
            "<?pi x?>",
            '<?xml version="1.0"?>',
            "<!>",
            "</>",
            "<>",
            "<p",
            "\ufeff",
        ]
    ),
    _TEXT,
)


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(_MARKUP, max_size=40).map("".join))
def test_the_tree_is_bs4s_on_hostile_markup(text: str) -> None:
    _assert_same(text)


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

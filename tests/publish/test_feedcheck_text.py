"""feedcheck_text: plain HTML is judged without html.parser, with the same verdicts."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pagefeed.publish.feedcheck_scan import HtmlScan
from pagefeed.publish.feedcheck_text import _plainly_clean, html_problems


def _scan(value: str) -> tuple[tuple[str, str], ...]:
    """What html.parser's scan alone finds in ``value`` (open elements included)."""
    scan = HtmlScan()
    scan.feed(value)
    scan.close()
    return (*scan.found, *((("NotHtml", "open"),) if scan.stack else ()))


PLAIN = [
    "",
    "Just text, with 'quotes' and \"more\".",
    "<p>One</p><p>Two &amp; three &lt;4&gt; &#8217; &#x2014; &quot;</p>",
    '<figure><img src="https://a.example/p.jpg" alt="A dam"><figcaption>A dam. '
    "<small>Photo/Agency</small></figcaption></figure>",
    '<p>A <a href="https://a.example/x" title="t">link</a>, <em>em</em><br/><br />end</p>',
    '<ul data-x="1"><li>a</li><li>b</li></ul><hr>',
]
NOT_PLAIN = [
    "<p>open",  # left open
    "<p>a</div>",  # unexpected end tag
    "<script>x</script>",  # not a safe element
    '<p style="color:red">x</p>',  # a style attribute
    '<a href="/relative">x</a>',  # a relative link
    '<a onclick="x()">x</a>',  # an unsafe attribute
    "<P>upper</P>",  # not written the plain way: html.parser decides
    "<p>a &copy; b</p>",  # an entity beyond the plain ones
    '<a href="https://a.example/?a=1&amp;b=2">x</a>',  # '&' in an attribute
    "<!-- a comment --><p>x</p>",
    "a < b",
    "<p  class='x'>y</p>",
]


@pytest.mark.parametrize("value", PLAIN)
def test_plain_html_is_clean_without_the_scan_and_the_scan_agrees(value: str) -> None:
    assert _plainly_clean(value)
    assert _scan(value) == ()
    assert html_problems(value) == ()


@pytest.mark.parametrize("value", NOT_PLAIN)
def test_other_html_is_left_to_the_scan(value: str) -> None:
    assert not _plainly_clean(value)


_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<a>", "</a>", "<br>", "</br>", "<br/>", "<img>", "<img/>", "</img>",
        "<em>", "</em>", "<ul>", "<li>", "</li>", "</ul>", "<script>", "</script>", "<foo>",
        "</foo>", '<a href="https://x.example/">', '<a href="x">', '<a href=" http:x">',
        '<img src="">', '<p class="c" id="i">', '<p style="s">', '<p onclick="o">',
        '<p data-a="b">', "<p />", "</p >", "<P>", "text", " ", "&amp;", "&copy;", "&#1;",
        "&#x41;", "&", "<", ">", '"', "'", "<!-- c -->", "<!doctype html>", "&bogus;",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_a_value_judged_clean_without_the_scan_is_clean_to_the_scan(value: str) -> None:
    if _plainly_clean(value):
        assert _scan(value) == ()


def test_a_text_build_needs_neither_html_parser_nor_html_entities() -> None:
    code = (
        "import sys\n"
        "from pagefeed.publish.feedcheck_text import html_problems\n"
        "print(html_problems('<p>A <a href=\"https://a.example/\">b</a> &amp; c</p>'))\n"
        "print([m for m in ('html', 'html.parser', 'html.entities') if m in sys.modules])\n"
        "print(html_problems('<p>x &copy; <b>y</p>'))\n"
        "print(sorted(m for m in ('html.parser', 'html.entities') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "()",
        "[]",
        "(('NotHtml', 'has unexpected </p>'),)",
        "['html.entities', 'html.parser']",
    ]

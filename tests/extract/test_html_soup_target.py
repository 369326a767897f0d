"""The lxml target: fed the same events, it builds the tree bs4's lxml builder builds.

lxml's HTML parser reports well-nested events only, so the page tests never reach an end tag
that closes more than one element, or one that closes nothing: these tests feed both builders
the same made-up event sequences, stray and crossed end tags included.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import AttributeDict, Script, Stylesheet, TemplateString
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.extract.html.soup_target import NamespacedName, TreeTarget
from soup_fields import tree_fields

Event = tuple[Any, ...]


class _Replay(LXMLTreeBuilder):
    """Feeds recorded events to bs4's own builder methods, or to a TreeTarget."""

    def __init__(self, events: list[Event], *, lean: bool) -> None:
        super().__init__(multi_valued_attributes=None, attribute_dict_class=AttributeDict)
        self.events, self.lean = events, lean

    def feed(self, markup: object) -> None:
        receiver: Any = TreeTarget(self.soup, self) if self.lean else self  # type: ignore[arg-type]
        for name, *args in self.events:
            getattr(receiver, name)(*args)
        receiver.close()


def _both(events: list[Event]) -> tuple[BeautifulSoup, BeautifulSoup]:
    return (
        BeautifulSoup("", builder=_Replay(events, lean=True)),
        BeautifulSoup("", builder=_Replay(events, lean=False)),
    )


_NAMES = st.sampled_from(["p", "b", "div", "pre", "textarea", "script", "style", "template"])
_NAMES |= st.sampled_from(["rt", "br", "meta", "html", "body", "svg:rect"])
_ATTRS = st.dictionaries(
    st.sampled_from(["class", "id", "charset", "http-equiv", "content", "xml:lang", "hidden"]),
    st.sampled_from(["", "a b", "content-type", "text/html; charset=x", "utf-8"]),
    max_size=3,
)
_SPACE = st.sampled_from([" ", "\n", "\t\r", "\x0c", "", "\xa0", "  x  ", "a\nb"])
_EVENT = st.one_of(
    st.tuples(st.just("start"), _NAMES, _ATTRS),
    st.tuples(st.just("end"), _NAMES),
    st.tuples(st.just("data"), _SPACE),
    st.tuples(st.just("comment"), _SPACE),
    st.tuples(st.just("pi"), st.just("php"), _SPACE),
    st.tuples(
        st.just("doctype"),
        st.sampled_from(["html", None, ""]),
        st.sampled_from([None, "-//W3C//DTD"]),
        st.sampled_from([None, "x.dtd"]),
    ),
)


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(st.lists(_EVENT, max_size=60))
def test_any_event_sequence_builds_bs4s_tree(events: list[Event]) -> None:
    ours, theirs = _both(events)
    assert tree_fields(ours) == tree_fields(theirs)


def test_an_end_tag_closes_the_innermost_open_element_of_its_name_and_all_inside() -> None:
    events: list[Event] = [("start", "div", {}), ("start", "b", {}), ("start", "i", {})]
    events += [("end", "div"), ("data", "after"), ("end", "p"), ("end", "nothing open")]
    ours, theirs = _both(events)
    assert tree_fields(ours) == tree_fields(theirs)
    assert [tag.name for tag in ours.find_all()] == ["div", "b", "i"]
    last = ours.contents[-1]
    assert str(last) == "after"
    assert last.parent is ours


def test_text_takes_the_class_of_the_innermost_string_container() -> None:
    events: list[Event] = [("start", "template", {}), ("start", "style", {}), ("data", "s")]
    events += [("end", "style"), ("start", "script", {}), ("data", "j"), ("end", "script")]
    events += [("start", "p", {}), ("data", "t")]
    ours, _ = _both(events)
    assert [type(s) for s in ours.strings] == []  # none of them is main content
    strings = [node for node in ours.descendants if isinstance(node, str)]
    assert [type(s) for s in strings] == [Stylesheet, Script, TemplateString]  # type: ignore[comparison-overlap]


@pytest.mark.parametrize("event", [("start", "{urn:x}p", {}), ("start", "p", {"{urn:x}a": "1"})])
def test_a_namespace_qualified_name_is_refused(event: Event) -> None:
    with pytest.raises(NamespacedName):
        _both([event])

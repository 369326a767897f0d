"""An lxml parser target that builds bs4's tree directly (pure; used by ``soup``).

For each lxml event it does what bs4's lxml builder and ``BeautifulSoup`` do for an HTML page
(``handle_starttag``, ``endData``, ``object_was_parsed``, ``pushTag``, ``popTag``,
``Tag.__init__``, ``NavigableString.__new__``), in one step and without the general cases an
HTML parse never reaches:

- a tag's fields are set in the order ``Tag.__init__`` sets them (so the objects share their
  attribute layout with bs4's own), with the builder's values: no namespace, the builder's
  namespace prefixes, no source position, ``can_be_empty_element`` for void elements, the
  string class of ``style``/``script``/``template``/``rt``/``rp``, and bs4's charset
  substitution for ``<meta>``;
- text is joined and, outside ``pre``/``textarea``, a run of ASCII white space becomes one
  space or newline, as ``endData`` does; a string's class is the one of the innermost string
  container open (comments, the doctype and processing instructions keep theirs);
- an end tag closes the innermost open element of that name and every element inside it, or
  nothing when none is open (``_popToTag``);
- bs4's ``_linkage_fixer`` is left out: while a page is parsed, every open element is the last
  child of its parent, so it never changes a link.

A name in lxml's ``{uri}name`` form raises :class:`NamespacedName` (the caller lets bs4 build
that page). Parse-time book-keeping bs4 leaves on the soup (``open_tag_counter``) stays empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bs4.element import (
    AttributeDict,
    Comment,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from bs4.builder import TreeBuilder

_SPACES = "\x20\x0a\x09\x0c\x0d"  # BeautifulSoup.ASCII_SPACES: what endData collapses
_MAIN_STRINGS = Tag.MAIN_CONTENT_STRING_TYPES
_new_tag = Tag.__new__
_new_str = str.__new__


class NamespacedName(Exception):
    """lxml reported a namespace-qualified tag or attribute name."""


class TreeTarget:
    """lxml's target for one page: events in, the soup's tree built in place."""

    def __init__(self, soup: BeautifulSoup, builder: TreeBuilder) -> None:
        self.soup = soup
        self.builder = builder
        self.stack: list[Tag] = soup.tagStack  # the soup itself at the bottom
        self.current: Tag = soup
        self.last: PageElement | None = soup._most_recent_element
        self.text: list[str] = []
        self.data = self.text.append  # text is kept until the next event, as handle_data does
        self.keep_space: list[Tag] = soup.preserve_whitespace_tag_stack
        self.containers: list[Tag] = soup.string_container_stack
        self.soup_class = type(soup)
        self.namespaces = builder.active_namespace_prefixes[-1]  # type: ignore[attr-defined]
        # Attributes are copied as lxml gives them: a plain dict class, no multi-valued ones.
        assert builder.attribute_dict_class is AttributeDict
        assert builder.cdata_list_attributes is None
        assert builder.empty_element_tags is not None  # an HTML builder's void elements
        self.void: set[str] = builder.empty_element_tags
        self.string_classes: dict[str, type[NavigableString]] = builder.string_containers
        self.keep_space_names: set[str] = builder.preserve_whitespace_tags

    def start(self, name: str, attrib: dict[str, str]) -> None:
        """An element opens: ``handle_starttag`` with ``Tag.__init__`` and ``pushTag``."""
        if self.text:
            self._end_text(NavigableString)
        if name[0] == "{":
            raise NamespacedName(name)
        for key in attrib:
            if key[0] == "{":
                raise NamespacedName(key)
        tag = _new_tag(Tag)
        tag.parser_class = self.soup_class
        tag.name = name
        tag.namespace = None
        tag._namespaces = self.namespaces
        tag.prefix = None
        tag.sourceline = None
        tag.sourcepos = None
        tag.attribute_value_list_class = self.builder.attribute_value_list_class
        tag.attrs = AttributeDict(attrib)
        tag.known_xml = False
        tag.contents = []
        self._attach(tag)
        tag.hidden = False
        if name == "meta":
            self.builder.set_up_substitutions(tag)
        tag.can_be_empty_element = name in self.void
        tag.cdata_list_attributes = None
        tag.preserve_whitespace_tags = self.keep_space_names
        string_class = self.string_classes.get(name)
        if string_class is None:
            tag.interesting_string_types = _MAIN_STRINGS
        else:
            tag.interesting_string_types = {string_class}
            self.containers.append(tag)
        if name in self.keep_space_names:
            self.keep_space.append(tag)
        self.stack.append(tag)
        self.current = tag

    def end(self, name: str) -> None:
        """An element closes: ``endData`` and ``_popToTag``."""
        if self.text:
            self._end_text(NavigableString)
        stack = self.stack
        if self.current.name != name:
            if name[0] == "{":
                raise NamespacedName(name)
            if not any(open_tag.name == name for open_tag in stack[1:]):
                return
            while self._pop().name != name:
                pass
            return
        self._pop()

    def _pop(self) -> Tag:
        stack = self.stack
        tag = stack.pop()
        if self.keep_space and self.keep_space[-1] is tag:
            self.keep_space.pop()
        if self.containers and self.containers[-1] is tag:
            self.containers.pop()
        self.current = stack[-1]
        return tag

    def comment(self, text: str) -> None:
        if self.text:
            self._end_text(NavigableString)
        self.text.append(text)
        self._end_text(Comment)

    def doctype(self, name: str | None, public_id: str | None, system_id: str | None) -> None:
        if self.text:
            self._end_text(NavigableString)
        self.text.append(Doctype._string_for_name_and_ids(name, public_id, system_id))  # type: ignore[arg-type]
        self._end_text(Doctype)

    def pi(self, target: str, data: str) -> None:
        if self.text:
            self._end_text(NavigableString)
        self.text.append(target + " " + data)
        self._end_text(ProcessingInstruction)

    def close(self) -> None:
        """The page has ended: the last text, every element closed, the soup's state left as
        ``BeautifulSoup`` leaves it after parsing."""
        if self.text:
            self._end_text(NavigableString)
        while len(self.stack) > 1:
            self._pop()
        soup = self.soup
        soup.currentTag = self.current
        soup._most_recent_element = self.last

    def _end_text(self, string_class: type[NavigableString]) -> None:
        """The text so far becomes one string: ``endData`` and ``object_was_parsed``."""
        text = self.text
        value = text[0] if len(text) == 1 else "".join(text)
        text.clear()
        if not self.keep_space and not value.strip(_SPACES):
            value = "\n" if "\n" in value else " "
        if string_class is NavigableString and self.containers:
            string_class = self.string_classes.get(self.containers[-1].name, NavigableString)
        string = _new_str(string_class, value)
        string.hidden = False
        self._attach(string)

    def _attach(self, node: PageElement) -> None:
        """``node`` becomes the open element's last child and the page's latest node: the links
        ``PageElement.setup`` makes, set in its order."""
        parent = self.current
        last = self.last
        node.parent = parent
        node.previous_element = last
        if last is not None:
            last.next_element = node
        node.next_element = None
        node.next_sibling = None
        siblings = parent.contents
        if siblings:
            before = siblings[-1]
            node.previous_sibling = before
            before.next_sibling = node
        else:
            node.previous_sibling = None
        siblings.append(node)
        self.last = node

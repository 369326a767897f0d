"""Teaser cards: finding the cards of a section and reading one card into a Story.

Part of the HTML parser (see ``pagefeed.extract.html.parser``).
"""

from __future__ import annotations

from bs4 import Tag

from pagefeed.extract.dates import find_date, parse_machine_date
from pagefeed.extract.html.profiles import SPONSORED_TEXT, Role
from pagefeed.extract.html.runs import several_stories
from pagefeed.extract.html.teasers import headline_words, story_shaped, without_pager_label
from pagefeed.extract.html.tree import (
    BYLINE_PREFIX,
    HEADINGS,
    LINK,
    Classes,
    attr,
    figcaption,
    first_in,
    img_url,
    make_image,
    one_line,
    tags_in,
    walk,
)
from pagefeed.extract.links import absolute
from pagefeed.extract.normalize import derive_title
from pagefeed.model import Story, TitleSource

_MIN_LINK_WORDS = 3  # a bare link shorter than this is a "More" or "Video" link, not a headline
_MIN_ALT_WORDS = 4  # alt text this long may stand in for a missing caption
_SHORT_TEXT = 40
_TEXT_LEAVES = frozenset({"p", "span", "small", "div"})


class _Card:
    """Fields found while walking one card."""

    __slots__ = (
        "alt",
        "author",
        "caption",
        "credit",
        "date",
        "first_link",
        "image_url",
        "label",
        "link",
        "link_text",
        "machine_date",
        "sponsored",
        "summary",
        "text_link",
        "title",
    )

    def __init__(self) -> None:
        self.title: str = ""
        self.link: str | None = None
        self.first_link: str | None = None
        self.link_text: str = ""  # the first link text of a few words: a bare-link card's headline
        self.text_link: str | None = None  # where that link goes
        self.image_url: str | None = None
        self.alt: str = ""
        self.caption: str | None = None
        self.credit: str | None = None
        self.summary: str = ""
        self.date: str = ""
        self.machine_date: str = ""
        self.author: str | None = None
        self.label: str | None = None
        self.sponsored: bool = False


def card_story(
    root: Tag, section: str | None, base: str | None, classes: Classes, notes: list[str]
) -> Story | None:
    """One card as a teaser Story (None for an empty or sponsored card); warnings to ``notes``."""
    card = _Card()

    def visit(tag: Tag, role: Role | None) -> bool:
        name = tag.name
        if name == "a" and "href" in tag.attrs:
            href = absolute(attr(tag, "href"), base)
            if card.first_link is None:
                card.first_link = href
            if headline_words(card.link_text) < _MIN_LINK_WORDS:
                # the headline is often the second link, after the picture's
                text = classes.text(tag) or one_line(attr(tag, "title"))
                if headline_words(text) > headline_words(card.link_text):
                    card.link_text, card.text_link = text, href
            parent = tag.parent
            in_heading = parent is not None and (parent.name in HEADINGS or parent.name == "h1")
            if not card.title and (role is Role.HEADLINE or in_heading):
                card.title, card.link = classes.text(tag), href
                return False
        elif name in HEADINGS or (role is Role.HEADLINE and not card.title):
            if not card.title:
                link = first_in(tag, LINK, needs="href")
                card.title = classes.text(tag)
                card.link = absolute(attr(link, "href"), base) if link else card.first_link
            return False
        elif name == "img" and card.image_url is None:
            card.image_url, card.alt = img_url(tag, base), one_line(attr(tag, "alt"))
        elif name == "figcaption" and card.caption is None:
            card.caption, credit = figcaption(tag, classes)
            card.credit = card.credit or credit
            return False
        elif name == "time" and "datetime" in tag.attrs:
            card.machine_date = card.machine_date or attr(tag, "datetime")
            return False
        if role in (Role.CAPTION, Role.CREDIT, Role.SUMMARY, Role.DATE, Role.AUTHOR, Role.LABEL):
            text = classes.text(tag)
            if role is Role.CAPTION:
                card.caption = card.caption or text or None
            elif role is Role.CREDIT:
                card.credit = card.credit or text or None
            elif role is Role.SUMMARY:
                card.summary = card.summary or text
            elif role is Role.DATE:
                card.date = card.date or text
            elif role is Role.AUTHOR:
                card.author = card.author or BYLINE_PREFIX.sub("", text) or None
            else:
                card.label = card.label or text or None
                card.sponsored |= bool(SPONSORED_TEXT.fullmatch(text))
            return False
        if name in _TEXT_LEAVES and not any(isinstance(node, Tag) for node in tag.contents):
            text = classes.text(tag)
            card.sponsored |= len(text) < _SHORT_TEXT and bool(SPONSORED_TEXT.fullmatch(text))
            if name == "p" and not card.summary:
                card.summary = text
            return False
        return True

    if classes.role(root) is Role.HEADLINE or root.name == "a":
        visit(root, Role.HEADLINE)  # the card is its own headline link
    walk(root, visit, classes)
    if card.sponsored:
        return None
    caption = card.caption or (card.alt if len(card.alt.split()) >= _MIN_ALT_WORDS else None)
    title, source = card.title, TitleSource.PAGE
    link = card.link or card.first_link
    if not title and headline_words(card.link_text) >= _MIN_LINK_WORDS:
        title = without_pager_label(card.link_text)  # not "← Previous Story"
        link = card.text_link or link
    if not title:
        title, source = derive_title(card.summary), TitleSource.DERIVED
    if not title:
        return None
    stated = parse_machine_date(card.machine_date) if card.machine_date else None
    if stated is None and card.date:
        stated, warnings = find_date(card.date)
        notes.extend(warnings)
    return Story(
        title=title,
        title_source=source,
        summary=card.summary,
        section=section,
        label=card.label,
        author=card.author,
        link=link,
        image=make_image(card.image_url, caption, card.credit, notes=notes),
        stated_date=stated,
    )


def card_roots(
    container: Tag, start: Tag | None, stops: set[int], taken: set[int], classes: Classes
) -> list[Tag]:
    """The card elements in ``container`` after ``start`` and before the next section heading.

    ``start`` (a section heading) is never inside noise: the page scan found it.
    """
    roots: list[Tag] = []
    anchors: list[Tag] = []
    bare: list[Tag] = []  # headings without a link
    state = {"done": False}

    def visit(tag: Tag, role: Role | None) -> bool:
        if state["done"]:
            return False
        if id(tag) in stops:
            state["done"] = True
            return False
        if id(tag) in taken:
            return False
        linked = first_in(tag, LINK, needs="href") is not None
        if role is Role.CARD or (linked and tag.name in ("article", "li")):
            if (not linked and not classes.text(tag)) or several_stories(tag, classes):
                return True  # an empty frame, or a row of cards: the cards are inside
            roots.append(tag)
            return False
        if tag.name == "a" and "href" in tag.attrs and role is Role.HEADLINE:
            anchors.append(tag)
            return False
        if (tag.name in HEADINGS or role is Role.HEADLINE) and first_in(
            tag, LINK, needs="href"
        ) is not None:
            anchors.append(tag)  # a heading, or an element classed as a headline, with a link
            return False
        if tag.name == "a" and "href" in tag.attrs and first_in(tag, HEADINGS) is not None:
            anchors.append(tag)  # a headline wrapped in its link
            return False
        if tag.name in HEADINGS:
            bare.append(tag)  # a headline with no link: the card's link is beside it
            return False
        return True

    walk(container, visit, classes, start=start)
    # A loose headline's card is its highest ancestor holding no other headline.
    anchors += bare
    bare_ids = {id(tag) for tag in bare}
    counts: dict[int, int] = {}
    for anchor in anchors:
        node = anchor.parent
        while node is not None and node is not container:
            counts[id(node)] = counts.get(id(node), 0) + 1
            node = node.parent
    for anchor in anchors:
        root = anchor
        while root.parent is not None and root.parent is not container:
            parent = root.parent
            if counts.get(id(parent), 0) > 1 or id(parent) in taken:
                break
            if several_stories(parent, classes):
                break  # it holds another story's headline link, though not one found here
            root = parent
        if id(anchor) not in bare_ids or _links_to_story(root):
            roots.append(root)
    return roots


def _links_to_story(root: Tag) -> bool:
    return any(story_shaped(attr(link, "href")) for link in tags_in(root, LINK, needs="href"))


def section_container(heading: Tag) -> Tag | None:
    """The lowest element holding the heading and the first link after it."""
    following = next(
        (
            n
            for n in heading.next_elements
            if isinstance(n, Tag) and n.name == "a" and "href" in n.attrs
        ),
        None,
    )
    if following is None:
        return None
    ancestors = {id(node) for node in heading.parents}
    node = following.parent
    while node is not None and id(node) not in ancestors:
        node = node.parent
    return node

"""Runs of teaser cards that no heading announces: story streams, a page foot's digest, pagers.

Part of the HTML parser (see ``pagefeed.extract.html.parser``).

- :func:`unheaded_cards`: outside the teaser sections, a run of at least three sibling elements
  of one tag (classes may differ: "post-101", "block-big"), most of them a card of one story: a
  headline link (a few words, most of the item's text, or in or around a heading) to a
  story-shaped address (``teasers.story_shaped``), is a block of cards: a story stream, a
  filmstrip, a "latest" list or a deals box without a heading. Menus (short links), comments
  and source lists (text with a link in it), boxes of several stories, and lists of tag,
  category, author or archive pages are not. A list whose box is named for posts
  ("recent-posts") may hold two-word titles. The page foot is read too, for its lists of story
  headlines (a section digest), with a stricter test; its menus and site links are not. Three
  or more paragraphs back to back that are each one headline link are a list of stories too.
- :func:`pager_cards`: previous/next story links in a small navigation region.
- :func:`several_stories`: whether an element holds two stories' headlines (a row of cards).
"""

from __future__ import annotations

import re

from bs4 import Tag
from bs4.element import PageElement

from pagefeed.extract.html.profiles import NOISE_TAGS, Role
from pagefeed.extract.html.teasers import (
    HEADLINE_WORDS,
    headline_sized,
    headline_words,
    link_key,
    story_shaped,
    without_pager_label,
)
from pagefeed.extract.html.tree import HEADINGS, LINK, Classes, after, first_in, tags_in, text_of

_MIN_RUN = 3  # sibling cards that make an unheaded block
_LINK_SHARE = 0.5  # of an item's text its headline link must hold
RUN_CONTAINERS = frozenset(
    {"ul", "ol", "div", "section", "aside", "main", "article", "tbody", "nav", "footer"}
)
# What the page scan notes for unheaded_cards, by place: a container with children enough for
# a run, a noise element (a page foot, a pager), a section title's subtree the scan skipped.
RUN_PLACE_CONTAINER, RUN_PLACE_NOISE, RUN_PLACE_SUBTREE = 1, 2, 3


def _headline_link(
    item: Tag, classes: Classes, words: int = HEADLINE_WORDS, share: float = _LINK_SHARE
) -> Tag | None:
    """The link in ``item`` (or ``item`` itself, a card that is one link) that reads as a
    headline and holds most of the item's text, or sits in a heading, an element classed as a
    headline, or wraps a heading; it opens a story (:func:`story_shaped`). None as well when
    the item holds headlines of two stories (a box of cards, not one) or is too big for a card.
    """
    links = [item] if item.name == "a" else _links_of_small(item)
    found: Tag | None = None
    total = -1
    for link in links:
        href = link.attrs.get("href")
        if not isinstance(href, str) or not story_shaped(href):
            continue
        text = classes.text(link) or " ".join(str(link.get("title") or "").split())
        headed = _in_heading(link, classes) or first_in(link, HEADINGS) is not None
        if headline_words(text) < words and not (text and headed):
            continue
        if found is not None:
            if link_key(href) != link_key(str(found.attrs["href"])):
                return None  # a second story
            continue
        if not headed and total < 0 and share:
            total = len(classes.text(item))
        if headed or not total or len(text) >= share * total:
            found = link
    return found


_MAX_CARD_TAGS = 60  # elements in one card; a bigger item is a region of the page


def _links_of_small(item: Tag, most: int = _MAX_CARD_TAGS) -> list[Tag]:
    """The links under ``item``; none when it holds more than a card's worth of elements or
    more than ``most`` links."""
    links: list[Tag] = []
    if not item.contents:
        return links
    count = 0
    stop = after(item)
    node: PageElement | None = item.contents[0]
    while node is not None and node is not stop:  # item.descendants, without its generator
        if isinstance(node, Tag):
            count += 1
            if count > _MAX_CARD_TAGS:
                return []
            if node.name == "a" and "href" in node.attrs:
                links.append(node)
                if len(links) > most:
                    return []
        node = node.next_element
    return links


def several_stories(tag: Tag, classes: Classes) -> bool:
    """Whether ``tag`` holds the headlines of two or more stories: a row of cards, not one."""
    first = ""
    for link in tags_in(tag, LINK, needs="href"):
        href = str(link.attrs["href"])
        if not story_shaped(href):
            continue
        text = classes.text(link)
        if not headline_sized(text) and not (
            text and (_in_heading(link, classes) or first_in(link, HEADINGS) is not None)
        ):
            continue
        key = link_key(href)
        if not first:
            first = key
        elif key != first:
            return True
    return False


def _in_heading(link: Tag, classes: Classes) -> bool:
    parent = link.parent
    if parent is None:
        return False
    return parent.name in HEADINGS or parent.name == "h1" or classes.role(parent) is Role.HEADLINE


def unheaded_cards(places: list[tuple[Tag, int]], classes: Classes, skip: set[int]) -> list[Tag]:
    """Runs of sibling cards outside ``skip`` (teaser sections, cards taken, the story's
    paragraphs) that no heading announces: each item one headline link (see the docstring).

    ``places`` are where the page scan saw them, in page order (``Scan.run_places``): every
    container with children enough for a run, every noise element and every section title's
    subtree the scan did not enter, none inside a paragraph, link or heading. The page foot is
    chrome, but its lists of story headlines (a section-by-section digest under the site's
    links) are teasers: inside a ``<footer>``, or an element whose class or id names a footer,
    runs are read too, with a stricter test (:func:`_foot_run`); other chrome inside the foot
    (its menus) stays skipped; a noise region elsewhere may hold a pager (:func:`pager_cards`).
    """
    found: list[Tag] = []
    clean: set[int] = set()  # tags with no ancestor in skip (skip grows only below them)
    for place, kind in places:
        if _skipped(place, skip, clean):
            continue
        if kind == RUN_PLACE_CONTAINER:
            cards = _runs_in(place, classes, skip, foot=False)
            found.extend(cards)
            skip.update(id(card) for card in cards)
        elif kind == RUN_PLACE_SUBTREE or _is_foot(place):
            found.extend(_walked_runs(place, classes, skip))
        elif place.name in RUN_CONTAINERS:
            found.extend(pager_cards(place))
    return found


def _skipped(tag: Tag, skip: set[int], clean: set[int]) -> bool:
    """Whether ``tag`` or an ancestor is in ``skip``; ancestors found outside it go to ``clean``
    (places come in page order, and skip grows only by tags below the place read)."""
    seen: list[int] = []
    node: Tag | None = tag
    while node is not None:
        key = id(node)
        if key in skip:
            return True
        if key in clean:
            break
        seen.append(key)
        node = node.parent
    clean.update(seen)
    return False


def _walked_runs(region: Tag, classes: Classes, skip: set[int]) -> list[Tag]:
    """The runs in ``region`` (a page foot, or a subtree the scan skipped), found by walking it:
    runs inside a foot are read with the stricter test, its other chrome is skipped."""
    found: list[Tag] = []
    classify = classes.classify
    stop = after(region)
    node: PageElement | None = region
    foot_end: PageElement | None = None  # what follows the foot being read
    in_foot = False
    while node is not None and node is not stop:
        if in_foot and node is foot_end:
            in_foot = False
        if not isinstance(node, Tag):
            node = node.next_element
            continue
        if (node.attrs or node.name in NOISE_TAGS) and classify(node) is Role.NOISE:
            if not _is_foot(node):
                if node.name in RUN_CONTAINERS and id(node) not in skip:
                    found.extend(pager_cards(node))
                node = after(node)
                continue
            if not in_foot:
                in_foot, foot_end = True, after(node)
        if id(node) in skip:
            node = after(node)
            continue
        name = node.name
        if name in RUN_CONTAINERS:
            cards = _runs_in(node, classes, skip, foot=in_foot)
            found.extend(cards)
            skip.update(id(card) for card in cards)
        elif name in ("p", "a") or name in HEADINGS:
            node = after(node)
            continue
        node = node.next_element
    return found


def pager_cards(region: Tag) -> list[Tag]:
    """The previous/next story links of a small navigation region (chrome by its name): one or
    two links to stories, each marked ``rel=prev|next`` or labelled "Previous", "Next story",
    "Newer", with a headline besides the label. The card is the link's parent when it holds
    only that link (the label may sit beside it), else the link."""
    links = _links_of_small(region, _MAX_PAGER_LINKS)
    if not links:
        return []
    cards: list[Tag] = []
    for link in links:
        href = str(link.attrs["href"])
        if not story_shaped(href):
            continue
        parent = link.parent
        alone = parent is not None and parent is not region and len(_links_of_small(parent, 1)) == 1
        card = parent if alone and parent is not None else link
        text = text_of(card)
        rel = link.attrs.get("rel")
        headline = without_pager_label(text)
        if headline == text and not (isinstance(rel, str) and rel.lower() in ("prev", "next")):
            return []  # a link that is no pager's: the region is something else
        if headline_sized(headline):
            cards.append(card)
    return cards


_MAX_PAGER_LINKS = 3


_FOOT_WORD = re.compile(r"(?:^|[^a-z])footer(?:$|[^a-z])")


def _is_foot(tag: Tag) -> bool:
    """A ``<footer>``, or an element whose class or id names one ("site-footer")."""
    if tag.name == "footer":
        return True
    for key in ("class", "id"):
        value = tag.attrs.get(key)
        if isinstance(value, str) and _FOOT_WORD.search(value.lower()):
            return True
    return False


def _runs_in(container: Tag, classes: Classes, skip: set[int], *, foot: bool) -> list[Tag]:
    """The cards of the runs among ``container``'s children (grouped by tag)."""
    contents = container.contents
    if len(contents) < _MIN_RUN:  # fewer children than a run has items
        return []
    groups: dict[str, list[Tag]] = {}
    for child in contents:
        if isinstance(child, Tag) and id(child) not in skip:
            groups.setdefault(child.name, []).append(child)
    found: list[Tag] = []
    paragraphs = groups.get("p")
    if paragraphs is not None and len(paragraphs) >= _MIN_RUN:
        found += _link_lines(container, skip)
    for items in groups.values():
        if len(items) < _MIN_RUN or items[0].name in _NOT_ITEMS:
            continue
        if not foot and _names_a_story_list(container):
            cards = _run_of_cards(items, classes, _LISTED_TITLE_WORDS, share=0.0)
        else:
            cards = _run_of_cards(items, classes)
        if cards and (not foot or _foot_run(cards)):
            found.extend(cards)
    return found


def _link_lines(container: Tag, skip: set[int]) -> list[Tag]:
    """Paragraphs placed back to back, three or more, each nothing but one headline link to a
    story: a list of related stories written as lines of the body."""
    found: list[Tag] = []
    run: list[Tag] = []
    for child in container.contents:
        if not isinstance(child, Tag):
            if str(child).strip():
                run = _taken(run, found)  # text between the lines ends the run
            continue
        if child.name == "p" and id(child) not in skip and _link_line(child):
            run.append(child)
        else:
            run = _taken(run, found)
    _taken(run, found)
    return found


def _taken(run: list[Tag], found: list[Tag]) -> list[Tag]:
    """Add ``run`` to ``found`` when it is long enough; a new, empty run."""
    if len(run) >= _MIN_RUN:
        found.extend(run)
    return []


def _link_line(paragraph: Tag) -> bool:
    """A paragraph that is only one link, with a headline's words, to a story."""
    link: Tag | None = None
    for node in paragraph.contents:
        if isinstance(node, Tag):
            if link is not None or node.name != "a":
                return False
            link = node
        elif str(node).strip():
            return False
    if link is None:
        return False
    href = link.attrs.get("href")
    return isinstance(href, str) and story_shaped(href) and headline_sized(text_of(link))


# Words of a class or id that name a list of stories ("recent-posts-widget", "popular_posts",
# "widget_recent_entries"); a list so named may hold two-word titles ("Bonuses of May") and an
# excerpt longer than the title under each.
_STORY_LIST_WORD = re.compile(
    r"(?:^|[^a-z])(?:recent|popular|related|latest)[-_]?(?:posts?|entries|articles|stories)"
    r"(?:$|[^a-z])"
)
_LISTED_TITLE_WORDS = 2
_SHORT_TITLE_WORDS = 3  # cards.card_story reads a bare link of fewer words as no headline
_STORY_LIST_DEPTH = 3  # the container and this many of its ancestors may carry the name


def _names_a_story_list(container: Tag) -> bool:
    """Whether the container or one of its nearest ancestors is named as a list of stories (not
    of comments: "recentcomments")."""
    node: Tag | None = container
    for _ in range(_STORY_LIST_DEPTH):
        if node is None:
            return False
        for key in ("class", "id"):
            value = node.attrs.get(key)
            if isinstance(value, str):
                low = value.lower()
                if "comment" not in low and _STORY_LIST_WORD.search(low):
                    return True
        node = node.parent
    return False


_FOOT_HEADLINE_WORDS = 6  # mean words of a foot run's headlines: site links are shorter


def _foot_run(cards: list[Tag]) -> bool:
    """Whether a run found in the page foot is a list of stories, not of site links: every
    card's text is headline-sized and they average a full headline's words."""
    words = [headline_words(text_of(card)) for card in cards]
    return min(words) >= HEADLINE_WORDS and sum(words) >= _FOOT_HEADLINE_WORDS * len(words)


_NOT_ITEMS = frozenset({"p", "span", "br", "img", "meta", "link", "script", "input"})


def _run_of_cards(
    items: list[Tag], classes: Classes, words: int = HEADLINE_WORDS, share: float = _LINK_SHARE
) -> list[Tag]:
    """Those of ``items`` that are cards (headlines of ``words`` or more, holding ``share`` of
    the item's text), when at least three and half of them are. A card whose headline is
    shorter than a card reader takes from a bare link is given as that link alone."""
    cards: list[Tag] = []
    allowed_misses = len(items) // 2
    for item in items:
        link = _headline_link(item, classes, words, share)
        if link is not None:
            short = (
                words < _SHORT_TITLE_WORDS
                and headline_words(classes.text(link)) < _SHORT_TITLE_WORDS
            )
            cards.append(link if short else item)
        else:
            allowed_misses -= 1
            if allowed_misses < 0:
                return []
    return cards if len(cards) >= _MIN_RUN else []

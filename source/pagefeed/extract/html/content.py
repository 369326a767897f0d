"""Where the story's text is: candidate blocks scored by what they hold (readability-style).

Part of the HTML parser (see ``pagefeed.extract.html.parser``). One walk over the page (noise
skipped) visits every text block: a ``<p>``, ``<pre>``, ``<td>``, ``<blockquote>``, or a ``<div>`` /
``<section>`` holding bare text of its own. Each block with enough text scores points from its
length and its commas, less the share of its text that sits in links; the points go to its parent
in full and, halved and thirded, to the two ancestors above (a ``<div>`` holding one paragraph,
only text and inline elements, is such a block; one whose bare text is split into lines by
``<br>`` is a container of its own). A candidate's score is the sum it received, nudged by its
class and id words (``article``, ``content`` up; ``comment``, ``sidebar``, ``related`` down: a
factor, never a verdict), and it falls with the link density of the blocks it holds. The best
candidate is the story's container; siblings that score close to it join it (text split into
several boxes by ads). Regions are judged by what they hold, never by one class word alone.
"""

from __future__ import annotations

import re

from bs4 import Tag
from bs4.element import NavigableString, PageElement

from pagefeed.extract.html.profiles import Role
from pagefeed.extract.html.tree import Classes, after, tags_in, walk
from pagefeed.patterns import on_first_use

_BLOCKS = frozenset({"p", "pre", "td", "blockquote"})
_BARE_TEXT_HOLDERS = frozenset({"div", "section", "article", "main", "span", "font", "center"})
_SKIP = frozenset({"aside", "header", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"})
_NESTING = frozenset({"td", "blockquote"})
_MIN_BLOCK_CHARS = 25
_MIN_BARE_CHARS = 80
_SIBLING_SHARE = 0.2  # a sibling joins the best candidate with at least this share of its score
_MIN_SIBLING_SCORE = 3.0
_WORD = re.compile(r"[a-z]+")
_UP_WORDS = frozenset(
    {"article", "articlebody", "body", "content", "entry", "hentry", "main", "post", "story",
     "text", "blog", "prose", "richtext", "copy", "storycontent", "articletext"}
)  # fmt: skip
_DOWN_WORDS = frozenset(
    {"comment", "comments", "combx", "contact", "foot", "footer", "footnote", "masthead",
     "outbrain", "promo", "related", "recirc", "share", "sidebar", "sponsor", "shopping", "tags",
     "widget", "teaser", "card", "cards", "rail", "popular", "trending", "newsletter", "more",
     "recommended", "taboola", "bio", "byline", "meta", "caption", "nav", "menu", "breadcrumb",
     "breadcrumbs"}
)  # fmt: skip
_UP, _DOWN = 1.3, 0.7  # class and id words only nudge a score


class _Candidate:
    __slots__ = ("blocks", "links", "score", "tag", "text")

    def __init__(self, tag: Tag) -> None:
        self.tag = tag
        self.score: float = 0.0
        self.text: int = 0  # characters of the blocks it holds
        self.links: int = 0  # of which in links
        self.blocks: int = 0


class Scores:
    """The candidates of one page, best first (see the module docstring)."""

    __slots__ = ("ranked",)

    def __init__(self, ranked: list[_Candidate]) -> None:
        self.ranked = ranked

    def best(self) -> Tag | None:
        return self.ranked[0].tag if self.ranked else None

    def joined(self) -> list[Tag]:
        """The best candidate with the siblings that score close to it, in page order."""
        if not self.ranked:
            return []
        top = self.ranked[0]
        parent = top.tag.parent
        if parent is None:
            return [top.tag]
        floor = max(_MIN_SIBLING_SCORE, top.score * _SIBLING_SHARE)
        scores = {id(c.tag): c.score for c in self.ranked}
        joined = []
        for sibling in parent.contents:
            if sibling is top.tag or (
                isinstance(sibling, Tag) and scores.get(id(sibling), 0.0) >= floor
            ):
                joined.append(sibling)
        return joined


_LEAD_BLOCKERS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "figure", "img", "form", "header"}
)
_LEAD_NAMES = frozenset({"p", "div", "section"})
_MIN_LEAD_CHARS, _MAX_LEAD_CHARS = 40, 600
_MAX_LEAD_LINKS = 0.3
_MAX_LEADS = 2
_lead_end = on_first_use(r"[.!?…]['\"’”)]?$")


def lead_before(first: Tag, classes: Classes, skip: set[int]) -> list[Tag]:
    """The story's lead paragraph when it sits in its own box just before the body's container
    (``<div class=lede><p>..</p></div><div class=body>..``): up to two siblings before ``first``
    that hold only prose ending a sentence, few links and no heading, list or picture, and no
    class role. Empty siblings and noise (ad slots) are passed over; anything else (a byline,
    a date, a headline) stops."""
    found: list[Tag] = []
    node = first.previous_sibling
    while node is not None and len(found) < _MAX_LEADS:
        if isinstance(node, Tag) and (role := classes.classify(node)) is not Role.NOISE:
            text, links = block_text_and_links(node)
            if text:
                if role is not None or not _reads_as_lead(node, text, links, skip):
                    break
                found.insert(0, node)
        elif type(node) is NavigableString and node.strip():
            break
        node = node.previous_sibling
    return found


def _reads_as_lead(tag: Tag, text: str, links: int, skip: set[int]) -> bool:
    if tag.name not in _LEAD_NAMES or id(tag) in skip:
        return False
    if not _MIN_LEAD_CHARS <= len(text) <= _MAX_LEAD_CHARS or not _lead_end().search(text):
        return False
    if _hint(tag) < 1.0 or any(True for _ in tags_in(tag, _LEAD_BLOCKERS)):
        return False
    return links <= _MAX_LEAD_LINKS * len(text)


def _hint(tag: Tag) -> float:
    """A factor from the element's class and id words: up for "article", down for "sidebar"."""
    words: list[str] = []
    for name in ("class", "id"):
        value = tag.attrs.get(name)
        if value:
            text = value if isinstance(value, str) else " ".join(value)
            words.extend(_WORD.findall(text.lower()))
    factor = 1.0
    if any(w in _UP_WORDS for w in words):
        factor *= _UP
    if any(w in _DOWN_WORDS for w in words):
        factor *= _DOWN
    return factor


def _counted(tag: Tag, root: Tag, skip: set[int], known: dict[int, bool]) -> bool:
    """Whether the walk of :func:`score_blocks` would reach ``tag``: not under a skipped
    subtree, a heading, figure, aside or header, or a block that is not a table cell or quote.
    ``known``: the answer for the ancestors already climbed (blocks share their ancestors)."""
    node = tag.parent
    climbed: list[int] = []
    reached = False
    while node is not None and node is not root:
        key = id(node)
        if key in known:
            reached = known[key]
            break
        name = node.name
        if key in skip or name in _SKIP or (name in _BLOCKS and name not in _NESTING):
            break
        climbed.append(key)
        node = node.parent
    else:
        reached = node is root
    for key in climbed:
        known[key] = reached
    return reached


def block_text_and_links(block: Tag) -> tuple[str, int]:
    """A block's text for scoring, and how many of its characters are in links, in one pass.

    The text is the block's strings joined with runs of spaces folded, and each link's text is
    folded the same way (cheaper than ``text_of``, which also drops controls and normalises;
    counts need neither)."""
    parts: list[str] = []
    links: list[tuple[PageElement | None, list[str]]] = []  # open links: where each ends, text
    link_chars = 0
    stop = after(block)
    node: PageElement | None = block.contents[0] if block.contents else None
    while node is not None and node is not stop:
        while links and node is links[-1][0]:
            link_chars += len(" ".join("".join(links.pop()[1]).split()))
        if type(node) is NavigableString:
            parts.append(node)
            for _, strings in links:
                strings.append(node)
        elif isinstance(node, Tag) and node.name == "a":
            links.append((after(node), []))
        node = node.next_element
    for _, strings in links:  # links ending with the block
        link_chars += len(" ".join("".join(strings).split()))
    return " ".join("".join(parts).split()), link_chars


def bare_text(tag: Tag) -> str:
    """The text a div or section holds directly (not in child elements but <br>, inline tags)."""
    parts = [str(n) for n in tag.contents if type(n) is NavigableString]
    return " ".join(" ".join(parts).split())


# Elements that sit inside a line of text (a paragraph written as a <div> holds only these).
INLINE = frozenset(
    {"a", "em", "strong", "b", "i", "u", "s", "span", "small", "sup", "sub", "q", "cite", "abbr",
     "time", "mark", "font", "code", "wbr"}
)  # fmt: skip


def _inline_only(tag: Tag) -> bool:
    """Whether ``tag`` holds only text and :data:`INLINE` elements (no <br> lines, no blocks)."""
    return all(not isinstance(child, Tag) or child.name in INLINE for child in tag.contents)


SCORED = _BLOCKS | _BARE_TEXT_HOLDERS  # the elements a page scan collects for scoring


def score_blocks(
    root: Tag, classes: Classes, skip: set[int], *, blocks: list[Tag] | None = None
) -> Scores:
    """Score the candidate containers under ``root``; subtrees whose id is in ``skip`` (teaser
    sections and cards) and noise are not visited. ``blocks``: the :data:`SCORED` elements of
    the page outside noise, in page order, as the page scan collected them (no second walk)."""
    candidates: dict[int, _Candidate] = {}

    def credit(block: Tag, text: str, link_chars: int) -> None:
        chars = len(text)
        density = min(link_chars / chars, 1.0) if chars else 1.0
        commas = text.count(",")
        if not text.isascii():
            commas += text.count("،") + text.count("、") + text.count("，")
        points = (1.0 + commas + min(chars / 100, 3.0)) * (1.0 - density)
        node = block.parent
        for level in range(3):
            if node is None or node.name == "[document]":
                break
            cand = candidates.get(id(node))
            if cand is None:
                cand = candidates[id(node)] = _Candidate(node)
            cand.score += points / (1 if level == 0 else level * 2)
            if level == 0:
                cand.text += chars
                cand.links += link_chars
                cand.blocks += 1
            node = node.parent

    def visit(tag: Tag, role: Role | None) -> bool:
        if id(tag) in skip or tag.name in _SKIP:
            return False
        name = tag.name
        if name in _BLOCKS:
            text, link_chars = block_text_and_links(tag)
            if len(text) >= _MIN_BLOCK_CHARS:
                credit(tag, text, link_chars)
            return name in _NESTING  # table cells and quotes hold blocks too
        if name in _BARE_TEXT_HOLDERS:
            bare = bare_text(tag)
            if len(bare) >= _MIN_BARE_CHARS:
                if _inline_only(tag):
                    credit(tag, *block_text_and_links(tag))  # a paragraph written as a <div>
                else:
                    credit_bare(tag, bare)
        return True

    def credit_bare(tag: Tag, text: str) -> None:
        # Bare text counts for the element itself: it is its own container.
        cand = candidates.get(id(tag))
        if cand is None:
            cand = candidates[id(tag)] = _Candidate(tag)
        chars = len(text)
        cand.score += 1.0 + text.count(",") + min(chars / 100, 3.0) * 2
        cand.text += chars
        cand.blocks += 1

    if blocks is None:
        walk(root, visit, classes)
    else:
        known: dict[int, bool] = {}
        for tag in blocks:
            if _counted(tag, root, skip, known):
                visit(tag, None)
    ranked = []
    for cand in candidates.values():
        if cand.tag.name in ("body", "html") and cand.blocks < 2:
            continue
        density = cand.links / cand.text if cand.text else 0.0
        cand.score = cand.score * _hint(cand.tag) * (1.0 - density)
        ranked.append(cand)
    ranked.sort(key=lambda c: -c.score)
    return Scores(ranked=ranked)

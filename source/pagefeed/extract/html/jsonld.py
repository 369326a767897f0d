"""JSON-LD blocks of a page: the article object they describe, read defensively.

Pure: takes the text of each ``<script type="application/ld+json">`` block and returns plain
strings (dates stay strings; ``pagefeed.extract.html.parser`` turns them into datetimes). Any JSON
shape is
accepted; what is not understood is ignored.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from pagefeed.extract.html.tree import one_line
from pagefeed.extract.sanitize import plain_text
from pagefeed.patterns import on_first_use

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "SocialMediaPosting",
        "DiscussionForumPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "SatiricalArticle",
    }
)
# Other CreativeWork types read as the story only when no article type is on the page, and only
# when they carry a headline or a publication date.
OTHER_WORK_TYPES = frozenset(
    {"CreativeWork", "Review", "WebPage", "ItemPage", "VideoObject", "Recipe", "MediaObject"}
)
# A block wrapped as <![CDATA[ ... ]]> (often behind // or /* */ for old browsers) or <!-- -->.
_wrapper_start = on_first_use(r"^\s*(?://|/\*)?\s*(?:<!\[CDATA\[|<!--)\s*(?:\*/)?")
_wrapper_end = on_first_use(r"(?://|/\*)?\s*(?:\]\]>|-->)\s*(?:\*/)?\s*$")
_MAX_NODES = 5000  # enough for any real page; bounds the work on hostile input
_DECODER = json.JSONDecoder(strict=False)  # what json.loads(text, strict=False) builds per call


class LdArticle(NamedTuple):
    """The fields pagefeed reads from a JSON-LD article (all optional)."""

    type: str = ""
    headline: str | None = None
    url: str | None = None
    published: str | None = None
    modified: str | None = None
    description: str | None = None
    image_url: str | None = None
    image_caption: str | None = None
    image_credit: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``value``, breadth first, ``@graph`` members included."""
    queue: deque[Any] = deque([value])
    popleft, append = queue.popleft, queue.append
    seen = 0
    while queue and seen < _MAX_NODES:
        item = popleft()
        seen += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            for member in item.values():
                if isinstance(member, list | dict):
                    append(member)


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    if isinstance(kind, str):
        return [kind]
    return [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


def _text(value: Any) -> str | None:
    """A non-empty string from a string, a number or the first such item of a list."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | int | float)), None)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return text or None


def _plain(value: Any) -> str | None:
    """:func:`_text` for a text field: markup and entities ("&#8211;") read as plain text, on
    one line, without the control characters a JSON escape ("\\u0007") can carry."""
    text = _text(value)
    return (one_line(plain_text(text)) or None) if text else None


class _Graph:
    """The objects of all blocks, read lazily; indexed by ``@id`` when a reference is followed."""

    def __init__(self, roots: Sequence[Any]) -> None:
        self._pending = (node for root in roots for node in _nodes(root))
        self._read: list[dict[str, Any]] = []
        self._by_id: dict[str, dict[str, Any]] | None = None

    def nodes(self) -> Iterator[dict[str, Any]]:
        """Every object of every block, block by block, each breadth first."""
        read, index = self._read, 0
        while True:
            if index == len(read):
                node = next(self._pending, None)
                if node is None:
                    return
                read.append(node)
            yield read[index]
            index += 1

    @property
    def by_id(self) -> dict[str, dict[str, Any]]:
        if self._by_id is None:
            self._read.extend(self._pending)
            self._by_id = {}
            for node in self._read:  # a bare {"@id": ...} is a reference, not the object
                if isinstance(node.get("@id"), str) and len(node) > 1:
                    self._by_id.setdefault(node["@id"], node)
        return self._by_id

    def resolve(self, value: Any) -> Any:
        """Follow a ``{"@id": ...}`` reference (one level) to the object it names."""
        if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("@id"), str):
            return self.by_id.get(value["@id"], value)
        return value

    def first(self, value: Any) -> Any:
        """The first item of a list (resolved), or the value itself."""
        if isinstance(value, list):
            value = value[0] if value else None
        return self.resolve(value)

    def name(self, value: Any) -> str | None:
        value = self.resolve(value)
        return _plain(value.get("name")) if isinstance(value, dict) else _plain(value)

    def names(self, value: Any) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        found = (self.name(item) for item in items)
        return tuple(dict.fromkeys(name for name in found if name))


def _image(graph: _Graph, value: Any) -> tuple[str | None, str | None, str | None]:
    image = graph.first(value)
    if isinstance(image, dict):
        url = _text(image.get("url")) or _text(image.get("contentUrl"))
        credit = (
            _plain(image.get("creditText"))
            or graph.name(image.get("copyrightHolder"))
            or graph.name(image.get("author"))
        )
        return url, _plain(image.get("caption")), credit
    return _text(image), None, None


def _url(graph: _Graph, node: dict[str, Any]) -> str | None:
    url = _text(node.get("url"))
    if url:
        return url
    entity = graph.resolve(node.get("mainEntityOfPage"))
    if isinstance(entity, dict):
        return _text(entity.get("url")) or _text(entity.get("@id"))
    return _text(entity)


_WRAPPER_END_CHARS = frozenset("/*]>-")  # what the end pattern matches, besides spaces


def _unwrapped(block: str) -> str:
    """A block without the CDATA or comment wrapper some pages put around it. The patterns are
    tried only where they can match: the end one on the block's tail of the characters it is
    made of (searched over a whole block, it is tried at every position)."""
    text = block.strip()
    if text.startswith(("/", "<")):
        text = _wrapper_start().sub("", text, count=1)
    if text.endswith(("]]>", "-->", "*/")):
        tail = len(text)
        while tail and (text[tail - 1] in _WRAPPER_END_CHARS or text[tail - 1].isspace()):
            tail -= 1
        text = text[:tail] + _wrapper_end().sub("", text[tail:], count=1)
    return text.strip()


def parse_blocks(blocks: Sequence[str]) -> tuple[LdArticle | None, tuple[str, ...]]:
    """The first article object described by ``blocks`` and warnings for unreadable blocks."""
    roots: list[Any] = []
    warnings: list[str] = []
    for number, block in enumerate(blocks, start=1):
        text = _unwrapped(block)
        if not text:
            continue
        try:
            roots.append(_DECODER.decode(text))
        except (ValueError, RecursionError):
            warnings.append(f"JSON-LD block {number} is not valid JSON; ignored")
    graph = _Graph(roots)
    fallback: tuple[dict[str, Any], str] | None = None
    for node in graph.nodes():
        types = _types(node)
        kinds = [k for k in types if k in ARTICLE_TYPES]
        if kinds:
            return _article(graph, node, kinds[0]), tuple(warnings)
        if fallback is None and (node.get("headline") or node.get("datePublished")):
            other = next((k for k in types if k in OTHER_WORK_TYPES), None)
            if other is not None:
                fallback = (node, other)
    if fallback is not None:
        return _article(graph, *fallback), tuple(warnings)
    return None, tuple(warnings)


def _article(graph: _Graph, node: dict[str, Any], kind: str) -> LdArticle:
    image_url, caption, credit = _image(graph, node.get("image"))
    return LdArticle(
        type=kind,
        headline=_plain(node.get("headline")) or _plain(node.get("name")),
        url=_url(graph, node),
        published=_text(node.get("datePublished")),
        modified=_text(node.get("dateModified")),
        description=_plain(node.get("description")),
        image_url=image_url,
        image_caption=caption,
        image_credit=credit,
        authors=graph.names(node.get("author")),
        publisher=graph.name(node.get("publisher")),
    )

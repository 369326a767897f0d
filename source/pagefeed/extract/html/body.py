"""The main story's body: its blocks and bare-text lines, as plain paragraphs and HTML (pure).

Part of the HTML parser (see ``pagefeed.extract.html.parser``). The story's containers are
walked for body blocks (paragraphs, lists, quotes, subheads, figures) and for lines of bare text
split at ``<br>``; a picture's caption or a slideshow is not body text, and a dateline glued to
the first word gets its space. Each block keeps its markup beside its paragraphs, so the chrome
dropped from the start of the paragraphs (a byline, a share list) leaves the HTML too.
"""

from collections.abc import Callable
from html import escape
from typing import NamedTuple

from bs4 import Tag
from bs4.element import NavigableString

from pagefeed.extract.html.byline import sentence_end
from pagefeed.extract.html.content import INLINE, bare_text
from pagefeed.extract.html.profiles import CHROME_TEXT, Role
from pagefeed.extract.html.scan import Context
from pagefeed.extract.html.tree import first_in, one_line, render, tags_in, text_of, walk
from pagefeed.extract.sanitize import sanitize_html

BODY_BLOCKS = frozenset({"p", "ul", "ol", "blockquote", "h2", "h3", "h4", "pre"})
_LI, _IMG = frozenset({"li"}), frozenset({"img"})


class Body(NamedTuple):
    """The body's blocks in page order: each one's markup and the paragraphs it gives (a
    figure gives none, a list one per item)."""

    pieces: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return [text for _, texts in self.pieces for text in texts]

    def html(self, *, skip: int = 0) -> str | None:
        """The sanitised HTML of the blocks left once the first ``skip`` paragraphs are dropped
        (a block goes when all its paragraphs do; figures stay)."""
        kept: list[str] = []
        for markup, texts in self.pieces:
            if texts and skip >= len(texts):
                skip -= len(texts)
                continue
            skip = 0 if texts else skip
            kept.append(markup)
        # render() made every URL absolute already: the sanitiser drops whatever is relative.
        return sanitize_html("".join(kept), base_url=None) or None if kept else None


def read_body(roots: list[Tag], lead: Tag | None, ctx: Context) -> Body:
    """The body held by ``roots`` (the story's containers), without ``lead`` (its figure)."""
    items: list[Tag | str] = []  # blocks, and lines of bare text, in page order

    def visit(tag: Tag, role: Role | None) -> bool:
        if id(tag) in ctx.excluded or tag is lead or tag.name in ("aside", "h1", "header"):
            return False
        if role in _PICTURE_ROLES and tag.name in _TEXT_BLOCKS:
            return False  # a paragraph marked as a picture's caption or credit
        if tag.name in BODY_BLOCKS or tag.name == "figure":
            items.append(tag)
            return False
        if tag.name in _TEXT_HOLDERS and role is None and _is_text_paragraph(tag):
            items.append(tag)  # a paragraph written as a <div> or <span> of running text
            return False
        return True

    for root in roots:
        if root.name in BODY_BLOCKS:
            items.append(root)
        elif len(bare := bare_text(root)) >= _MIN_BARE_BODY or _is_sentence(bare):
            _mixed(root, items, visit, ctx)
        else:
            walk(root, visit, ctx.classes)
    pieces: list[tuple[str, tuple[str, ...]]] = []
    for block in items:
        if isinstance(block, str):
            pieces.append((f"<p>{escape(block, quote=False)}</p>", (block,)))
            continue
        text, markup = render(block, base=ctx.base)
        if block.name == "p":
            text, markup = _spaced_dateline(block, text, markup, ctx)
        if block.name in ("ul", "ol"):
            lines = _list_lines(block, ctx)
            if lines is None or not (lines or "<img" in markup):
                continue  # a slideshow, or a list left empty by the page's scripts
            pieces.append((markup, tuple(lines)))
        elif block.name == "figure":
            pieces.append((markup, ()))
        elif not CHROME_TEXT.fullmatch(text) and (text or "<img" in markup):
            markup = markup if block.name in BODY_BLOCKS else f"<p>{markup}</p>"
            pieces.append((markup, (text,) if text else ()))
    return Body(tuple(pieces))


_DATELINE_TAGS = frozenset({"cite", "span", "strong", "b", "em", "i", "small"})
_DATELINE_ENDS = (")", "]", ":", "—", "–")
_DATELINE_WORDS = 8


def _spaced_dateline(block: Tag, text: str, markup: str, ctx: Context) -> tuple[str, str]:
    """A paragraph opening with a dateline element glued to the story's first word
    ("<cite>Oslo (Agency)</cite>Ferries ..."): the word break the page's style sheet draws
    goes into the text and the markup. A drop cap ("<span>A</span>dam") is one letter and
    ends in no punctuation, so it stays joined."""
    first = next(
        (n for n in block.contents if not (type(n) is NavigableString and not n.strip())), None
    )
    if not isinstance(first, Tag) or first.name not in _DATELINE_TAGS:
        return text, markup
    following = first.next_sibling
    if type(following) is not NavigableString or not following[:1].isalnum():
        return text, markup
    label = text_of(first)
    if not label.endswith(_DATELINE_ENDS) or len(label.split()) > _DATELINE_WORDS:
        return text, markup
    if not text.startswith(label):
        return text, markup
    head = render(first, base=ctx.base)[1]
    return f"{label} {text[len(label) :]}", markup.replace(head, f"{head} ", 1)


_TEXT_HOLDERS = frozenset({"div", "section", "span", "font", "center"})
_INLINE = INLINE | {"br"}
_MIN_TEXT_CHARS = 25  # of its own text, for a <div> or <span> to be a paragraph
_MIN_TEXT_WORDS = 4


def _is_text_paragraph(tag: Tag) -> bool:
    """Whether a <div> or <span> in the body is a paragraph: text of its own, nothing but
    inline elements in it, and a sentence that ends (a byline, label or date line does not)."""
    if len(bare_text(tag)) < _MIN_TEXT_CHARS:
        return False
    if any(isinstance(child, Tag) and child.name not in _INLINE for child in tag.contents):
        return False
    return _is_sentence(text_of(tag))


def _is_sentence(text: str) -> bool:
    return (
        len(text) >= _MIN_TEXT_CHARS
        and len(text.split()) >= _MIN_TEXT_WORDS
        and sentence_end().search(text) is not None
    )


_PICTURE_ROLES = frozenset({Role.CAPTION, Role.CREDIT})
_TEXT_BLOCKS = frozenset({"p", "pre", "blockquote", "h2", "h3", "h4"})


def _list_lines(block: Tag, ctx: Context) -> list[str] | None:
    """A list's item lines; an item that is a captioned picture (a slideshow's frame) gives
    none, and a list of nothing else is no part of the body (None)."""
    lines: list[str] = []
    items = pictures = 0
    for item in tags_in(block, _LI):
        items += 1
        if first_in(item, _IMG) is not None and _holds_caption(item, ctx):
            pictures += 1
        elif line := text_of(item):
            lines.append(line)
    return None if items and pictures == items else lines


def _holds_caption(tag: Tag, ctx: Context) -> bool:
    classify = ctx.classes.classify
    return any(
        isinstance(node, Tag) and (node.name == "figcaption" or classify(node) in _PICTURE_ROLES)
        for node in tag.descendants
    )


_MIN_BARE_BODY = 80  # characters of bare text that make a container's own lines part of the body
_INLINE_BREAKS = frozenset({"br", "hr"})


def _mixed(
    root: Tag, items: list[Tag | str], visit: Callable[[Tag, Role | None], bool], ctx: Context
) -> None:
    """A container holding bare text as well as blocks: its text lines (split at ``<br>``) and
    its blocks, in page order."""
    line: list[str] = []

    def flush() -> None:
        text = one_line(" ".join(line))
        if text:
            items.append(text)
        line.clear()

    for node in root.contents:
        if isinstance(node, Tag):
            if node.name in _INLINE_BREAKS:
                flush()
            elif node.name in BODY_BLOCKS or node.name == "figure" or node.name in _BLOCKISH:
                flush()
                role = ctx.classes.classify(node)
                if role is not Role.NOISE and visit(node, role):
                    walk(node, visit, ctx.classes)
            elif ctx.classes.classify(node) is not Role.NOISE:
                line.append(text_of(node))
        elif type(node) is NavigableString:
            line.append(str(node))
    flush()


_BLOCKISH = frozenset(
    {"div", "section", "article", "table", "ul", "ol", "dl", "form", "aside", "header", "small"}
)

"""Stable story ids, handed out in page order while a page's stories are built.

Ids are ``urn:uuid:`` URIs (name-based, SHA-1, as uuid5 in RFC 4122) of a *story key*:
the story's link when it has one; else, for a teaser, its image caption (captions are rarely edited
and survive a typo fix in the summary); else its printed headline; else the first twelve words of
its summary. Keys are folded (case, punctuation, spacing) first, and qualified by the site's origin
when the page's URL is known. Two different stories on a page never share an id: a clash adds the
title and summary to the key; a card printed twice (same key, title and summary) is kept once.

A parser that knows its stories' fields asks :class:`StoryIds` for each id before it builds the
story, so every story is built once, with its id (``parse.assign_ids`` does the same for a
finished page).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from pagefeed.extract.hashing import sha1
from pagefeed.extract.normalize import joined_words, words
from pagefeed.model import TitleSource

_SUMMARY_KEY_WORDS = 12
_SUMMARY_KEY_HEAD = 160  # characters that usually hold more than the key's words
# RFC 4122 NameSpace_URL, the namespace uuid5 uses for URLs.
_NAMESPACE_URL = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")
# The RFC 4122 variant digit for each hex digit of the hash: binary 10 and its two low bits.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


class StoryIds:
    """The ids of one page's stories, asked for in page order (the main story first).

    ``warnings`` collects a line for each repeated card that :meth:`teaser` refused.
    """

    __slots__ = ("_origin", "_seen", "warnings")

    def __init__(self, url: str | None) -> None:
        self._origin = _origin(url) if url else ""
        self._seen: dict[str, tuple[str, str]] = {}
        self.warnings: list[str] = []

    def main(self, *, link: str | None, title: str, summary: str, title_source: TitleSource) -> str:
        """The main story's id (``link``: its own link, else the page's URL)."""
        key = _key(link=link, caption=None, title=title, summary=summary, title_source=title_source)
        self._seen[key] = (title, summary)
        return self._uuid_urn(key)

    def teaser(
        self,
        *,
        link: str | None,
        caption: str | None,
        title: str,
        summary: str,
        title_source: TitleSource,
    ) -> str | None:
        """A teaser's id, or None for a repeat of a card already on the page (then dropped)."""
        key = _key(
            link=link, caption=caption, title=title, summary=summary, title_source=title_source
        )
        content = (title, summary)
        seen = self._seen
        if key in seen:
            if seen[key] == content:
                self.warnings.append(f"dropped a repeated card: {title!r}")
                return None
            key = f"{key}\n{_fold(title)}\n{_fold(summary)}"
            if key in seen:
                self.warnings.append(f"dropped a repeated card: {title!r}")
                return None
        seen[key] = content
        return self._uuid_urn(key)

    def _uuid_urn(self, key: str) -> str:
        """``urn:uuid:`` of a name-based (SHA-1) UUID, the same value ``uuid.uuid5`` gives."""
        h = sha1(_NAMESPACE_URL + f"{self._origin}\n{key}".encode()).hexdigest()
        # The first 16 bytes, version 5 in the 7th byte's high nibble, the variant (binary 10)
        # in the 9th byte's two high bits.
        variant = _VARIANT[h[16]]
        return f"urn:uuid:{h[:8]}-{h[8:12]}-5{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"


def _key(
    *,
    link: str | None,
    caption: str | None,
    title: str,
    summary: str,
    title_source: TitleSource,
) -> str:
    if link:
        return "link:" + _canonical_link(link)
    if caption:
        return "caption:" + _fold(caption)
    if title_source is TitleSource.PAGE and title:
        return "title:" + _fold(title)
    first = _first_words(summary)
    return "summary:" + " ".join(first) if first else "title:" + _fold(title)


def _first_words(summary: str) -> list[str]:
    """The summary's first _SUMMARY_KEY_WORDS words, folded, read from its start only when
    that holds more words than those (then the last of them ends inside it)."""
    head = summary[:_SUMMARY_KEY_HEAD]
    found = words(head.casefold())
    if len(found) <= _SUMMARY_KEY_WORDS and len(head) < len(summary):
        found = words(summary.casefold())
    return found[:_SUMMARY_KEY_WORDS]


def _fold(text: str) -> str:
    return joined_words(text.casefold())


def _canonical_link(link: str) -> str:
    """The link without its fragment, with a lower-case scheme and host."""
    parts = urlsplit(link)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}" if parts.netloc else ""

"""The allowlist HTML sanitiser for bodies and summaries taken from pages (over nh3).

Only paragraphs, links, emphasis, lists, quotes, sub-headings, figures and images survive;
``script``, ``style``, ``iframe`` and other active content are dropped with their content;
attributes are limited to ``href``/``src``/``alt``/``title``; URLs must be http(s). Relative
URLs are made absolute against ``base_url`` first (and dropped when there is no usable base).
"""

from __future__ import annotations

from html import unescape
from typing import Literal

import nh3

from pagefeed.extract.links import is_web_url
from pagefeed.extract.normalize import drop_forbidden

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "a", "em", "strong", "i", "b", "u", "s", "sub", "sup", "small", "code",
        "ul", "ol", "li", "blockquote", "q", "cite",
        "h2", "h3", "h4", "figure", "figcaption", "img", "span",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
_Relative = Literal["deny"] | tuple[Literal["rewrite_with_base"], str]
URL_SCHEMES = frozenset({"http", "https"})
# Dropped together with everything inside them (nh3 would otherwise keep their text).
DROPPED_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
        "noscript", "template", "svg", "math", "canvas", "video", "audio", "form",
        "button", "select", "textarea", "title", "head",
    }
)  # fmt: skip


def _cleaner(relative: _Relative) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative=relative,
        link_rel=None,
        strip_comments=True,
    )


# Built once (it is immutable): the cleaner for fragments whose URLs are already absolute.
_ABSOLUTE_ONLY = _cleaner("deny")


def sanitize_html(fragment: str, *, base_url: str | None) -> str:
    """``fragment`` reduced to the allowlist, with absolute http(s) URLs only.

    Relative URLs are resolved against ``base_url``; without a usable one they are dropped.
    Characters XML forbids (controls, lone surrogates) are removed.
    """
    cleaner = _ABSOLUTE_ONLY
    if base_url and is_web_url(base_url):
        try:
            cleaner = _cleaner(("rewrite_with_base", base_url))
        except ValueError:  # a base URL nh3's parser rejects: drop relative URLs instead
            cleaner = _ABSOLUTE_ONLY
    # Character references such as "&#1;" decode to characters XML forbids: drop them too.
    return drop_forbidden(cleaner.clean(fragment)).strip()


# Built once: a cleaner that keeps no tag at all, for text fields that may carry markup.
_TEXT_ONLY = nh3.Cleaner(
    tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes={}, link_rel=None
)


def plain_text(value: str) -> str:
    """A text field that may carry markup or entities (JSON-LD) as plain text.

    ``"Ferry &amp; tram <b>fares</b>"`` gives ``"Ferry & tram fares"``; text with no ``<`` or
    ``&`` is returned as it is.
    """
    if "<" not in value and "&" not in value:
        return value
    return unescape(_TEXT_ONLY.clean(value))

"""What the HTML pages pagefeed writes share: the media types, the look, the head of a page.

The feed pages (``page``), the XSL view of the raw feeds (``stylesheet``) and the index
(``catalog``) look alike and are readable on a phone. No script anywhere.
"""

from __future__ import annotations

__all__ = [
    "ABOUT_FEEDS",
    "FORMAT_LABELS",
    "HEADLINES",
    "INDEX_NAME",
    "MEDIA_TYPES",
    "OPML_NAME",
    "PAGE_STYLE",
    "esc",
    "page_head",
]

HEADLINES = 5  # the newest headlines the index shows per feed
OPML_NAME = "feeds.opml"  # the catalog's files (here: a run names them before it loads catalog)
INDEX_NAME = "index.html"

MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
FORMAT_LABELS = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}
PAGE_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;"
    "line-height:1.5;color:#222;background:#fff}"
    "img{max-width:100%;height:auto}figure{margin:.5rem 0}"
    "figcaption{font-size:.9rem;color:#555}figcaption small{display:block;color:#777}"
    "code{user-select:all;word-break:break-all;background:#f3f3f3;padding:.1rem .3rem}"
    "article,section.feed{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.5rem 0 .2rem}"
    ".date{color:#666;font-size:.9rem;margin:0}.about{background:#f7f7f4;padding:.5rem 1rem}"
    "dt{font-weight:600}dd{margin:0 0 .5rem}"
)
ABOUT_FEEDS = (
    "A web feed lists the newest stories of a site in a form feed readers check for you. To "
    "follow one, copy its address into a feed reader (an app or a web service). Pick one "
    "format per feed: they carry the same stories."
)


def esc(text: str) -> str:
    """``text`` escaped for an HTML element or a quoted attribute (what ``html.escape`` with
    ``quote=True`` gives; the ``html`` package, whose import loads its entity table, is left
    unloaded)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def page_head(title: str, *, language: str = "en", links: list[str] | None = None) -> list[str]:
    """The lines of a page up to ``</head>``: ``title`` is escaped already, ``links`` are
    ready ``<link>`` tags (autodiscovery)."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="pagefeed">',
        f"<title>{title}</title>",
        *(links or []),
        f"<style>{PAGE_STYLE}</style>",
        "</head>",
    ]

"""Teaser decisions: which cards are never teasers, and what links and headlines look like.

Part of the HTML parser (see ``pagefeed.extract.html.parser``; the runs of cards that no
heading announces are found by ``pagefeed.extract.html.runs``).

- :func:`link_key`: links compared without fragment and tracking parameters, so the panes of a
  tabbed most-read box, and cards linking back to the page, are kept once.
- :func:`keep_teaser` / :func:`paid_section`: share buttons, shop and ad-network links, and boxes
  whose cards mostly leave the site carrying ad parameters ("from around the web", "You may
  like" native ads) are never teasers; nor is a card whose title is one short word.
- :func:`story_shaped`: an address that opens one story (a slug, an id, a page file), not a
  home, archive, section, tag, category, author, event or search page, nor a comment.
- :func:`headline_words` / :func:`headline_sized`: CJK headlines have no spaces; two
  characters count as a word.
- :func:`without_pager_label`: a previous/next link's text without its "← Previous Story".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from pagefeed.extract.html.profiles import pager_label, pager_label_end
from pagefeed.model import Story

HEADLINE_WORDS = 4  # words a link needs to read as a headline (CJK: two characters a word)
_MIN_TITLE_CHARS = 15  # a one-word title shorter than this is a label ("Rating"), not a headline

_TRACKING_PREFIXES = ("utm_", "ga_", "mc_", "pk_", "itm_", "at_")
_TRACKING_KEYS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "ref", "ref_src", "src", "source", "cmpid", "cid",
     "ocid", "ito", "xid", "smid", "mod", "rss", "from", "via", "share", "s1", "psource"}
)  # fmt: skip
# Where a "card" only shares the page, sends to a shop, or is an ad network's redirect.
_SHARE_LINKS = (
    "facebook.com/sharer", "facebook.com/share", "twitter.com/intent", "twitter.com/share",
    "x.com/intent", "linkedin.com/share", "linkedin.com/sharearticle", "pinterest.com/pin/create",
    "reddit.com/submit", "api.whatsapp.com/send", "wa.me/", "t.me/share", "telegram.me/share",
    "tumblr.com/share", "vk.com/share", "addtoany.com", "sharethis.com", "plus.google.com/share",
)  # fmt: skip
_PAID_HOSTS = (
    "outbrain.", "taboola.", "zergnet.", "revcontent.", "mgid.", "content.ad", "adclick.",
    "doubleclick.", "amazon.", "amzn.", "ebay.", "walmart.", "bestbuy.", "aliexpress.", "etsy.",
    "tradedoubler.", "awin1.", "linksynergy.", "shareasale.", "skimresources.", "redirectingat.",
)  # fmt: skip
_PAID_SUBDOMAINS = ("store.", "shop.", "shopping.", "deals.", "clk.", "click.", "ads.", "ad.")
# Paths of forum threads and comment pages, which are not stories.
_DISCUSSION_PATHS = ("/discussion/", "/threads/", "/thread/", "/forum/", "/forums/", "/comments/")
_DISCUSSION_HOSTS = ("forum.", "forums.", "community.", "comments.")
# Link texts of chrome: "See all ... rulings", "View all", "Share", "Subscribe to ...".
_CHROME_TITLES = (
    "see all",
    "view all",
    "show all",
    "see more",
    "view more",
    "read more",
    "share ",
    "subscribe",
    "sign up",
    "log in",
    "more ",
)
_PAID_MEDIUMS = frozenset({"cpc", "ppc", "cpm", "paid", "display", "native", "sponsored", "ad"})


@lru_cache(maxsize=2048)
def link_key(url: str) -> str:
    """A link for comparing cards: host without www, path, the query less tracking parameters."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_KEYS
    ]
    path = parts.path.rstrip("/")
    return f"{host}{path}?{urlencode(query)}" if query else f"{host}{path}"


def _site(host: str) -> str:
    """The last two labels of a host ("edition.cnn.com" -> "cnn.com"): the same site."""
    labels = host.lower().removeprefix("www.").split(".")
    return ".".join(labels[-2:])


@lru_cache(maxsize=2048)
def _is_paid(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if any(mark in host for mark in _PAID_HOSTS) or host.startswith(_PAID_SUBDOMAINS):
        return True
    return any(
        k.lower() == "utm_medium" and v.lower() in _PAID_MEDIUMS for k, v in parse_qsl(parts.query)
    )


def keep_teaser(story: Story) -> bool:
    """Whether a parsed card may be a teaser: not a share button, a shop or an ad, not a label."""
    title = story.title.strip()
    if " " not in title and len(title) < _MIN_TITLE_CHARS and not headline_sized(title):
        return False
    if title.lower().startswith(_CHROME_TITLES):
        return False
    if story.link:
        refused, section = _link_shape(story.link)
        if refused:
            return False
        if section and len(title.split()) <= _SECTION_LINK_WORDS:
            return False  # "All news", "Overview: World": a section's listing, not a story
    return True


@lru_cache(maxsize=2048)
def _link_shape(link: str) -> tuple[bool, bool]:
    """(whether a card linking to ``link`` is never a teaser: a share button, a shop, an ad, a
    discussion; whether the link is a section's folder)."""
    low = link.lower()
    if any(mark in low for mark in _SHARE_LINKS) or _is_paid(link):
        return True, False
    parts = urlsplit(low)
    if any(mark in parts.path for mark in _DISCUSSION_PATHS):
        return True, False
    return (parts.hostname or "").startswith(_DISCUSSION_HOSTS), _section_path(parts.path)


_SECTION_LINK_WORDS = 5


def _section_path(path: str) -> bool:
    """A folder of plain words ("/eng/world/news/"): a section or listing page. A story's path
    has a slug, an id or a date in it."""
    segments = [segment for segment in path.split("/") if segment]
    return path.endswith("/") and bool(segments) and all(s.isalpha() for s in segments)


def paid_section(stories: Sequence[Story], page_url: str | None) -> bool:
    """A box of native ads: most of its cards leave the site, and some carry ad parameters."""
    links = [s.link for s in stories if s.link]
    if not links or not page_url:
        return False
    home = _site(urlsplit(page_url).hostname or "")
    away = [link for link in links if _site(urlsplit(link).hostname or "") != home]
    return 2 * len(away) >= len(links) and any(_is_paid(link) or "utm_" in link for link in away)


def headline_words(text: str) -> int:
    """How many words ``text`` reads as: its space-separated words, with two CJK characters
    counting as one word (Japanese and Chinese headlines have no spaces)."""
    words = len(text.split())
    if text.isascii() or max(text) < _FIRST_CJK:  # no CJK character: the usual case
        return words
    cjk = sum(1 for ch in text if _is_cjk(ch))
    return words + max(0, cjk // 2 - 1)


_FIRST_CJK = "\u3040"  # the lowest character _is_cjk counts


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uff00" <= ch <= "\uffef"


def headline_sized(text: str) -> bool:
    """Whether ``text`` is long enough for a story's headline (not "More", "Video", "Login")."""
    return headline_words(text) >= HEADLINE_WORDS


# First path segments of pages that list stories or people rather than tell one.
_LISTING_SEGMENTS = frozenset(
    {"tag", "tags", "category", "categories", "topic", "topics", "author", "authors", "search",
     "feed", "login", "user", "users", "profile", "member", "members", "label", "labels",
     "event", "events"}
)  # fmt: skip
_COMMENT_FRAGMENTS = ("comment", "respond", "disqus")
_PAGE_FILE = re.compile(r"\.(?:html?|shtml|php|aspx?|cms)$")
_ID_SEGMENT = re.compile(r"[\d.]*\d{4,}[\d.]*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ID_QUERY = re.compile(r"(?:^|&)(?:\w*id|p)=\d", re.IGNORECASE)


@lru_cache(maxsize=2048)
def story_shaped(href: str) -> bool:
    """Whether a link's address reads as one story's page: a slug ("ferry-fares-rise"), an id
    ("1.4693347", "?p=812") or a page file at the end of its path; not the home page, a date
    folder (an archive), a section folder or a tag, category, author or search page, nor a
    comment's anchor."""
    parts = urlsplit(href.strip())
    if parts.fragment.lower().startswith(_COMMENT_FRAGMENTS):
        return False  # a comment under a story ("Ola on Ferry fares rise" lists)
    segments = [segment for segment in parts.path.lower().split("/") if segment]
    if not segments or segments[0] in _LISTING_SEGMENTS:
        return bool(_ID_QUERY.search(parts.query)) and not segments
    last = _PAGE_FILE.sub("", segments[-1])
    if "-" in last or "_" in last or _PAGE_FILE.search(segments[-1]):
        return True
    if any(_ID_SEGMENT.fullmatch(s) and not _YEAR.fullmatch(s) for s in segments):
        return True
    return bool(_ID_QUERY.search(parts.query))


def without_pager_label(text: str) -> str:
    """``text`` without a previous/next label ("← Previous Story Ferries ..." -> "Ferries
    ..."), when a headline is left."""
    label = pager_label().match(text)
    title = pager_label_end().sub("", text[label.end() :] if label else text)
    return title if title.strip() else text

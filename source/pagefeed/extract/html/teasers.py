"""Teaser decisions: unheaded runs of headline cards, and which cards are never teasers.

Part of the HTML parser (see ``pagefeed.extract.html.parser``).

- :func:`unheaded_cards`: outside the teaser sections, a run of at least three sibling elements
  of one tag (classes may differ: "post-101", "block-big"), most of them a card of one story: a
  headline link (a few words, most of the item's text, or in or around a heading) to a
  story-shaped address (:func:`story_shaped`), is a block of cards: a story stream, a
  filmstrip, a "latest" list or a deals box without a heading. Menus (short links), comments
  and source lists (text with a link in it), boxes of several stories, and lists of tag,
  category, author or archive pages are not. The page foot is read too, for its lists of
  story headlines (a section digest), with a stricter test; its menus and site links are not.
- :func:`headline_words`: CJK headlines have no spaces; two characters count as a word.
- :func:`link_key`: links compared without fragment and tracking parameters, so the panes of a
  tabbed most-read box, and cards linking back to the page, are kept once.
- :func:`keep_teaser` / :func:`paid_section`: share buttons, shop and ad-network links, and boxes
  whose cards mostly leave the site carrying ad parameters ("from around the web", "You may
  like" native ads) are never teasers; nor is a card whose title is one short word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from bs4 import Tag
from bs4.element import PageElement

from pagefeed.extract.html.profiles import NOISE_TAGS, PAGER_LABEL, PAGER_LABEL_END, Role
from pagefeed.extract.html.tree import HEADINGS, LINK, Classes, after, first_in, tags_in, text_of
from pagefeed.model import Story

_MIN_RUN = 3  # sibling cards that make an unheaded block
_HEADLINE_WORDS = 4  # words a link needs to read as a headline (CJK: characters, below)
_CJK_HEADLINE_CHARS = 12
_LINK_SHARE = 0.5  # of an item's text its headline link must hold
_CONTAINERS = frozenset(
    {"ul", "ol", "div", "section", "aside", "main", "article", "tbody", "nav", "footer"}
)
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
    if text.isascii():
        return words
    cjk = sum(1 for ch in text if _is_cjk(ch))
    return words + max(0, cjk // 2 - 1)


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uff00" <= ch <= "\uffef"


def headline_sized(text: str) -> bool:
    """Whether ``text`` is long enough for a story's headline (not "More", "Video", "Login")."""
    return headline_words(text) >= _HEADLINE_WORDS


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


def _headline_link(
    item: Tag, classes: Classes, words: int = _HEADLINE_WORDS, share: float = _LINK_SHARE
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
        text = text_of(link) or " ".join(str(link.get("title") or "").split())
        headed = _in_heading(link, classes) or first_in(link, HEADINGS) is not None
        if headline_words(text) < words and not (text and headed):
            continue
        if found is not None:
            if link_key(href) != link_key(str(found.attrs["href"])):
                return None  # a second story
            continue
        if not headed and total < 0 and share:
            total = len(text_of(item))
        if headed or not total or len(text) >= share * total:
            found = link
    return found


_MAX_CARD_TAGS = 60  # elements in one card; a bigger item is a region of the page


def _links_of_small(item: Tag, most: int = _MAX_CARD_TAGS) -> list[Tag]:
    """The links under ``item``; none when it holds more than a card's worth of elements or
    more than ``most`` links."""
    links: list[Tag] = []
    count = 0
    for node in item.descendants:
        if isinstance(node, Tag):
            count += 1
            if count > _MAX_CARD_TAGS:
                return []
            if node.name == "a" and "href" in node.attrs:
                links.append(node)
                if len(links) > most:
                    return []
    return links


def several_stories(tag: Tag, classes: Classes) -> bool:
    """Whether ``tag`` holds the headlines of two or more stories: a row of cards, not one."""
    first = ""
    for link in tags_in(tag, LINK, needs="href"):
        href = str(link.attrs["href"])
        if not story_shaped(href):
            continue
        text = text_of(link)
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


def unheaded_cards(root: Tag, classes: Classes, skip: set[int]) -> list[Tag]:
    """Runs of sibling cards outside ``skip`` (teaser sections, cards taken, the story's
    paragraphs) that no heading announces: each item one headline link (see the docstring).

    The page foot is chrome, but its lists of story headlines (a section-by-section digest
    under the site's links) are teasers: inside a ``<footer>``, or an element whose class or
    id names a footer, runs are read too, with a stricter test (:func:`_foot_run`); other
    chrome inside the foot (its menus) stays skipped. One walk over the page, as
    :func:`pagefeed.extract.html.tree.walk` but entering the foot.
    """
    found: list[Tag] = []
    classify = classes.classify
    stop = after(root)
    node: PageElement | None = root.contents[0] if root.contents else None
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
                if node.name in _CONTAINERS and id(node) not in skip:
                    found.extend(pager_cards(node))
                node = after(node)
                continue
            if not in_foot:
                in_foot, foot_end = True, after(node)
        if id(node) in skip:
            node = after(node)
            continue
        name = node.name
        if name in _CONTAINERS:
            cards = _runs_in(node, classes, skip, foot=in_foot)
            found.extend(cards)
            skip.update(id(card) for card in cards)
        elif name in ("p", "a") or name in HEADINGS:
            node = after(node)
            continue
        node = node.next_element
    return found


def without_pager_label(text: str) -> str:
    """``text`` without a previous/next label ("← Previous Story Ferries ..." -> "Ferries
    ..."), when a headline is left."""
    label = PAGER_LABEL.match(text)
    title = PAGER_LABEL_END.sub("", text[label.end() :] if label else text)
    return title if title.strip() else text


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
    groups: dict[str, list[Tag]] = {}
    for child in container.children:
        if isinstance(child, Tag) and id(child) not in skip:
            groups.setdefault(child.name, []).append(child)
    found: list[Tag] = []
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
    return min(words) >= _HEADLINE_WORDS and sum(words) >= _FOOT_HEADLINE_WORDS * len(words)


_NOT_ITEMS = frozenset({"p", "span", "br", "img", "meta", "link", "script", "input"})


def _run_of_cards(
    items: list[Tag], classes: Classes, words: int = _HEADLINE_WORDS, share: float = _LINK_SHARE
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
                words < _SHORT_TITLE_WORDS and headline_words(text_of(link)) < _SHORT_TITLE_WORDS
            )
            cards.append(link if short else item)
        else:
            allowed_misses -= 1
            if allowed_misses < 0:
                return []
    return cards if len(cards) >= _MIN_RUN else []

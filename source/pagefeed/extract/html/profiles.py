"""Site hints as data: class names that give a page element its role, and the generic vocabulary.

The generic HTML logic (``pagefeed.extract.html.parser``) works without profiles; a profile only
sharpens it for a site or publishing platform whose class names are known, and only on the pages
its ``match`` names (hosts, or a signature such as a generator ``<meta>``: the format is
:mod:`pagefeed.extract.match`, shared with site recipes). Adding a site is adding a ``Profile``
here; a profile never applies to another site's pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from pagefeed.extract.match import Match, PageMarks


class Role(StrEnum):
    """What an element is to the extractor."""

    CARD = "card"  # the root element of one teaser card
    HEADLINE = "headline"  # the headline (usually a link) of a card
    SUMMARY = "summary"
    DATE = "date"  # a human-readable date
    AUTHOR = "author"
    LABEL = "label"  # a series or section label above a card ("Hard Numbers")
    CAPTION = "caption"
    CREDIT = "credit"
    MAIN = "main"  # the container of the page's main story
    NOISE = "noise"  # chrome: navigation, ads, banners, share bars, sponsored cards


@dataclass(frozen=True, slots=True)
class Profile:
    """The class names one site or publishing platform uses, by role, and where it applies."""

    name: str
    match: Match
    classes: tuple[tuple[str, Role], ...]


GZERO = Profile(
    name="gzero",  # GZERO Media's site
    match=Match(hosts=("gzeromedia.com",)),
    classes=(
        ("widget", Role.CARD),
        ("widget__headline-text", Role.HEADLINE),
        ("body-description", Role.SUMMARY),
        ("social-date__text", Role.DATE),
        ("social-author__name", Role.AUTHOR),
        ("widget__section", Role.LABEL),
        ("media-caption", Role.CAPTION),
        ("media-photo-credit", Role.CREDIT),
        ("photo-credit", Role.CREDIT),
        ("page-article", Role.MAIN),
    ),
)

PROFILES: tuple[Profile, ...] = (GZERO,)


def _class_roles(profiles: tuple[Profile, ...]) -> MappingProxyType[str, Role]:
    roles: dict[str, Role] = {}
    for profile in profiles:
        for name, role in profile.classes:
            roles.setdefault(name, role)
    return MappingProxyType(roles)


def class_roles_for(
    marks: PageMarks, profiles: tuple[Profile, ...] = PROFILES
) -> MappingProxyType[str, Role]:
    """Exact class name -> role over the profiles whose ``match`` holds for the page (read-only;
    the first profile naming a class wins). Empty for a page no profile is for."""
    return _class_roles(tuple(p for p in profiles if p.match.holds(marks)))


# Read-only: exact class name -> role, over every profile (for tests and tools; the parser uses
# class_roles_for, which keeps each profile to its own pages).
CLASS_ROLES = _class_roles(PROFILES)


# ---- The generic vocabulary: what any news page's markup tends to mean. ----------------------

# Elements whose whole subtree is never content.
NOISE_TAGS = frozenset(
    {
        "nav", "footer", "style", "noscript", "template", "svg", "math", "form", "button",
        "select", "textarea", "iframe", "object", "embed", "dialog", "canvas", "video", "audio",
    }
)  # fmt: skip
NEVER_NOISE = frozenset({"html", "body", "main", "head"})
NOISE_ARIA_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar"}
)
# Words of class and id values (split at "-" and "_") that mark chrome, ads and sponsored cards.
NOISE_WORDS = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "megamenu", "footer", "breadcrumb", "breadcrumbs",
        "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe", "signup", "paywall",
        "share", "sharing", "sharebar", "sharetools", "ad", "ads", "advert", "advertisement",
        "adslot", "dfp", "sponsor", "sponsored", "promoted", "outbrain", "taboola", "popup",
        "modal", "skip", "comments", "masthead", "toolbar",
    }
)  # fmt: skip
# Words of class values that give an element its role when no profile names the class.
GENERIC_WORD_ROLES = MappingProxyType(
    {
        "card": Role.CARD,
        "teaser": Role.CARD,
        "headline": Role.HEADLINE,
        "hed": Role.HEADLINE,
        "summary": Role.SUMMARY,
        "dek": Role.SUMMARY,
        "excerpt": Role.SUMMARY,
        "standfirst": Role.SUMMARY,
        "description": Role.SUMMARY,
        "date": Role.DATE,
        "timestamp": Role.DATE,
        "dateline": Role.DATE,
        "author": Role.AUTHOR,
        "byline": Role.AUTHOR,
        "kicker": Role.LABEL,
        "eyebrow": Role.LABEL,
        "label": Role.LABEL,
        "caption": Role.CAPTION,
        "figcaption": Role.CAPTION,
        "credit": Role.CREDIT,
        "copyright": Role.CREDIT,
        "photographer": Role.CREDIT,
    }
)
# Headings that open a teaser section (matched on the squashed, lower-cased heading text).
TEASER_HEADING = re.compile(
    r"(more (from|for you|on|in|stories|news|like this)\b|related\b|most (popular|read|viewed)\b"
    r"|recommended\b|read next\b|you (may|might) also like|editor(['’]?s)?['’]? picks?\b"
    r"|further reading\b|top stories\b)"
)
# Short texts that mark a card as paid content.
SPONSORED_TEXT = re.compile(
    r"(sponsored( by\b.*| content| post| posts)?|paid (post|content)|partner content|promoted"
    r"|advertisement)[:.]?",
    re.IGNORECASE,
)
# Paragraphs that are site chrome even inside an article body.
CHROME_TEXT = re.compile(
    r"(advertisement|read more|show less|read moreshow less|keep reading\W*(show less)?"
    r"|continue reading\W*|skip to (main )?content|sign up for .*newsletter.*"
    r"|subscribe( now)?[.!]?|share this( story| article)?:?)",
    re.IGNORECASE,
)
# <meta> names and properties that may hold the story's publication date, most trusted first.
META_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "date",
)
# <img> attributes that may hold the picture's URL, lazy-loading ones first.
IMAGE_URL_ATTRS = ("data-runner-src", "data-src", "data-lazy-src", "data-original", "src")
IMAGE_SRCSET_ATTRS = ("data-srcset", "srcset")

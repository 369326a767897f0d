"""Site hints as data: class names that give a page element its role, and the generic vocabulary.

The generic HTML logic (``pagefeed.extract.html.parser``) works without profiles; a profile only
sharpens it for a site or publishing platform whose class names are known, and only on the pages
its ``match`` names (hosts, or a signature such as a generator ``<meta>``: the format is
:mod:`pagefeed.extract.match`, shared with site recipes). The profiles are the built-in site
recipes, data files in ``pagefeed/extract/html/recipes/`` (the format of a user's recipe, class
names only); adding a site is adding a file there. A profile never applies to another site's
pages. The files are read at import and each is parsed (TOML, checked as a recipe) the first
time a page that it may be for is read, so that other pages never load tomllib or the recipe
code.
"""

from __future__ import annotations

import os
import re
from enum import StrEnum
from functools import cache, lru_cache
from types import MappingProxyType
from typing import NamedTuple

from pagefeed.extract.match import Match, PageMarks
from pagefeed.patterns import on_first_use


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


class Profile(NamedTuple):
    """The class names one site or publishing platform uses, by role, and where it applies."""

    name: str
    match: Match
    classes: tuple[tuple[str, Role], ...]


def _read_builtin_texts() -> tuple[tuple[str, str], ...]:
    folder = os.path.join(os.path.dirname(__file__), "recipes")  # os: no pathlib/importlib cost
    found = []
    for entry in sorted(os.listdir(folder)):
        if entry.endswith(".toml"):
            with open(os.path.join(folder, entry), encoding="utf-8") as handle:
                found.append((entry.removesuffix(".toml"), handle.read()))
    return tuple(found)


# Read once, at import (package data, read-only); parsed only when a page may be a recipe's.
_BUILTIN_TEXTS = _read_builtin_texts()


def builtin_recipe_texts() -> tuple[tuple[str, str], ...]:
    """(name, TOML text) of every built-in recipe, sorted by name: read-only package data."""
    return _BUILTIN_TEXTS


@cache  # pure; a few files, each parsed at most once per process
def _builtin_profile(name: str, text: str) -> Profile:
    """A built-in recipe's TOML ``text`` as a profile: its class names by role, and its match."""
    from pagefeed.extract.html.recipe import class_names, recipe_from_toml

    recipe = recipe_from_toml(text, name=f"built-in recipe {name}", compile_selectors=False)
    classes = tuple((cls, Role(role)) for cls, role in class_names(recipe))
    assert recipe.match is not None, "class_names refuses a built-in recipe without match"
    return Profile(name=name, match=recipe.match, classes=classes)


def builtin_profiles() -> tuple[Profile, ...]:
    """Every built-in profile (``pagefeed/extract/html/recipes/*.toml``), in name order."""
    return tuple(_builtin_profile(name, text) for name, text in _BUILTIN_TEXTS)


def may_hold(text: str, marks: PageMarks) -> bool:
    """Whether the recipe file ``text`` can have a match that holds for the page with ``marks``.

    A quick test that never answers False wrongly, so that a page parses (and loads tomllib for)
    only the built-in recipes that could be for it: a host match needs the page's host, or a
    domain above it, written as a string (a quote or space before it; a dot, quote or space
    after it). A file with a signature or a backslash (a TOML escape) always may.
    """
    lowered = text.lower()
    if "\\" in lowered or "signature" in lowered:
        return True
    for host in marks.hosts:
        labels = host.split(".")
        for first in range(len(labels)):
            if _written(lowered, ".".join(labels[first:])):
                return True
    return False


def _written(lowered: str, domain: str) -> bool:
    """Whether ``domain`` occurs in ``lowered`` as a whole (trimmed) string value could."""
    at = lowered.find(domain)
    while at >= 0:
        end = at + len(domain)
        before = lowered[at - 1] if at else " "
        after = lowered[end] if end < len(lowered) else " "
        if (before in "\"'" or before.isspace()) and (after in ".\"'" or after.isspace()):
            return True
        at = lowered.find(domain, at + 1)
    return False


_NO_ROLES: MappingProxyType[str, Role] = MappingProxyType({})


def _class_roles(profiles: tuple[Profile, ...]) -> MappingProxyType[str, Role]:
    if not profiles:
        return _NO_ROLES
    roles: dict[str, Role] = {}
    for profile in profiles:
        for name, role in profile.classes:
            roles.setdefault(name, role)
    return MappingProxyType(roles)


@lru_cache(maxsize=256)  # pure: the built-in texts are constants; a run's pages share hosts
def _builtins_for(hosts: frozenset[str]) -> tuple[Profile, ...]:
    """The built-in profiles that :func:`may_hold` for a page with these hosts (parsed once)."""
    marks = PageMarks(hosts=hosts)
    return tuple(
        _builtin_profile(name, text) for name, text in _BUILTIN_TEXTS if may_hold(text, marks)
    )


def class_roles_for(
    marks: PageMarks, profiles: tuple[Profile, ...] | None = None
) -> MappingProxyType[str, Role]:
    """Exact class name -> role over the profiles whose ``match`` holds for the page (read-only;
    the first profile naming a class wins). Empty for a page no profile is for.

    ``profiles`` defaults to the built-in ones, of which only those that :func:`may_hold` for
    the page are parsed (once).
    """
    if profiles is None:
        profiles = _builtins_for(marks.hosts)
    return _class_roles(tuple(p for p in profiles if p.match.holds(marks)))


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
# Of those, the words (and tags) that yield to what a region holds: an element so named that
# holds story paragraphs is not chrome (a page-wide "non-ad-column", "paywall" or <form>).
WEAK_NOISE_WORDS = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "megamenu", "breadcrumb", "breadcrumbs",
        "paywall", "share", "sharing", "sharebar", "sharetools", "ad", "ads", "advert",
        "advertisement", "popup", "modal", "skip", "masthead", "toolbar", "subscribe", "signup",
        "newsletter",
    }
)  # fmt: skip
WEAK_NOISE_TAGS = frozenset({"form"})
# Words of class values that give an element its role when no profile names the class.
GENERIC_WORD_ROLES = MappingProxyType(
    {
        "card": Role.CARD,
        "teaser": Role.CARD,
        "headline": Role.HEADLINE,
        "title": Role.HEADLINE,
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
# Headings that open a teaser section, in several languages, matched on heading_key(text): the
# start of the heading, or (second group) a phrase that ends a short heading ("PFT Most Commented").
_HEADING_STARTS = (
    # English
    r"more (?!(info|information|details|about us|options|ways to|help)\b)\w",
    r"related\b", r"most (popular|read|viewed|watched|commented|shared|emailed|recent)\b",
    r"popular\b", r"trending\b", r"latest\b",
    r"recent( \w+)? (posts|stories|articles|news|content|entries)\b",
    r"top (stories|news|headlines|videos?|picks)\b", r"(we )?recommend(ed)?\b",
    r"read (next|this next|these next|more|also)\b", r"up next\b", r"what to read next\b",
    r"see also\b", r"also read\b", r"don'?t miss\b", r"you (may|might|will) (also )?(like|enjoy)",
    r"picked for you\b", r"editor(s|'s|s')? picks?\b", r"featured\b", r"explore further\b",
    r"further reading\b", r"our latest\b", r"in case you missed it\b", r"must (read|watch)\b",
    r"(also|elsewhere) on\b", r"keep reading\b", r"around the site\b", r"in other news\b",
    # Portuguese, Spanish, Italian, French
    r"voc[eê] (pode|tamb[eé]m pode) gostar", r"(veja|leia) tamb[eé]m\b",
    r"mais (lidas?|lidos|vistos?)\b",
    r"(not[ií]cias |artigos |art[ií]culos )?relacionad[oa]s\b",
    r"[uú]ltimas (not[ií]cias|noticias)\b",
    r"(tamb[ií]en )?te (puede|pueden) interesar", r"lo m[aá]s (le[ií]do|visto)\b",
    r"m[aá]s (le[ií]d[oa]s|noticias|vistas?)\b", r"lee tambi[eé]n\b", r"te recomendamos\b",
    r"(entradas|publicaciones|art[ií]culos|posts|artigos|articles|postagens) "
    r"(recientes|recentes|r[eé]cents|populares|populaires)\b",
    r"ultimi articoli\b", r"leggi anche\b", r"pi[uù] (letti|lette|visti)\b",
    r"articoli correlati\b",
    r"(à |a )?lire aussi\b", r"les plus (lus|populaires|partagés)\b", r"articles similaires\b",
    r"sur le m[eê]me (sujet|th[eè]me)\b", r"derni[eè]res (actualit[eé]s|infos)\b", r"voir aussi\b",
    r"(à |a )?voir aussi\b",
    # German, Dutch
    r"mehr (zum thema|aus|von|zu)\b", r"meist(gelesen|gesehen|kommentiert)", r"beliebt",
    r"(ä|ae)hnliche (artikel|beitr[aä]ge)\b", r"weitere (artikel|beitr[aä]ge|nachrichten)\b",
    r"auch interessant\b", r"das k[oö]nnte sie (auch )?interessieren", r"neueste\b",
    r"lees ook\b", r"meest gelezen\b", r"gerelateerd",
    # Russian, Japanese, Chinese
    r"свежие записи", r"похожие (записи|статьи|новости)", r"популярн", r"самые популярные",
    r"читайте (также|еще|ещё)", r"вам (также )?может (быть )?(понравиться|интересно)",
    r"рекомендуем", r"последние (новости|записи|статьи)", r"новости по теме",
    r"関連記事", r"人気記事", r"新着記事", r"最新記事", r"おすすめ", r"ランダム記事", r"人気",
    r"相关(文章|新闻|阅读)", r"热门", r"推荐阅读", r"最新(文章|新闻)",
)  # fmt: skip
_HEADING_ENDS = (
    r"most (popular|read|viewed|watched|commented|shared)", r"(related|top|latest) (stories|news)",
    r"headlines", r"relacionad[oa]s",
)  # fmt: skip
teaser_heading = on_first_use(
    "(?:" + "|".join(_HEADING_STARTS) + ")|(?:[^.!?]{0,30}\\b(?:" + "|".join(_HEADING_ENDS) + ")$)"
)
_HEADING_TRIM = re.compile(r"[\s.:…»›>|\-–—]+$")


def heading_key(text: str) -> str:
    """A heading as teaser_heading() reads it: lower case, straight apostrophes, one space, no
    trailing punctuation or arrows ("More from Space..." -> "more from space")."""
    text = " ".join(text.lower().replace("’", "'").split())
    return _HEADING_TRIM.sub("", text)


# CJK headings have no word breaks: these phrases open a section anywhere in a short heading
# ("このブログの人気記事", "本站热门文章").
_cjk_heading = on_first_use(
    "関連記事|人気記事|新着記事|最新記事|おすすめ記事|注目記事|ランダム記事"
    "|相关文章|相关新闻|相关阅读|热门文章|热门新闻|推荐阅读|最新文章|最新新闻"
    "|관련 ?기사|인기 ?기사|최신 ?기사"
)
_CJK_HEADING_CHARS = 20


@lru_cache(maxsize=1024)  # pure; section headings repeat ("Most read", "Related")
def is_teaser_heading(text: str) -> bool:
    """Whether ``text`` (a heading's visible text) opens a teaser section."""
    key = heading_key(text)
    if teaser_heading().match(key) is not None:
        return True
    return not key.isascii() and len(key) <= _CJK_HEADING_CHARS and bool(_cjk_heading().search(key))


# The label of a previous/next story link at the start of its text: "← Previous Story",
# "Newer post →", "Next:", or a screen-reader "Prev" glued to the headline ("PrevIs ..."); a
# headline that merely starts with the word ("Next year's budget") keeps it. pager_label_end:
# such a label glued to the end ("... MindsetNext").
_PAGER_WORDS = (
    r"(?:previous|prev|next|newer|older|anterior|siguiente|pr[eé]c[eé]dent|suivant"
    r"|vorherige[rs]?|n[aä]chste[rs]?)"
)
_PAGER_NOUNS = r"(?:story|post|article|entry|entrada|art[ií]culo|artikel|beitrag)"
pager_label = on_first_use(
    rf"\s*(?:[←«‹<]\s*{_PAGER_WORDS}\b(?:\s+{_PAGER_NOUNS}\b)?"
    rf"|{_PAGER_WORDS}(?:\s+{_PAGER_NOUNS}\b|\s*[:→»›>]|(?-i:(?=[A-Z]))))"
    r"[\s:→»›>←«‹<-]*"
    r"|\s*(?:前の記事|次の記事)[\s:→»›>←«‹<-]*",
    re.IGNORECASE,
)
pager_label_end = on_first_use(r"(?<=[a-z.?!])(?:Previous|Prev|Next|Newer|Older)\s*[→»›>]?\s*$")
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
    r"|subscribe( now)?[.!]?|share this( story| article)?:?"
    r"|(the )?(story|article) continues (below|after)( (this|the))?( advertisement| ad)?\W*)",
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

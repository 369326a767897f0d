"""Chrome at the start of a story's body: bylines, datelines, share prompts, filing labels.

Part of the HTML parser (see ``pagefeed.extract.html.parser``); pure text rules, no bs4. A body
often opens with lines that are not the story: "By Ana Ruiz · March 3, 2025", "Filed under:",
"News reporter @handle", "Share this on Facebook", "Facebook Twitter Email", "4 min read",
"Image: Agency", "READ MORE: headline", "Sign in to continue". They are dropped from the
start of the body (never from its middle). A byline's name becomes the story's author and its
date the story's date when the page states neither elsewhere; a byline is never the summary.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

from pagefeed.extract.dates import find_date
from pagefeed.patterns import on_first_use

_LOOK_AHEAD = 8  # paragraphs at the start of a body that may be chrome
_SHORT_WORDS = 12
_DATE_WORDS = 8
_byline = on_first_use(
    r"^(?:(?:written|words|posted|published|reported|story|text)\s+)?"
    r"(?:by|por|par|von|di|door|av|от|автор)\s+(?P<name>[^|·•,\d]{2,80}?)"
    r"(?:\s*(?:[|·•,/–—-]|\bon\b|\bupdated\b|\bpublished\b)\s*(?P<rest>.*)"
    # or the date right after the name, as a <br> leaves it: "By Ana Ruiz March 3, 2025"
    r"|\s+(?P<dated>(?:\d|[A-Z][a-z]{2,8}\.?\s+\d).*))?$",
    re.IGNORECASE,
)
_label = on_first_use(
    r"^(?:filed under|posted (?:in|on|by)|published|updated|last updated|share(?: this)?"
    r"|share on|image|photo|photograph|credit|source|tags?|topics?|categories|category"
    r"|reading time|listen to (?:this|the) (?:article|story)|min read|advertisement"
    r"|follow|email|print|comments?|\d+\s*(?:min|mins|minutes?)\.?\s+read|\d+\s+comments?"
    r"|listen)\b",
    re.IGNORECASE,
)
# A pointer to another story ("READ MORE: headline", "Related: headline") and a reader prompt
# ("Subscribe to our newsletter.", "Sign in to continue"): chrome at the start even as sentences.
_pointer = on_first_use(
    r"^(?:read more|related(?: stories| articles| coverage)?|see also|also read|read also|more"
    r"|watch|recommended|must read|don'?t miss)\s*[:|]\s*\S",
    re.IGNORECASE,
)
_prompt = on_first_use(
    r"^(?:subscribe|sign (?:up|in)|log ?in|register|already a subscriber|click here|tap here"
    r"|create (?:a |an |your )?(?:free )?account)\b",
    re.IGNORECASE,
)
# A line of nothing but share buttons ("Facebook Twitter Email"), as an unclassed list leaves it.
_share_buttons = on_first_use(
    r"(?:(?:share (?:on|to|via) )?(?:facebook|twitter|x|linkedin|whatsapp|pinterest|reddit"
    r"|telegram|flipboard|messenger|sms|e-?mail|print|copy link|copy)[\s,|·•/]*)+",
    re.IGNORECASE,
)
_handle = on_first_use(r"(?:^|\s)@\w{2,}")
sentence_end = on_first_use(r"[.!?…]['\"’”)]?$")
_name_word = on_first_use(r"^[A-ZÀ-Ý][\w'’.-]*$")


class Byline(NamedTuple):
    """What a dropped byline said: the author's name and the date, when it gave them."""

    author: str | None = None
    date: datetime | None = None


def leading_chrome(paragraphs: list[str]) -> tuple[list[str], Byline]:
    """``paragraphs`` without the chrome lines at their start, and the byline found there."""
    author: str | None = None
    date: datetime | None = None
    start = 0
    for index, text in enumerate(paragraphs[:_LOOK_AHEAD]):
        kind, name, when = _chrome(text)
        if kind is None:
            # a bare name line ("Tom Gillespie") is a byline only when chrome follows it
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
            if _is_name_line(text) and _chrome(following)[0] is not None:
                author = author or text
                start = index + 1
                continue
            break
        author = author or name
        date = date or when
        start = index + 1
    return paragraphs[start:], Byline(author=author, date=date)


def _chrome(text: str) -> tuple[str | None, str | None, datetime | None]:
    """(kind, byline name, date) of a chrome line; kind None for story text."""
    words = text.split()
    if not words or len(words) > _SHORT_WORDS * 2:
        return None, None, None
    match = _byline().match(text)
    if match is not None and _is_name(match["name"]):
        rest = match["rest"] or match["dated"] or ""
        when = find_date(rest)[0] if any(c.isdigit() for c in rest) else None
        if when is not None or not match["dated"]:  # "By Ana Ruiz 3rd" gives no date: no cut
            return "byline", match["name"].strip(" .") or None, when
    if _pointer().match(text):
        return "pointer", None, None
    if len(words) > _SHORT_WORDS:
        return None, None, None
    if _prompt().match(text):
        return "label", None, None
    if _label().match(text) and not sentence_end().search(text):
        return "label", None, None
    if _share_buttons().fullmatch(text):
        return "label", None, None
    if _handle().search(text):
        return "handle", None, None
    if len(words) > _DATE_WORDS or not any(c.isdigit() for c in text):
        return None, None, None
    when, _ = find_date(text)
    if when is not None:
        return "date", None, when
    return None, None, None


def _is_name_line(text: str) -> bool:
    """A short line of capitalised words with no sentence end: a name ("Tom Gillespie")."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(_name_word().match(w) for w in words)


_NAME_JOINERS = frozenset(
    {"and", "&", "de", "del", "da", "van", "von", "der", "y", "e", "et", "und"}
)
_NAME_WORDS = 6


def _is_name(text: str) -> bool:
    """Names after "By": capitalised words (and joiners such as "and", "de", "van")."""
    words = text.replace(",", " ").split()
    if not words or len(words) > _NAME_WORDS:
        return False
    return all(_name_word().match(w) or w.lower() in _NAME_JOINERS for w in words)

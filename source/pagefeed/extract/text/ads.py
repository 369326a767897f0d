"""Ad copy inside a story's body: sponsor reads and promos printed with no "Advertisement" line.

A paragraph is ad copy, neither body nor teaser, when it is short (a few lines) and it

* opens with a call to action and is short ("Learn more about ...", "Download the app at ..."),
  or is only a web address;
* names a sponsor and also names itself ("This briefing is presented by Acme."), speaks to the
  reader, gives a web address or a trademark, or calls to action;
* opens by addressing the reader with a hook ("..., but did you know ...?") and a call to
  action follows it, or a web address is in it, or nothing follows it in the body.

A paragraph that quotes or reports someone ("said", quotation marks) is never ad copy, and
neither is the body's first paragraph. A teaser card made only of ad copy is dropped too
(``ad_card``); there a hook needs a call after it or a web address in it. The vocabularies
are data in ``vocabulary``.
"""

from __future__ import annotations

import re

from pagefeed.extract.text.cards import Card, is_speaker
from pagefeed.extract.text.lines import is_call
from pagefeed.extract.text.vocabulary import (
    AD_ADDRESSES,
    AD_CALLS,
    AD_HOOKS,
    AD_REPORTING,
    AD_SPONSORS,
)

_AD_MAX = 600  # a sponsor read or a promo is a short paragraph
_HOOK_SENTENCE = 160  # a hook sits in the first sentence
_SPONSOR_WORDS = max(map(len, AD_SPONSORS))
_READER = re.compile(r"\byou(?:r|rs|'[a-z]{1,2}|’[a-z]{1,2})?\b")
# "This briefing is presented by ...": the paragraph (or the thing it is in) names its sponsor.
_SELF_SPONSORED = re.compile(
    r"(?:this|today[’']s|our|the following) [^.!?]{0,60}?\b(?:is|are) "
    r"(?:sponsored|presented|brought to you|paid for|underwritten|made possible|powered) by\b"
)
_LONE_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net)(?:/\S*)?")


def without_ads(texts: list[str]) -> list[str]:
    """A story's body paragraphs with the ad copy taken out (and a speaker label left empty)."""
    count = len(texts)
    kept = texts[:1]
    for index in range(1, count):
        text = texts[index]
        nxt = texts[index + 1] if index + 1 < count else None
        if len(text) <= _AD_MAX and is_ad(text, nxt, last=nxt is None):
            if len(kept) > 1 and is_speaker(kept[-1]):
                kept.pop()  # the label over a sponsor read ("Announcer:") goes with it
            continue
        if text[-1] == ":" and nxt is not None and is_speaker(text) and is_speaker(nxt):
            continue  # a speaker label with no words under it: what it said was chrome
        kept.append(text)
    return kept


def ad_card(card: Card) -> bool:
    """A card that is only ad copy: no picture or video, its headline (if any) and every
    paragraph ad copy ("Learn more about ..." read as a headline, a lone sponsor read)."""
    if card.has_image or card.video or card.video_title is not None:
        return False
    parts = [card.headline, *card.texts] if card.headline is not None else card.texts
    if not parts:
        return False
    for index, text in enumerate(parts):
        if not is_ad(text, parts[index + 1] if index + 1 < len(parts) else None):
            return False
    return True


def is_ad(text: str, nxt: str | None = None, *, last: bool = False) -> bool:
    """Whether a paragraph is ad copy (``nxt``: the paragraph after it; ``last``: nothing
    follows it in the story's body).

    Cheap tests come first: most paragraphs are ruled out without lower-casing them.
    """
    if len(text) > _AD_MAX:
        return False  # ad copy is short
    if is_call(text):
        return not _reports(text.lower())
    if " " not in text:
        return _LONE_ADDRESS.fullmatch(text.lower()) is not None
    if _names_sponsor(text):
        low = text.lower()
        return not _reports(low) and (
            _has(low, AD_ADDRESSES)
            or _READER.search(low) is not None
            or _calls_inside(low)
            or _SELF_SPONSORED.match(low) is not None
        )
    # A hook is a question ("... did you know ...?"): one fast search for "?" rules most out.
    if "?" in text and _has(text[:_HOOK_SENTENCE].lower(), AD_HOOKS):
        low = text.lower()
        if _has(low[: _first_stop(low)], AD_HOOKS) and not _reports(low):
            return _has(low, AD_ADDRESSES) or last or (nxt is not None and is_call(nxt))
    return False


def _names_sponsor(text: str) -> bool:
    """A sponsor named mid-sentence: "... is presented by", "... brought to you by"."""
    at = text.find(" by ")
    while at >= 0:
        if text[max(0, at - _SPONSOR_WORDS) : at].endswith(AD_SPONSORS):
            return True
        at = text.find(" by ", at + 4)
    return False


def _calls_inside(low: str) -> bool:
    return any(f". {call}" in low for call in AD_CALLS)


def _reports(low: str) -> bool:
    return _has(low, AD_REPORTING)


def _has(low: str, phrases: tuple[str, ...]) -> bool:
    for phrase in phrases:  # noqa: SIM110 - a plain loop is the fastest here
        if phrase in low:
            return True
    return False


def _first_stop(low: str) -> int:
    """Where the first sentence ends (its "?", "!" or ". "), or the line's end."""
    ends = [place for place in (low.find("? "), low.find("! "), low.find(". ")) if place >= 0]
    return min(ends) + 1 if ends else len(low)

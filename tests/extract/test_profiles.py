"""pagefeed.extract.html.profiles: site hints and the generic vocabulary, as data that stays
consistent."""

from __future__ import annotations

import pytest

from pagefeed.extract.html.profiles import (
    CHROME_TEXT,
    CLASS_ROLES,
    GENERIC_WORD_ROLES,
    NEVER_NOISE,
    NOISE_TAGS,
    NOISE_WORDS,
    PROFILES,
    SPONSORED_TEXT,
    Profile,
    Role,
    _class_roles,
    class_roles_for,
    heading_key,
    is_teaser_heading,
)
from pagefeed.extract.match import Match, page_marks


def test_class_roles_cover_every_profile_and_are_read_only() -> None:
    for profile in PROFILES:
        for name, role in profile.classes:
            assert CLASS_ROLES[name] is role
    with pytest.raises(TypeError):
        CLASS_ROLES["card"] = Role.CARD  # type: ignore[index]


def test_the_first_profile_naming_a_class_wins() -> None:
    anywhere = Match(hosts=("example.org",))
    first = Profile(name="one", match=anywhere, classes=(("teaser-box", Role.CARD),))
    second = Profile(
        name="two", match=anywhere, classes=(("teaser-box", Role.SUMMARY), ("dek-x", Role.SUMMARY))
    )
    roles = _class_roles((first, second))
    assert dict(roles) == {"teaser-box": Role.CARD, "dek-x": Role.SUMMARY}


def test_vocabularies_do_not_contradict_each_other() -> None:
    assert not NOISE_TAGS & NEVER_NOISE
    assert not NOISE_WORDS & set(GENERIC_WORD_ROLES)  # a word is a role or noise, not both
    assert all(word == word.lower() for word in NOISE_WORDS | set(GENERIC_WORD_ROLES))
    assert Role.NOISE not in set(GENERIC_WORD_ROLES.values()) | set(CLASS_ROLES.values())


@pytest.mark.parametrize(
    "heading",
    [
        "more from coastal times",
        "more on this story",
        "more for you",
        "related",
        "related coverage",
        "most read",
        "most popular",
        "recommended",
        "read next",
        "you might also like",
        "editors’ picks",
        "editor's pick",  # the usual spelling
        "editor’s picks",
        "editors picks",
        "top stories",
        "further reading",
        # other words, cases and trailing marks
        "What to Read Next", "See also", "Trending", "Our Latest Stories", "More on Harbours...",
        "MOST READ", "Don’t Miss", "Recent Posts", "Harbour Times Most Commented",
        "Read these next",
        "Top stories in Coastal", "Latest Ferry Headlines", "Picked For You", "Up next »",
        # Portuguese, Spanish, French, German, Italian, Dutch, Russian, Japanese
        "Você pode gostar...", "Leia também", "Notícias relacionadas", "Mais lidas",
        "Te puede interesar", "Lo más leído", "Noticias relacionadas",
        "À lire aussi", "Les plus lus", "Sur le même sujet",
        "Mehr zum Thema", "Meistgelesen", "Das könnte Sie auch interessieren",
        "Leggi anche", "Lees ook", "Свежие записи", "Читайте также", "関連記事", "人気記事",
        "このブログの人気記事", "本站热门文章", "관련기사",  # CJK: the phrase anywhere
    ],
)  # fmt: skip
def test_teaser_headings(heading: str) -> None:
    assert is_teaser_heading(heading)


@pytest.mark.parametrize(
    "heading",
    [
        "more", "moreover, the harbour", "unrelated news", "the most popular ferry",
        "More information",
        "Comments", "Share this article", "About the author",
        "The harbour's latest ferry, in pictures",
        "港の灯台の歴史と、関連記事を書かなかった理由について長く語る見出し",  # a headline
    ],
)  # fmt: skip
def test_not_teaser_headings(heading: str) -> None:
    assert not is_teaser_heading(heading)


def test_heading_key_folds_case_apostrophes_and_trailing_marks() -> None:
    assert heading_key("  More  from Space... ") == "more from space"
    assert heading_key("Editor’s Picks:") == "editor's picks"
    assert heading_key("Up next »") == "up next"


@pytest.mark.parametrize(
    "text",
    [
        *("Sponsored", "SPONSORED", "Sponsored by Harbour Bank", "Sponsored content:"),
        *("Paid post", "Partner content", "Promoted", "Advertisement."),
    ],
)
def test_sponsored_texts(text: str) -> None:
    assert SPONSORED_TEXT.fullmatch(text)


@pytest.mark.parametrize(
    "text", ["Sponsorship deals fall", "Sponsored content about boats is everywhere", "Promotion"]
)
def test_not_sponsored_texts(text: str) -> None:
    assert not SPONSORED_TEXT.fullmatch(text)


@pytest.mark.parametrize(
    "text",
    [
        *("Read more", "Continue reading…", "Skip to main content", "Subscribe now!"),
        *("Sign up for our harbour newsletter", "Share this story:", "Keep reading...Show less"),
    ],
)
def test_chrome_paragraphs(text: str) -> None:
    assert CHROME_TEXT.fullmatch(text)


@pytest.mark.parametrize(
    "text", ["Readers read more than ever.", "Subscribers fell by a third.", "Share prices rose."]
)
def test_body_paragraphs_are_not_chrome(text: str) -> None:
    assert not CHROME_TEXT.fullmatch(text)


def test_a_profile_applies_only_where_its_match_holds() -> None:
    wordpress = Match(hosts=(), signatures=())
    blog = Profile(
        name="blog", match=Match(hosts=("blog.example.org",)), classes=(("w", Role.CARD),)
    )
    assert wordpress.holds(page_marks(["https://x.example.org/"], {})) is False
    on_site = page_marks(["https://blog.example.org/post"], {})
    elsewhere = page_marks(["https://news.example.com/post", None], {"generator": "x"})
    assert dict(class_roles_for(on_site, (blog,))) == {"w": Role.CARD}
    assert dict(class_roles_for(elsewhere, (blog,))) == {}
    assert dict(class_roles_for(page_marks([], {}), (blog,))) == {}

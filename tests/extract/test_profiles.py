"""pagefeed.extract.html.profiles: site hints and the generic vocabulary, as data that stays
consistent."""

from __future__ import annotations

import pytest

from pagefeed.extract.html.profiles import (
    CHROME_TEXT,
    GENERIC_WORD_ROLES,
    NEVER_NOISE,
    NOISE_TAGS,
    NOISE_WORDS,
    SPONSORED_TEXT,
    Profile,
    Role,
    _builtin_profile,
    _class_roles,
    builtin_profiles,
    class_roles_for,
    heading_key,
    is_teaser_heading,
    may_hold,
)
from pagefeed.extract.match import Match, page_marks


def test_class_roles_cover_every_profile_and_are_read_only() -> None:
    class_roles = _class_roles(builtin_profiles())
    for profile in builtin_profiles():
        for name, role in profile.classes:
            assert class_roles[name] is role
    with pytest.raises(TypeError):
        class_roles["card"] = Role.CARD  # type: ignore[index]


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
    assert Role.NOISE not in set(GENERIC_WORD_ROLES.values()) | set(
        _class_roles(builtin_profiles()).values()
    )


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


@pytest.mark.parametrize(
    "hosts_line",
    [
        'hosts = ["example.org"]',
        "hosts = ['Example.ORG.']",
        'hosts = [ " example.org " , "other.net" ]',
        'hosts = [\n  "other.net",\n  "example.org",\n]',
    ],
)
def test_a_recipe_that_names_a_host_of_the_page_may_hold(hosts_line: str) -> None:
    text = f"cards = '.w'\n[match]\n{hosts_line}\n"
    for url in ("https://example.org/a", "https://news.example.org/a"):
        marks = page_marks([url], {})
        assert may_hold(text, marks)
        assert _builtin_profile("x", text).match.holds(marks)


@pytest.mark.parametrize(
    "url",
    ["https://example.com/a", "https://badexample.org/a", "https://org/a", "http://127.0.0.1/"],
)
def test_a_recipe_for_other_hosts_is_not_read(url: str) -> None:
    text = "# example.org's class names (v1)\ncards = '.w'\n[match]\nhosts = ['example.org']\n"
    marks = page_marks([url], {"generator": "x"})
    assert not may_hold(text, marks)
    assert not _builtin_profile("x", text).match.holds(marks)


@pytest.mark.parametrize(
    "match",
    [
        "signature = [{ meta = 'generator', contains = 'Lantern' }]",
        'hosts = ["\\u0065xample.org"]',  # an escape: the file is read to know
    ],
)
def test_a_recipe_with_a_signature_or_an_escape_is_always_read(match: str) -> None:
    text = f"cards = '.w'\n[match]\n{match}\n"
    assert may_hold(text, page_marks(["https://example.net/"], {}))


def test_built_in_profiles_apply_by_default_and_only_on_their_pages() -> None:
    gzero = next(profile for profile in builtin_profiles() if profile.name == "gzero")
    on_site = page_marks(["https://www.gzeromedia.com/a"], {})
    assert dict(class_roles_for(on_site)) == dict(gzero.classes)
    assert dict(class_roles_for(page_marks(["https://media.com/a"], {}))) == {}

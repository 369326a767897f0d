"""pagefeed.extract.html.recipe: checking a recipe (keys, selectors, match) into frozen types."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pagefeed.errors import ConfigError
from pagefeed.extract.html.recipe import (
    Recipe,
    RecipeError,
    Selector,
    check_recipe,
    recipe_from_toml,
    split_attr,
)
from pagefeed.extract.match import Match, Signature, page_marks


def problems_of(data: dict[str, object], *, file: bool = False) -> list[str]:
    problems: list[str] = []
    recipe = check_recipe(data, name="r", where="feeds[2].recipe.", problems=problems, file=file)
    assert (recipe is None) == bool(problems)
    return problems


def test_a_full_recipe_file() -> None:
    recipe = recipe_from_toml(
        """
        cards = "section.related li"
        title = "h3"
        link = "a[href]"
        summary = "p.dek"
        image = "img@data-full"
        caption = "figcaption"
        credit = ".credit"
        date = "time@datetime"
        author = ".by"
        label = ".kicker"
        exclude = [".sponsored", ".ad"]
        [main]
        container = "article.story"
        title = "h1"
        [match]
        hosts = ["Example-News.com"]
        """,
        name="example.toml",
    )
    assert recipe.cards == "section.related li"
    assert recipe.field("title") == Selector("h3")
    assert recipe.field("image") == Selector("img", "data-full")
    assert recipe.field("date") == Selector("time", "datetime")
    assert recipe.field("title", main=True) == Selector("h1")
    assert recipe.field("summary", main=True) is None
    assert recipe.main == "article.story"
    assert recipe.exclude == (".sponsored", ".ad")
    assert recipe.match == Match(hosts=("example-news.com",))  # lower-cased
    assert [key for key, _ in recipe.fields] == [
        "title", "link", "summary", "image", "caption", "credit", "date", "author", "label",
    ]  # fmt: skip
    with pytest.raises(AttributeError):
        recipe.cards = "li"  # type: ignore[misc]


def test_main_as_a_string_is_the_container() -> None:
    problems: list[str] = []
    recipe = check_recipe({"main": "article"}, name="r", where="", problems=problems)
    assert recipe == Recipe("r", main="article")
    assert problems == []


@pytest.mark.parametrize(
    ("text", "selector"),
    [
        ("a", Selector("a")),
        ("a@href", Selector("a", "href")),
        ("@href", Selector("", "href")),
        ("time @datetime", Selector("time", "datetime")),
        ('a[href$="@x"]', Selector('a[href$="@x"]')),
        ('a[title="x@y"] span', Selector('a[title="x@y"] span')),
        ("img@data-src", Selector("img", "data-src")),
        ("meta@content", Selector("meta", "content")),
    ],
)
def test_split_attr(text: str, selector: Selector) -> None:
    assert split_attr(text) == selector
    assert str(selector) in (text, text.replace(" @", "@"))


def test_a_selector_that_does_not_parse_names_its_dotted_key() -> None:
    found = problems_of({"cards": "li[", "title": "h3"})
    assert len(found) == 1
    assert found[0].startswith('feeds[2].recipe.cards: invalid selector "li[": ')


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"cards": "li", "titel": "h3"},
            'feeds[2].recipe.titel: unknown key (did you mean "title"?)',
        ),
        ({"cards": "li", "title": "h3 >"}, 'feeds[2].recipe.title: invalid selector "h3 >"'),
        ({"cards": "li", "date": "::before@x"}, "feeds[2].recipe.date: invalid selector"),
        ({"cards": 3}, "feeds[2].recipe.cards: expected a CSS selector (a string), got 3"),
        ({"cards": "  "}, "feeds[2].recipe.cards: must be one non-empty line"),
        ({"title": "h3"}, "feeds[2].recipe.cards: required with card fields"),
        ({"cards": "li", "exclude": [".ad", "p["]}, "feeds[2].recipe.exclude[1]: invalid selector"),
        ({"cards": "li", "exclude": 4}, "feeds[2].recipe.exclude: expected a selector or a list"),
        ({"main": {"container": "article", "titel": "h1"}}, "feeds[2].recipe.main.titel: unknown"),
        ({"main": {"container": "article["}}, "feeds[2].recipe.main.container: invalid selector"),
        ({"cards": "li", "match": {"hosts": ["a.com"]}}, "feeds[2].recipe.match: only in a recipe"),
        ({}, "feeds[2].recipe: the recipe selects nothing"),
    ],
)
def test_problems_have_dotted_paths(data: dict[str, object], expected: str) -> None:
    found = problems_of(data)
    assert any(problem.startswith(expected) for problem in found), found


@pytest.mark.parametrize(
    ("match", "expected"),
    [
        ({"hosts": "a.com"}, "match.hosts: must be a list"),
        ({"hosts": ["not a host"]}, "match.hosts[0]: 'not a host' is not a host name"),
        ({"signature": [{"meta": "generator"}]}, "match.signature[0]: needs exactly one of"),
        ({}, "match: needs at least one host or signature"),
        ({"host": ["a.com"]}, "match.host: unknown key"),
        ("a.com", "match: must be a table"),
    ],
)
def test_match_problems(match: object, expected: str) -> None:
    found = problems_of({"cards": "li", "match": match}, file=True)
    assert any(problem.startswith("feeds[2].recipe." + expected) for problem in found), found


def test_match_is_the_format_site_profiles_use() -> None:
    recipe = recipe_from_toml(
        'cards = "li"\n[match]\nhosts = ["Example.org"]\n'
        'signature = [{ meta = "generator", contains = "Quayside" }]\n',
        name="r.toml",
    )
    assert recipe.match == Match(
        hosts=("example.org",), signatures=(Signature(meta="generator", contains="Quayside"),)
    )
    assert recipe.match.holds(page_marks(["https://www.example.org/x"], {}))
    assert recipe.match.holds(page_marks([], {"generator": "Quayside CMS 4"}))
    assert not recipe.match.holds(page_marks(["https://badexample.org/"], {"generator": "Ghost"}))


def test_every_problem_is_reported_not_only_the_first() -> None:
    found = problems_of({"cards": "li[", "title": "h3[", "summry": "p"})
    assert len(found) == 3


def test_a_recipe_file_error_is_a_config_error_naming_the_file() -> None:
    with pytest.raises(RecipeError) as caught:
        recipe_from_toml('cards = "li["\ntitle = "a["\n', name="site.toml")
    assert isinstance(caught.value, ConfigError)  # exit 2
    assert caught.value.problems[0].startswith('site.toml: cards: invalid selector "li["')
    assert str(caught.value).endswith("(and 1 more)")
    with pytest.raises(RecipeError, match=r"^site.toml: invalid TOML"):
        recipe_from_toml("cards = ", name="site.toml")


@given(st.text(max_size=40))
def test_checking_any_text_as_a_selector_never_crashes(text: str) -> None:
    problems: list[str] = []
    check_recipe({"cards": text, "title": text}, name="r", where="", problems=problems)
    assert all(isinstance(problem, str) and "\n" not in problem for problem in problems)

"""Built-in site recipes (pagefeed/extract/html/recipes/*.toml): valid recipes, read as the site
profiles' class roles, applied only where their match holds, and beaten by a user's recipe."""

from __future__ import annotations

import pytest

from pagefeed.extract.html.profiles import Role, builtin_profiles, builtin_recipe_texts
from pagefeed.extract.html.recipe import RecipeError, class_names, recipe_from_toml
from pagefeed.extract.parse import parse

# A page of our own in the class names of the GZERO platform, with no teaser heading: only the
# built-in recipe's "widget" class makes its boxes cards, and only on the recipe's host.
WIDGET_PAGE = """<!doctype html><html><head><title>Desk</title></head><body>
<div class="widget"><a class="widget__section" href="/series/tide-tables">Tide Tables</a>
  <h2 class="widget__headline"><a class="widget__headline-text" href="/news/neap-tides">Neap
  tides leave the ferry aground twice</a></h2>
  <div class="body-description">The morning crossing was cancelled on both days.</div>
  <p class="alt-dek">Two cancellations in a week.</p>
  <div class="social-author"><span class="social-author__name">Ines Farrow</span></div></div>
<div class="widget">
  <h2 class="widget__headline"><a class="widget__headline-text" href="/news/lighthouse">The
  lighthouse keeper's last winter</a></h2>
  <div class="body-description">After forty years the light goes automatic in March.</div></div>
</body></html>"""
GZERO_URL = "https://www.gzeromedia.com/desk"
OTHER_URL = "https://news.example.org/desk"
GZERO = next(profile for profile in builtin_profiles() if profile.name == "gzero")


def test_every_built_in_recipe_is_a_valid_recipe_with_a_match() -> None:
    texts = builtin_recipe_texts()
    assert [name for name, _ in texts] == sorted(profile.name for profile in builtin_profiles())
    for name, text in texts:
        recipe = recipe_from_toml(text, name=name)  # selectors compiled by soupsieve here
        assert recipe.match is not None
        assert class_names(recipe)


def test_the_gzero_recipe_gives_the_profile_its_class_roles() -> None:
    assert GZERO.match.hosts == ("gzeromedia.com",)
    assert GZERO.classes == (
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
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('cards = "div.widget"\n[match]\nhosts = ["a.org"]\n', "cards: a built-in recipe names"),
        ('cards = ".a"\ntitle = "h3"\n[match]\nhosts = ["a.org"]\n', "title: a built-in recipe"),
        ('cards = ".a"\n', "match: required in a built-in recipe"),
        ('cards = ".a"\nexclude = ".ad"\n[match]\nhosts = ["a.org"]\n', "no [main] table or"),
    ],
)
def test_a_built_in_recipe_names_classes_only(text: str, problem: str) -> None:
    with pytest.raises(RecipeError) as caught:
        class_names(recipe_from_toml(text, name="site"))
    assert any(problem in line for line in caught.value.problems), caught.value.problems


def test_a_built_in_recipe_applies_only_on_its_host() -> None:
    on_host = parse(WIDGET_PAGE, url=GZERO_URL)
    assert [t.title for t in on_host.teasers] == [
        "Neap tides leave the ferry aground twice",
        "The lighthouse keeper's last winter",
    ]
    first = on_host.teasers[0]
    assert first.summary == "The morning crossing was cancelled on both days."  # .body-description
    assert (first.label, first.author) == ("Tide Tables", "Ines Farrow")
    elsewhere = parse(WIDGET_PAGE, url=OTHER_URL)
    assert elsewhere.teasers != on_host.teasers
    assert all(t.label is None for t in elsewhere.teasers)


def test_a_user_recipe_wins_over_the_built_in_one_field_by_field() -> None:
    user = recipe_from_toml('cards = "div.widget"\nsummary = "p.alt-dek"\n', name="mine.toml")
    page = parse(WIDGET_PAGE, url=GZERO_URL, recipe=user)
    first, second = page.teasers
    assert first.summary == "Two cancellations in a week."  # the user's selector
    assert second.summary == "After forty years the light goes automatic in March."  # built-in
    assert (first.label, first.author) == ("Tide Tables", "Ines Farrow")  # what it leaves out

"""pagefeed.extract.html.suggest: a draft recipe that gives back the automatic reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from pagefeed.errors import ParseError
from pagefeed.extract.html.recipe import recipe_from_toml
from pagefeed.extract.html.suggest import suggest_for
from pagefeed.extract.normalize import clean_text
from pagefeed.extract.parse import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGES = sorted([*(FIXTURES / "html").glob("*.html"), *(FIXTURES / "recipes").glob("*.html")])
URL = "https://news.example.org/section/page"


def _view(text: str, recipe_toml: str | None) -> object:
    recipe = recipe_from_toml(recipe_toml, name="draft.toml") if recipe_toml else None
    page = parse(text, url=URL, recipe=recipe)
    teasers = [(t.title, t.link, t.summary, t.image, t.stated_date) for t in page.teasers]
    return teasers, page.main.title if page.main else None


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_the_draft_reproduces_the_automatic_reading(path: Path) -> None:
    text = clean_text(path.read_text(encoding="utf-8", errors="replace"))
    try:
        automatic = _view(text, None)
    except ParseError:
        return  # nothing read automatically: nothing to describe
    found = suggest_for(text, url=URL)
    assert found.toml.startswith("# A draft recipe")
    if found.recipe.cards is None and found.recipe.main is None:
        assert '# no teaser card was found again in the page: add cards = "..."' in found.toml
        return  # nothing to reproduce by selectors: the draft says what to add
    back = recipe_from_toml(found.toml, name="draft.toml")
    assert (back.cards, back.fields, back.main, back.main_fields, back.exclude) == (
        found.recipe.cards, found.recipe.fields, found.recipe.main, found.recipe.main_fields,
        found.recipe.exclude,
    )  # fmt: skip
    assert _view(text, found.toml) == automatic


def test_a_listing_draft_names_its_cards_and_excludes_the_sponsored_one() -> None:
    text = (FIXTURES / "html" / "listing.html").read_text(encoding="utf-8")
    found = suggest_for(text, url=URL)
    assert found.recipe.cards == "article.card"
    assert found.recipe.exclude == (".card--sponsored",)
    assert dict(found.recipe.fields)["summary"].css == "p.card__dek"
    assert (found.cards, found.teasers) == (3, 3)
    assert 'hosts = ["northernwire.example.com"]' in found.toml  # the page's canonical host

"""Recipes on the command line: --recipe for build and parse, `recipe suggest`, `recipe test`,
and recipes in pagefeed.toml (`check` reports their problems with dotted paths)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pagefeed.cli import cli
from pagefeed.config import InvalidConfigError, config_from_dict
from pagefeed.extract.html.recipe import recipe_from_toml
from pagefeed.extract.parse import parse

ROOT = Path(__file__).resolve().parents[1]
RECIPES = ROOT / "tests" / "fixtures" / "recipes"
GAZETTE = RECIPES / "harbour-gazette.html"
COURIER = RECIPES / "coast-listing.html"
COURIER_URL = "https://courier.saltmere.test/coast/"
SAMPLE_TEXT = ROOT / "examples" / "pages" / "world-briefing.txt"
NOW = "2026-04-05T00:00:00Z"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pagefeed: error: ")
    assert "Traceback" not in result.output
    return lines[0]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_with_a_recipe_reads_a_page_the_automatic_reader_cannot(tmp_path: Path) -> None:
    assert run("parse", GAZETTE, "--now", NOW).exit_code == 5  # nothing found automatically
    result = run("parse", GAZETTE, "--json", "--now", NOW,
                 "--recipe", RECIPES / "harbour-gazette.toml",
                 "--url", "https://www.harbour-gazette.test/news/barrier")  # fmt: skip
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)
    assert page["main"]["title"] == "Tidal barrier opens two weeks early"
    assert [t["label"] for t in page["teasers"]] == ["Ferries", "Fishing", "Weather"]


def test_build_with_a_recipe_writes_the_feeds(tmp_path: Path) -> None:
    result = run("build", GAZETTE, "--out", tmp_path, "--now", NOW, "--no-archive",
                 "--recipe", RECIPES / "harbour-gazette.toml",
                 "--url", "https://www.harbour-gazette.test/news/barrier",
                 "--feed-url", "https://feeds.example.org/")  # fmt: skip
    assert result.exit_code == 0, result.output
    rss = (tmp_path / "harbour-gazette.rss.xml").read_text(encoding="utf-8")
    assert rss.count("<item>") == 4
    assert "Storm warning lifted for the northern bays" in rss


def test_a_bad_selector_is_exit_2_with_its_key(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.toml", 'cards = "li["\n')
    result = run("parse", COURIER, "--recipe", bad)
    assert result.exit_code == 2
    line = one_line_error(result)
    assert re.match(r'pagefeed: error: \S*bad.toml: cards: invalid selector "li\[": ', line)


def test_an_unknown_recipe_key_says_did_you_mean(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.toml", 'cards = "li"\nsumary = "p"\n')
    result = run("parse", COURIER, "--recipe", bad)
    assert result.exit_code == 2
    assert 'sumary: unknown key (did you mean "summary"?)' in one_line_error(result)


def test_a_missing_recipe_file_is_exit_2(tmp_path: Path) -> None:
    result = run("parse", COURIER, "--recipe", tmp_path / "none.toml")
    assert result.exit_code == 2
    assert "cannot read recipe" in one_line_error(result)


def test_a_recipe_on_a_text_page_is_a_usage_error(tmp_path: Path) -> None:
    recipe = write(tmp_path / "r.toml", 'cards = "li"\n')
    result = run("parse", SAMPLE_TEXT, "--recipe", recipe)
    assert result.exit_code == 2
    assert "recipes apply to HTML pages" in one_line_error(result)
    result = run("parse", COURIER, "--format", "text", "--recipe", recipe)
    assert result.exit_code == 2
    assert "--recipe applies to HTML pages" in one_line_error(result)
    result = run("build", SAMPLE_TEXT, "--out", tmp_path, "--recipe", recipe, "--now", NOW)
    assert result.exit_code == 2
    assert not list(tmp_path.glob("*.xml"))


def test_a_recipe_matching_nothing_warns_with_v_and_fails_with_strict(tmp_path: Path) -> None:
    recipe = write(tmp_path / "r.toml", 'cards = "li.none"\n')
    quiet = run("parse", COURIER, "--recipe", recipe, "--now", NOW)
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    automatic = run("parse", COURIER, "--now", NOW)
    assert quiet.stdout.startswith(automatic.stdout)  # the automatic reading is used
    assert quiet.stdout.endswith("matched nothing; the automatic reading is used\n")
    loud = run("parse", COURIER, "--recipe", recipe, "--now", NOW, "-v")
    assert "cards 'li.none' matched nothing; the automatic reading is used" in loud.stderr
    strict = run("parse", COURIER, "--recipe", recipe, "--now", NOW, "--strict")
    assert strict.exit_code == 8
    assert "matched nothing" in one_line_error(strict)


def test_suggest_prints_a_recipe_that_reproduces_the_automatic_cards(tmp_path: Path) -> None:
    result = run("recipe", "suggest", COURIER, "--url", COURIER_URL)
    assert result.exit_code == 0, result.output
    assert "3 of 3 automatic card(s) described" in result.stderr
    recipe = recipe_from_toml(result.stdout, name="draft.toml")
    assert recipe.cards == "article.card"
    text = COURIER.read_text(encoding="utf-8")
    assert parse(text, url=COURIER_URL, recipe=recipe) == parse(text, url=COURIER_URL)


def test_the_readme_example_is_what_suggest_prints() -> None:
    result = run("recipe", "suggest", COURIER, "--url", COURIER_URL)
    assert result.stdout in README
    finished = (RECIPES / "courier.toml").read_text(encoding="utf-8")
    assert finished in README


def test_the_finished_readme_recipe_fixes_summaries_and_dates() -> None:
    recipe = recipe_from_toml((RECIPES / "courier.toml").read_text("utf-8"), name="c.toml")
    page = parse(COURIER.read_text(encoding="utf-8"), url=COURIER_URL, recipe=recipe)
    assert page.teasers[0].summary.startswith("The three were found")
    assert page.teasers[2].summary == "Updated daily"  # no .blurb: the automatic summary
    assert [t.stated_date is not None for t in page.teasers] == [True, True, False]


def test_suggest_on_a_text_page_is_exit_2() -> None:
    result = run("recipe", "suggest", SAMPLE_TEXT)
    assert result.exit_code == 2
    assert "recipes apply to HTML pages" in one_line_error(result)


def test_recipe_test_shows_each_selector_and_what_matched_nothing() -> None:
    result = run("recipe", "test", COURIER, "--url", COURIER_URL,
                 "--recipe", RECIPES / "courier.toml")  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert 'cards "article.card": 3 card(s) (the automatic reading found 3)' in out
    assert "exclude: removed 1 element(s)" in out
    assert 'summary  ".blurb": The three were found clinging to a buoy an hour after dark.' in out
    assert 'summary  ".blurb": matched nothing (automatic kept)' in out
    assert 'date     ".stamp@data-iso": 2026-02-11T07:00:00Z' in out


def test_recipe_test_strict_fails_on_a_selector_matching_nothing(tmp_path: Path) -> None:
    args: list[str | Path] = [
        "recipe",
        "test",
        COURIER,
        "--url",
        COURIER_URL,
        "--strict",
        "--recipe",
    ]
    assert run(*args, RECIPES / "courier.toml").exit_code == 0  # every selector matched somewhere
    loose = write(tmp_path / "loose.toml", 'cards = "article.card"\nsummary = ".standfirst"\n')
    result = run(*args, loose)
    assert result.exit_code == 8
    assert "1 recipe warning(s) with --strict" in one_line_error(result)
    assert 'summary  ".standfirst": matched nothing (automatic kept)' in result.stdout


def test_recipe_test_says_when_the_match_does_not_hold() -> None:
    result = run("recipe", "test", COURIER, "--recipe", RECIPES / "harbour-gazette.toml")
    assert result.exit_code == 0
    assert "its match does not hold for this page" in result.stdout


# ---- pagefeed.toml --------------------------------------------------------------------------


CONFIG = """
feed_url = "https://feeds.example.org/"
[[feeds]]
name = "courier"
source = "courier.html"
"""


def config_problems(text: str, base: Path) -> tuple[str, ...]:
    with pytest.raises(InvalidConfigError) as info:
        config_from_dict(tomllib.loads(text), base_dir=base)
    return info.value.problems


def test_a_feed_recipe_inline_or_in_a_file(tmp_path: Path) -> None:
    inline = CONFIG + '[feeds.recipe]\ncards = "article.card"\nsummary = ".blurb"\n'
    (feed,) = config_from_dict(tomllib.loads(inline), base_dir=tmp_path).feeds
    assert feed.recipe is not None
    assert feed.recipe.cards == "article.card"
    write(tmp_path / "courier.toml", 'cards = "article.card"\n[match]\nhosts = ["saltmere.test"]\n')
    in_file = CONFIG + 'recipe = "courier.toml"\n'
    (feed,) = config_from_dict(tomllib.loads(in_file), base_dir=tmp_path).feeds
    assert feed.recipe is not None
    assert feed.recipe.match is not None


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('[feeds.recipe]\ncards = "li["\n', 'feeds[0].recipe.cards: invalid selector "li["'),
        ('[feeds.recipe]\ncards = "li"\ntitel = "h3"\n',
         'feeds[0].recipe.titel: unknown key (did you mean "title"?)'),
        ('[feeds.recipe]\ncards = "li"\n[feeds.recipe.main]\ntitle = "h1["\n',
         "feeds[0].recipe.main.title: invalid selector"),
        ('recipe = 3\n', "feeds[0].recipe: expected a recipe file path or a [recipe] table"),
        ('recipe = "none.toml"\n', "feeds[0].recipe: cannot read recipe"),
        ('format = "text"\n[feeds.recipe]\ncards = "li"\n',
         'feeds[0].recipe: recipes apply to HTML pages, and this feed has format = "text"'),
    ],
)  # fmt: skip
def test_config_recipe_problems_have_dotted_paths(
    tmp_path: Path, extra: str, expected: str
) -> None:
    found = config_problems(CONFIG + extra, tmp_path)
    assert any(problem.startswith(expected) for problem in found), found


def test_check_lists_a_recipe_file_s_problems(tmp_path: Path) -> None:
    write(tmp_path / "site.toml", 'cards = "li["\ntitle = "h3["\n')
    config = write(tmp_path / "pagefeed.toml", CONFIG + 'recipe = "site.toml"\n')
    result = run("check", "--config", config)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("pagefeed: error: ")
    assert "feeds[0].recipe: " in lines[0]
    assert 'site.toml: cards: invalid selector "li["' in lines[0]
    assert 'site.toml: title: invalid selector "h3["' in lines[1]


def test_run_builds_a_feed_with_its_recipe(tmp_path: Path) -> None:
    (tmp_path / "courier.html").write_bytes(COURIER.read_bytes())
    write(tmp_path / "courier.toml", (RECIPES / "courier.toml").read_text("utf-8"))
    config = write(
        tmp_path / "pagefeed.toml",
        CONFIG + f'url = "{COURIER_URL}"\nrecipe = "courier.toml"\nout = "out"\n',
    )
    check = run("check", "--config", config)
    assert check.exit_code == 0
    assert "recipe " in check.stdout
    result = run("run", "--config", config, "--now", NOW)
    assert result.exit_code == 0, result.output
    rss = (tmp_path / "out" / "courier.rss.xml").read_text(encoding="utf-8")
    assert "The three were found clinging to a buoy" in rss

"""``pagefeed recipe suggest`` and ``pagefeed recipe test``: writing a site recipe without code.

``suggest`` prints a draft recipe (TOML) from what the automatic reader found; ``test`` shows,
card by card, what each of a recipe's selectors matched. The commands are registered on
:data:`pagefeed.cli.cli`; errors become exit codes in ``cli`` as for every other command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pagefeed.cli import _setup_logging, cli, url_option, verbose_option
from pagefeed.errors import ConfigError, StrictError
from pagefeed.model import Format

if TYPE_CHECKING:  # imported by the commands themselves: other commands never load bs4
    from pagefeed.extract.html.recipe_apply import CardReport, Report

allow_private_option = click.option(
    "--allow-private", is_flag=True, help="Allow fetching from loopback and private addresses."
)
_SHOWN = 70  # characters of a matched value shown by `recipe test`


@cli.group()
def recipe() -> None:
    """Describe a site with CSS selectors: draft a recipe, test one."""


def _html_text(source: str, page_url: str | None, allow_private: bool) -> tuple[str, str | None]:
    """The cleaned text of an HTML source and its address (a text page is a usage error)."""
    from pagefeed.extract.normalize import clean_text
    from pagefeed.extract.parse import detect_format
    from pagefeed.publish.build import FetchOptions, format_of, read_source

    page_text = read_source(source, url=page_url, fetch=FetchOptions(allow_private=allow_private))
    text = clean_text(page_text.text)
    if (format_of(page_text, None) or detect_format(text)) is not Format.HTML:
        raise ConfigError(f"{source}: recipes apply to HTML pages, and this page is plain text")
    return text, page_url or page_text.url


@recipe.command("suggest")
@click.argument("source", metavar="SOURCE")
@url_option
@allow_private_option
@verbose_option
def suggest(source: str, page_url: str | None, allow_private: bool, verbose: int) -> None:
    """Print a draft recipe (TOML) for SOURCE from what the automatic reader finds."""
    from pagefeed.extract.html.suggest import suggest_for

    _setup_logging(verbose, False)
    text, url = _html_text(source, page_url, allow_private)
    found = suggest_for(text, url=url)
    click.echo(found.toml, nl=False)
    click.echo(
        f"pagefeed: {source}: {found.cards} of {found.teasers} automatic card(s) described",
        err=True,
    )


@recipe.command("test")
@click.argument("source", metavar="SOURCE")
@click.option(
    "--recipe",
    "recipe_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar="FILE.toml",
    help="The recipe to try on SOURCE.",
)
@url_option
@click.option(
    "--strict", is_flag=True, help="Exit 8 when a selector matched nothing (or the match fails)."
)
@allow_private_option
@verbose_option
def test(
    source: str,
    recipe_path: Path,
    page_url: str | None,
    strict: bool,
    allow_private: bool,
    verbose: int,
) -> None:
    """Show, per card, what each selector of a recipe matched on SOURCE."""
    from pagefeed.extract.html.recipe_apply import trial
    from pagefeed.recipes import load_recipe

    _setup_logging(verbose, False)
    loaded = load_recipe(recipe_path)
    text, url = _html_text(source, page_url, allow_private)
    outcome = trial(text, loaded, url=url)
    for line in report_lines(outcome.report):
        click.echo(line)
    for warning in outcome.page.warnings:
        click.echo(f"warning: {warning}")
    recipe_notes = [w for w in outcome.page.warnings if w.startswith(f"recipe {loaded.name}")]
    if strict and recipe_notes:
        raise StrictError(f"{recipe_path}: {len(recipe_notes)} recipe warning(s) with --strict")


def report_lines(report: Report) -> list[str]:
    """The report of ``recipe test`` as lines (what matched, and what matched nothing)."""
    recipe = report.recipe
    if not report.applies:
        return [f"recipe {recipe.name}: its match does not hold for this page (not used)"]
    lines = [f"recipe {recipe.name}"]
    if recipe.exclude:
        lines.append(f"exclude: removed {report.excluded} element(s)")
    if recipe.main is not None:
        state = "found" if report.main_found else "matched nothing (automatic main story kept)"
        lines.append(f"main {_q(recipe.main)}: {state}")
    if report.main is not None:
        lines += _card_lines("main story", report.main)
    if recipe.cards is not None:
        automatic = len(report.automatic.teasers) if report.automatic else 0
        if not report.cards:
            lines.append(
                f"cards {_q(recipe.cards)}: matched nothing "
                f"(the automatic reading's {automatic} teaser(s) are kept)"
            )
        else:
            lines.append(
                f"cards {_q(recipe.cards)}: {len(report.cards)} card(s) "
                f"(the automatic reading found {automatic})"
            )
        for i, card in enumerate(report.cards, 1):
            lines += _card_lines(f"card {i}", card)
    return lines


def _card_lines(label: str, card: CardReport) -> list[str]:
    title = card.story.title if card.story is not None else "(dropped: no title)"
    lines = [f"{label}: {_short(title)}"]
    width = max((len(hit.key) for hit in card.hits), default=0)
    for hit in card.hits:
        shown = _short(hit.value) if hit.value is not None else "matched nothing (automatic kept)"
        lines.append(f"  {hit.key:<{width}}  {_q(hit.selector)}: {shown}")
    return lines


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _q(selector: str) -> str:
    return '"' + selector.replace("\\", "\\\\").replace('"', '\\"') + '"'

"""Recipe files and the ``recipe`` key of a feed: read them and have them checked.

The checking itself lives with the recipe code (:mod:`pagefeed.extract.html.recipe`); this module
only reads files (``--recipe FILE.toml``, ``recipe = "recipes/site.toml"`` in a feed) and puts the
dotted key path in front of each problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pagefeed.errors import ConfigError
from pagefeed.extract.html.recipe import Recipe, RecipeError, check_recipe, recipe_from_toml


def load_recipe(path: Path) -> Recipe:
    """Read and check a recipe file. Raises ConfigError (one line per problem, naming ``path``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise ConfigError(f"cannot read recipe {path}: it is a folder") from None
    except OSError as exc:
        raise ConfigError(f"cannot read recipe {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"recipe {path}: not UTF-8 text (byte {exc.start})") from None
    return recipe_from_toml(text, name=str(path))


def feed_recipe(value: object, *, where: str, base_dir: Path, problems: list[str]) -> Recipe | None:
    """A feed's ``recipe``: a file path (relative to the config) or an inline table.

    Problems go to ``problems`` with their dotted path (``feeds[2].recipe.cards: ...``).
    """
    if isinstance(value, Mapping):
        return check_recipe(value, name=where, where=where + ".", problems=problems)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: expected a recipe file path or a [recipe] table")
        return None
    try:
        return load_recipe(base_dir / value)
    except RecipeError as exc:
        problems.extend(f"{where}: {problem}" for problem in exc.problems)
    except ConfigError as exc:
        problems.append(f"{where}: {exc}")
    return None

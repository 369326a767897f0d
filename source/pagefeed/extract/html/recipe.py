"""Site recipes: CSS selectors describing a site's cards when the automatic reading is not enough.

A recipe is data (a TOML table, inline in a feed or in its own file): ``cards`` selects each
teaser card, the field keys (:data:`FIELD_KEYS`) select a field inside each card, ``main`` names
the main story's container (or is a table with ``container`` and the same field keys), ``exclude``
removes elements before anything is read, and ``match`` (files only) says where a recipe applies,
in the format site profiles use (:mod:`pagefeed.extract.match`: hosts, or ``<meta>`` signatures).

This module checks a recipe and turns it into frozen types; it imports neither bs4 nor soupsieve at
import time (soupsieve is loaded to compile the selectors only when a recipe is checked). Applying
a recipe to a page is :mod:`pagefeed.extract.html.recipe_apply`.

Problems are reported as ``<where><key>: <message>`` lines (``feeds[2].recipe.cards: invalid
selector "li[": ...``), all of them, not only the first.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import NamedTuple

from pagefeed.errors import ConfigError
from pagefeed.extract.match import Match, parse_match

# Keys read inside each card (and inside the main story), in the order reports list them.
FIELD_KEYS = ("title", "link", "summary", "image", "caption", "credit", "date", "author", "label")
CARD_KEYS = ("cards", "main", "exclude", *FIELD_KEYS)
MAIN_KEYS = ("container", *FIELD_KEYS)
FILE_KEYS = (*CARD_KEYS, "match")

# "selector@attribute": the attribute is a name at the very end, outside any [...] or quotes.
_ATTR_SUFFIX = re.compile(r"@([A-Za-z_][A-Za-z0-9_:.-]*)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RecipeError(ConfigError):
    """A recipe with problems; ``problems`` holds one self-contained line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        more = len(self.problems) - 1
        suffix = f" (and {more} more)" if more > 0 else ""
        super().__init__((self.problems[0] if self.problems else "invalid recipe") + suffix)


class Selector(NamedTuple):
    """One field's selector: ``css`` ("" for the card element itself) and an optional attribute."""

    css: str
    attr: str | None = None

    def __str__(self) -> str:
        return self.css + (f"@{self.attr}" if self.attr else "")


Fields = tuple[tuple[str, Selector], ...]


class Recipe(NamedTuple):
    """A checked recipe. ``name`` says where it came from (a file, a feed, a built-in)."""

    name: str
    cards: str | None = None
    fields: Fields = ()  # inside each card
    main: str | None = None  # the main story's container
    main_fields: Fields = ()  # inside ``main`` (the whole page when there is no container)
    exclude: tuple[str, ...] = ()
    match: Match | None = None

    def field(self, key: str, *, main: bool = False) -> Selector | None:
        """The selector of ``key`` inside a card (or the main story), None when not given."""
        return dict(self.main_fields if main else self.fields).get(key)


def recipe_from_toml(text: str, *, name: str, compile_selectors: bool = True) -> Recipe:
    """A recipe file's text (the card keys at the top level, plus ``match``) as a Recipe.

    Raises :class:`RecipeError` naming ``name`` and the dotted key of every problem. Without
    ``compile_selectors`` the selectors are not compiled (nor soupsieve imported): for the
    built-in recipes, whose selectors :func:`class_names` checks and a test compiles.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RecipeError([f"{name}: invalid TOML: {exc}"]) from None
    problems: list[str] = []
    recipe = check_recipe(
        data, name=name, where="", problems=problems, file=True, compile_selectors=compile_selectors
    )
    if recipe is None:
        raise RecipeError([f"{name}: {problem}" for problem in problems])
    return recipe


def check_recipe(
    data: Mapping[str, object],
    *,
    name: str,
    where: str,
    problems: list[str],
    file: bool = False,
    compile_selectors: bool = True,
) -> Recipe | None:
    """Check a recipe table; problems go to ``problems`` as ``<where><key>: message`` lines.

    ``where`` is the dotted prefix of the table (``"feeds[2].recipe."``); ``file`` allows
    ``match``. Returns None when there was any problem.
    """
    before = len(problems)
    check = _Check(where, problems, compile_selectors=compile_selectors)
    allowed = FILE_KEYS if file else CARD_KEYS
    check.keys(data, "", allowed, {"match": 'only in a recipe file (recipe = "FILE.toml")'})
    cards = check.selector(data, "cards")
    fields = check.fields(data, "")
    main_value = data.get("main")
    main: str | None = None
    main_fields: Fields = ()
    if isinstance(main_value, Mapping):
        check.keys(main_value, "main.", MAIN_KEYS, {})
        main = check.selector(main_value, "container", "main.")
        main_fields = check.fields(main_value, "main.")
    elif main_value is not None:
        main = check.selector(data, "main")
    exclude = check.exclude(data.get("exclude"))
    match = check.match(data.get("match")) if file and "match" in data else None
    if fields and "cards" not in data:
        check.fail("cards", "required with card fields (they apply inside each card)")
    if not (cards or main or main_fields or exclude) and len(problems) == before:
        check.fail("", "the recipe selects nothing: give cards, main or exclude")
    if len(problems) > before:
        return None
    return Recipe(name, cards, fields, main, main_fields, exclude, match)


def split_attr(text: str) -> Selector:
    """``"time@datetime"`` as ``Selector("time", "datetime")``; ``"@href"``: the card itself."""
    found = _ATTR_SUFFIX.search(text)
    if found is None or not _outside_brackets(text, found.start()):
        return Selector(text.strip())
    return Selector(text[: found.start()].strip(), found[1])


def _outside_brackets(text: str, index: int) -> bool:
    depth, quote = 0, ""
    for char in text[:index]:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
    return depth == 0 and not quote


def selector_problem(css: str) -> str | None:
    """Why soupsieve refuses ``css`` (its first line), or None when it compiles."""
    import soupsieve

    try:
        soupsieve.compile(css)
    except soupsieve.SelectorSyntaxError as exc:
        return str(exc).splitlines()[0]
    except (ValueError, NotImplementedError, TypeError) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None


class _Check:
    """Collects a recipe's problems under one dotted prefix."""

    def __init__(self, where: str, problems: list[str], *, compile_selectors: bool) -> None:
        self.where = where
        self.problems = problems
        self.compiles = compile_selectors

    def problem(self, css: str) -> str | None:
        return selector_problem(css) if self.compiles else None

    def fail(self, key: str, message: str) -> None:
        path = (self.where + key).rstrip(".")
        self.problems.append(f"{path}: {message}" if path else message)

    def keys(
        self,
        data: Mapping[str, object],
        prefix: str,
        allowed: tuple[str, ...],
        notes: dict[str, str],
    ) -> None:
        for key in data:
            if key in allowed:
                continue
            if key in notes:
                self.fail(prefix + key, notes[key])
                continue
            import difflib  # only when a key is unknown

            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            self.fail(prefix + _shown(key), f"unknown key{hint}")

    def text(self, data: Mapping[str, object], key: str, prefix: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(prefix + key, f"expected a CSS selector (a string), got {_kind(value)}")
            return None
        if not value.strip() or _CONTROL.search(value):
            self.fail(prefix + key, "must be one non-empty line")
            return None
        return value.strip()

    def selector(self, data: Mapping[str, object], key: str, prefix: str = "") -> str | None:
        css = self.text(data, key, prefix)
        if css is None:
            return None
        problem = self.problem(css)
        if problem:
            self.fail(prefix + key, f"invalid selector {_quoted(css)}: {problem}")
            return None
        return css

    def fields(self, data: Mapping[str, object], prefix: str) -> Fields:
        found: list[tuple[str, Selector]] = []
        for key in FIELD_KEYS:
            text = self.text(data, key, prefix)
            if text is None:
                continue
            selector = split_attr(text)
            problem = self.problem(selector.css) if selector.css else None
            if problem:
                self.fail(prefix + key, f"invalid selector {_quoted(text)}: {problem}")
            elif not selector.css and not selector.attr:
                self.fail(prefix + key, "must name a selector or an @attribute")
            else:
                found.append((key, selector))
        return tuple(found)

    def exclude(self, value: object) -> tuple[str, ...]:
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.fail("exclude", f"expected a selector or a list of selectors, got {_kind(value)}")
            return ()
        kept: list[str] = []
        for i, item in enumerate(items):
            key = "exclude" if isinstance(value, str) else f"exclude[{i}]"
            css = self.selector({key: item}, key)
            if css is not None:
                kept.append(css)
        return tuple(kept)

    def match(self, value: object) -> Match | None:
        """The shared ``match`` format (:mod:`pagefeed.extract.match`); its first problem."""
        try:
            return parse_match(value, where=self.where + "match")
        except ConfigError as exc:
            self.problems.append(str(exc))
            return None


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, int | float):
        return repr(value)
    return type(value).__name__


def _quoted(text: str, limit: int = 60) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _quoted(key)


# ---- Built-in recipes (pagefeed/extract/html/recipes/, read by profiles): class names only. --

_CLASS = re.compile(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)")
# The recipe key of each role a built-in recipe's class names give (``profiles.Role`` values).
ROLE_OF_KEY = (
    ("cards", "card"),
    ("title", "headline"),
    ("summary", "summary"),
    ("date", "date"),
    ("author", "author"),
    ("label", "label"),
    ("caption", "caption"),
    ("credit", "credit"),
    ("main", "main"),
)


def class_names(recipe: Recipe) -> tuple[tuple[str, str], ...]:
    """(class name, role) for each selector of a built-in recipe, in :data:`ROLE_OF_KEY` order.

    Raises :class:`RecipeError` for a selector that is not a class name or a list of them (a
    built-in recipe's selectors must be, for the automatic reader to take them as roles).
    """
    pairs: list[tuple[str, str]] = []
    problems: list[str] = []
    for key, role in ROLE_OF_KEY:
        if key == "cards":
            css: str | None = recipe.cards
        elif key == "main":
            css = recipe.main
        else:
            selector = recipe.field(key)
            css = str(selector) if selector is not None else None
        if css is None:
            continue
        names = [part.strip() for part in css.split(",")]
        if not all(_CLASS.fullmatch(name) for name in names):
            problems.append(f"{recipe.name}: {key}: a built-in recipe names classes only (.name)")
            continue
        pairs += [(name[1:], role) for name in names]
    if problems or recipe.main_fields or recipe.exclude or recipe.match is None:
        problems += [] if recipe.match else [f"{recipe.name}: match: required in a built-in recipe"]
        if recipe.main_fields or recipe.exclude:
            problems.append(f"{recipe.name}: a built-in recipe has no [main] table or exclude")
        raise RecipeError(problems)
    return tuple(pairs)

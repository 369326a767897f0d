"""``pagefeed.toml`` into immutable named tuples, checked completely before anything runs.

Every problem in a config is collected, not only the first: the error message has one line per
problem, in document order (top-level keys, then each ``[[feeds]]`` table), each line complete on
its own (``pagefeed.toml: feeds[2].titel: unknown key (did you mean "title"?)``), so the first
line alone tells a cron mail reader what to fix. ``InvalidConfigError.problems`` holds the lines.

Relative paths (``out``, ``archive``, ``source``) are relative to the config file's folder.
Per-feed tables may repeat any inheritable top-level key; each ``FeedConfig`` carries its
effective values, so later stages never look at the top level again.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, NamedTuple, cast

from pagefeed.errors import ConfigError
from pagefeed.model import Format
from pagefeed.values import (
    DEFAULT_MAX_BYTES,
    EMIT_KINDS,
    MAX_BYTES,
    MAX_ENTRIES,
    MAX_SECONDS,
    NAME_RULE,
    emit_problem,
    language_problem,
    reserved_name_problem,
    safe_name,
    url_problem,
    user_agent_problem,
    web_origin,
)

if TYPE_CHECKING:
    from pagefeed.extract.html.recipe import Recipe

FormatChoice = Literal["auto", "html", "text"]
FORMATS: tuple[FormatChoice, ...] = ("auto", "html", "text")

DEFAULT_OUT = "feeds"
ARCHIVE_NAME = ".pagefeed.sqlite"
DEFAULT_MAX_ENTRIES = 50
DEFAULT_TIMEOUT = 20.0
DEFAULT_CATALOG_TITLE = "Feeds"
DEFAULT_CONCURRENCY = 8  # pages `run` fetches at once (at most 2 per host)
MAX_CONCURRENCY = 64

# Keys a top-level value provides as the default for every feed.
INHERITED_KEYS = (
    "out",
    "feed_url",
    "archive",
    "max_entries",
    "max_bytes",
    "user_agent",
    "timeout",
    "allow_private",
    "language",
    "author",
    "emit",
)
TOP_ONLY_KEYS = ("catalog_title", "concurrency", "feeds")
FEED_ONLY_KEYS = ("name", "source", "title", "site_url", "format", "description", "url", "recipe")
TOP_KEYS = INHERITED_KEYS + TOP_ONLY_KEYS
FEED_KEYS = FEED_ONLY_KEYS + INHERITED_KEYS

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class InvalidConfigError(ConfigError):
    """A config with one or more problems; ``problems`` holds one self-contained line each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        message = self.problems[0] if self.problems else "invalid configuration"
        if len(self.problems) > 1:
            more = len(self.problems) - 1
            message += (
                f" (and {more} more problem{'s' if more > 1 else ''}: `pagefeed check` lists all)"
            )
        super().__init__(message)


class FeedConfig(NamedTuple):
    """One feed to build, with every inherited setting already resolved.

    ``source`` is an http(s) URL (``str``) or a file (``Path``, absolute). ``archive`` is None
    when the archive is disabled. ``url`` is the address a file source was saved from.
    """

    name: str
    source: str | Path
    out: Path
    feed_url: str
    archive: Path | None
    title: str | None = None
    site_url: str | None = None
    format: FormatChoice = "auto"
    max_entries: int = DEFAULT_MAX_ENTRIES
    max_bytes: int = DEFAULT_MAX_BYTES
    user_agent: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    description: str | None = None
    language: str | None = None
    author: str | None = None
    allow_private: bool = False
    url: str | None = None
    emit: tuple[str, ...] = EMIT_KINDS  # the feed formats written, in EMIT_KINDS order
    recipe: Recipe | None = None  # CSS selectors for an HTML page (pagefeed.extract.html.recipe)

    @property
    def source_url(self) -> str | None:
        """The URL to fetch, or None for a file source."""
        return self.source if isinstance(self.source, str) else None

    @property
    def source_path(self) -> Path | None:
        """The file to read, or None for a URL source."""
        return self.source if isinstance(self.source, Path) else None

    @property
    def format_hint(self) -> Format | None:
        """The forced input format, or None to detect it."""
        return None if self.format == "auto" else Format(self.format)


class Config(NamedTuple):
    """A whole ``pagefeed.toml``: the top-level defaults and the resolved feeds, in file order."""

    out: Path
    feed_url: str
    archive: Path | None
    feeds: tuple[FeedConfig, ...]
    max_entries: int = DEFAULT_MAX_ENTRIES
    user_agent: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    catalog_title: str = DEFAULT_CATALOG_TITLE
    concurrency: int = DEFAULT_CONCURRENCY

    @property
    def out_dirs(self) -> tuple[Path, ...]:
        """Every output folder the feeds write to, sorted (the order to take their locks in)."""
        return tuple(sorted({self.out, *(feed.out for feed in self.feeds)}))

    def select(self, names: Iterable[str]) -> tuple[FeedConfig, ...]:
        """The feeds named in ``names`` (all feeds when empty), in config order.

        Raises ConfigError naming an unknown feed (with the closest known name).
        """
        wanted = list(dict.fromkeys(names))
        if not wanted:
            return self.feeds
        known = {feed.name: feed for feed in self.feeds}
        problems = [
            f"no feed named {_quote(name)} in the config{_suggest(name, known)}"
            for name in wanted
            if name not in known
        ]
        if problems:
            raise InvalidConfigError(problems)
        return tuple(feed for feed in self.feeds if feed.name in wanted)


def load_config(path: Path, *, out: Path | None = None) -> Config:
    """Read and check a config file. Raises ConfigError (one line per problem, naming ``path``).

    ``out`` (``run --out``) replaces the top-level ``out``: the folder every feed that does not
    set its own writes to, with the archive's default place in it.
    """
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(path, exc)) from exc
    try:
        return config_from_dict(data, base_dir=path.absolute().parent, out=out)
    except InvalidConfigError as exc:
        raise InvalidConfigError(f"{path}: {problem}" for problem in exc.problems) from None


def config_from_dict(
    data: Mapping[str, object], *, base_dir: Path, out: Path | None = None
) -> Config:
    """Check a parsed TOML document and resolve it into a Config (pure: no file is touched).

    Raises InvalidConfigError listing every problem with its dotted path.
    """
    checker = _Checker(base_dir)
    checker.table(data, "", TOP_KEYS, FEED_ONLY_KEYS, "only allowed inside [[feeds]]")
    defaults = checker.inherited(data, "")
    if out is not None:  # as if the top-level `out` said so (archive default included)
        defaults = checker.inherited({**data, "out": str(out.absolute())}, "")
    catalog_title = checker.one_line(data, "", "catalog_title")
    concurrency = _check_concurrency(checker, data.get("concurrency", DEFAULT_CONCURRENCY))
    feed_tables = checker.feed_tables(data)
    feeds = [
        checker.feed(table, f"feeds[{i}].", defaults)
        for i, table in enumerate(feed_tables)
        if table is not None
    ]
    checker.unique_names(feed_tables)
    if checker.problems:
        raise InvalidConfigError(checker.problems)
    # The top level is complete here: a missing feed_url has been reported above.
    return Config(
        out=cast(Path, defaults["out"]),
        feed_url=cast(str, defaults["feed_url"]),
        archive=cast("Path | None", defaults["archive"]),
        feeds=tuple(cast(FeedConfig, feed) for feed in feeds),
        max_entries=cast(int, defaults["max_entries"]),
        user_agent=cast("str | None", defaults["user_agent"]),
        timeout=cast(float, defaults["timeout"]),
        catalog_title=catalog_title or DEFAULT_CATALOG_TITLE,
        concurrency=concurrency,
    )


class _Checker:
    """Collects problems while it converts values; every method returns a usable value anyway."""

    def __init__(self, base_dir: Path) -> None:
        self.base_dir = base_dir
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def resolve(self, text: str) -> Path:
        """A config path made absolute against the config's folder; ``..`` folded lexically."""
        return Path(os.path.normpath(self.base_dir / text))

    def table(
        self,
        data: Mapping[str, object],
        prefix: str,
        allowed: tuple[str, ...],
        elsewhere: tuple[str, ...],
        elsewhere_note: str,
    ) -> None:
        """Report unknown keys, with the closest known key as a suggestion."""
        for key in data:
            if key in allowed:
                continue
            where = prefix + _key(key)
            if key in elsewhere:
                self.fail(where, elsewhere_note)
            else:
                self.fail(where, f"unknown key{_suggest(key, allowed + elsewhere)}")

    def inherited(
        self, data: Mapping[str, object], prefix: str, parent: Mapping[str, object] | None = None
    ) -> dict[str, object]:
        """The inheritable settings of one table, falling back to ``parent`` (or the defaults)."""
        values: dict[str, object] = dict(parent) if parent is not None else dict(_DEFAULTS)
        out = self.path(data, prefix, "out")
        if out is not None:
            values["out"] = out
        elif parent is None:
            values["out"] = self.resolve(DEFAULT_OUT)
        url = self.http_url(data, prefix, "feed_url", base=True)
        if url is not None:
            values["feed_url"] = url
        elif parent is None and "feed_url" not in data:
            self.fail(prefix + "feed_url", "required (the base URL the feeds are served from)")
        if "archive" in data:
            values["archive_key"] = self.archive(data, prefix)
        values["archive"] = _archive_for(values)
        for key, check in _SIMPLE.items():
            if key in data:
                values[key] = check(self, data[key], prefix + key)
        return values

    def archive(self, data: Mapping[str, object], prefix: str) -> Path | bool:
        value = data["archive"]
        if isinstance(value, bool):
            return value
        if not isinstance(value, str):
            self.fail(prefix + "archive", f"expected a path or false, got {_describe(value)}")
            return True
        path = self.path(data, prefix, "archive")
        return path if path is not None else True

    def path(self, data: Mapping[str, object], prefix: str, key: str) -> Path | None:
        text = self.text(data, prefix, key)
        if text is None:
            return None
        if not text:
            self.fail(prefix + key, "must not be empty")
            return None
        return self.resolve(text)

    def text(self, data: Mapping[str, object], prefix: str, key: str) -> str | None:
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, str):
            return value
        self.fail(prefix + key, f"expected a string, got {_describe(value)}")
        return None

    def http_url(
        self, data: Mapping[str, object], prefix: str, key: str, *, base: bool = False
    ) -> str | None:
        text = self.text(data, prefix, key)
        if text is None:
            return None
        problem = url_problem(text, base=base)
        if problem:
            self.fail(prefix + key, f"{problem}, got {_quote(text)}")
            return None
        return text

    def feed_tables(self, data: Mapping[str, object]) -> list[Mapping[str, object] | None]:
        """The [[feeds]] tables, None in place of an item that is not a table."""
        value = data.get("feeds")
        if value is None:
            self.fail("feeds", "no feeds configured (add a [[feeds]] table)")
            return []
        if isinstance(value, Mapping):
            self.fail("feeds", "expected an array of tables ([[feeds]]), got a table ([feeds])")
            return []
        if not isinstance(value, list):
            self.fail("feeds", f"expected an array of tables ([[feeds]]), got {_describe(value)}")
            return []
        if not value:
            self.fail("feeds", "no feeds configured (add a [[feeds]] table)")
        tables: list[Mapping[str, object] | None] = []
        for i, item in enumerate(value):
            if isinstance(item, Mapping):
                tables.append(cast(Mapping[str, object], item))
            else:
                self.fail(f"feeds[{i}]", f"expected a table, got {_describe(item)}")
                tables.append(None)
        return tables

    def feed(
        self, data: Mapping[str, object], prefix: str, defaults: Mapping[str, object]
    ) -> FeedConfig | None:
        """Check one [[feeds]] table; None when it has problems (already reported)."""
        before = len(self.problems)
        self.table(data, prefix, FEED_KEYS, TOP_ONLY_KEYS, "only allowed at the top level")
        values = self.inherited(data, prefix, defaults)
        name = self.text(data, prefix, "name")
        if name is None and "name" not in data:
            self.fail(prefix + "name", "required (the feed's file name stem)")
        elif name is not None and not safe_name(name):
            self.fail(prefix + "name", f"{_quote(name)} is not a safe file name ({NAME_RULE})")
        elif name is not None and reserved_name_problem(name):
            self.fail(prefix + "name", cast(str, reserved_name_problem(name)))
        source = self.source(data, prefix)
        url = self.http_url(data, prefix, "url")
        if url is not None and isinstance(source, str):
            self.fail(prefix + "url", "only for a file source (this source is already a URL)")
        site_url = self.http_url(data, prefix, "site_url")
        fmt = self.text(data, prefix, "format")
        if fmt is not None and fmt not in FORMATS:
            self.fail(prefix + "format", f"expected one of {', '.join(FORMATS)}, got {_quote(fmt)}")
        title = self.one_line(data, prefix, "title")
        description = self.text(data, prefix, "description")
        recipe = None
        if "recipe" in data:
            from pagefeed.recipes import feed_recipe

            where = prefix + "recipe"
            recipe = feed_recipe(
                data["recipe"], where=where, base_dir=self.base_dir, problems=self.problems
            )
            if fmt == "text":
                self.fail(where, 'recipes apply to HTML pages, and this feed has format = "text"')
        if len(self.problems) > before or name is None or source is None:
            return None
        origin_of = source if isinstance(source, str) else url
        return FeedConfig(
            name=name,
            source=source,
            out=cast(Path, values["out"]),
            feed_url=cast(str, values["feed_url"]),
            archive=cast("Path | None", values["archive"]),
            title=title or None,
            site_url=site_url or web_origin(origin_of),
            format=cast(FormatChoice, fmt or "auto"),
            max_entries=cast(int, values["max_entries"]),
            max_bytes=cast(int, values["max_bytes"]),
            user_agent=cast("str | None", values["user_agent"]),
            timeout=cast(float, values["timeout"]),
            description=description or None,
            language=cast("str | None", values["language"]),
            author=cast("str | None", values["author"]),
            allow_private=cast(bool, values["allow_private"]),
            url=url,
            emit=cast("tuple[str, ...]", values["emit"]),
            recipe=recipe,
        )

    def source(self, data: Mapping[str, object], prefix: str) -> str | Path | None:
        text = self.text(data, prefix, "source")
        if text is None:
            if "source" not in data:
                self.fail(prefix + "source", "required (an http(s) URL or a file path)")
            return None
        if not text:
            self.fail(prefix + "source", "must not be empty")
            return None
        if _SCHEME.match(text):
            problem = url_problem(text, base=False)
            if problem:
                self.fail(prefix + "source", f"{problem} or a file path, got {_quote(text)}")
                return None
            return text
        return self.resolve(text)

    def one_line(self, data: Mapping[str, object], prefix: str, key: str) -> str | None:
        text = self.text(data, prefix, key)
        if text is not None and _CONTROL.search(text):
            self.fail(prefix + key, "must be one line without control characters")
            return None
        return text

    def unique_names(self, tables: list[Mapping[str, object] | None]) -> None:
        """Names must differ even ignoring case (they become file names)."""
        seen: dict[str, int] = {}
        for i, table in enumerate(tables):
            name = table.get("name") if table is not None else None
            if not isinstance(name, str):
                continue
            first = seen.setdefault(name.casefold(), i)
            if first != i:
                self.fail(
                    f"feeds[{i}].name", f"duplicate feed name {_quote(name)} (also feeds[{first}])"
                )


def _check_max_entries(checker: _Checker, value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        checker.fail(where, f"expected an integer, got {_describe(value)}")
        return DEFAULT_MAX_ENTRIES
    if value < 1:
        checker.fail(where, f"must be at least 1, got {value}")
    elif value > MAX_ENTRIES:
        checker.fail(where, f"must be at most {MAX_ENTRIES:,}, got {value}")
        return DEFAULT_MAX_ENTRIES
    return value


def _check_concurrency(checker: _Checker, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        checker.fail("concurrency", f"expected an integer, got {_describe(value)}")
        return DEFAULT_CONCURRENCY
    if not 1 <= value <= MAX_CONCURRENCY:
        checker.fail("concurrency", f"must be from 1 to {MAX_CONCURRENCY}, got {value}")
        return DEFAULT_CONCURRENCY
    return value


def _check_max_bytes(checker: _Checker, value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        checker.fail(where, f"expected an integer, got {_describe(value)}")
    elif not 1 <= value <= MAX_BYTES:
        checker.fail(where, f"must be from 1 to {MAX_BYTES:,} bytes, got {value}")
    else:
        return value
    return DEFAULT_MAX_BYTES


def _check_timeout(checker: _Checker, value: object, where: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        checker.fail(where, f"expected a number of seconds, got {_describe(value)}")
        return DEFAULT_TIMEOUT
    if not math.isfinite(value) or value <= 0:
        checker.fail(where, f"must be a positive number of seconds, got {_describe(value)}")
    elif value > MAX_SECONDS:
        checker.fail(where, f"must be at most {MAX_SECONDS:g} seconds, got {_describe(value)}")
    else:
        return float(value)
    return DEFAULT_TIMEOUT


def _check_line(checker: _Checker, value: object, where: str) -> str | None:
    if not isinstance(value, str):
        checker.fail(where, f"expected a string, got {_describe(value)}")
        return None
    problem = language_problem(value) if where.endswith("language") else None
    if problem:
        checker.fail(where, f"{problem}, got {_quote(value)}")
    elif not value.strip() or _CONTROL.search(value):
        checker.fail(where, "must be one non-empty line without control characters")
    return value


def _check_user_agent(checker: _Checker, value: object, where: str) -> str | None:
    if not isinstance(value, str):
        checker.fail(where, f"expected a string, got {_describe(value)}")
        return None
    problem = user_agent_problem(value)
    if problem:
        checker.fail(where, f"{problem}, got {_quote(value)}")
        return None
    return value


def _check_emit(checker: _Checker, value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        checker.fail(
            where,
            f'expected a list of formats such as ["rss", "atom", "json"], got {_describe(value)}',
        )
        return EMIT_KINDS
    problem = emit_problem(value)
    if problem:
        checker.fail(where, problem)
        return EMIT_KINDS
    return tuple(kind for kind in EMIT_KINDS if kind in value)


def _check_bool(checker: _Checker, value: object, where: str) -> bool:
    if not isinstance(value, bool):
        checker.fail(where, f"expected true or false, got {_describe(value)}")
        return False
    return value


# Read-only tables: the checker of each simple inheritable key, and the built-in defaults.
_SIMPLE = MappingProxyType(
    {
        "max_entries": _check_max_entries,
        "max_bytes": _check_max_bytes,
        "timeout": _check_timeout,
        "user_agent": _check_user_agent,
        "allow_private": _check_bool,
        "language": _check_line,
        "author": _check_line,
        "emit": _check_emit,
    }
)
_DEFAULTS: Mapping[str, object] = MappingProxyType(
    {
        "max_entries": DEFAULT_MAX_ENTRIES,
        "max_bytes": DEFAULT_MAX_BYTES,
        "timeout": DEFAULT_TIMEOUT,
        "user_agent": None,
        "allow_private": False,
        "language": None,
        "author": None,
        "emit": EMIT_KINDS,
        "feed_url": "",
        "archive_key": True,
    }
)


def _archive_for(values: Mapping[str, object]) -> Path | None:
    """The archive path: explicit, disabled (false), or ``<out>/.pagefeed.sqlite`` (true/absent)."""
    key = values.get("archive_key", True)
    if key is False:
        return None
    if isinstance(key, Path):
        return key
    return cast(Path, values["out"]) / ARCHIVE_NAME


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    """``path:line:col: invalid TOML: reason``, from the message when no attributes exist."""
    message = str(exc)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        reason = message[: found.start()]
        return f"{path}:{found[1]}:{found[2]}: invalid TOML: {reason}"
    found = re.search(r"\s*\(at end of document\)$", message)
    if found:
        return f"{path}: invalid TOML at end of document: {message[: found.start()]}"
    return f"{path}: invalid TOML: {message}"


def _describe(value: object) -> str:
    """A value as a user wrote it, or its kind when it is long or structured."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, datetime | date | time):
        return f"a date/time ({value.isoformat()})"
    return type(value).__name__


def _quote(text: str, limit: int = 60) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    escaped = shown.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", escaped) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _quote(key)


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {_quote(close[0])}?)" if close else ""

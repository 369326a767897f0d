"""The package's layers: which module may import which package and which library.

Every ``import`` statement in ``source/pagefeed`` is read with ``ast`` (lazy imports inside
functions included), so a layer cannot be crossed by hiding an import in a function body.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import pagefeed

PACKAGE = Path(pagefeed.__file__).parent

# Where each part of the package may reach inside pagefeed (by top-level part).
ALLOWED_PARTS: dict[str, set[str]] = {
    "model": set(),
    "errors": set(),
    "patterns": set(),  # a leaf: regular expressions compiled on first use
    "values": {"patterns"},
    "logjson": set(),
    "logs": set(),
    "serialize": {"model"},
    "outline": {"model", "serialize"},
    "config": {"model", "errors", "values", "recipes", "extract"},
    "recipes": {"model", "errors", "extract"},
    "extract": {"model", "errors", "extract", "logs", "patterns"},
    "fetch": {"model", "errors", "fetch", "logs", "__init__"},
    "publish": {
        "model",
        "errors",
        "extract",
        "fetch",
        "publish",
        "serialize",
        "values",
        "config",
        "logs",
        "patterns",
        "__init__",
    },
    "cli": set(),  # the CLI may use everything
    "__main__": {"cli", "cli_process"},  # the console script's entry point
    "__init__": set(),
}

# The libraries with one home each: module paths (relative, without .py) that may import them.
LIBRARY_HOMES: dict[str, tuple[str, ...]] = {
    "bs4": ("extract/html/",),
    "soupsieve": ("extract/html/",),
    "feedgen": ("publish/feed",),
    "sqlite3": ("publish/archive",),
    "ssl": ("fetch/",),
    "socket": ("fetch/",),
    "click": ("cli",),
    "nh3": ("extract/sanitize",),
    "charset_normalizer": ("fetch/decoding",),
    "logging": ("logs", "logjson", "cli_log"),  # the others log through logs
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "pagefeed":
                names.extend(f"pagefeed.{alias.name}" for alias in node.names)
            else:
                names.append(node.module)
    return names


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).with_suffix("").as_posix()


def test_every_module_sits_in_a_known_layer() -> None:
    parts = {_part(p) for p in _modules()}
    unknown = sorted(p for p in parts - set(ALLOWED_PARTS) if not p.startswith("cli"))
    assert unknown == []


@pytest.mark.parametrize("path", _modules(), ids=_rel)
def test_module_imports_only_from_its_layer(path: Path) -> None:
    part = _part(path)
    if part.startswith("cli"):
        return
    allowed = ALLOWED_PARTS[part]
    crossing = []
    for name in _imports(path):
        if name == "pagefeed" or not name.startswith("pagefeed."):
            continue
        target = name.split(".")[1]
        target = "__init__" if target == "__version__" else target
        if target not in allowed:
            crossing.append(name)
    assert crossing == [], f"{_rel(path)} ({part}) may not import {crossing}"


@pytest.mark.parametrize("path", _modules(), ids=_rel)
def test_libraries_are_imported_only_in_their_home(path: Path) -> None:
    rel = _rel(path)
    wrong = []
    for name in _imports(path):
        top = name.split(".")[0]
        homes = LIBRARY_HOMES.get(top)
        if homes is not None and not any(rel.startswith(home) for home in homes):
            wrong.append(top)
    assert wrong == [], f"{rel} imports {wrong}"


def test_the_text_path_stays_free_of_html_text_http_and_cli() -> None:
    """The text parser never imports the HTML parser, even lazily."""
    for path in (PACKAGE / "extract" / "text").rglob("*.py"):
        assert not [n for n in _imports(path) if n.startswith("pagefeed.extract.html")], path


def test_text_path_loads_no_html_http_sql_or_cli_library() -> None:
    code = (
        "import sys, pagefeed.extract.parse as p, pagefeed.publish.build;"
        "p.parse('Headline\\n\\nA first paragraph of the story.\\n');"
        "bad = [m for m in ('bs4', 'socket', 'ssl', 'sqlite3', 'click', 'feedgen', 'nh3',"
        " 'soupsieve') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

"""The README is part of the product: its references must match the code, its example must run."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click
import pytest

from conftest import ROOT
from pagefeed.cli import EXIT_BUG, EXIT_CODES, EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, cli
from pagefeed.config import FEED_KEYS, TOP_KEYS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README section under a ``## title`` heading, up to the next ``## `` heading."""
    start = README.index(f"\n## {title}")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def test_every_exit_code_is_documented() -> None:
    table = section("Exit codes")
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)}
    codes = {EXIT_OK, EXIT_BUG, EXIT_SOME_FAILED, EXIT_INTERRUPTED, *EXIT_CODES.values()}
    assert documented == codes


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    context = click.Context(group)
    for name in group.list_commands(context):  # as --help lists them (loading lazy ones)
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix}{name} ")
        else:
            found.append((prefix + name, command))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(cli), ids=str)
def test_every_command_and_option_is_in_the_readme(name: str, command: click.Command) -> None:
    assert f"pagefeed {name}" in README
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in ("help",):
            assert any(opt in README for opt in param.opts), f"{name}: {param.opts} undocumented"


def test_every_config_key_is_in_the_reference_table() -> None:
    table = section("Configuration: `pagefeed.toml`")
    for key in {*TOP_KEYS, *FEED_KEYS} - {"feeds"}:
        assert f"`{key}`" in table, f"config key {key} is missing from the README"


def test_library_example_runs(tmp_path: Path) -> None:
    block = section("Library use").split("```python\n", 1)[1].split("```", 1)[0]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        namespace: dict[str, object] = {}
        exec(compile(block, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    rss, atom = namespace["rss"], namespace["atom"]
    assert isinstance(rss, bytes)
    assert isinstance(atom, bytes)
    assert rss.startswith(b"<?xml")
    assert b"<feed" in atom


def test_library_example_passes_mypy_strict(tmp_path: Path) -> None:
    from mypy import api

    block = section("Library use").split("```python\n", 1)[1].split("```", 1)[0]
    example = tmp_path / "readme_example.py"
    example.write_text(block, encoding="utf-8")
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", "--python-version", "3.11", str(example)]
    )
    assert status == 0, stdout + stderr

"""Option values at their edges, and standard output that cannot be written, for ``pagefeed.cli``.

Every check here is the one ``pagefeed.toml`` gets too (:mod:`pagefeed.values`), so an option and
its config key accept and refuse the same values, always with exit 2 and one line.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from pagefeed.errors import FeedError
from pagefeed.values import language_problem, name_problem, seconds_problem, user_agent_problem


class Seconds(click.ParamType[float]):
    """A finite number of seconds up to :data:`pagefeed.values.MAX_SECONDS` (no nan, no inf)."""

    name = "seconds"

    def __init__(self, *, zero: bool) -> None:
        self.zero = zero  # whether 0 is a valid value

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, float):
            seconds = value
        else:
            try:
                seconds = float(value)
            except (TypeError, ValueError):
                self.fail(f"{value!r} is not a number of seconds", param, ctx)
        problem = seconds_problem(seconds, zero=self.zero)
        if problem:
            self.fail(f"{problem}, got {value!r}", param, ctx)
        return seconds


Callback = Callable[[click.Context, click.Parameter, "str | None"], "str | None"]


def checked(problem_of: Callable[[str], str | None], *, show: bool = True) -> Callback:
    """A click callback refusing a value ``problem_of`` finds a problem with (``show``: the
    message ends with the value given)."""

    def callback(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        problem = problem_of(value) if value is not None else None
        if problem:
            raise click.BadParameter(f"{problem}, got {value!r}" if show else problem)
        return value

    return callback


user_agent = checked(user_agent_problem)  # --user-agent: one line of printable ASCII
name_value = checked(name_problem, show=False)  # --name: the config's ``name`` rule
language = checked(language_problem)  # --language: a language tag


def echo_out(text: str, *, nl: bool = True) -> None:
    """Print ``text`` on standard output; a full device or a closed stdout is a write error (6).

    A reader that stopped reading (``| head``) is not an error: the rest is dropped quietly.
    """
    try:
        if sys.stdout is None:  # file descriptor 1 was closed
            raise OSError(9, "it is closed")
        click.echo(text, nl=nl)
        sys.stdout.flush()
    except OSError as exc:
        _discard_stdout()
        if isinstance(exc, BrokenPipeError):
            return
        raise FeedError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _discard_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so the buffered rest cannot fail again at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)

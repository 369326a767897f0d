"""Regular expressions compiled on first use, for the patterns that only some pages need.

Compiling a pattern costs start-up time in every process that imports its module (``re``'s
compiler is Python code: a long alternation takes a millisecond or more), while a one-page
build runs each module's code once. :func:`on_first_use` gives a getter instead of a pattern:
the first call compiles it, every later call returns the same compiled object (pure; no
pattern is compiled twice, and threads at most race to compile it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


def on_first_use(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A getter of ``re.compile(pattern, flags)`` that compiles it when first called."""
    return functools.cache(functools.partial(re.compile, pattern, flags))

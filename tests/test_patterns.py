"""pagefeed.patterns: patterns compiled on first use."""

from __future__ import annotations

import re

from pagefeed.patterns import on_first_use


def test_a_pattern_is_compiled_on_the_first_call_only() -> None:
    source = r"(?:lantern|tide)-\d{3}"
    re.purge()
    getter = on_first_use(source, re.IGNORECASE)
    assert all(key[1] != source for key in re._cache)  # type: ignore[attr-defined]
    pattern = getter()
    assert pattern.pattern == source
    assert pattern.flags & re.IGNORECASE
    assert getter() is pattern
    assert pattern.fullmatch("TIDE-042")

"""pagefeed.errors: one exception tree, each class with its documented exit code."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from pagefeed import errors
from pagefeed.cli import EXIT_BUG, exit_code_for
from pagefeed.errors import (
    ArchiveError,
    ConfigError,
    FeedError,
    FetchError,
    InvalidFeedError,
    LockError,
    PagefeedError,
    ParseError,
    SourceError,
    StrictError,
)

README = Path(__file__).resolve().parents[1] / "README.md"
CLASSES: list[type] = [
    cls
    for _, cls in inspect.getmembers(errors, inspect.isclass)
    if cls.__module__ == errors.__name__
]


def test_every_class_derives_from_the_root() -> None:
    assert PagefeedError in CLASSES
    assert len(CLASSES) == 10
    for cls in CLASSES:
        assert issubclass(cls, PagefeedError)
        assert issubclass(cls, Exception)
        assert not issubclass(cls, (ValueError, OSError))  # never caught by a stray handler


def test_a_fetch_error_is_a_source_error() -> None:
    assert issubclass(FetchError, SourceError)
    with pytest.raises(SourceError, match="timed out"):
        raise FetchError("https://example.org/: timed out after 10 s")


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (ConfigError, 2),
        (SourceError, 3),
        (FetchError, 4),  # the more specific class wins over SourceError's 3
        (ParseError, 5),
        (FeedError, 6),
        (ArchiveError, 7),
        (StrictError, 8),
        (LockError, 9),
        (InvalidFeedError, 11),  # a FeedError of its own: the publish gate or validate
        (PagefeedError, EXIT_BUG),
    ],
)
def test_exit_code_for_each_class(cls: type[PagefeedError], code: int) -> None:
    assert exit_code_for(cls("subject: cause")) == code


def test_a_subclass_without_its_own_code_takes_its_parents() -> None:
    class SlowFetch(FetchError):
        pass

    assert exit_code_for(SlowFetch("x")) == 4


def test_every_mapped_code_is_in_the_readme_table() -> None:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## Exit codes") :]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)}
    subclasses = [c for c in CLASSES if issubclass(c, PagefeedError) and c is not PagefeedError]
    codes = {exit_code_for(cls("x")) for cls in subclasses}
    assert codes == {*range(2, 10), 11}
    assert codes <= documented

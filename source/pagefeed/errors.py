"""One exception tree. The CLI maps each class to an exit code in one place (``cli``)."""

from __future__ import annotations


class PagefeedError(Exception):
    """Root of every error pagefeed raises on purpose. The message is one line for a user."""


class ConfigError(PagefeedError):
    """A bad option value or configuration file."""


class SourceError(PagefeedError):
    """The input could not be read: missing file, binary data, bad encoding."""


class FetchError(SourceError):
    """A page could not be fetched over HTTP (refused, timed out, too big, 4xx/5xx)."""


class ParseError(PagefeedError):
    """The page was read but holds nothing to publish (empty, no story and no teaser)."""


class FeedError(PagefeedError):
    """A feed could not be rendered or written."""


class InvalidFeedError(FeedError):
    """A feed fails the project's feed checks: the publish gate kept the old files, or
    ``pagefeed validate`` found problems."""


class ArchiveError(PagefeedError):
    """The entry archive is unreadable, corrupt or of an unknown schema version."""


class LockError(PagefeedError):
    """Another pagefeed run holds the lock on this output folder."""


class StrictError(PagefeedError):
    """``--strict`` was given and the parser recorded warnings."""

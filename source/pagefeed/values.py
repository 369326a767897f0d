"""Checks of user-given values (URLs, language tags), shared by the config reader and the CLI."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["language_problem", "url_problem", "web_origin"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def url_problem(text: str, *, base: bool) -> str | None:
    """Why ``text`` is not an absolute http(s) URL (with no query or fragment when ``base``)."""
    try:
        parts = urlsplit(text)
        _ = parts.port
    except ValueError:
        return "expected an absolute http(s) URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "expected an absolute http(s) URL"
    if _CONTROL.search(text) or " " in text:
        return "expected a URL without spaces or control characters"
    if base and (parts.query or parts.fragment):
        return "expected a base URL without query or fragment"
    return None


def language_problem(text: str) -> str | None:
    """Why ``text`` is not a language tag (RSS ``<language>``, Atom ``xml:lang``)."""
    if _LANGUAGE.fullmatch(text):
        return None
    return 'expected a language tag such as "en" or "en-GB"'


def web_origin(url: str | None) -> str | None:
    """``scheme://host[:port]/`` of an absolute URL (a site's home page); None without a host."""
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else None

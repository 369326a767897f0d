"""The URL guard's host names: the same as the ``idna`` codec gives, without loading it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pagefeed.fetch.guard import ascii_host


def by_codec(host: str) -> str | None:
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def by_guard(host: str) -> str | None:
    try:
        return ascii_host(host)
    except UnicodeError:
        return None


@pytest.mark.parametrize(
    "host",
    [
        "News.Example.ORG",
        "example.org.",
        "a..b",
        ".example.org",
        "",
        "x" * 63 + ".org",
        "x" * 64 + ".org",
        "org." + "x" * 63,
        "org." + "x" * 64,
        "bücher.example",
        "127.0.0.10",
    ],
)
def test_host_names_are_what_the_idna_codec_makes_of_them(host: str) -> None:
    assert by_guard(host) == by_codec(host)


@given(st.text(alphabet="aZ09-.", max_size=140))
def test_any_ascii_host_name_reads_as_the_idna_codec_reads_it(host: str) -> None:
    assert by_guard(host) == by_codec(host)

"""``pagefeed serve``: content types, validators and 304s, dot-files refused, nothing outside."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from localweb import SERVED_TYPES, serving
from pagefeed.cli_serve import content_type

FILES = SERVED_TYPES


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "public"
    folder.mkdir()
    for name in FILES:
        (folder / name).write_text(f"contents of {name}\n", encoding="utf-8")
    (folder / ".pagefeed.sqlite").write_bytes(b"SQLite format 3\0")
    (folder / ".pagefeed-http.json").write_text("{}", encoding="utf-8")
    (folder / "sub").mkdir()
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    with serving(folder) as base:
        yield base


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_each_file_gets_its_content_type_and_validators(site: str) -> None:
    for name, media_type in FILES.items():
        status, headers, body = get(site + name)
        assert (status, headers["Content-Type"]) == (200, media_type), name
        assert body == f"contents of {name}\n".encode()
        assert headers["ETag"].startswith('"')
        assert headers["Last-Modified"].endswith(" GMT")
    assert get(site)[2] == b"contents of index.html\n"  # the folder's index


def test_conditional_requests_get_304(site: str) -> None:
    _, headers, _ = get(site + "world.rss.xml")
    status, _, body = get(site + "world.rss.xml", **{"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    assert get(site + "world.rss.xml", **{"If-None-Match": '"other"'})[0] == 200
    since = {"If-Modified-Since": headers["Last-Modified"]}
    assert get(site + "world.rss.xml", **since)[0] == 304
    old = {"If-Modified-Since": "Thu, 01 Jan 2015 00:00:00 GMT"}
    assert get(site + "world.rss.xml", **old)[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        ".pagefeed.sqlite",
        ".pagefeed-http.json",
        "%2Epagefeed.sqlite",
        "sub/../.pagefeed.sqlite",
        "../secret.txt",
        "..%2Fsecret.txt",
        "link.txt",
        "sub/",
        "missing.xml",
    ],
)
def test_dot_files_folders_and_anything_outside_are_refused(site: str, path: str) -> None:
    status, _, body = get(site + path)
    assert status == 404
    assert b"SQLite" not in body
    assert b"outside" not in body


def test_unknown_suffixes_are_octet_streams() -> None:
    assert content_type("NAME.FEED.JSON") == "application/feed+json; charset=utf-8"
    assert content_type("archive.sqlite") == "application/octet-stream"

"""The validator store: JSON round trip, sorted and atomic; damage reads as empty."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.fetch.validators import Validators
from pagefeed.publish.validators import load_validators, save_validators

SAMPLE = {
    "https://harbour.example/tides": Validators(etag='"v7-tide"', last_modified=None),
    "https://harbour.example/": Validators(
        etag='W/"front"', last_modified="Sun, 29 Nov 2026 06:00:00 GMT"
    ),
    "https://harbour.example/gulls": Validators(last_modified="Sat, 28 Nov 2026 18:30:00 GMT"),
}


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / ".pagefeed-http.json"
    save_validators(path, SAMPLE)
    assert load_validators(path) == SAMPLE


def test_file_is_sorted_versioned_json(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    save_validators(path, SAMPLE)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1
    assert list(data["urls"]) == sorted(SAMPLE)
    assert text.endswith("\n")


def test_saving_the_same_data_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    save_validators(path, SAMPLE)
    before = path.stat().st_mtime_ns
    save_validators(path, dict(reversed(list(SAMPLE.items()))))
    assert path.stat().st_mtime_ns == before


def test_empty_validators_are_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    save_validators(path, {"https://harbour.example/none": Validators()})
    assert load_validators(path) == {}
    assert not Validators()
    assert Validators(etag='"x"')


def test_missing_file_is_empty_without_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert load_validators(tmp_path / "absent.json") == {}
    assert not caplog.records


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'{"version": 99, "urls": {}}',
        b'{"version": 1}',
        b'{"version": 1, "urls": []}',
        b"",
    ],
)
def test_corrupt_file_is_empty_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes
) -> None:
    path = tmp_path / "v.json"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="pagefeed.publish.validators"):
        assert load_validators(path) == {}
    assert "v.json" in caplog.text


def test_bad_entries_are_skipped_good_ones_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "v.json"
    urls = {
        "https://a.example/": {"etag": '"a"', "last_modified": None},
        "https://b.example/": {"etag": 7},
        "https://c.example/": "nonsense",
    }
    path.write_text(json.dumps({"version": 1, "urls": urls}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="pagefeed.publish.validators"):
        assert load_validators(path) == {"https://a.example/": Validators(etag='"a"')}
    assert "https://b.example/" in caplog.text
    assert "https://c.example/" in caplog.text


def test_a_folder_in_place_of_the_file_reads_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.mkdir()
    assert load_validators(path) == {}


_text = st.text(st.characters(codec="utf-8"), max_size=20)


@settings(max_examples=50, deadline=None)
@given(
    data=st.dictionaries(
        _text,
        st.builds(Validators, etag=st.none() | _text, last_modified=st.none() | _text),
        max_size=5,
    )
)
def test_round_trip_property(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Validators]
) -> None:
    path = tmp_path_factory.mktemp("store") / "v.json"
    save_validators(path, data)
    assert load_validators(path) == {url: v for url, v in data.items() if v}

"""pagefeed.logjson: one JSON object per log line (``--log-json``)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from pagefeed.logjson import JsonFormatter


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("pagefeed.test_logjson")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def records(stream: io.StringIO) -> list[dict[str, object]]:
    lines = stream.getvalue().splitlines()
    return [json.loads(line) for line in lines]


def test_one_object_per_line_with_the_standard_keys(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    logger.info("built %d feeds", 2)
    logger.warning("a message\nover two lines, with ünïcode")
    first, second = records(stream)
    assert list(first)[:4] == ["time", "level", "logger", "message"]
    assert first["level"] == "info"
    assert first["logger"] == "pagefeed.test_logjson"
    assert first["message"] == "built 2 feeds"
    assert second["level"] == "warning"
    assert second["message"] == "a message\nover two lines, with ünïcode"
    assert "ünïcode" in stream.getvalue()  # not escaped to \\u00fc
    assert isinstance(first["time"], str)
    assert first["time"].endswith("+00:00")


def test_time_is_the_records_creation_time_in_utc_seconds() -> None:
    record = logging.makeLogRecord({"msg": "m", "created": 1_743_580_800.75})
    assert json.loads(JsonFormatter().format(record))["time"] == "2025-04-02T08:00:00+00:00"


def test_extras_are_kept_and_non_json_values_become_strings(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    logger.info(
        "wrote",
        extra={
            "feed": "harbour",
            "entries": 9,
            "ratio": 0.5,
            "strict": False,
            "path": Path("/srv/feeds/harbour.rss.xml"),
            "names": ["a", "b"],
            "missing": None,
        },
    )
    (record,) = records(stream)
    assert record["feed"] == "harbour"
    assert record["entries"] == 9
    assert record["ratio"] == 0.5
    assert record["strict"] is False
    assert record["path"] == "/srv/feeds/harbour.rss.xml"
    assert record["names"] == "['a', 'b']"
    assert record["missing"] == "None"
    for standard in ("msg", "args", "levelno", "pathname", "lineno", "exc_info", "thread"):
        assert standard not in record


def test_an_extra_cannot_replace_a_standard_key() -> None:
    record = logging.makeLogRecord({"msg": "real", "level": "fake", "time": "fake"})
    data = json.loads(JsonFormatter().format(record))
    assert data["message"] == "real"
    assert data["time"] != "fake"
    assert data["level"] != "fake"

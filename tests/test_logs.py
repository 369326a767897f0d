"""pagefeed.logs: loggers that import ``logging`` only for a record that can be shown.

The in-process tests log under a name outside ``pagefeed``, whose logger the CLI tests set up.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from pagefeed.logs import get_logger, set_up_on_first_record


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )


def test_a_record_below_warning_does_not_import_logging_and_a_warning_does() -> None:
    code = (
        "import sys\n"
        "from pagefeed.logs import get_logger, set_up_on_first_record\n"
        "log = get_logger('pagefeed.somewhere')\n"
        "log.debug('dropped'); log.info('dropped %s', 2)\n"
        "print('logging' in sys.modules)\n"
        "set_up_on_first_record(lambda: print('set up'))\n"
        "log.info('still dropped')\n"
        "print('logging' in sys.modules)\n"
        "log.warning('shown %s', 1); log.error('also shown')\n"
        "print('logging' in sys.modules)\n"
    )
    done = _python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["False", "False", "set up", "True"]
    assert done.stderr.splitlines() == ["shown 1", "also shown"]  # logging's last resort


def test_once_logging_is_imported_every_record_goes_to_it_from_its_caller(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log = get_logger("test_logs.facade")
    with caplog.at_level(logging.DEBUG, logger="test_logs.facade"):
        log.debug("a %s", "detail", extra={"feed": "world"})
        try:
            raise ValueError("boom")
        except ValueError as exc:
            log.info("traced", exc_info=exc)
    first, second = caplog.records
    assert (first.levelno, first.getMessage(), first.name) == (
        logging.DEBUG,
        "a detail",
        "test_logs.facade",
    )
    assert first.__dict__["feed"] == "world"
    assert first.funcName == "test_once_logging_is_imported_every_record_goes_to_it_from_its_caller"
    assert first.filename == "test_logs.py"
    assert second.exc_info is not None
    assert second.exc_info[0] is ValueError


def test_the_set_up_runs_once_before_the_first_record_and_can_be_forgotten(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[str] = []
    log = get_logger("test_logs.facade")
    with caplog.at_level(logging.INFO, logger="test_logs.facade"):
        set_up_on_first_record(lambda: calls.append("set up"))
        log.info("one")
        log.info("two")
        assert calls == ["set up"]
        set_up_on_first_record(lambda: calls.append("again"))
        set_up_on_first_record(None)
        log.warning("three")
    assert calls == ["set up"]
    assert [r.getMessage() for r in caplog.records] == ["one", "two", "three"]


def test_a_logger_that_has_logged_still_follows_level_changes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # After its first record a logger keeps logging's logger and tests the level itself: a
    # debug record must pass exactly when logging's level lets it.
    log = get_logger("test_logs.levels")
    with caplog.at_level(logging.INFO, logger="test_logs.levels"):
        log.info("first")
        log.debug("dropped")
    with caplog.at_level(logging.DEBUG, logger="test_logs.levels"):
        log.debug("shown %s", 1)
    with caplog.at_level(logging.WARNING, logger="test_logs.levels"):
        log.debug("dropped again")
        log.info("dropped too")
    assert [r.getMessage() for r in caplog.records] == ["first", "shown 1"]
    assert caplog.records[1].funcName == "test_a_logger_that_has_logged_still_follows_level_changes"

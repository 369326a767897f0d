"""Shared test fixtures: golden files, the real pages in ../shared/, the fixture folders."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED = ROOT.parent / "shared"
SHARED_PAGES = SHARED / "pages"

GoldenCheck = Callable[[str, str | bytes], None]


@pytest.fixture(autouse=True, scope="session")
def _pattern_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The ``pagefeed`` processes tests start keep compiled patterns out of the home folder."""
    os.environ["PAGEFEED_CACHE_DIR"] = str(tmp_path_factory.mktemp("pattern-cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected files under tests/golden/ from the current output",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> GoldenCheck:
    """Compare output with ``tests/golden/<name>``; with --update-golden, rewrite it instead."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str | bytes) -> None:
        path = GOLDEN / name
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
            return
        if not path.exists():
            pytest.fail(f"no golden file {path.relative_to(ROOT)}; run pytest --update-golden")
        expected = path.read_bytes()
        if isinstance(actual, str):
            assert actual == expected.decode("utf-8"), f"differs from {path.relative_to(ROOT)}"
        else:
            assert data == expected, f"differs from {path.relative_to(ROOT)}"

    return check


@pytest.fixture
def shared_page() -> Callable[[str], Path]:
    """Path of a page in ../shared/pages/, skipping the test (and saying why) when absent."""

    def get(name: str) -> Path:
        path = SHARED_PAGES / name
        if not path.is_file():
            pytest.skip(f"{path} not present: the ../shared/ cases run only beside that folder")
        return path

    return get

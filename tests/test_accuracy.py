"""The parser on the labelled real pages in ../shared/pages/: a ratchet that never goes down.

``tests/floors/CORPUS.json`` holds the figures reached so far: percentages and counts are floors
(raise them as the parser improves, never lower them); ``crashes`` and ``refused`` are ceilings.
The corpora are the project's development set: they are read, never copied into the repo.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, SHARED_PAGES

FLOORS = Path(__file__).resolve().parent / "floors"
SCORER = SHARED / "tools" / "score-pages"
CEILINGS = ("crashes", "refused")


def _figure(value: object) -> float:
    """A scorer figure as a number: ``12.5`` stays, ``"3/18"`` counts its numerator."""
    if isinstance(value, str):
        return float(value.split("/")[0])
    assert isinstance(value, int | float), value
    return float(value)


@pytest.mark.shared
@pytest.mark.parametrize("corpus", sorted(p.stem for p in FLOORS.glob("*.json")))
def test_parser_holds_its_accuracy_on_real_pages(corpus: str) -> None:
    if not SCORER.is_file() or not (SHARED_PAGES / corpus).is_dir():
        pytest.skip(f"{SHARED_PAGES / corpus} not present: accuracy is scored only beside it")
    exe = Path(sys.executable).with_name("pagefeed")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(SHARED_PAGES / corpus), "--json", "--pagefeed", str(exe)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    got = json.loads(out.stdout)
    floors = json.loads((FLOORS / f"{corpus}.json").read_text("utf-8"))
    worse = []
    for key, floor in floors.items():
        value = _figure(got[key])
        if (value > floor) if key in CEILINGS else (value < floor):
            worse.append(f"{key}: {got[key]} (floor {floor})")
    assert worse == [], f"{corpus} fell below its floor: {worse}"

"""`make accuracy`: score the parser on every labelled corpus in ../shared/pages/, one table.

Each corpus is scored by ``../shared/tools/score-pages CORPUS --json`` (the scorer the project is
judged by); extra tools answering ``parse SOURCE --json`` can be scored beside pagefeed with
``--tool NAME=EXECUTABLE`` (``make accuracy`` passes the baselines it installs: trafilatura and
newspaper4k, on the HTML corpora only, since they read HTML articles). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score-pages"

# The figures shown, in order: (key in the scorer's JSON, label).
ROWS = (
    ("pages", "pages"),
    ("crashes", "crashes"),
    ("refused", "refused"),
    ("fields_pct", "main-story fields right %"),
    ("title", "title"),
    ("caption", "caption"),
    ("credit", "credit"),
    ("date", "date"),
    ("date_pct", "date %"),
    ("image", "image"),
    ("image_pct", "image %"),
    ("body", "body start"),
    ("body_pct", "body start %"),
    ("no-main", "listings read as listings"),
    ("teaser_recall_pct", "teaser recall %"),
    ("teaser_precision_pct", "teaser precision %"),
    ("teasers_labelled", "teasers labelled"),
    ("teasers_found", "teasers found"),
    ("teasers_parsed", "teasers parsed"),
)


def score(corpus: Path, exe: str | None) -> dict[str, object]:
    """The scorer's JSON summary for one corpus (``exe``: the tool to score, default pagefeed)."""
    command = [sys.executable, str(SCORER), str(corpus), "--json"]
    if exe:
        command += ["--pagefeed", exe]
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        result: dict[str, object] = json.loads(out.stdout)
    except json.JSONDecodeError:
        return {"error": (out.stderr.strip().splitlines() or ["no output"])[-1]}
    return result


def table(columns: dict[str, dict[str, object]]) -> str:
    """A Markdown table: one row per figure any column has, one column per corpus and tool."""
    names = list(columns)
    lines = ["| figure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for key, label in ROWS:
        if not any(key in col for col in columns.values()):
            continue
        cells = [str(columns[n].get(key, "")) for n in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pagefeed", default=str(ROOT / ".venv" / "bin" / "pagefeed"))
    ap.add_argument("--tool", action="append", default=[], metavar="NAME=EXE")
    args = ap.parse_args(argv)
    if not SCORER.is_file():
        print(f"accuracy: {SHARED} not present: nothing to score (the corpora live there)")
        return 0
    corpora = sorted(p for p in (SHARED / "pages").iterdir() if p.is_dir())
    tools = [("pagefeed", args.pagefeed)]
    for spec in args.tool:
        name, _, exe = spec.partition("=")
        tools.append((name, exe))
    columns: dict[str, dict[str, object]] = {}
    for corpus in corpora:
        html = any(corpus.glob("*/source.html"))
        for index, (name, exe) in enumerate(tools):
            if index and not html:
                continue  # the baselines are article extractors for HTML, not text readers
            columns[f"{corpus.name} {name}"] = score(corpus, exe)
    print(table(columns))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

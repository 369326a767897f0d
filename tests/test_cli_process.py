"""The ``pagefeed`` process itself (pagefeed.cli_process): deferred imports and the fast exit.

These run real processes: CliRunner calls the commands in-process, where neither applies.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from pagefeed.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "pages" / "world-briefing.txt"
HTML = ROOT / "tests" / "fixtures" / "html"
NOW = "2026-01-15T12:00:00Z"
pytest_plugins = ("localweb",)  # the ``web`` fixture: a real server on 127.0.0.1


def pagefeed(*args: str | Path, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    """``python -m pagefeed ARGS`` (the console script's path: ``cli.main``), output captured."""
    flags = ["-X", "importtime"] if importtime else []
    command = [sys.executable, *flags, "-m", "pagefeed", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def test_deferred_modules_load_on_first_use_and_then_work() -> None:
    code = """
import sys
from pagefeed.cli_process import defer_imports
defer_imports()
import bs4, feedgen.feed
loaded = lambda: sorted(m for m in ("soupsieve.css_parser", "dateutil.parser._parser")
                        if m in sys.modules)
loaded_real = lambda: {m for m, v in sys.modules.items() if type(v).__name__ != "DeferredModule"}
print(loaded())
soup = bs4.BeautifulSoup("<p class=a>one</p><p>two</p>", "lxml")
print([p.text for p in soup.select("p.a")])                        # bs4's CSS selectors
import soupsieve
from soupsieve import compile as css
print([p.text for p in soupsieve.select("p", soup)], css("p.a").match(soup.p))  # recipes' way
import dateutil.parser
print(dateutil.parser.parse("2026-01-15T12:00:00Z").year, loaded())
from lxml import etree
root = etree.fromstring("<a><b n='1'/><b n='2'/></a>")
before = "lxml._elementpath" in loaded_real()
print(before, root.find("b[@n='2']").get("n"), "lxml._elementpath" in loaded_real())
import ctypes, importlib.resources
from dateutil import tz
print("importlib.resources._common" in sys.modules, "ctypes._endian" in sys.modules)
cli_py = importlib.resources.files("pagefeed").joinpath("cli.py")
print(cli_py.is_file(), ctypes.sizeof(ctypes.c_int32))
print(tz.gettz("UTC") is not None, "importlib.resources._common" in sys.modules)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == [
        "[]",
        "['one']",
        "['one', 'two'] True",
        "2026 ['dateutil.parser._parser', 'soupsieve.css_parser']",
        "False 2 True",  # lxml's ElementPath, imported by the first find()
        "False False",  # dateutil.tz (by feedgen) imported neither
        "True 4",
        "True True",
    ]


def test_only_installed_modules_are_deferred() -> None:
    code = """
import sys
from pagefeed.cli_process import defer_imports
defer_imports(("charset_normalizer", "no_such_module_here"))
print(type(sys.modules["charset_normalizer"]).__name__, "no_such_module_here" in sys.modules)
import charset_normalizer
print(callable(charset_normalizer.detect), "charset_normalizer.cd" in sys.modules)
try:
    import no_such_module_here
except ImportError:
    print("ImportError")
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == ["DeferredModule False", "True True", "ImportError"]


def test_an_html_build_process_never_imports_soupsieve_or_dateutils_parser(tmp_path: Path) -> None:
    page = HTML / "base-href.html"
    done = pagefeed("build", page, "--out", tmp_path, "--now", NOW, importtime=True)
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert {"bs4", "feedgen.feed", "lxml.etree"} <= imported  # the import log is complete
    unused = {
        "soupsieve",
        "soupsieve.css_parser",
        "dateutil.parser._parser",
        "charset_normalizer.cd",
        "lxml._elementpath",
        "importlib.resources._common",
        "ctypes._endian",
    }
    assert not unused & imported
    assert (tmp_path / "base-href.atom.xml").is_file()


def test_a_text_build_process_imports_only_what_it_uses(tmp_path: Path) -> None:
    """No e-mail, socket, ElementTree, catalog or (without an archive) SQLite for a text page."""
    done = pagefeed(
        "build", SAMPLE, "--out", tmp_path, "--now", NOW, "--no-archive", importtime=True
    )
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert {"feedgen.feed", "pagefeed.publish.feedcheck"} <= imported  # the log is complete
    unused = {
        "email",
        "socket",
        "ssl",
        "xml.etree.ElementTree",
        "sqlite3",
        "bs4",
        "pagefeed.publish.catalog",
        "pagefeed.fetch.http",
        "logging",  # nothing is logged at the default level (pagefeed.logs)
        "feedgen.ext.base",  # publish.feed's extensions have a base class of their own
        "html.parser",  # the feed checks judge plain HTML themselves (feedcheck_text)
        "html.entities",
        "importlib.resources._common",  # imported by dateutil.tz, deferred
        "ctypes._endian",
    }
    assert not unused & imported
    assert (tmp_path / "world-briefing.rss.xml").is_file()


def test_an_error_logged_at_the_default_level_is_one_line_as_before(tmp_path: Path) -> None:
    """The CLI sets ``logging`` up when the first record passes: the line reads as it did."""
    config = tmp_path / "pagefeed.toml"
    config.write_text(
        f'out = "out"\nfeed_url = "https://feeds.example.org/"\n\n'
        f'[[feeds]]\nname = "sample"\nsource = "{SAMPLE}"\n\n'
        '[[feeds]]\nname = "gone"\nsource = "missing.txt"\n'
    )
    done = pagefeed("run", "--config", config, "--now", NOW)
    assert done.returncode == 10
    missing = tmp_path / "missing.txt"
    assert done.stderr.splitlines() == [
        f"pagefeed: error: gone: cannot read {missing}: No such file or directory"
    ]
    assert (tmp_path / "out" / "sample.rss.xml").is_file()


def test_the_fast_exit_loses_no_output(tmp_path: Path) -> None:
    """Everything printed, logged and written before the exit is there after it."""
    expected = CliRunner().invoke(cli, ["parse", str(SAMPLE), "--json", "--now", NOW]).stdout
    done = pagefeed("parse", SAMPLE, "--json", "--now", NOW)
    assert done.returncode == 0
    assert done.stdout == expected
    assert json.loads(done.stdout)["main"]["title"]

    done = pagefeed("build", SAMPLE, "--out", tmp_path, "--now", NOW, "-v")
    assert done.returncode == 0, done.stderr
    assert done.stderr.rstrip().endswith("wrote 5 file(s), 0 unchanged")
    assert (tmp_path / "world-briefing.rss.xml").read_bytes().rstrip().endswith(b"</rss>")
    assert not (tmp_path / ".pagefeed.sqlite-wal").exists()  # the archive was closed
    with sqlite3.connect(tmp_path / ".pagefeed.sqlite") as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 9


def test_the_fast_exit_keeps_exit_codes_and_error_lines(tmp_path: Path) -> None:
    done = pagefeed("build", tmp_path / "missing.txt", "--out", tmp_path)
    assert done.returncode == 3
    assert done.stderr.startswith("pagefeed: error: cannot read ")
    assert pagefeed("--version").stdout.startswith("pagefeed, version ")
    assert pagefeed("build").returncode == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_still_buffered_at_the_exit_on_a_full_disk_is_a_write_error() -> None:
    """What only the final flush writes must not fail silently (exit 6, one line)."""
    code = "from pagefeed.cli_process import exit_now; print('a feed listing'); exit_now(0)"
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", code],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env=buffered,
        )
    assert done.returncode == 6
    assert done.stderr.strip().splitlines() == [
        "pagefeed: error: cannot write to standard output: No space left on device"
    ]


def test_exit_now_passes_the_status_on() -> None:
    code = "from pagefeed.cli_process import exit_now; print('kept'); exit_now({})"
    for status, expected in (("None", 0), ("9", 9), ("'a message'", 1)):
        done = subprocess.run(
            [sys.executable, "-c", code.format(status)], capture_output=True, text=True, check=False
        )
        assert (done.returncode, done.stdout) == (expected, "kept\n")
    assert done.stderr == "a message\n"


def test_a_url_build_process_loads_neither_idna_for_an_ascii_host_nor_brotli_unused(
    tmp_path: Path, web: HTTPServer
) -> None:
    web.expect_request("/page.html").respond_with_data(
        (HTML / "base-href.html").read_bytes(), content_type="text/html; charset=utf-8"
    )
    url = web.url_for("/page.html")
    done = pagefeed(
        "build", url, "--allow-private", "--name", "page", "--out", tmp_path, importtime=True
    )
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert {"socket", "pagefeed.fetch.wire"} <= imported  # the log is complete
    assert not {"encodings.idna", "stringprep", "brotli"} & imported
    # no built-in recipe is for 127.0.0.1: none is parsed
    assert not {"tomllib", "pagefeed.extract.html.recipe"} & imported
    assert (tmp_path / "page.atom.xml").is_file()


def test_the_process_collects_cycles_less_often_and_still_collects_them() -> None:
    code = (
        "import gc, pagefeed.cli_process as process\n"
        "exit_now = process.exit_now\n"
        "def report(code):\n"
        "    a = []; a.append(a); del a\n"  # a cycle: only the collector frees it
        "    print(gc.get_threshold(), gc.collect() >= 1)\n"
        "    exit_now(code)\n"
        "process.exit_now = report\n"
        "from pagefeed.cli import main\n"
        "main(['--version'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "(20000, 20, 20) True"

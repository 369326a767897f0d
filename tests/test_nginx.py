"""The README's nginx snippet, run in Debian's nginx: real content types, dot-files refused.

``make test`` installs nginx from Debian when it runs as root; elsewhere this test skips and
says so. The snippet is read from the README, so the documentation is what is tested.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from localweb import SERVED_TYPES

pytestmark = pytest.mark.nginx

EXPECTED = SERVED_TYPES


def snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("```nginx\n", 1)[1].split("```", 1)[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if binary is None:
        pytest.skip("Debian's nginx is not installed (make test installs it when run as root)")
    site = tmp_path / "srv"
    feeds = site / "feeds"
    feeds.mkdir(parents=True)
    for name in EXPECTED:
        (feeds / name).write_text(f"contents of {name}\n", encoding="utf-8")
    (feeds / ".pagefeed.sqlite").write_bytes(b"SQLite format 3\0")
    (feeds / ".pagefeed.lock").write_text("1", encoding="utf-8")
    port = free_port()
    location = snippet().replace("/srv/pagefeed", str(site))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the pytest folder
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\nhttp {\n"
        "  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n  client_body_temp_path {tmp_path}/body;\n"
        f"  proxy_temp_path {tmp_path}/proxy;\n  fastcgi_temp_path {tmp_path}/fastcgi;\n"
        f"  uwsgi_temp_path {tmp_path}/uwsgi;\n  scgi_temp_path {tmp_path}/scgi;\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n{location}  }}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [binary, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/feeds/"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"nginx refused the README snippet: {process.stderr.read()!r}")  # type: ignore[union-attr]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def head(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", "")


def test_the_readme_snippet_serves_real_types_and_hides_dot_files(nginx: str) -> None:
    for name, media_type in EXPECTED.items():
        assert head(nginx + name) == (200, media_type), name
    for hidden in (".pagefeed.sqlite", ".pagefeed.lock", "%2Epagefeed.sqlite"):
        assert head(nginx + hidden)[0] == 404, hidden

"""The conditional-GET validators store: ETag and Last-Modified per URL, in a small JSON file.

The file is a cache: a missing, unreadable or corrupt one reads as empty (with a warning), and
the worst outcome is one full download instead of a 304.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pagefeed.fetch.validators import Validators
from pagefeed.logs import get_logger
from pagefeed.publish.files import atomic_write

log = get_logger(__name__)

FORMAT_VERSION = 1
DEFAULT_NAME = ".pagefeed-http.json"


def load_validators(path: Path) -> dict[str, Validators]:
    """Read the validators stored at ``path``; missing or corrupt reads as ``{}``."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("ignoring unreadable validator file %s: %s", path, exc)
        return {}
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        log.warning("ignoring corrupt validator file %s: %s", path, exc)
        return {}
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        log.warning("ignoring validator file %s: not version %d", path, FORMAT_VERSION)
        return {}
    urls = data.get("urls")
    if not isinstance(urls, dict):
        log.warning("ignoring validator file %s: no 'urls' object", path)
        return {}
    result: dict[str, Validators] = {}
    for url, entry in urls.items():
        validators = _entry(entry)
        if validators is None:
            log.warning("ignoring bad validator entry for %s in %s", url, path)
        else:
            result[url] = validators
    return result


def save_validators(path: Path, data: Mapping[str, Validators]) -> None:
    """Write ``data`` to ``path`` atomically (sorted keys; empty validators are left out).

    Raises FeedError (from ``atomic_write``) when the folder cannot be written.
    """
    urls = {url: _record(v) for url, v in data.items() if v}
    text = json.dumps({"version": FORMAT_VERSION, "urls": urls}, indent=2, sort_keys=True)
    atomic_write(path, (text + "\n").encode("utf-8"))


def _record(validators: Validators) -> dict[str, str | None]:
    record = {"etag": validators.etag, "last_modified": validators.last_modified}
    if validators.fingerprint is not None:
        record["fingerprint"] = validators.fingerprint
    return record


def _entry(entry: Any) -> Validators | None:
    if not isinstance(entry, dict):
        return None
    etag, modified = entry.get("etag"), entry.get("last_modified")
    fingerprint = entry.get("fingerprint")
    if not all(value is None or isinstance(value, str) for value in (etag, modified, fingerprint)):
        return None
    return Validators(etag=etag, last_modified=modified, fingerprint=fingerprint)


class ValidatorStore:
    """The validator files one run uses: each read once, on first use; each changed one written
    once, by :meth:`flush`. Used from one thread."""

    def __init__(self) -> None:
        self._files: dict[Path, dict[str, Validators]] = {}
        self._changed: set[Path] = set()

    def get(self, path: Path) -> Mapping[str, Validators]:
        """The validators stored at ``path`` (read now if this store has not read it yet)."""
        if path not in self._files:
            self._files[path] = load_validators(path)
        return self._files[path]

    def put(self, path: Path, key: str, validators: Validators | None) -> None:
        """Record ``key``'s validators (None forgets them) for the next :meth:`flush`."""
        self.get(path)
        data = self._files[path]
        if data.get(key) == validators:
            return
        if validators is None:
            del data[key]
        else:
            data[key] = validators
        self._changed.add(path)

    def flush(self) -> None:
        """Write every file that changed since the last flush (atomically; FeedError if not)."""
        for path in sorted(self._changed):
            save_validators(path, self._files[path])
        self._changed.clear()

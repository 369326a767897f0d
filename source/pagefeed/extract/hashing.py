"""SHA-1 and SHA-256 from Python's builtin hash modules.

``hashlib`` loads OpenSSL (about 2 ms of start-up) even for one small digest; the builtin modules
give the same digests at no start-up cost. hashlib stays the fallback for builds without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha1, sha256
else:
    try:
        from _sha1 import sha1
    except ImportError:  # pragma: no cover - a Python built without the builtin hash modules
        from hashlib import sha1
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # pragma: no cover - renamed in 3.12
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

__all__ = ["sha1", "sha256"]

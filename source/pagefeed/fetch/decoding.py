"""Bytes to text for fetched or saved pages: which charset, and is this text at all (pure).

Order of evidence: a byte-order mark, the Content-Type header, a ``<meta>`` charset (or an XML
declaration) near the top, then UTF-8; a body that declares nothing and is not UTF-8 goes to
charset-normalizer (imported only then), with windows-1252 as the last fallback. The BOM comes
first, as in browsers (WHATWG "decode"): it cannot be there by accident, while servers often
send a default charset that the page does not use. For the same reason a body that is valid
UTF-8 with non-ASCII bytes is read as UTF-8 even when a legacy single-byte or ASCII-compatible
charset is declared: text in a legacy charset is almost never valid UTF-8 by chance.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_SNIFF_BYTES = 8192
# Compiled on first use (and cached by ``re``), case-insensitive: a plain-text file from disk
# needs none of them, and compiling costs start-up time.
_META_CHARSET = rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)"""
_XML_ENCODING = rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)"""
_HEADER_CHARSET = r"""charset\s*=\s*["']?\s*([^"';\s]+)"""

# Labels that pages use for a charset whose superset is what they really contain (as browsers do),
# keyed by Python's canonical codec name.
_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "utf-16": "utf-16-le",
    "utf-32": "utf-32-le",
}
# Codecs that decode bytes but are no page charset (or are unsafe, like UTF-7).
_REFUSED = frozenset(
    {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "utf-7", "mbcs"}
)

# Magic numbers of formats that are surely not a page.
_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # ZIP (also docx, epub, jar)
    b"PK\x05\x06",  # empty ZIP
    b"\x1f\x8b",  # gzip
)
# Control bytes that text may hold: TAB, LF, FF, CR, and ESC (ISO-2022 shift sequences).
_TEXT_CONTROLS = frozenset(b"\t\n\x0c\r\x1b")
_BINARY_SAMPLE = 8192
# The detector's answers trusted: charsets of other scripts, which windows-1252 would garble. On
# Latin text it confuses the windows-125x pages with each other; windows-1252 then stays.
_DETECTABLE = frozenset(
    {
        "cp1251", "koi8-r", "koi8-u", "mac-cyrillic", "iso8859-5", "cp1253", "iso8859-7",
        "cp1255", "iso8859-8", "cp1256", "iso8859-6", "cp874", "tis-620", "cp1258",
        "shift_jis", "cp932", "euc_jp", "iso2022_jp", "gb2312", "gbk", "gb18030", "big5",
        "big5hkscs", "euc_kr", "cp949", "johab",
    }
)  # fmt: skip
_DETECT_SAMPLE = 65536  # enough text for a confident guess, bounded work on large pages
_MAX_CONTROL_SHARE = 0.10


def decode_page(body: bytes, *, content_type: str | None = None) -> str:
    """Decode a page body to text; never raises (undecodable bytes become U+FFFD).

    ``content_type`` is the raw Content-Type header, if the page came over HTTP.
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(codec, errors="replace")
    declared = _dedupe([_header_charset(content_type), *_sniffed_charsets(body)])
    if declared and _ascii_compatible(declared[0]) and not body.isascii() and _is_utf8(body):
        return body.decode("utf-8")
    if not declared and not _is_utf8(body):
        detected = _detect(body)  # no charset declared and not UTF-8: ask a detector
        if detected is not None:
            return detected
    for codec in [*declared, "utf-8", "cp1252"]:
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            continue
    fallback = next((c for c in declared if c != "utf-8"), "cp1252")
    return body.decode(fallback, errors="replace")


def _detect(body: bytes) -> str | None:
    """The text of an undeclared, non-UTF-8 body by charset-normalizer's best guess.

    Imported only here, for the few pages that need it (most declare their charset or are
    UTF-8). None when it has no guess or guesses a codec that is no page charset.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(body[:_DETECT_SAMPLE]).best()
    codec = codec_for(best.encoding) if best is not None else None
    if codec is None or codecs.lookup(codec).name not in _DETECTABLE:
        return None  # Latin text: the windows-1252 fallback is the better guess
    return body.decode(codec, errors="replace")


def looks_binary(body: bytes) -> bool:
    """True when ``body`` is surely not text: a known file signature, NUL bytes or many controls.

    A body that starts with a UTF-16 byte-order mark is text, although it holds NUL bytes.
    """
    if body.startswith(_MAGIC):
        return True
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = body[:_BINARY_SAMPLE]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls / len(sample) > _MAX_CONTROL_SHARE


def codec_for(label: str) -> str | None:
    """Python codec name for a charset label from a page, or None when unknown or unsuitable."""
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED:
        return None
    return _SUPERSETS.get(info.name, info.name)


def _header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    found = re.search(_HEADER_CHARSET, content_type, re.I)
    return codec_for(found.group(1)) if found else None


def _sniffed_charsets(body: bytes) -> list[str | None]:
    """Charsets declared inside the page: an XML declaration, then ``<meta>`` tags."""
    head = body[:_SNIFF_BYTES]
    if b"<" not in head:  # both declarations start with "<"
        return []
    found = [re.search(_XML_ENCODING, head, re.I), *re.finditer(_META_CHARSET, head, re.I)]
    codecs_found: list[str | None] = []
    for match in found:
        if match is None:
            continue
        codec = codec_for(match.group(1).decode("ascii"))
        # We read the declaration as ASCII, so the page cannot be in UTF-16 or UTF-32 (WHATWG).
        codecs_found.append(codec if codec is None or _ascii_compatible(codec) else "utf-8")
    return codecs_found


def _ascii_compatible(codec: str) -> bool:
    probe = "<meta charset=x>"
    try:
        return probe.encode(codec) == probe.encode("ascii")
    except (UnicodeError, LookupError):
        return False


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _dedupe(names: list[str | None]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name is not None and name not in seen:
            seen.append(name)
    return seen

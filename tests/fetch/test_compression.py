"""BoundedDecoder: every Content-Encoding round-trips in any chunking, and the cap holds."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable

import brotli
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.fetch.compression import BadEncoding, BodyTooLarge, BoundedDecoder

CODINGS: dict[str, Callable[[bytes], bytes]] = {
    "identity": bytes,
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    "br": brotli.compress,
}
RAW_DEFLATE = lambda data: zlib.compress(data, wbits=-15)  # noqa: E731


def decode_in_chunks(coding: str, packed: bytes, sizes: list[int], limit: int) -> bytes:
    decoder = BoundedDecoder(coding, limit=limit)
    out, at = [], 0
    for size in [*sizes, len(packed)]:
        out.append(decoder.feed(packed[at : at + size]))
        at += size
    return b"".join(out)


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=3000) | st.text(max_size=2000).map(str.encode),
    coding=st.sampled_from([*CODINGS, "raw-deflate"]),
    sizes=st.lists(st.integers(min_value=0, max_value=50), max_size=20),
)
def test_any_chunking_round_trips(data: bytes, coding: str, sizes: list[int]) -> None:
    pack = RAW_DEFLATE if coding == "raw-deflate" else CODINGS[coding]
    name = "deflate" if coding == "raw-deflate" else coding
    assert decode_in_chunks(name, pack(data), sizes, limit=len(data)) == data


@pytest.mark.parametrize("coding", list(CODINGS))
def test_one_byte_over_the_limit(coding: str) -> None:
    data = b"the lighthouse keeper's log, page after page. " * 400
    with pytest.raises(BodyTooLarge, match=f"more than {len(data) - 1} bytes"):
        decode_in_chunks(coding, CODINGS[coding](data), [1, 7, 100], limit=len(data) - 1)


def test_stacked_codings_are_undone_in_reverse() -> None:
    data = b"two layers of wrapping paper"
    packed = brotli.compress(gzip.compress(data))
    assert BoundedDecoder("gzip, br", limit=100).feed(packed) == data


def test_data_after_the_end_of_a_gzip_stream_is_ignored() -> None:
    data = b"message in a bottle"
    assert BoundedDecoder("gzip", limit=100).feed(gzip.compress(data) + b"junk") == data


@pytest.mark.parametrize(
    ("coding", "message"),
    [
        ("compress", "unsupported Content-Encoding 'compress'"),
        ("zstd", "unsupported Content-Encoding 'zstd'"),
    ],
)
def test_unsupported_codings(coding: str, message: str) -> None:
    with pytest.raises(BadEncoding, match=message):
        BoundedDecoder(coding, limit=10)


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_garbage_is_bad_encoding(coding: str) -> None:
    with pytest.raises(BadEncoding, match=f"bad {'brotli' if coding == 'br' else coding} data"):
        BoundedDecoder(coding, limit=1000).feed(b"\xff\xfe plainly not compressed \x00" * 3)

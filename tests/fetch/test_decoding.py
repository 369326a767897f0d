"""decode_page picks the charset from BOM, header, meta, then UTF-8 / windows-1252."""

from __future__ import annotations

import codecs
import gzip
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.fetch.decoding import codec_for, decode_page, looks_binary

# A fictional story with characters that differ between windows-1252, Latin-1 and UTF-8.
STORY = "“Café Lumière” reopens: the baker’s crème brûlée costs 4 € — again"


def page(charset_tag: str = "", body: str = STORY) -> str:
    head = f"<head>{charset_tag}<title>Harbour news</title></head>"
    return f"<html>{head}<body><p>{body}</p></body></html>"


def paragraph(text: str) -> str:
    return text.split("<p>")[1].split("</p>", maxsplit=1)[0]


def test_utf8_without_any_declaration() -> None:
    assert paragraph(decode_page(page().encode("utf-8"))) == STORY


def test_windows_1252_declared_only_in_meta_charset() -> None:
    raw = page('<meta charset="windows-1252">').encode("cp1252")
    assert paragraph(decode_page(raw)) == STORY


def test_windows_1252_declared_only_in_meta_http_equiv() -> None:
    tag = '<meta http-equiv="Content-Type" content="text/html; charset=Windows-1252">'
    raw = page(tag).encode("cp1252")
    assert paragraph(decode_page(raw, content_type="text/html")) == STORY


def test_undeclared_windows_1252_falls_back_from_utf8() -> None:
    assert paragraph(decode_page(page().encode("cp1252"))) == STORY


def test_latin1_label_means_windows_1252() -> None:
    raw = page().encode("cp1252")  # curly quotes and euro sign live at 0x80-0x9F
    assert paragraph(decode_page(raw, content_type="text/html; charset=ISO-8859-1")) == STORY


def test_header_charset_beats_meta() -> None:
    text = "Сторож маяка нашёл бутылку с письмом"
    raw = page('<meta charset="windows-1252">', body=text).encode("koi8-r")
    assert paragraph(decode_page(raw, content_type="text/html; charset=KOI8-R")) == text


def test_quoted_header_charset() -> None:
    raw = page().encode("utf-8")
    assert paragraph(decode_page(raw, content_type='text/html; charset="UTF-8"')) == STORY


def test_header_says_utf8_but_body_is_windows_1252() -> None:
    raw = page().encode("cp1252")
    assert paragraph(decode_page(raw, content_type="text/html; charset=utf-8")) == STORY


def test_header_says_latin1_but_body_is_utf8() -> None:
    raw = page('<meta charset="utf-8">').encode("utf-8")
    assert paragraph(decode_page(raw, content_type="text/html; charset=iso-8859-1")) == STORY


def test_unknown_header_charset_falls_back_to_meta() -> None:
    raw = page("<meta charset=windows-1252>").encode("cp1252")
    assert paragraph(decode_page(raw, content_type="text/html; charset=utf-9")) == STORY


@pytest.mark.parametrize("label", ["unicode_escape", "rot13", "base64", "utf-7", "x-made-up"])
def test_unsuitable_labels_are_ignored(label: str) -> None:
    assert codec_for(label) is None
    raw = page(rf"<meta charset={label}>", body=STORY + r" \u0041").encode("utf-8")
    assert paragraph(decode_page(raw, content_type=f"text/html; charset={label}")).endswith(
        r"again \u0041"
    )


def test_meta_claiming_utf16_without_bom_means_utf8() -> None:
    raw = page('<meta charset="utf-16">').encode("utf-8")
    assert paragraph(decode_page(raw)) == STORY


def test_shift_jis_from_meta() -> None:
    text = "港の猫が新しい灯台を見つけた"
    raw = page('<meta charset="Shift_JIS">', body=text).encode("shift_jis")
    assert paragraph(decode_page(raw)) == text


def test_xml_declaration_encoding() -> None:
    raw = (
        '<?xml version="1.0" encoding="windows-1252"?>\n<html><p>' + STORY + "</p></html>"
    ).encode("cp1252")
    assert paragraph(decode_page(raw)) == STORY


def test_meta_past_the_sniffing_window_is_not_seen() -> None:
    raw = ("<!--" + "x" * 9000 + "-->" + page("<meta charset=koi8-r>")).encode("cp1252")
    assert paragraph(decode_page(raw)) == STORY


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_wins_over_header_and_is_dropped(bom: bytes, codec: str) -> None:
    raw = bom + page("<meta charset=windows-1252>").encode(codec)
    text = decode_page(raw, content_type="text/html; charset=iso-8859-1")
    assert text.startswith("<html>")
    assert paragraph(text) == STORY


def test_declared_charset_with_a_stray_byte_keeps_the_rest() -> None:
    text = "灯台守の日記"
    raw = (
        page("<meta charset=shift_jis>", body=text).encode("shift_jis").replace(b"<p>", b"<p>\x81 ")
    )
    assert paragraph(decode_page(raw)) == "\ufffd " + text


@settings(max_examples=200, deadline=None)
@given(
    body=st.binary(max_size=300), label=st.sampled_from(["", "utf-8", "utf-16", "bogus", "cp1252"])
)
def test_decode_never_raises(body: bytes, label: str) -> None:
    assert isinstance(decode_page(body, content_type=f"text/html; charset={label}"), str)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "the tide came in")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "body",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        gzip.compress(b"<html>tide tables</html>"),
        b"<html>a NUL\x00 in the middle</html>",
        bytes(range(1, 32)) * 4 + b"some letters",
    ],
)
def test_binary_bodies(body: bytes) -> None:
    assert looks_binary(body)


def test_zip_is_binary() -> None:
    assert looks_binary(_zip_bytes())


@pytest.mark.parametrize(
    "body",
    [
        b"",
        page().encode("utf-8"),
        page().encode("cp1252"),
        codecs.BOM_UTF16_LE + page().encode("utf-16-le"),
        "灯台の話".encode("iso2022_jp") * 10,
        b"line one\r\n\tline two\x0cpage two\n",
    ],
)
def test_text_bodies(body: bytes) -> None:
    assert not looks_binary(body)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "Новости: паром в Бриндл снова ходит по расписанию, говорят жители острова. " * 6,
            "cp1251",
        ),
        ("フェリーは今日も時刻表どおりに運航しました。港の人々は喜んでいます。" * 6, "shift_jis"),
        ("Το πορθμείο προς το νησί ξεκίνησε ξανά τα δρομολόγιά του σήμερα. " * 6, "cp1253"),
    ],
)
def test_undeclared_non_utf8_pages_go_to_the_detector(text: str, codec: str) -> None:
    body = f"<html><body><p>{text}</p></body></html>".encode(codec)
    assert decode_page(body) == body.decode(codec)


def test_the_detector_is_loaded_only_for_pages_that_need_it() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pagefeed.fetch.decoding import decode_page;"
        "decode_page(b'<html><meta charset=windows-1252><p>caf\\xe9</p>');"
        "decode_page('<p>caf\\u00e9</p>'.encode());"
        "print('charset_normalizer' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""pagefeed.extract.html.body: the story's blocks and lines as paragraphs and HTML; captions,
slideshows and glued datelines; chrome dropped from the paragraphs leaves the HTML too."""

from __future__ import annotations

from pathlib import Path

import pytest

from pagefeed.extract.html.body import Body
from pagefeed.extract.html.parser import parse_html

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"
SENTENCE = "The harbour council met on Monday, and the ferry timetable changed again, as promised. "
REST = "".join(f"<p>{SENTENCE * 2}</p>" for _ in range(3))


def test_html_drops_the_blocks_whose_paragraphs_are_all_skipped() -> None:
    body = Body(
        (
            ("<p>By Ana</p>", ("By Ana",)),
            ("<figure><img src='https://x.example/a.jpg'></figure>", ()),
            ("<ul><li>Share</li><li>Print</li></ul>", ("Share", "Print")),
            ("<p>Story.</p>", ("Story.",)),
        )
    )
    assert body.paragraphs == ["By Ana", "Share", "Print", "Story."]
    assert body.html(skip=3) == '<figure><img src="https://x.example/a.jpg"></figure><p>Story.</p>'
    assert body.html(skip=2) == (  # a list partly skipped stays whole
        '<figure><img src="https://x.example/a.jpg"></figure>'
        "<ul><li>Share</li><li>Print</li></ul><p>Story.</p>"
    )
    assert (body.html() or "").startswith("<p>By Ana</p>")
    assert Body().html() is None


def test_a_byline_dropped_from_the_paragraphs_is_not_in_the_html_either() -> None:
    html = f"<html><body><article><h1>Ferry news</h1><p>By Ines Marlow</p>{REST}</article></body>"
    main = parse_html(html).main
    assert main is not None
    assert main.author == "Ines Marlow"
    assert main.body_html is not None
    assert "Ines Marlow" not in main.body_html
    assert main.body_html.startswith("<p>The harbour council")


def test_a_dateline_glued_to_the_first_word_is_a_word_of_its_own() -> None:
    text = (HTML / "wire-dateline.html").read_text(encoding="utf-8")
    main = parse_html(text, url="https://ledger.example.com/barges").main
    assert main is not None
    assert main.body[0].startswith("Port Alder (Valley Wire) Shippers are holding grain")
    assert main.body_html is not None
    assert "<cite>Port Alder (Valley Wire)</cite> Shippers" in main.body_html


@pytest.mark.parametrize(
    ("opening", "want"),
    [
        ("<span class='drop'>A</span>fter the storm", "After the storm"),  # a drop cap
        ("<b>KIRKWALL:</b>The pier", "KIRKWALL: The pier"),
        ("<strong>Kirk</strong>wall harbour", "Kirkwall harbour"),  # no punctuation: one word
        ("<a href='/p'>Port Alder (Wire)</a>Ships", "Port Alder (Wire)Ships"),  # a link is not one
    ],
)
def test_only_a_punctuated_opening_element_is_spaced_as_a_dateline(opening: str, want: str) -> None:
    page = parse_html(
        f"<html><body><h1>Ferry news</h1><p>{opening} {SENTENCE}</p>{REST}</body></html>"
    )
    assert page.main is not None
    assert page.main.body[0].startswith(want)


def test_picture_captions_and_slideshow_lists_are_not_body_text() -> None:
    text = (HTML / "captioned-pictures.html").read_text(encoding="utf-8")
    main = parse_html(text, url="https://diary.example.org/lamp").main
    assert main is not None
    assert main.body[0].startswith("Volunteers carried the new lamp")
    assert main.body[1].startswith("The lamp uses a fraction")
    # A list whose items are text (one with an icon) stays; captions are nowhere in the body.
    assert main.body[2:] == (
        "Lit again every night from dusk.",
        "Tours of the tower on Sundays in summer.",
    )
    assert main.body_html is not None
    assert "breakwater" not in main.body_html  # the marked caption paragraph
    assert "The last turn of the stairs" not in main.body_html  # the slideshow
    assert "Tours of the tower" in main.body_html


def test_paragraphs_written_as_divs_and_a_lead_span_are_body_text() -> None:
    text = (HTML / "div-paragraphs.html").read_text(encoding="utf-8")
    main = parse_html(text, url="https://post.example.net/night-bus").main
    assert main is not None
    assert [line[:24] for line in main.body] == [
        "The late service stops a",
        "The night bus between Al",
        "Buses leave the market s",
        "The operator said it had",
        "Fares are the same as by",
    ]  # not the ad label, nor the unpunctuated "Related coverage" line
    assert main.body_html is not None
    assert main.body_html.count("<p>") == 5


@pytest.mark.parametrize(
    ("inner", "kept"),
    [
        ("<div>The pier reopens on Friday, the council said.</div>", True),
        ("A short lede that is a sentence.<p>x</p>", True),  # bare text beside blocks
        ("<div>By Ana Ruiz | March 3, 2025</div>", False),  # no sentence end
        ("<div>Ferry news.</div>", False),  # too short
        ("<div class='caption'>The pier at dawn, seen from the quay.</div>", False),  # a role
        ("<div>The pier reopens. <div>Inside a block.</div></div>", False),  # holds a block
    ],
)
def test_which_divs_and_lines_read_as_paragraphs(inner: str, kept: bool) -> None:
    page = parse_html(f"<html><body><article><h1>Ferry news</h1><div>{inner}{REST}</div></article>")
    assert page.main is not None
    first = page.main.body[0]
    assert (not first.startswith("The harbour council")) is kept, first


def test_a_story_continues_below_line_is_chrome_anywhere_in_the_body() -> None:
    middle = f"<p>{SENTENCE * 2}</p><p>Story continues below advertisement</p>"
    main = parse_html(f"<html><body><article><h1>Ferry news</h1>{middle}{REST}</article>").main
    assert main is not None
    assert len(main.body) == 4
    assert all("continues below" not in line for line in main.body)

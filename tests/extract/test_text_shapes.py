"""The page shapes of issue 7, one fixture each (tests/fixtures/text/1*_ and 2*_, invented words).

The golden files (tests/test_pipeline.py) pin every field; these tests say what each shape is
about, so that a golden rewrite that breaks a shape fails here too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from pagefeed.cli import EXIT_CODES, cli
from pagefeed.errors import ParseError
from pagefeed.extract.normalize import clean_text
from pagefeed.extract.text.parser import parse_text
from pagefeed.model import Page, Story, TitleSource

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def parse_fixture(name: str) -> Page:
    return parse_text(clean_text((FIXTURES / "text" / name).read_text(encoding="utf-8")))


def main(page: Page) -> Story:
    assert page.main is not None, "a story page has a main story"
    return page.main


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_chrome_menus_logo_and_glued_menu_are_dropped() -> None:
    page = parse_fixture("10_chrome_menu_logo.txt")
    story = main(page)
    assert story.title == "Norvania's ferry strike ends after nine days"
    assert story.image is not None
    assert story.image.credit == "Mira Castell/Reuters"
    assert story.summary.startswith("Ferry crews in Norvania voted")
    assert len(story.body) == 2  # the sign-up line is not body
    assert page.teasers == ()


def test_listing_under_a_privacy_notice_and_a_placeholder() -> None:
    page = parse_fixture("11_listing_privacy_placeholder.txt")
    assert page.main is None
    assert [t.title for t in page.teasers] == [
        "What We're Watching: dock talks, grain prices, a new ferry",
        "Grain prices climb after the dry spring",
    ]
    first, second = page.teasers
    assert first.summary.startswith("Talks between Ostmark's port operators")  # not the subhead
    assert second.image is not None
    assert second.image.credit == "ndra Holm/Pool via REUTERS"  # a credit that lost its start
    assert len(second.body) == 2


def test_date_marker_on_chrome_title_repeated_with_play_icon_tag_line_then_teasers() -> None:
    page = parse_fixture("12_date_marker_on_chrome.txt")
    story = main(page)
    assert story.title == "Ostmark opens its first offshore wind farm"
    assert story.stated_date == day("2025-06-02")
    assert story.body[0].startswith("The first turbines")
    assert len(story.body) == 2
    assert [t.summary[:20] for t in page.teasers] == [
        "How do small grids c",
        "Norvania's islands w",
    ]


def test_date_marker_on_a_date_line_and_an_indented_title() -> None:
    story = main(parse_fixture("13_date_marker_on_date_line.txt"))
    assert story.title == "Calderra names a new central bank governor"
    assert story.stated_date == day("2025-03-18")
    assert story.summary.startswith("Calderra's government named")


def test_year_month_marker_on_the_first_paragraph_and_a_caption_after_it() -> None:
    page = parse_fixture("14_date_marker_year_month.txt")
    story = main(page)
    assert story.stated_date is None  # a year and a month is no date
    assert story.title_source is TitleSource.DERIVED
    assert story.summary.startswith("Whatever one thinks")
    assert story.image is not None
    assert story.image.caption is not None
    assert story.image.caption.startswith("Ola Brandt, pictured")
    assert any("no title line" in w for w in page.warnings)


def test_long_title_alt_line_caption_signoff_and_teasers_with_a_cut_card() -> None:
    page = parse_fixture("15_series_label_alt_caption.txt")
    story = main(page)
    assert story.title.startswith("Hard Numbers: Velgrad's bread prices")
    assert story.image is not None
    assert (story.image.caption, story.image.credit) == (
        "A baker stacks loaves in Velgrad.",
        "REUTERS/Jonas Pike",
    )
    assert [p[:3] for p in story.body] == ["40:", "3: ", "2: "]  # not the sign-off
    titles = [t.title for t in page.teasers]
    assert titles[0] == "Revisiting the harbour deal one year on"  # a "- YouTube" card
    assert page.teasers[1].image is not None
    assert page.teasers[2].image is None  # a card with no caption after a captioned one
    assert len(page.teasers) == 3  # the card cut in its credit is dropped, not glued on
    assert page.site_name == "Atlas Desk"


def test_video_clip_with_a_label_a_video_title_and_headerless_teasers() -> None:
    page = parse_fixture("16_video_clip_headerless_teasers.txt")
    story = main(page)
    assert story.title.startswith("Ines Moll: Calderra cannot talk")
    assert story.body == (
        "For the river scientist Ines Moll, Calderra has to stop the factories upstream before "
        "it can lecture its neighbours. Watch her interview on this week's show.",
    )
    assert [t.summary[:12] for t in page.teasers] == [
        "Norvania's f",
        "12 million: ",
        "Ian Holm rea",
    ]
    assert page.teasers[0].image is not None


def test_caption_and_credit_on_one_line_an_illustrator_and_a_damaged_credit() -> None:
    page = parse_fixture("17_caption_credit_shapes.txt")
    story = main(page)
    assert story.image is not None
    assert story.image.credit == "Photo by Tomas Varga/NurPhoto"
    assert story.image.date == day("2025-10-09")  # the full date, not "Oct. 7"
    art, cranes = page.teasers
    assert art.image is not None
    assert art.image.credit == "Luisa Vieira"
    assert cranes.image is not None
    assert cranes.image.credit == "ners/Kurt Aalto/Pool via REUTERS"


def test_transcript_with_speaker_labels_and_no_blank_lines() -> None:
    page = parse_fixture("18_transcript_no_blank_lines.txt")
    story = main(page)
    assert story.title == "Podcast: The harbour and the hill"
    assert story.summary.startswith("Hello and welcome")
    assert "What We're Skipping: the mayor's new logo" in story.body  # a heading inside the body
    assert page.teasers == ()


def test_listing_of_bare_card_texts() -> None:
    page = parse_fixture("19_listing_paragraph_cards.txt")
    assert page.main is None
    assert len(page.teasers) == 4


def test_listing_of_video_cards_with_takeaways() -> None:
    page = parse_fixture("20_listing_video_cards.txt")
    assert page.main is None
    assert [t.summary[:15] for t in page.teasers] == ["On Atlas In :60"] * 2
    assert page.teasers[0].body[1] == "Ian's takeaways:"


def test_listing_with_labels_under_captions_alt_lines_and_a_cut_card() -> None:
    page = parse_fixture("21_listing_labels_alt_cut.txt")
    assert page.main is None
    assert page.title == "harbour plan"
    assert [t.title for t in page.teasers] == [
        "Will the harbour plan survive the vote?",
        "Sandvik's harbour plan, explained",
        "Lissel wants a harbour of its own",
    ]
    assert {t.label for t in page.teasers} == {"Harbour Watch"}
    assert page.teasers[2].body == ("Lissel's council voted to study a river",)


def test_other_site_bullet_byline_paywall_and_related_headlines() -> None:
    page = parse_fixture("22_other_site_byline_related.txt")
    story = main(page)
    assert story.title == "Calderra and Norvania sign the river pact"
    assert story.stated_date == day("2025-02-11")
    assert story.summary.startswith("Calderra and Norvania signed")
    assert not any("free articles" in p or "Get Access" in p for p in story.body)
    assert [t.section for t in page.teasers] == ["Latest News"] * 4
    assert page.teasers[0].title == "Ostmark raises fuel taxes for the second time this year"


def test_other_site_kicker_lines_above_the_title() -> None:
    story = main(parse_fixture("23_other_site_kicker_lines.txt"))
    assert story.title == "Lissel closes its river road as the Amber River rises"
    assert story.summary.startswith("The city of Lissel")


def test_a_page_of_inline_css_is_nothing_to_publish(tmp_path: Path) -> None:
    page = FIXTURES / "text-errors" / "css_only.txt"
    result = CliRunner().invoke(cli, ["build", str(page), "--out", str(tmp_path)])
    assert result.exit_code == EXIT_CODES[ParseError] == 5
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pagefeed: error: ")
    assert "Traceback" not in result.output
    assert not any(tmp_path.iterdir())


def test_a_sponsor_read_inside_a_transcript_is_not_body() -> None:
    story = main(parse_fixture("18_transcript_no_blank_lines.txt"))
    assert not any("founding sponsor" in paragraph for paragraph in story.body)


def test_unmarked_ad_copy_inside_a_body_is_neither_body_nor_teaser() -> None:
    page = parse_fixture("24_body_ad_paragraphs.txt")
    story = main(page)
    assert story.summary.startswith("The first ferry")
    assert [paragraph[:12] for paragraph in story.body] == [
        "The first fe",
        "The line had",  # reported speech that mentions a sign-up and a newsletter
        "Download spe",  # a noun, not a call to action
        "The return f",
    ]
    # under the header: the sponsor read and its call to action are no teasers
    assert [teaser.summary[:12] for teaser in page.teasers] == ["Lissel's har", "Ferry pass h"]


def test_listing_cards_with_headlines_glued_to_their_texts() -> None:
    page = parse_fixture("25_listing_glued_headlines.txt")
    assert page.main is None
    assert [t.title for t in page.teasers][1:] == [
        "Calderra's river levy passes its first vote",
        "Ostmark Plans A Toll On The Amber Bridge",
        "Will the night ferry come back?",
        "Norvania's river towns count the flood bill",
    ]
    assert all(t.title_source is TitleSource.PAGE for t in page.teasers[1:])
    assert page.teasers[1].body == (
        "The levy on river freight cleared the council by two votes, and the harbour board says"
        " it will fund a second dredger.",
    )
    assert page.teasers[2].summary.startswith("Ostmark's transport office")
    assert len(page.teasers[4].body) == 2  # its second paragraph has no seam: it stays

"""The HTML parser on hand-written fixtures of real news-site patterns, plus property tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from html_big import LARGE_PARAGRAPHS, big_page, stress_page
from pagefeed.errors import ParseError
from pagefeed.extract.html.parser import parse_html
from pagefeed.extract.html.tree import one_line
from pagefeed.extract.normalize import squash
from pagefeed.model import Format, Image, Page, Story, TitleSource

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


def read_declared(path: Path) -> str:
    """The page decoded with the charset its <meta> declares (UTF-8 when none is declared)."""
    data = path.read_bytes()
    match = _META_CHARSET.search(data[:2048])
    return data.decode(match.group(1).decode("ascii") if match else "utf-8")


def parse(name: str, url: str | None = None) -> Page:
    return parse_html(read_declared(HTML / name), url=url)


def day(year: int, month: int, date: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, date, hour, minute, tzinfo=UTC)


def main_of(page: Page) -> Story:
    assert page.main is not None
    return page.main


def test_jsonld_only() -> None:
    page = parse("jsonld-only.html", "https://coastal.example.com/news/2025/04/harbour-ferry")
    main = main_of(page)
    assert main.title == "Three harbour towns vote to share one ferry line"
    assert main.title_source is TitleSource.PAGE
    assert main.link == "https://coastal.example.com/news/2025/04/harbour-ferry"
    assert main.stated_date == day(2025, 4, 2, 6, 30)  # +02:00 in the page
    assert main.author == "Mira Holt, Ansel Roe"
    assert main.summary.startswith("Councils in Brindle, Oskar Bay and Tamsin Point agreed")
    assert main.image == Image(
        url="https://coastal.example.com/img/ferry-wide.jpg",
        caption="The morning ferry leaves Brindle harbour on March 30, 2025.",
        credit="Mira Holt/Coastal Times",
        date=day(2025, 3, 30),
    )
    assert len(main.body) == 3
    assert (
        main.body[2]
        == "“We were three towns pretending the sea was a wall,” said Brindle’s harbour master."
    )
    assert (main.id, main.date, main.date_source) == ("", None, None)
    assert page.site_name == "Coastal Times"
    assert page.title == "Harbour towns vote on a shared ferry"
    assert page.format is Format.HTML
    assert page.teasers == ()
    assert page.warnings == ()


def test_opengraph_only_strips_the_site_suffix() -> None:
    page = parse("opengraph-only.html")
    main = main_of(page)
    assert main.title == "Night trains return to the northern line"
    assert main.link == "https://railletter.example.net/stories/night-trains-return"
    assert main.summary == "Sleeper carriages will run four nights a week from May."
    assert main.stated_date == day(2025, 3, 14, 6)
    assert main.author == "Petra Lind"
    assert main.image == Image(url="https://cdn.railletter.example.net/night-train.jpg")
    assert main.body == (
        "Sleeper carriages will run four nights a week from May, the operator said.",
        "The service was cut eight years ago when the old carriages were retired.",
    )
    assert page.url == "https://railletter.example.net/stories/night-trains-return"
    assert page.site_name == "Rail Letter"


def test_microdata() -> None:
    page = parse("microdata.html", "https://orchard.example/2024/frost-alarm")
    main = main_of(page)
    assert main.title == "Apple growers try a frost alarm that texts them"
    assert main.stated_date == day(2024, 11, 5)
    assert main.author == "Jonas Feld"
    assert main.image == Image(url="https://orchard.example/photos/orchard.jpg")
    assert main.body == (
        "A cheap sensor now sends growers a message when the air in their rows drops below two"
        " degrees.",
        "Twelve farms in the valley tried it last spring.",
    )
    assert main.link == page.url == "https://orchard.example/2024/frost-alarm"


def test_figure_with_separate_caption_and_credit_spans() -> None:
    page = parse("figure-credit.html", "https://bridges.example.org/2025/singing-bridge")
    main = main_of(page)
    assert main.title == "Engineers tune a footbridge that hums in the wind"
    assert main.author == "Ines Vaart"
    assert main.stated_date == day(2025, 1, 20, 14, 15)
    assert main.image == Image(
        url="https://bridges.example.org/media/bridge-1280.jpg",  # the widest srcset candidate
        caption="Walkers cross the Elm Street footbridge in Carrow on January 18, 2025.",
        credit="Tomas Reyes/Pool via REUTERS",
        date=day(2025, 1, 18),
    )
    assert main.body == (
        "The footbridge over the Carrow river has hummed on windy days since it opened.",
        "Engineers fitted six dampers under the deck last week, and the hum has mostly stopped.",
    )
    # The lead figure is the story's image, not part of the body; an in-body figure stays.
    assert main.body_html is not None
    assert "bridge-" not in main.body_html
    assert (
        '<img src="https://bridges.example.org/media/damper.jpg" alt="A damper">' in main.body_html
    )
    assert "<cite>Carrow City Council/Handout</cite>" in main.body_html
    assert '<a href="https://bridges.example.org/topics/noise">mostly stopped</a>' in main.body_html


def test_lazy_images() -> None:
    page = parse("lazy-images.html", "https://markets.example/halls/glass")
    main = main_of(page)
    assert main.image == Image(
        url="https://markets.example/img/market-hall-1600.jpg",
        caption="Traders set up under the new roof in Velden.",
    )
    assert [(t.title, t.link, t.image) for t in page.teasers] == [
        (
            "A tile maker's last apprentice",
            "https://markets.example/stories/tile-makers",
            Image(url="https://markets.example/img/tiles-large.webp"),  # <picture><source>
        ),
        (
            "The clock tower that runs six minutes late",
            "https://markets.example/stories/clock-tower",
            Image(url="https://img.example.org/clock-tower.jpg?width=1200"),
        ),
        (
            "Canal boats as floating shops",
            "https://markets.example/stories/canal",
            Image(  # protocol-relative data-lazy-src; a long alt stands in for a caption
                url="https://cdn.example.org/canal.jpg",
                caption="Canal boats moored in a row beside the old warehouse",
            ),
        ),
    ]
    assert {t.section for t in page.teasers} == {"Related"}


def test_gzero_teaser_grid() -> None:
    url = "https://www.gzeromedia.com/news/lantern-islands-navies"
    page = parse("gzero-teasers.html", url)
    main = main_of(page)
    assert main.title == "Why the Lantern Islands are courting two navies"
    assert main.author == "GZERO Staff"
    assert main.stated_date == day(2025, 3, 31)
    assert main.image == Image(
        url="https://assets.gzeromedia.com/lantern-port.jpg?width=1245",
        caption="Patrol boats anchor off Port Ilse, Lantern Islands, on March 27, 2025.",
        credit="Noor Akhtar/Reuters",
        date=day(2025, 3, 27),
    )
    # The share bar and "Read moreShow less" are chrome.
    assert main.body == (
        "The small archipelago has signed port agreements with two rival navies in the same month.",
        "Officials say the deals bring money for a new container quay.",
    )
    salt, marlow, listen = page.teasers  # sponsored cards and a repeated card are dropped
    assert salt == Story(
        title="Salt exports hit a record",
        summary="Salt shipments from the Veyra flats doubled last year.",
        section="More from GZERO Media",
        label="Hard Numbers",
        author="Ana Birk",
        link="https://www.gzeromedia.com/news/salt-exports",
        image=Image(
            url="https://assets.gzeromedia.com/salt.jpg?width=600",
            caption="Workers rake salt at the Veyra flats on Feb. 05, 2025.",
            credit="REUTERS/Lena Ostrova",
            date=day(2025, 2, 5),
        ),
        stated_date=day(2025, 4, 1),
    )
    assert marlow.title == "Marlow heads back to the polls on Sunday after its coalition collapsed"
    assert marlow.title_source is TitleSource.DERIVED
    assert marlow.section == "More from GZERO Media"
    assert marlow.link is None
    assert marlow.image == Image(
        url="https://assets.gzeromedia.com/archive-vote.jpg",
        caption="FILE PHOTO: Ballots are counted in Marlow on June 19, 2024.",
        credit="Kemal Dursun/ Pool via REUTERS",
        date=day(2024, 6, 19),
        file_photo=True,
    )
    assert listen.title == "Listen: the river treaty nobody reads"
    assert listen.section == "Most Popular"
    assert listen.image is None
    assert listen.link == "https://www.gzeromedia.com/podcast/listen-river-treaty"
    assert page.site_name == "GZERO Media"
    assert page.url == url


def test_two_jsonld_blocks_with_a_graph_and_id_references() -> None:
    page = parse("two-jsonld.html")
    main = main_of(page)
    assert main.title == "Beekeepers map the city's rooftop hives"  # JSON-LD beats og:title
    assert main.link == "https://ledger.example.org/city/rooftop-hives"
    assert main.author == "Ruth Okafor"
    assert main.stated_date == day(2024, 12, 6)
    assert main.image == Image(
        url="https://ledger.example.org/uploads/hives.jpg",
        caption="A keeper checks a frame on a roof in Dunmore on Dec. 4, 2024.",
        credit="Ledger Photo Desk",
        date=day(2024, 12, 4),
    )
    assert page.site_name == "Metro Ledger"


def test_listing_page_has_no_main_story() -> None:
    page = parse("listing.html", "https://northernwire.example.com/climate/")
    assert page.main is None
    peat, ferry, glacier = page.teasers  # the sponsored card and the navigation are dropped
    assert peat == Story(
        title="Peat fires smoulder through a mild winter",
        summary="Fire crews say the bogs never fully cooled after the summer.",
        label="Wildfires",
        link="https://northernwire.example.com/climate/peat-fires",
        image=Image(
            url="https://northernwire.example.com/thumbs/peat.jpg", caption="Smoke over a bog"
        ),
        stated_date=day(2025, 2, 11, 14),
    )
    assert (ferry.title, ferry.stated_date) == (
        "A ferry that sails on wind and batteries",
        day(2025, 2, 9),
    )
    assert ferry.summary == "The crossing takes nine minutes longer and uses no diesel."
    assert (glacier.title, glacier.summary, glacier.image) == (
        "Surveyors return to the shrinking glacier",
        "",
        None,
    )
    assert page.title == "Climate | Northern Wire"
    assert page.url == "https://northernwire.example.com/climate/"


def test_broken_markup() -> None:
    page = parse("broken-markup.html", "https://saltmere.example/news/pier")
    main = main_of(page)
    assert main.title == "Pier repairs are delayed again"
    assert main.body == (
        "The pier at Saltmere will stay closed until autumn, the council said on Friday.",
        "Divers found more rot in the timber piles than the survey predicted.",
        "New piles ordered",
        "Contractor replaced",
    )
    assert [(t.title, t.link, t.section) for t in page.teasers] == [
        (
            "Saltmere lido reopens after storm",
            "https://saltmere.example/news/saltmere-lido",
            "Related",
        ),
        (
            "A short history of the Saltmere pier",
            "https://saltmere.example/news/pier-history",
            "Related",
        ),
    ]
    assert page.warnings == ("JSON-LD block 1 is not valid JSON; ignored",)


def test_windows_1252_page_declared_in_meta() -> None:
    raw = (HTML / "windows-1252.html").read_bytes()
    assert "é".encode("cp1252") in raw  # really windows-1252 bytes
    assert "é".encode() not in raw
    page = parse("windows-1252.html", "https://oldtown.example/cafes")
    main = main_of(page)
    assert main.title == "Café owners in the old town fight a rent rise"
    assert main.body[0] == (
        "“We can’t pay double,” said Renée Duval, who has run the corner café for twenty years — "
        "longer than the landlord has owned the building."
    )
    assert page.title == "Café owners fight the rent rise"


def test_injection_never_reaches_the_body() -> None:
    page = parse("injection.html", "https://library.example/news/hours")
    main = main_of(page)
    html = main.body_html or ""
    bad_words = (
        "<script alert javascript: data: <iframe onclick onerror <style <svg <object target="
    )
    for bad in [*bad_words.split(), "style=", "steal"]:
        assert bad not in html.lower(), bad
    assert '<a href="https://library.example/news/reading-room">the new hours</a>' in html
    assert '<img src="https://library.example/img/reading-room.jpg" alt="Reading room">' in html
    assert main.body == (
        "From next month the central library stays open until ten on weekdays.",
        "Its reading room fills up by six, staff say, and the new hours should help.",
        "Late opening starts on a Monday.",
        "a data link and a plain ending.",
    )
    assert main.image == Image(url="https://library.example/img/reading-room.jpg")


def test_chrome_ads_cookie_banner_and_sponsored_cards_are_dropped() -> None:
    page = parse("chrome-noise.html", "https://river.example.com/2025/ferries")
    main = main_of(page)
    assert main.body == (
        "Passenger numbers on the river ferries fell slightly last year, the operator reported.",
        "Fares will stay the same in 2025.",
    )
    assert main.image == Image(url="https://river.example.com/img/ferry.jpg")
    assert [(t.title, t.link, t.section, t.stated_date) for t in page.teasers] == [
        (
            "The last lock keepers on the canal",
            "https://river.example.com/news/lock-keepers",
            "Recommended",
            None,
        ),
        (
            "Dredging season starts early",
            "https://river.example.com/news/dredging",
            "Recommended",
            day(2025, 3, 3),
        ),
    ]


def test_base_href_canonical_and_twitter_card() -> None:
    page = parse("base-href.html", "https://www.hillnews.example/stories/pass-reopens")
    main = main_of(page)
    assert main.title == "Mountain pass reopens after rockfall"  # twitter:title
    assert main.summary == "The road over the Kessel pass reopened on Thursday."
    assert main.image == Image(url="https://static.hillnews.example/edition/images/pass.jpg")
    assert main.link == page.url == "https://static.hillnews.example/stories/pass-reopens"
    assert main.body_html == (
        "<p>The road over the Kessel pass reopened on Thursday, five weeks after a rockfall closed"
        ' it.</p><p>Crews <a href="https://static.hillnews.example/maps/kessel.html">anchored'
        " nets</a> above the worst bend.</p>"
    )
    assert [(t.title, t.link, t.summary) for t in page.teasers] == [
        (
            "The snow plough driver who names every bend",
            "https://static.hillnews.example/edition/stories/snow-plough",
            "Forty winters on one road.",
        ),
        (
            "A hut warden's first season",
            "https://static.hillnews.example/edition/stories/hut-warden",
            "",
        ),
    ]


def test_large_page_over_two_megabytes() -> None:
    text = big_page()
    assert len(text.encode()) > 2_000_000
    page = parse_html(text, url="https://harbour.example/minutes")
    main = main_of(page)
    assert main.title == "Minutes of the harbour board, 1950 to 2025"
    assert len(main.body) == LARGE_PARAGRAPHS
    assert main.image == Image(
        url="https://harbour.example/img/0-l.jpg",
        caption="Board meeting number 0.",
        credit="Archive/Harbour Board",
    )
    # 60 cards, and "Most Popular" repeats ten of them: kept once, in the first section.
    assert len(page.teasers) == 60
    assert page.teasers[59].link == "https://harbour.example/stories/59"
    assert {t.section for t in page.teasers} == {"More from the Harbour Gazette"}


def test_stress_page_parses() -> None:
    page = parse_html(stress_page(), url="https://harbour.example/all")
    assert page.main is not None
    assert len(page.teasers) > 1000


def test_page_with_no_story_and_no_teaser_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="no story and no teaser"):
        parse_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", url=None)


def test_untitled_article_gets_a_derived_title_and_a_warning() -> None:
    page = parse_html(
        "<html><body><article><p>The river rose a metre overnight. Roads are shut.</p>"
        "</article></body></html>",
        url="https://x.example/a",
    )
    assert page.main is None or page.main.title_source is TitleSource.DERIVED
    page = parse_html(
        "<html><head><meta property='og:type' content='article'></head><body><main><p>The river"
        " rose a metre overnight. Roads are shut.</p></main></body></html>"
    )
    main = main_of(page)
    assert (main.title, main.title_source) == (
        "The river rose a metre overnight",
        TitleSource.DERIVED,
    )
    assert page.warnings == ("no title on the page; made one from the first sentence",)


_TAGS = st.sampled_from(
    ["<p>", "</p>", "<article>", "</article>", "<h1>", "<h2>More from X</h2>", "<div class='card'>",
     "</div>", "<a href='/x'>", "<a href='javascript:x'>", "</a>", "<img data-src='y.jpg'>",
     "<figure><figcaption><span class='credit'>", "<script type='application/ld+json'>{",
     "</script>", "<time datetime='2025-02-30'>", "<meta property='og:type' content='article'>",
     "<li>", "<nav>", "<!--", "&amp;", "<base href='::'>", "\x00", "\ud800"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_TAGS, st.text(max_size=30)), max_size=40),
    st.sampled_from([None, "https://h.example/p", "not a url"]),
)
def test_never_raises_anything_but_parse_error(parts: list[str], url: str | None) -> None:
    try:
        page = parse_html("".join(parts), url=url)
    except ParseError:
        return
    for story in page.stories:
        assert story.title
        assert story.link is None or story.link.startswith(("http://", "https://"))
        assert story.body_html is None or "javascript:" not in story.body_html


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(st.characters(max_codepoint=127), max_size=40),
        st.text(
            st.sampled_from(
                " \t\n\r\x0b\x0c\x1c\x1f\x7f\x85\x9f\x00a\u00a0\u00ad"
                "\u200b\u2028\u2060\ufeff\uffff\u00e9e\u0301\ud800"
            ),
            max_size=20,
        ),
        st.text(max_size=40),
    )
)
def test_one_line_is_exactly_squash(text: str) -> None:
    assert one_line(text) == squash(text)


@pytest.mark.parametrize(
    "char", list("\x00\x0b\x1f\x7f\x85\x9f\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe\uffff\ud800")
)
def test_one_line_deletes_what_squash_deletes(char: str) -> None:
    for text in (f"a{char}b  c", f"caf\u00e9 {char}x\u2028y", f"\u201c{char}\u201d"):
        assert one_line(text) == squash(text)


def test_impossible_dates_are_ignored_with_a_warning() -> None:
    page = parse_html(
        "<article><h1>Storm</h1><p>Rain fell.</p><figure><img src='/a.jpg'><figcaption>Rain on"
        " February 30, 2025.</figcaption></figure></article><h2>Related</h2><ul><li><a href='/b'>"
        "A linked story headline</a> <span class='date'>Feb. 31, 2024</span></li></ul>",
        url="https://e.example/a",
    )
    assert main_of(page).image == Image(
        url="https://e.example/a.jpg", caption="Rain on February 30, 2025."
    )
    assert page.teasers[0].stated_date is None
    assert set(page.warnings) == {
        "impossible date 'February 30, 2025' ignored",
        "impossible date 'Feb. 31, 2024' ignored",
    }


def test_headline_and_paragraphs_with_no_article_markup_are_a_story() -> None:
    """A plain page: no <article>, <main>, JSON-LD or og:type, only an <h1> and its paragraphs."""
    page = parse("loose-article.html", url="https://courier.example.net/ferry")
    main = main_of(page)
    assert main.title == "Ferry service resumes after the storm"
    assert len(main.body) == 3
    assert main.body[0].startswith("The ferry between Skerry and Holm")
    assert not any("rights reserved" in p for p in main.body)
    assert page.teasers == ()


@pytest.mark.parametrize(
    ("figcaption", "caption", "credit"),
    [
        (
            "Children read on the deck on 3 March 2025. (Photo by Marta Ilves/Getty Images)",
            "Children read on the deck on 3 March 2025.",
            "Photo by Marta Ilves/Getty Images",
        ),
        (
            "Ministers leave the ministry. Photo: Jane Roe / Velgrad Press Agency",
            "Ministers leave the ministry.",
            "Photo: Jane Roe / Velgrad Press Agency",
        ),
        (
            "A ferry leaves the quay on June 1, 2025. AP Photo/Tomas Varga",
            "A ferry leaves the quay on June 1, 2025.",
            "AP Photo/Tomas Varga",
        ),
        ("Protesters march in Velgrad.", "Protesters march in Velgrad.", None),
    ],
)
def test_credit_printed_at_the_end_of_a_figcaption(
    figcaption: str, caption: str, credit: str | None
) -> None:
    page = parse_html(
        "<html><body><article><h1>Ferry fares fall in Port Amaro</h1>"
        f'<figure><img src="https://img.example.com/a.jpg"><figcaption>{figcaption}'
        "</figcaption></figure><p>Fares fall by a tenth this summer.</p></article></body></html>"
    )
    image = main_of(page).image
    assert image is not None
    assert (image.caption, image.credit) == (caption, credit)


def _strings(value: object) -> Iterator[str]:
    """Every string held by a model object, recursively."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item)
    elif hasattr(value, "__slots__"):
        for name in value.__slots__:
            yield from _strings(getattr(value, name))


def test_no_control_characters_from_references_or_json_escapes() -> None:
    ld = (
        '{"@type": "NewsArticle", "headline": "Ferry &amp; tram \\u0007fares <b>fall</b>",'
        ' "author": {"name": "Mira\\u0001 Solberg"}, "url": "https://a.example.com/x\\u0001y",'
        ' "image": {"url": "https://a.example.com/i\\u0002.jpg",'
        ' "caption": "A ferry\\u0008 leaves", "creditText": "Tomas\\u000b Varga/AP"},'
        ' "description": "A \\u0000summary"}'
    )
    page = parse_html(
        f'<html><head><script type="application/ld+json">{ld}</script>'
        '<meta name="author" content="Ana&#1; Berg"></head><body><article>'
        '<h1>Ferry fares fall</h1><p>Body&#1; text <a href="https://a.example.com/p&#1;q">here'
        '</a>.</p></article><h2>More from Us</h2><div class="card">'
        '<a href="https://a.example.com/c&#x1;d"><h3>Card one is here</h3></a>'
        '<img src="https://a.example.com/c&#2;.jpg"></div></body></html>'
    )
    main = main_of(page)
    assert main.title == "Ferry & tram fares fall"
    assert main.author == "Mira Solberg"
    assert main.image == Image(
        url="https://a.example.com/i%02.jpg", caption="A ferry leaves", credit="Tomas Varga/AP"
    )
    assert page.teasers[0].link == "https://a.example.com/c%01d"
    strings = list(_strings(page))
    assert strings
    assert not [s for s in strings if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", s)]


def test_teaser_heading_in_an_aside_and_several_h1() -> None:
    page = parse("aside-teaser-several-h1.html", "https://courier.example.com/2025/03/03/budget")
    main = main_of(page)
    assert main.stated_date == day(2025, 3, 3, 15, 30)  # "Updated: Mar. 3, 2025 10:30 a.m. ET"
    assert "Most Popular" not in main.body  # a teaser heading is not body text
    assert main.body_html is not None
    assert "Most Popular" not in main.body_html
    assert main.image is not None
    assert main.image.credit == "Photo: Jane Roe / Velgrad Press Agency"
    # The <aside class="inline-teaser"> holds a section: its card is the teaser, not the aside.
    assert [(t.title, t.section, t.link) for t in page.teasers[:2]] == [
        (
            "Pension payments delayed again",
            "Read next",
            "https://courier.example.com/2025/03/01/pensions",
        ),
        (
            "Ferry fares to fall by a tenth",
            "Most Popular",
            "https://courier.example.com/a/b/c/ferry",
        ),
    ]
    # javascript: and data: links never become a teaser's link.
    assert [t.link for t in page.teasers[2:]] == [None, None]


def test_a_specific_word_beats_card_in_a_class_name() -> None:
    """``card-caption`` is the card's caption (with its credit and date), not its summary."""
    page = parse("aside-teaser-several-h1.html", url="https://news.example.org/x")
    ferry = next(t for t in page.teasers if t.title == "Ferry fares to fall by a tenth")
    assert ferry.image is not None
    assert ferry.image.caption == "A ferry leaves the quay at Port Amaro on June 1, 2025."
    assert ferry.image.credit == "AP Photo/Tomas Varga"
    assert ferry.image.date == day(2025, 6, 1)

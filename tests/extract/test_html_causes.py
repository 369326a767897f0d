"""The HTML parser on fixtures written for each cause of issue 8: site profiles scoped by their
match, JSON-LD in CDATA and CreativeWork types, og:image first, dates written for people,
teaser headings in other languages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bs4 import BeautifulSoup

from pagefeed.extract.html.parser import parse_html
from pagefeed.extract.html.profiles import Role, class_roles_for
from pagefeed.extract.html.scan import head_marks
from pagefeed.model import Page, Story

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def parse(name: str, url: str | None = None) -> Page:
    return parse_html((HTML / name).read_text(encoding="utf-8"), url=url)


def main_of(page: Page) -> Story:
    assert page.main is not None
    return page.main


def test_another_sites_profile_does_not_turn_a_blog_sidebar_into_teasers() -> None:
    page = parse("blog-sidebar.html", "https://cuaderno.example.net/2025/03/faro-brindle/")
    main = main_of(page)
    assert main.title == "El faro de Punta Brindle vuelve a encenderse"
    assert main.body[0].startswith("Después de once años apagado")
    # Only the "recent entries" box is a teaser section; archives and categories are not.
    assert [t.title for t in page.teasers] == [
        "Los pescadores estrenan redes más ligeras",
        "El mercado del sábado cambia de plaza",
    ]
    assert {t.section for t in page.teasers} == {"Entradas recientes"}


def test_a_profile_applies_on_its_own_host() -> None:
    # The same markup served from the GZERO profile's host: its class names get their roles.
    soup = BeautifulSoup((HTML / "blog-sidebar.html").read_text(encoding="utf-8"), "lxml")
    on_site = class_roles_for(head_marks(soup, "https://www.gzeromedia.com/2025/03/faro"))
    elsewhere = class_roles_for(head_marks(soup, "https://cuaderno.example.net/2025/03/faro/"))
    assert on_site.get("widget") is Role.CARD
    assert dict(elsewhere) == {}


def test_og_image_wins_over_a_different_jsonld_image_in_cdata() -> None:
    main = main_of(parse("blog-sidebar.html"))
    assert main.image is not None
    assert main.image.url == "https://cuaderno.example.net/wp-content/uploads/faro-1200x630.jpg"
    assert main.author == "Lucía Ferro"  # the CDATA-wrapped JSON-LD block was read


def test_a_meta_date_written_for_people_is_read_with_its_time_zone() -> None:
    main = main_of(parse("blog-sidebar.html"))
    assert main.stated_date == datetime(2025, 3, 4, 20, 15, tzinfo=UTC)  # 3:15 PM EST


def test_a_social_media_posting_in_cdata_is_the_article() -> None:
    page = parse("social-posting.html", "https://kuestenbote.example.de/2025/05/faehre")
    main = main_of(page)
    assert main.title == "Fähre nach Oskarsund fährt wieder"
    assert main.stated_date == datetime(2025, 5, 6, 6, tzinfo=UTC)
    assert main.image is not None
    assert main.image.url == "https://kuestenbote.example.de/bilder/faehre.jpg"


def test_german_teaser_headings_open_sections() -> None:
    page = parse("social-posting.html", "https://kuestenbote.example.de/2025/05/faehre")
    assert [(t.section, t.link) for t in page.teasers] == [
        ("Mehr zum Thema", "https://kuestenbote.example.de/2025/04/werft-auftrag"),
        ("Mehr zum Thema", "https://kuestenbote.example.de/2025/03/neue-anleger"),
        ("Meistgelesen", "https://kuestenbote.example.de/2025/05/sturmflut-warnung"),
    ]


def test_the_page_language_comes_from_html_lang() -> None:
    assert parse("blog-sidebar.html").language == "es"
    assert parse("social-posting.html").language == "de"
    text = (HTML / "social-posting.html").read_text(encoding="utf-8")
    assert parse_html(text.replace('lang="de"', 'lang="de_AT"')).language == "de-AT"
    assert parse_html(text.replace('lang="de"', 'lang="{{ lang }}"')).language is None

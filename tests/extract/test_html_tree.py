"""pagefeed.extract.html.tree: class roles and noise, the document-order walk, text and images of
tags.

(``one_line`` equals ``normalize.squash``: that property is tested in test_html.py.)
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup, Tag

from pagefeed.extract.html.profiles import Role, builtin_profiles
from pagefeed.extract.html.tree import (
    Classes,
    after,
    attr,
    figcaption,
    img_url,
    make_image,
    render,
    text_of,
    walk,
)
from pagefeed.model import Image


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def first(html: str) -> Tag:
    tag = soup(html).find(True)
    assert isinstance(tag, Tag)
    return tag


def role_of(html: str) -> Role | None:
    return Classes().classify(first(html))


@pytest.mark.parametrize(
    ("class_", "role"),
    [
        # generic words
        ("card", Role.CARD),
        ("story-card", Role.CARD),
        ("teaser--large", Role.CARD),  # a BEM modifier does not hide the word
        ("summary-text", Role.SUMMARY),
        ("card-date", Role.DATE),  # a specific word beats "card" in the same part
        ("card-caption", Role.CAPTION),
        ("headline-card", Role.HEADLINE),
        ("byline", Role.AUTHOR),
        ("promo-card__kicker", Role.LABEL),
        # BEM: the element part decides; the block gives only a role other than CARD
        ("card__headline", Role.HEADLINE),
        ("card__image", None),
        ("card__body", None),
        ("social-date__text", Role.DATE),
        # no role
        ("cards", None),
        ("shadow", None),
        ("", None),
        # several classes: the first that gives a role
        ("summary card", Role.SUMMARY),
        ("grid card summary", Role.CARD),
        # words are read whatever the case, digits or separators around them
        ("Story_Card-2", Role.CARD),
        ("col-md-6 wp-block-group Byline", Role.AUTHOR),
    ],
)
def test_class_roles(class_: str, role: Role | None) -> None:
    assert role_of(f'<div class="{class_}">x</div>') is role


GZERO_ROLES = dict(next(p for p in builtin_profiles() if p.name == "gzero").classes)


@pytest.mark.parametrize(
    ("class_", "role"),
    [
        ("widget", Role.CARD),
        ("widget__headline-text", Role.HEADLINE),
        ("widget__section", Role.LABEL),
        ("media-photo-credit", Role.CREDIT),
        ("page-article", Role.MAIN),
        ("summary widget", Role.CARD),  # a profile's exact name beats a generic word
    ],
)
def test_profile_class_names_apply_only_with_the_profile(class_: str, role: Role) -> None:
    assert Classes(GZERO_ROLES).classify(first(f'<div class="{class_}">x</div>')) is role


@pytest.mark.parametrize("class_", ["widget", "page-article", "summary widget"])
def test_a_profile_class_name_means_nothing_without_the_profile(class_: str) -> None:
    assert role_of(f'<div class="{class_}">x</div>') in (None, Role.SUMMARY)
    assert role_of(f'<div class="{class_}">x</div>') is not Role.CARD


@pytest.mark.parametrize(
    "class_",
    [
        "share-bar",
        "ad-slot",
        "ads",
        "nav-main",
        "masthead",
        "cookie-banner",
        "newsletter-signup",
        "dfp-slot",
        "card sponsored",  # one noisy class makes the element noise, whatever its role
        "col-md-6 Share_Bar2",
    ],
)
def test_noise_classes(class_: str) -> None:
    assert role_of(f'<div class="{class_}">x</div>') is Role.NOISE


@pytest.mark.parametrize(
    "class_", ["has-ads", "with-sharing", "is-nav-open", "no-comments", "js-share", "shadow"]
)
def test_state_prefixes_and_lookalikes_are_not_noise(class_: str) -> None:
    assert role_of(f'<div class="{class_}">x</div>') is None


def test_a_state_class_does_not_hide_a_role() -> None:
    assert role_of('<div class="has-ads card">x</div>') is Role.CARD


@pytest.mark.parametrize(
    "html",
    [
        "<nav><a href='/'>Home</a></nav>",
        "<footer>f</footer>",
        "<form>f</form>",
        "<div hidden>h</div>",
        '<div role="navigation">n</div>',
        '<div role="Banner">b</div>',
        '<div id="cookie-notice">c</div>',
        '<section id="main-menu" class="card">m</section>',
    ],
)
def test_noise_by_tag_attribute_aria_role_or_id(html: str) -> None:
    assert role_of(html) is Role.NOISE


@pytest.mark.parametrize(
    ("html", "role"),
    [
        ('<body class="has-nav menu-open">b</body>', None),  # never noise
        ('<main class="nav-shell">m</main>', None),
        ('<main role="navigation">m</main>', None),
        ('<div id="story-card">i</div>', None),  # an id never gives a role
        ('<a rel="author" href="/ola">Ola</a>', Role.AUTHOR),
        ('<a rel="author" class="summary" href="/ola">Ola</a>', Role.AUTHOR),
    ],
)
def test_roles_of_other_attributes(html: str, role: Role | None) -> None:
    assert role_of(html) is role


def test_classes_caches_per_tag_and_answers_alike() -> None:
    classes = Classes()
    tag = first('<div class="card">x</div>')
    assert classes.classify(tag) is classes.role(tag) is Role.CARD
    tag["class"] = "ad-slot"  # a decision is made once per tag and parse
    assert classes.classify(tag) is Role.CARD
    assert Classes().classify(tag) is Role.NOISE


@pytest.mark.parametrize(
    "html",
    [
        '<a href="/story">x</a>',
        '<img src="/a.jpg" alt="A">',
        '<span data-x="1" style="color: red">x</span>',
        '<form action="/s"><p>x</p></form>',
        '<iframe src="/ad"></iframe>',
        '<div title="Comments">x</div>',
    ],
)
def test_tags_without_a_deciding_attribute_are_classified_as_the_full_reading_does(
    html: str,
) -> None:
    from pagefeed.extract.html.tree import _classify

    tag = first(html)
    assert Classes().classify(tag) is _classify(tag, {})


TREE = (
    '<div id="root"><p id="a">One <b>two</b></p>'
    '<nav><a href="/">menu</a></nav>'
    '<div class="ad-slot"><p>advert</p></div>'
    '<section id="s"><h2>Head</h2><p id="c">Three</p></section></div>'
    '<p id="outside">after</p>'
)


def ids_and_names(tags: list[Tag]) -> list[str]:
    return [str(tag.get("id") or tag.name) for tag in tags]


def descend_all(seen: list[Tag]) -> Callable[[Tag, Role | None], bool]:
    def visit(tag: Tag, role: Role | None) -> bool:
        seen.append(tag)
        assert role is Classes().classify(tag)
        return True

    return visit


def test_after_skips_the_whole_subtree() -> None:
    doc = soup(TREE)
    b, section, outside = doc.find("b"), doc.find(id="s"), doc.find(id="outside")
    assert isinstance(b, Tag)
    assert isinstance(section, Tag)
    assert isinstance(outside, Tag)
    assert after(b) is doc.find("nav")  # b is the last in its <p>: the <p>'s sibling follows
    assert after(section) is outside  # the last child of root: what follows root
    assert after(outside) is None


def test_walk_visits_in_document_order_skipping_noise_and_undescended_tags() -> None:
    doc = soup(TREE)
    root = doc.find(id="root")
    assert isinstance(root, Tag)
    seen: list[Tag] = []

    def visit(tag: Tag, role: Role | None) -> bool:
        seen.append(tag)
        return tag.name != "section"

    walk(root, visit, Classes())
    assert ids_and_names(seen) == ["a", "b", "s"]  # not nav, the ad, or inside the section


def test_walk_from_a_start_tag_begins_after_it_and_stays_in_root() -> None:
    doc = soup(TREE)
    root, start = doc.find(id="root"), doc.find(id="a")
    assert isinstance(root, Tag)
    assert isinstance(start, Tag)
    seen: list[Tag] = []
    walk(root, descend_all(seen), Classes(), start=start)
    assert ids_and_names(seen) == ["s", "h2", "c"]  # never "outside"


def test_walk_passes_each_tags_role() -> None:
    seen: list[Tag] = []
    root = first('<div><div class="card"><p class="dek">d</p></div></div>')
    classes = Classes()
    walk(root, descend_all(seen), classes)
    assert [classes.role(tag) for tag in seen] == [Role.CARD, Role.SUMMARY]


def test_text_of_spaces_blocks_and_drops_invisible_text() -> None:
    tag = first(
        "<div>One<p>two</p><script>x = 1</script>three<br>four<b>five</b>"
        "<button>Go</button><style>p{}</style>  six\n\tseven</div>"
    )
    assert text_of(tag) == "One two three fourfive six seven"


def test_classes_reads_each_tags_text_once_as_text_of_does() -> None:
    root = first("<div><p>One <b>two</b></p><p>three<script>x()</script></p></div>")
    classes = Classes()
    for tag in [root, *root.find_all(True)]:
        assert classes.text(tag) == text_of(tag)
        assert classes.text(tag) is classes.text(tag)  # the same string: read once


def test_attr_joins_multi_valued_attributes_and_strips() -> None:
    tag = first('<p class="a  b" title="  t  ">x</p>')
    assert attr(tag, "class") == "a b"
    assert attr(tag, "title") == "t"
    assert attr(tag, "missing") == ""


@pytest.mark.parametrize(
    ("html", "url"),
    [
        ('<img src="/a.jpg">', "https://coast.example.org/a.jpg"),
        ('<img src="a.jpg">', "https://coast.example.org/news/a.jpg"),
        (
            '<img data-src="/lazy.jpg" src="data:image/gif;base64,R0lGOD">',
            "https://coast.example.org/lazy.jpg",
        ),
        (
            '<img srcset="/a-320.jpg 320w, /a-960.jpg 960w" src="/a.jpg">',
            "https://coast.example.org/a-960.jpg",
        ),
        (
            '<picture><source srcset="/a-800.webp 800w, /a-1600.webp 1600w">'
            '<img src="/a.jpg"></picture>',
            "https://coast.example.org/a-1600.webp",
        ),
        ("<img>", None),
        ('<img src="">', None),
    ],
)
def test_img_url(html: str, url: str | None) -> None:
    img = soup(html).find("img")
    assert isinstance(img, Tag)
    assert img_url(img, "https://coast.example.org/news/") == url


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<figcaption>Gulls at dawn. <cite>Dara Quill</cite></figcaption>",
            ("Gulls at dawn.", "Dara Quill"),
        ),
        (
            '<figcaption><span class="caption">Gulls.</span> '
            '<span class="credit">Ines Moll/AFP</span></figcaption>',
            ("Gulls.", "Ines Moll/AFP"),
        ),
        ("<figcaption>Gulls at dawn.</figcaption>", ("Gulls at dawn.", None)),
        ("<figcaption><cite>Dara Quill</cite></figcaption>", (None, "Dara Quill")),
        ("<figcaption> </figcaption>", (None, None)),
    ],
)
def test_figcaption_separates_the_marked_credit(
    html: str, expected: tuple[str | None, str | None]
) -> None:
    assert figcaption(first(html), Classes()) == expected


def test_make_image_splits_a_credit_off_the_caption_and_reads_its_date() -> None:
    notes: list[str] = []
    image = make_image(
        "https://e.org/a.jpg",
        "Gulls at dawn, 3 March 2025. (Photo by Dara Quill/Getty Images)",
        None,
        notes=notes,
    )
    assert image is not None
    assert (image.caption, image.credit) == (
        "Gulls at dawn, 3 March 2025.",
        "Photo by Dara Quill/Getty Images",
    )
    assert image.date is not None
    assert image.date.isoformat() == "2025-03-03T00:00:00+00:00"
    assert notes == []


def test_make_image_keeps_a_separate_credit_and_notes_impossible_dates() -> None:
    notes: list[str] = []
    image = make_image(
        None, "FILE PHOTO: Gulls on February 30, 2025", "Dara Quill/Reuters", notes=notes
    )
    assert image == Image(
        caption="FILE PHOTO: Gulls on February 30, 2025",
        credit="Dara Quill/Reuters",
        file_photo=True,
    )
    assert notes == ["impossible date 'February 30, 2025' ignored"]


def test_make_image_of_nothing_is_none() -> None:
    assert make_image(None, None, None, notes=[]) is None
    assert make_image(None, "", "", notes=[]) is None


def test_render_gives_text_and_allowlisted_markup_with_absolute_urls() -> None:
    block = first(
        '<div><p>A <a href="/x?a=1&amp;b=2" onclick="bad()">link</a> <font>&lt;s&gt;</font>'
        '<img src="/i.jpg" alt="a&quot;b"><script>bad()</script><!-- note --></p></div>'
    )
    text, markup = render(block, base="https://e.org/")
    assert text == "A link <s>"
    assert markup == (
        '<p>A <a href="https://e.org/x?a=1&amp;b=2">link</a> &lt;s&gt;'
        '<img src="https://e.org/i.jpg" alt="a&quot;b"></p>'
    )

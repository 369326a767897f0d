"""pagefeed.extract.html.jsonld: the article object of a page's JSON-LD blocks, read defensively."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagefeed.extract.html.jsonld import (
    ARTICLE_TYPES,
    LdArticle,
    _unwrapped,
    _wrapper_start,
    parse_blocks,
)


def blocks(*values: Any) -> list[str]:
    return [json.dumps(value) for value in values]


def article_of(*values: Any) -> LdArticle:
    article, warnings = parse_blocks(blocks(*values))
    assert warnings == ()
    assert article is not None
    return article


def test_a_news_article_gives_every_field() -> None:
    article = article_of(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Tidal power station opens off Lissel",
            "url": "https://coast.example.org/news/tidal-station",
            "datePublished": "2025-04-02T08:00:00+02:00",
            "dateModified": "2025-04-02T10:30:00+02:00",
            "description": "The turbines will power four thousand homes.",
            "image": {
                "@type": "ImageObject",
                "url": "https://coast.example.org/img/turbine.jpg",
                "caption": "A turbine is lowered into the channel.",
                "creditText": "Mira Salo/Harbour Press",
            },
            "author": {"@type": "Person", "name": "Ola Brandt"},
            "publisher": {"@type": "Organization", "name": "Coastal Times"},
        }
    )
    assert article == LdArticle(
        type="NewsArticle",
        headline="Tidal power station opens off Lissel",
        url="https://coast.example.org/news/tidal-station",
        published="2025-04-02T08:00:00+02:00",
        modified="2025-04-02T10:30:00+02:00",
        description="The turbines will power four thousand homes.",
        image_url="https://coast.example.org/img/turbine.jpg",
        image_caption="A turbine is lowered into the channel.",
        image_credit="Mira Salo/Harbour Press",
        authors=("Ola Brandt",),
        publisher="Coastal Times",
    )


def test_a_graph_with_id_references_is_resolved() -> None:
    page = "https://coast.example.org/news/ferry#page"
    article = article_of(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "@id": page, "url": "https://coast.example.org/news/ferry"},
                {
                    "@type": "NewsArticle",
                    "headline": "Night ferry returns",
                    "mainEntityOfPage": {"@id": page},
                    "author": [{"@id": "#writer"}, {"@type": "Person", "name": "Ola Brandt"}],
                    "image": {"@id": "#picture"},
                    "publisher": {"@id": "#org"},
                },
                {"@type": "Person", "@id": "#writer", "name": "Mira Salo"},
                {
                    "@type": "ImageObject",
                    "@id": "#picture",
                    "contentUrl": "https://coast.example.org/img/ferry.jpg",
                    "caption": "The ferry at the quay.",
                    "copyrightHolder": {"@id": "#org"},
                },
                {"@type": "Organization", "@id": "#org", "name": "Coastal Times"},
            ],
        }
    )
    assert article.url == "https://coast.example.org/news/ferry"
    assert article.authors == ("Mira Salo", "Ola Brandt")
    assert article.image_url == "https://coast.example.org/img/ferry.jpg"
    assert article.image_caption == "The ferry at the quay."
    assert article.image_credit == "Coastal Times"  # the copyright holder, by reference
    assert article.publisher == "Coastal Times"


def test_an_unresolvable_reference_gives_no_name() -> None:
    article = article_of({"@type": "Article", "headline": "H", "author": {"@id": "#nobody"}})
    assert article.authors == ()


def test_the_first_article_of_several_blocks_wins() -> None:
    article = article_of(
        {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "name": "News"}]},
        {"@type": "Organization", "name": "Coastal Times"},
        {"@type": ["Thing", "ReportageNewsArticle"], "headline": "First"},
        {"@type": "NewsArticle", "headline": "Second"},
    )
    assert (article.type, article.headline) == ("ReportageNewsArticle", "First")


def test_no_article_at_all_gives_none() -> None:
    assert parse_blocks(blocks({"@type": "WebSite", "name": "Coastal Times"})) == (None, ())
    assert parse_blocks(["", "   ", "<!-- -->"]) == (None, ())


def test_invalid_json_is_a_warning_and_later_blocks_still_count() -> None:
    article, warnings = parse_blocks(
        ['{"@type": "NewsArticle", "headline": ', *blocks({"@type": "Article", "headline": "Ok"})]
    )
    assert article is not None
    assert article.headline == "Ok"
    assert warnings == ("JSON-LD block 1 is not valid JSON; ignored",)


def test_deeply_nested_json_is_a_warning_not_a_crash() -> None:
    article, warnings = parse_blocks(["[" * 100_000 + "]" * 100_000])
    assert article is None
    assert warnings == ("JSON-LD block 1 is not valid JSON; ignored",)


def test_a_block_wrapped_in_an_html_comment_is_read() -> None:
    article, _ = parse_blocks(['<!-- {"@type": "Article", "headline": "Wrapped"} -->'])
    assert article is not None
    assert article.headline == "Wrapped"


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Ferry &amp; bridge &#8211; the plan", "Ferry & bridge – the plan"),
        ("<b>Storm</b> closes   the <i>harbour</i>", "Storm closes the harbour"),
        ("Line one\nline\u0007two", "Line one linetwo"),
    ],
)
def test_headline_is_plain_text_on_one_line(headline: str, expected: str) -> None:
    assert article_of({"@type": "NewsArticle", "headline": headline}).headline == expected


def test_name_stands_in_for_a_missing_headline() -> None:
    assert article_of({"@type": "BlogPosting", "name": "From name"}).headline == "From name"


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("https://ex.org/a.jpg", ("https://ex.org/a.jpg", None, None)),
        (
            {"url": "https://ex.org/a.jpg", "caption": "Gulls", "author": {"name": "Ann Lee"}},
            ("https://ex.org/a.jpg", "Gulls", "Ann Lee"),
        ),
        (["https://ex.org/a.jpg", "https://ex.org/b.jpg"], ("https://ex.org/a.jpg", None, None)),
        (
            [{"contentUrl": "https://ex.org/a.jpg", "creditText": "Ann Lee"}, "https://x.org/b"],
            ("https://ex.org/a.jpg", None, "Ann Lee"),
        ),
        ([], (None, None, None)),
        (42, ("42", None, None)),
    ],
)
def test_image_as_string_object_or_list(
    image: Any, expected: tuple[str | None, str | None, str | None]
) -> None:
    article = article_of({"@type": "NewsArticle", "headline": "H", "image": image})
    assert (article.image_url, article.image_caption, article.image_credit) == expected


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Ann Lee", ("Ann Lee",)),
        ({"@type": "Person", "name": "Ann Lee"}, ("Ann Lee",)),
        (
            ["Ann Lee", {"name": "Bo Nyman"}, "Ann Lee", "", None, {"name": ""}],
            ("Ann Lee", "Bo Nyman"),
        ),
        ({"@type": "Person"}, ()),
        (None, ()),
    ],
)
def test_author_as_string_object_or_list(author: Any, expected: tuple[str, ...]) -> None:
    assert (
        article_of({"@type": "NewsArticle", "headline": "H", "author": author}).authors == expected
    )


@pytest.mark.parametrize("ident", [[], ["#a"], {}, {"x": 1}, 7, None, True])
def test_a_reference_whose_id_is_not_a_string_is_no_crash(ident: Any) -> None:
    ref = {"@id": ident}
    article = article_of(
        {"@type": "NewsArticle", "headline": "H", "author": ref, "image": ref, "publisher": ref,
         "mainEntityOfPage": ref}
    )  # fmt: skip
    assert article.headline == "H"
    assert article.authors == ()


# ---- Hypothesis: any JSON value, shaped like JSON-LD or not, is read without an exception. ----

_KEYS = st.sampled_from(
    [
        "@type", "@id", "@graph", "headline", "name", "url", "image", "author", "publisher",
        "mainEntityOfPage", "caption", "creditText", "copyrightHolder", "contentUrl",
        "datePublished", "dateModified", "description",
    ]
)  # fmt: skip
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(sorted(ARTICLE_TYPES))
    | st.sampled_from(["#a", "#b", "https://ex.org/"])
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(_KEYS | st.text(max_size=5), inner, max_size=5)
        | st.builds(lambda ident: {"@id": ident}, inner)
    ),  # a reference, to anything
    max_leaves=25,
)


_ARTICLE = st.fixed_dictionaries(
    {"@type": st.sampled_from(sorted(ARTICLE_TYPES))},
    optional=dict.fromkeys(
        ("headline", "url", "image", "author", "publisher", "mainEntityOfPage", "datePublished"),
        _JSON,
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_JSON | _ARTICLE | st.builds(lambda node: {"@graph": [node]}, _ARTICLE), max_size=3)
)
def test_any_json_value_is_read_without_raising(values: list[Any]) -> None:
    article, warnings = parse_blocks(blocks(*values))
    assert warnings == ()
    assert article is None or article.type in ARTICLE_TYPES


@pytest.mark.parametrize(
    "wrapped",
    [
        '<![CDATA[{"@type": "NewsArticle", "headline": "Ferry"}]]>',
        '//<![CDATA[\n{"@type": "NewsArticle", "headline": "Ferry"}\n//]]>',
        '/*<![CDATA[*/ {"@type": "NewsArticle", "headline": "Ferry"} /*]]>*/',
        '\n  <![CDATA[\n {"@type": "NewsArticle", "headline": "Ferry"}\n  ]]>\n',
        '<!-- {"@type": "NewsArticle", "headline": "Ferry"} -->',
        '  <!--\n{"@type": "NewsArticle", "headline": "Ferry"}\n-->  \n',
    ],
)
def test_a_block_wrapped_in_cdata_is_read(wrapped: str) -> None:
    article, warnings = parse_blocks([wrapped])
    assert warnings == ()
    assert article is not None
    assert article.headline == "Ferry"


@pytest.mark.parametrize("kind", ["SocialMediaPosting", "LiveBlogPosting", "Report"])
def test_other_posting_and_report_types_are_articles(kind: str) -> None:
    article, _ = parse_blocks([json.dumps({"@type": kind, "headline": "Ferry"})])
    assert article is not None
    assert article.type == kind


def test_a_creative_work_counts_only_when_no_article_is_there() -> None:
    work = {"@type": "WebPage", "headline": "Page", "datePublished": "2025-01-02"}
    story = {"@type": "NewsArticle", "headline": "Story"}
    article, _ = parse_blocks([json.dumps(work), json.dumps(story)])
    assert article is not None
    assert article.headline == "Story"
    article, _ = parse_blocks([json.dumps(work)])
    assert article is not None
    assert (article.type, article.published) == ("WebPage", "2025-01-02")
    bare, _ = parse_blocks([json.dumps({"@type": "WebPage", "name": "Home"})])
    assert bare is None  # no headline, no date: a site's page, not a story


_WRAPPER_END = re.compile(r"(?://|/\*)?\s*(?:\]\]>|-->)\s*(?:\*/)?\s*$")


@given(
    st.text(alphabet='ab{}"/*]>-<!CDAT[ \n\t\u3000', max_size=40),
    st.sampled_from(["", "]]>", "-->", "*/", "]]> */", "//]]>", "/* ]]> */", " -- >"]),
)
@settings(max_examples=400, deadline=None)
def test_the_end_wrapper_is_cut_as_a_search_of_the_whole_block_cuts_it(body: str, end: str) -> None:
    # The end pattern is tried on the block's tail only; that must cut what a search of the
    # whole block cuts.
    text = (body + end).strip()
    if text.startswith(("/", "<")):
        text = _wrapper_start().sub("", text, count=1)
    if text.endswith(("]]>", "-->", "*/")):
        text = _WRAPPER_END.sub("", text, count=1)
    assert _unwrapped(body + end) == text.strip()

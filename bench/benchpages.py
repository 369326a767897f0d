"""Generated pages for the extra benchmark sections (deterministic, fictional, nothing committed).

``gzero_like_html()`` is a full article page in the markup of GZERO's platform (site chrome,
scripts, one main story with a captioned photo, two teaser sections); ``desk_page(i)`` is the
i-th of many small text pages in the shape of a saved GZERO page: title, caption, credit, body,
``More from Example News`` and a few teaser cards whose captions carry their dates.
"""

from __future__ import annotations

import json

TOWNS = ("Port Amaro", "Velgrad", "Lissel", "Ostberg", "Sandvik", "Marlow", "Veyra", "Kessa")
TOPICS = (
    ("ferry fares", "the harbour board"),
    ("grain silos", "the farmers' union"),
    ("tram lines", "the city council"),
    ("fishing quotas", "the coast guard"),
    ("school meals", "the education office"),
    ("bridge tolls", "the roads agency"),
    ("wind farms", "the energy regulator"),
    ("river dredging", "the port authority"),
)
CREDITS = (
    "Jane Roe/Reuters",
    "REUTERS/Piet Halden",
    "Mara Quell/ Pool via REUTERS",
    "Ivo Starr/NurPhoto via Reuters",
    "Rhea Lund / SOPA Images via Reuters Connect",
    "REUTERS",
)
MONTHS = ("January", "February", "March", "April", "May", "June")


def desk_page(index: int, *, teasers: int = 4) -> str:
    """A small text page for feed ``index``: one story and ``teasers`` dated teaser cards."""
    town = TOWNS[index % len(TOWNS)]
    topic, body = TOPICS[index // len(TOWNS) % len(TOPICS)]
    lines = [
        f"Desk {index}: {town} argues over {topic} again",
        "",
        f"Residents gather outside the town hall in {town} on January {index % 27 + 1}, 2026.",
        CREDITS[index % len(CREDITS)],
        "",
        f"For the third winter running, {body} in {town} could not agree on {topic}, and the "
        f"vote on desk {index}'s proposal was put off until spring.",
        "",
        f'"Nobody here wants to pay more," said a shopkeeper near the square. "But nobody wants '
        f'the {topic} question to drag on either."',
        "",
        f"A compromise drafted by two councillors would phase the change in over four years. "
        f"Critics call it a way to avoid deciding anything before the next election in {town}.",
        "",
        "More from Example News",
        "",
    ]
    for card in range(teasers):
        other = TOWNS[(index + card + 1) % len(TOWNS)]
        month = MONTHS[(index + card) % len(MONTHS)]
        day = (index * 3 + card * 7) % 27 + 1
        lines += [
            f"Volunteers repaint the old lighthouse in {other} on {month} {day}, 2025.",
            CREDITS[(index + card + 1) % len(CREDITS)],
            "",
            f"Card {card} of desk {index}: {other}'s volunteers finished the lighthouse a month "
            "early and asked the county to pay for the lamp.",
            "",
        ]
    return "\n".join(lines)


def _paragraph(i: int) -> str:
    town = TOWNS[i % len(TOWNS)]
    return (
        f"<p>In {town}, officials said the new customs rules had cut waiting times at the "
        f"border by a third, though hauliers told a <em>different</em> story about paragraph "
        f'{i}, <a href="/news/border-{i}">as our earlier report</a> found.</p>'
    )


def _card(i: int, section: str) -> str:
    town = TOWNS[i % len(TOWNS)]
    credit = CREDITS[i % len(CREDITS)]
    return (
        '<div class="widget">'
        f'<a class="widget__section" href="/section/{i % 4}">{section}</a>'
        f'<h2 class="widget__headline"><a class="widget__headline-text" '
        f'href="/news/{section[:4].lower()}-card-{i}">Card {i}: what changed in {town}</a></h2>'
        f'<div class="widget__image"><img data-runner-src="https://assets.example.com/c{i}.jpg'
        f'?width=600" alt="A street in {town}"></div>'
        f'<div class="media-caption">Traders open their stalls in {town} on March {i % 27 + 1}, '
        "2025.</div>"
        f'<div class="media-photo-credit">{credit}</div>'
        f'<div class="body-description"><p>Card {i}: the market in {town} reopened after the '
        "flood, and the stall holders want the council to keep the rent freeze.</p></div>"
        f'<span class="social-date__text">April {i % 27 + 1:02d}, 2025</span>'
        '<a class="social-author__name" href="/u/desk">Example Desk</a></div>'
    )


def gzero_like_html() -> str:
    """A realistic GZERO-style article page of about 150 KB (most of it chrome and scripts)."""
    state = {"ads": [{"slot": i, "sizes": [[300, 250], [728, 90]]} for i in range(400)]}
    menu = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(300))
    body = "".join(_paragraph(i) for i in range(14))
    more = "".join(_card(i, "More from Example News") for i in range(8))
    popular = "".join(_card(i + 8, "Most Popular") for i in range(5))
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Border towns count the cost of the new customs rules",
        "datePublished": "2025-03-31T09:00:00Z",
        "image": "https://assets.example.com/border.jpg",
        "author": {"@type": "Organization", "name": "Example News"},
    }
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Border towns count the cost of the new customs rules - Example News</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="og:type" content="article">'
        '<link rel="canonical" href="https://www.example.com/news/border-towns">'
        f'<script type="application/ld+json">{json.dumps(article)}</script>'
        f"<script>window.__ADS__ = {json.dumps(state)};</script>"
        f"<style>{'.w{margin:0 auto;padding:4px}' * 1500}</style></head><body>"
        '<div class="cookie-banner"><p>We use cookies to improve your experience.</p>'
        '<a href="/privacy">Privacy policy</a></div>'
        f'<header class="topbar"><nav><ul>{menu}</ul></nav></header>'
        '<div id="col-center"><article class="page-article widget">'
        '<h1 class="widget__headline"><span class="widget__headline-text">Border towns count '
        "the cost of the new customs rules</span></h1>"
        '<div class="social-author"><a class="social-author__name" href="/u/staff">Example '
        'Staff</a></div><span class="social-date"><span class="social-date__text">March 31, '
        "2025</span></span>"
        '<div class="widget__image"><img data-runner-src="https://assets.example.com/border.jpg'
        '?width=1245" alt="Lorries queue at a border post">'
        '<div class="media-caption">Lorries queue at the Kessa border post on March 28, '
        '2025.</div><div class="media-photo-credit">Jane Roe/Reuters</div></div>'
        f'<div class="body-description">{body}'
        '<div class="share-bar"><a href="https://social.example/share?u=x">Share</a></div>'
        "</div></article>"
        f'<h2 class="section-title">More from Example News</h2>{more}'
        f'<h2 class="section-title">Most Popular</h2>{popular}</div>'
        "<footer><p>© 2025 Example News. All rights reserved.</p>"
        '<a href="/about">About</a></footer>'
        f"<script>{'(function(){var a=1;})();' * 2000}</script></body></html>"
    )

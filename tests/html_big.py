"""Generated HTML pages for the parser tests and timings (deterministic, nothing committed).

``big_page()`` is shaped like a real 2 MB article page: most bytes are an inline JSON state
blob, CSS and an SVG sprite; then a mega-menu, a long article and two teaser grids.
``stress_page()`` is an unrealistic worst case: 2 MB of paragraphs and thousands of cards.
"""

from __future__ import annotations

import json

LARGE_SECTIONS = ("More from the Harbour Gazette", 60), ("Most Popular", 10)
LARGE_PARAGRAPHS = 300


def _paragraph(i: int) -> str:
    return (
        f"<p>Entry {i}: the board met on a <em>wet</em> morning and agreed item {i} after a "
        f'<a href="/minutes/{i}">short debate</a> about mooring fees and tide tables.</p>'
    )


def _card(j: int) -> str:
    return (
        f'<div class="card"><a href="/stories/{j}"><img data-src="/t/{j}.jpg" alt=""></a>'
        f'<h3><a href="/stories/{j}">Story number {j} about the quay</a></h3>'
        f'<p class="summary">A short summary of story {j}, written for the grid.</p>'
        f'<time datetime="2025-01-{j % 28 + 1:02d}">Jan</time></div>'
    )


def _figure(i: int) -> str:
    return (
        f'<figure><img src="/img/{i}.jpg" srcset="/img/{i}-s.jpg 300w, /img/{i}-l.jpg 900w" '
        f'alt=""><figcaption><span class="caption">Board meeting number {i}.</span> '
        '<span class="credit">Archive/Harbour Board</span></figcaption></figure>'
    )


def big_page() -> str:
    """A realistic page of about 2.2 MB (see the module docstring)."""
    state = {"article": [{"id": i, "text": "tide " * 40} for i in range(6600)]}
    sprite = "".join(
        f'<symbol id="i{i}" viewBox="0 0 24 24"><path d="{"M1 2L3 4 " * 40}"/></symbol>'
        for i in range(800)
    )
    menu = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(1200))
    body = "".join(_paragraph(i) + (_figure(i) if i % 25 == 0 else "") for i in range(300))
    sections = "".join(
        f'<h2>{title}</h2><div class="grid">{"".join(_card(j) for j in range(count))}</div>'
        for title, count in LARGE_SECTIONS
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Harbour board minutes</title>'
        '<meta property="og:type" content="article">'
        f'<script id="state" type="application/json">{json.dumps(state)}</script>'
        f"<style>{'.c{color:red}' * 12000}</style></head><body>"
        '<div class="cookie-banner"><p>We use cookies.</p><button>OK</button></div>'
        f'<svg style="display:none">{sprite}</svg>'
        f'<header><nav class="mega-menu"><ul>{menu}</ul></nav></header>'
        f"<main><article><h1>Minutes of the harbour board, 1950 to 2025</h1>{body}</article>"
        f"{sections}</main>"
        f"<footer>{'<a href=/x>Footer link</a>' * 300}</footer></body></html>"
    )


def stress_page(target: int = 2_200_000) -> str:
    """A worst case of about 2.2 MB: a huge article body, then thousands of cards."""
    parts = ["<html><body><article><h1>Harbour board minutes, complete</h1>"]
    size, i = 0, 0
    while size < target * 0.6:
        parts.append(_paragraph(i) + (_figure(i) if i % 50 == 0 else ""))
        size, i = size + len(parts[-1]), i + 1
    parts.append("</article><h2>More from the Harbour Gazette</h2><div>")
    j = 0
    while size < target:
        parts.append(_card(j))
        size, j = size + len(parts[-1]), j + 1
    return "".join([*parts, "</div></body></html>"])

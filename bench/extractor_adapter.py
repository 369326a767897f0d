"""An accuracy baseline behind pagefeed's own command line: ``TOOL parse SOURCE --json``.

    python bench/extractor_adapter.py trafilatura parse page.html --format html --url URL --json
    python bench/extractor_adapter.py newspaper4k parse page.html --url URL --json

Runs in the extractors' own venv (``bench/extractors_env.sh``, made by ``make accuracy`` only)
and prints the page in pagefeed's ``parse --json`` shape: the main story's title, summary, body
paragraphs, date and image; no teasers (neither tool finds them). Offline: the page is read from
the file, nothing is fetched. Standard library here; each tool is imported only when used.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def _trafilatura(html: str, url: str | None) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return {}
    data = doc if isinstance(doc, dict) else doc.as_dict()
    text = data.get("text") or ""
    return {
        "title": data.get("title"),
        "summary": data.get("description") or "",
        "body": [line for line in text.split("\n") if line.strip()],
        "date": data.get("date"),
        "image": {"url": data.get("image")} if data.get("image") else None,
        "link": data.get("url") or url,
        "author": data.get("author"),
    }


def _newspaper4k(html: str, url: str | None) -> dict[str, Any]:
    import warnings

    import tldextract

    # Offline: the public suffix list snapshot that ships with tldextract, never a download.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    warnings.simplefilter("ignore")  # "nltk is not installed": its NLP features are not used
    import newspaper

    article = newspaper.Article(url or "https://example.org/")
    article.download(input_html=html)
    article.parse()
    published = article.publish_date.isoformat() if article.publish_date else None
    return {
        "title": article.title,
        "summary": article.meta_description or "",
        "body": [line for line in article.text.split("\n") if line.strip()],
        "date": published,
        "image": {"url": image} if (image := article.meta_img or article.top_image) else None,
        "link": article.canonical_link or url,
        "author": ", ".join(article.authors) or None,
    }


TOOLS = {"trafilatura": _trafilatura, "newspaper4k": _newspaper4k}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tool", choices=sorted(TOOLS))
    ap.add_argument("command", choices=["parse"])
    ap.add_argument("source")
    ap.add_argument("--url")
    ap.add_argument("--format", default="html")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    html = Path(args.source).read_text(encoding="utf-8", errors="replace")
    try:
        main_story = TOOLS[args.tool](html, args.url)
    except Exception as error:  # the tool's own failure: a refusal, not a crash of ours
        print(f"{args.tool}: error: {type(error).__name__}: {error}"[:300], file=sys.stderr)
        return 5
    if not main_story.get("body") and not main_story.get("title"):
        print(f"{args.tool}: error: no article found", file=sys.stderr)
        return 5
    print(json.dumps({"main": main_story, "teasers": [], "warnings": []}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

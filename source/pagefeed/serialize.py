"""The documented JSON form of the model (``pagefeed parse --json``, the archive's entry blobs).

Schema: ``{"main": story|null, "teasers": [story...], "warnings": [...]}``; a story is
``{"title", "title_source", "summary", "body", "section", "date", "date_source", "image", "link",
"id"}`` plus the optional ``label``, ``author`` and ``stated_date``; an image is
``{"url", "caption", "credit", "date"}`` plus ``file_photo``.
Dates are ISO 8601 in UTC with a ``Z``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pagefeed.model import DateSource, Image, Page, Story, TitleSource


def iso(value: datetime | None) -> str | None:
    """``2024-06-19T00:00:00Z`` for an aware datetime, None for None."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def from_iso(value: str | None) -> datetime | None:
    """Inverse of :func:`iso`."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def image_to_dict(image: Image) -> dict[str, Any]:
    """An image as a JSON-ready dict."""
    return {
        "url": image.url,
        "caption": image.caption,
        "credit": image.credit,
        "date": iso(image.date),
        "file_photo": image.file_photo,
    }


def story_to_dict(story: Story) -> dict[str, Any]:
    """A story as a JSON-ready dict (keys in the documented order)."""
    return {
        "title": story.title,
        "title_source": story.title_source.value,
        "summary": story.summary,
        "body": list(story.body),
        "section": story.section,
        "date": iso(story.date),
        "date_source": story.date_source.value if story.date_source else None,
        "image": image_to_dict(story.image) if story.image else None,
        "link": story.link,
        "id": story.id,
        "label": story.label,
        "author": story.author,
        "stated_date": iso(story.stated_date),
        "body_html": story.body_html,
    }


def story_from_dict(data: dict[str, Any]) -> Story:
    """Inverse of :func:`story_to_dict`."""
    image = data.get("image")
    source = data.get("date_source")
    return Story(
        title=data["title"],
        title_source=TitleSource(data.get("title_source", "page")),
        summary=data.get("summary", ""),
        body=tuple(data.get("body", ())),
        body_html=data.get("body_html"),
        section=data.get("section"),
        label=data.get("label"),
        author=data.get("author"),
        link=data.get("link"),
        image=Image(
            url=image.get("url"),
            caption=image.get("caption"),
            credit=image.get("credit"),
            date=from_iso(image.get("date")),
            file_photo=bool(image.get("file_photo", False)),
        )
        if image
        else None,
        stated_date=from_iso(data.get("stated_date")),
        date=from_iso(data.get("date")),
        date_source=DateSource(source) if source else None,
        id=data.get("id", ""),
    )


def page_to_dict(page: Page) -> dict[str, Any]:
    """A page as a JSON-ready dict."""
    return {
        "main": story_to_dict(page.main) if page.main else None,
        "teasers": [story_to_dict(story) for story in page.teasers],
        "warnings": list(page.warnings),
    }


def page_to_json(page: Page) -> str:
    """A page as indented, key-stable JSON text ending in a newline."""
    return json.dumps(page_to_dict(page), ensure_ascii=False, indent=2) + "\n"

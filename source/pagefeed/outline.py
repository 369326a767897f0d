"""A readable outline of a parsed page, for ``pagefeed parse`` without ``--json``."""

from __future__ import annotations

from pagefeed.model import Page, Story
from pagefeed.serialize import iso


def page_outline(page: Page) -> str:
    """One block per story (main first), then the parser's warnings."""
    lines: list[str] = []
    if page.main is not None:
        lines += _story_lines("main", page.main)
    else:
        lines.append("main: (none: a listing page)")
    for number, story in enumerate(page.teasers, 1):
        lines += _story_lines(f"teaser {number}", story)
    lines += [f"warning: {warning}" for warning in page.warnings]
    return "\n".join(lines) + "\n"


def _story_lines(label: str, story: Story) -> list[str]:
    derived = " (derived)" if story.title_source == "derived" else ""
    lines = [f"{label}: {story.title}{derived}"]
    if story.section:
        lines.append(f"  section: {story.section}")
    if story.date is not None:
        source = story.date_source.value if story.date_source else "?"
        lines.append(f"  date: {iso(story.date)} (from {source})")
    if story.image is not None:
        for name, value in (
            ("image", story.image.url),
            ("caption", story.image.caption),
            ("credit", story.image.credit),
        ):
            if value:
                lines.append(f"  {name}: {value}")
    if story.link:
        lines.append(f"  link: {story.link}")
    lines.append(f"  id: {story.id}")
    return lines

"""Site hints as data: class names that give a page element its role.

The generic HTML logic (``pagefeed.html``) works without these; a profile only sharpens it for a
publishing platform whose class names are known. Adding a site is adding a ``Profile`` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    """What an element is to the extractor."""

    CARD = "card"  # the root element of one teaser card
    HEADLINE = "headline"  # the headline (usually a link) of a card
    SUMMARY = "summary"
    DATE = "date"  # a human-readable date
    AUTHOR = "author"
    LABEL = "label"  # a series or section label above a card ("Hard Numbers")
    CAPTION = "caption"
    CREDIT = "credit"
    MAIN = "main"  # the container of the page's main story


@dataclass(frozen=True, slots=True)
class Profile:
    """The class names one publishing platform uses, by role."""

    name: str
    classes: tuple[tuple[str, Role], ...]


GZERO = Profile(
    name="gzero",  # GZERO Media's publishing platform (also used by other sites)
    classes=(
        ("widget", Role.CARD),
        ("widget__headline-text", Role.HEADLINE),
        ("body-description", Role.SUMMARY),
        ("social-date__text", Role.DATE),
        ("social-author__name", Role.AUTHOR),
        ("widget__section", Role.LABEL),
        ("media-caption", Role.CAPTION),
        ("media-photo-credit", Role.CREDIT),
        ("photo-credit", Role.CREDIT),
        ("page-article", Role.MAIN),
    ),
)

PROFILES: tuple[Profile, ...] = (GZERO,)


def _class_roles(profiles: tuple[Profile, ...]) -> MappingProxyType[str, Role]:
    roles: dict[str, Role] = {}
    for profile in profiles:
        for name, role in profile.classes:
            roles.setdefault(name, role)
    return MappingProxyType(roles)


# Read-only: exact class name -> role, over every profile (the first profile naming a class wins).
CLASS_ROLES = _class_roles(PROFILES)

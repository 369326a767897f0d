"""Every field of every node of a bs4 tree, for the tests that compare two trees (no I/O)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.element import AttributeDict, PageElement

# Fields of the soup object that only the building leaves behind (the builder that built it,
# and a counter of open tags bs4 keeps while parsing: ``soup_target`` leaves it empty).
_BUILD_STATE = {"builder", "open_tag_counter"}


def tree_fields(soup: BeautifulSoup) -> list[list[tuple[object, ...]]]:
    """Every node of the tree, the soup first, as its class and its fields in order: links as
    document positions, attributes as (class, value, fields) pairs, other values as they are."""
    nodes: list[PageElement] = [soup, *soup.descendants]
    position = {id(node): index for index, node in enumerate(nodes)}

    def value(item: object) -> object:
        if isinstance(item, PageElement):
            return ("node", position.get(id(item), "not in the tree"))
        if isinstance(item, list) and all(isinstance(x, PageElement) for x in item):
            return ("nodes", type(item), [value(x) for x in item])
        if isinstance(item, dict) and not isinstance(item, AttributeDict):
            return (type(item), [(value(k), value(v)) for k, v in item.items()])
        if isinstance(item, AttributeDict):
            return (type(item), [(_string(k), _string(v)) for k, v in item.items()])
        return (type(item), item)

    rows = []
    for node in nodes:
        fields = vars(node)
        names = [name for name in fields if node is not soup or name not in _BUILD_STATE]
        row: list[tuple[object, ...]] = [(type(node), str(node) if isinstance(node, str) else "")]
        row += [(name, value(fields[name])) for name in names]
        rows.append(row)
    return rows


def _string(item: object) -> tuple[object, ...]:
    """A string with its class and, for bs4's string classes, their fields."""
    return (type(item), item, sorted(getattr(item, "__dict__", {}).items()))

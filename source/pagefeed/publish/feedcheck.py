"""Offline conformance checker: the W3C Feed Validation Service problems our feeds could trip.

``check_feed(data, fmt="rss"|"atom", feed_url=...)`` parses the bytes with lxml and returns one
line per problem, each starting with the validator's message name (empty list = clean). The
tests hold every feed to it, ``pagefeed validate`` runs it on files, and the publish gate runs
it on a feed's new bytes before they replace the live files. ``check_json_feed`` checks a JSON
Feed 1.1 document's structure. It covers what pagefeed's output could get wrong, with the
validator's own rules:

- XML: well-formedness; BadCharacters (U+0080-U+009F, U+FFFD) in any text or attribute.
- Structure: MissingElement (RSS channel title/link/description; Atom feed/entry title, id,
  updated, author), ItemMustContainTitleOrDescription, MissingGuid, DuplicateElement (single
  elements), UndefinedElement (unknown RSS/Atom core elements), NeedDescriptionBeforeContent,
  NotBlank titles.
- Self link: MissingSelf / MissingAtomSelfLink, RelativeSelf, SelfNotAtom (type),
  SelfDoesntMatchLocation (must equal ``feed_url``, where the feed is served).
- Links: UnregisteredAtomLinkRel, DuplicateAtomLink (feed and entry alternates),
  MissingContentOrAlternate, MissingHref; every URI checked as a full RFC 2396 URI
  (InvalidURIChar names the first bad character, InvalidFullLink otherwise).
- Ids: Atom ids full and canonical (NonCanonicalURI), InvalidUUID, DuplicateEntries; RSS guid
  isPermaLink values, InvalidPermalink (tag:/urn:uuid: as a permalink), duplicates.
- Dates: InvalidRFC2822Date / IncorrectDOW (RSS), InvalidRFC3339Date (Atom), ImplausibleDate
  (before 1990, or after ``now`` + 10 minutes when ``now`` is given), DuplicateUpdated (two
  Atom entries with one ``updated``).
- Plain text and HTML content (see ``feedcheck_text``): ContainsHTML / ContainsUndeclaredHTML,
  CharacterData, NotHtml, SecurityRisk, SecurityRiskAttr, DangerousStyleAttr, ContainsRelRef.
- RSS: InvalidContact (``<author>`` not an e-mail), DuplicateItemSemantics (author and
  dc:creator), enclosure MissingAttribute (url, length, type).
- Media RSS: MediaGroupWithoutAlternatives, InvalidCreditRole (lower case, in the EBU role
  list for scheme urn:ebu), InvalidMediaTextType, InvalidMediaMedium, DuplicateElement for
  media:title/description.

Not covered (they depend on the HTTP response, not the bytes): NonSpecificMediaType and other
Content-Type checks, and informational notes (MissingDCLanguage, NonstdPrefix).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import quote, unquote, urlsplit

from lxml import etree

from pagefeed.patterns import on_first_use
from pagefeed.publish.feedcheck_text import Report, check_html, check_plain

ATOM = "http://www.w3.org/2005/Atom"
MEDIA = "http://search.yahoo.com/mrss/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"

_A = f"{{{ATOM}}}"
_M = f"{{{MEDIA}}}"

_RSS_CHANNEL = {
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
    "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image",
    "rating", "textInput", "skipHours", "skipDays", "item",
}  # fmt: skip
_RSS_ITEM = {
    "title", "link", "description", "author", "category", "comments", "enclosure", "guid",
    "pubDate", "source",
}  # fmt: skip
_ATOM_FEED = {
    "author", "category", "contributor", "generator", "icon", "id", "link", "logo", "rights",
    "subtitle", "title", "updated", "entry",
}  # fmt: skip
_ATOM_ENTRY = {
    "author", "category", "content", "contributor", "id", "link", "published", "rights",
    "source", "summary", "title", "updated",
}  # fmt: skip
_LINK_RELS = {
    "alternate", "current", "describedby", "edit", "edit-media", "enclosure", "first", "hub",
    "last", "license", "next", "next-archive", "payment", "prev-archive", "previous",
    "related", "replies", "search", "self", "service", "up", "via",
}  # fmt: skip
# Media RSS credit roles of the EBU scheme (urn:ebu) that a news feed would use.
_EBU_ROLES = {
    "actor", "anchor person", "artist", "author", "camera operator", "commentator",
    "composer", "correspondent", "director", "director of photography", "editor",
    "graphic designer", "illustrator", "interviewer", "journalist", "news reader",
    "participant", "performer", "photographer", "producer", "reporter", "translation",
    "visual editor", "witness",
}  # fmt: skip
_MEDIUMS = {"image", "audio", "video", "document", "executable"}

_FULL_URI = re.compile(r"[a-zA-Z][0-9a-zA-Z+\-.]*:(//)?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]+$")
_URI_CHAR = on_first_use(r"[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]")  # a bad URI needs it
_UUID = re.compile(r"urn:uuid:[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$", re.I)
_RFC2822 = re.compile(
    r"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(?P<day>\d\d?) "
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?P<year>\d{4}) "
    r"(?P<hour>\d\d):(?P<minute>\d\d)(:(?P<second>\d\d))? "
    r"(?P<zone>[+-]?\d\d[03]0|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$"
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# RFC 822's zone names, in hours east of UTC (as the e-mail date parser reads them).
_ZONE_HOURS = {"UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
               "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}  # fmt: skip
_RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*)?(Z|[+-]\d\d:\d\d)$")
_BAD_CHARS = re.compile("[\x80-\x9f\ufffd]")
_EMAIL = on_first_use(r"[\w.'+-]+@([\w-]+\.)+[A-Za-z0-9][\w-]*( \(.+\))?$")  # an RSS <author>


def check_feed(
    data: bytes, *, fmt: str, feed_url: str | None, now: datetime | None = None
) -> list[str]:
    """Every validator error or warning ``data`` would draw when served at ``feed_url``.

    ``feed_url`` None: where the feed is served is unknown, so its self link is taken as right.
    ``now`` None: no check of dates in the future.
    """
    problems: list[str] = []
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        return [f"NotWellFormed: {exc}"]
    report = problems.append
    if _may_hold_bad_chars(data, root):
        for element in root.iter():
            if isinstance(element.tag, str):
                _check_chars(element, report)
    if fmt == "rss":
        _check_rss(root, feed_url, now, report)
    elif fmt == "atom":
        _check_atom(root, feed_url, now, report)
    else:
        raise ValueError(f"unknown feed format {fmt!r}")
    return problems


def feed_format(data: bytes) -> str | None:
    """ "rss", "atom" or "json" by what the bytes hold (None: none of them)."""
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        return "json"
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return None
    if root.tag == "rss":
        return "rss"
    if root.tag == f"{_A}feed":
        return "atom"
    return None


_JSON_VERSION = "https://jsonfeed.org/version/1.1"
_JSON_TOP = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
    "icon", "favicon", "authors", "language", "expired", "hubs", "items",
}  # fmt: skip
_JSON_ITEM = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
    "banner_image", "date_published", "date_modified", "authors", "tags", "language",
    "attachments",
}  # fmt: skip
_JSON_URLS = ("home_page_url", "feed_url", "url", "external_url", "image", "banner_image")
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def check_json_feed(data: bytes, *, feed_url: str | None = None) -> list[str]:
    """What JSON Feed 1.1 (the spec's required keys, types, URLs and dates) ``data`` breaks."""
    import json

    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError) as exc:
        return [f"NotJson: {exc}"]
    if not isinstance(document, dict):
        return ["NotJsonFeed: not a JSON object"]
    problems: list[str] = []
    if document.get("version") != _JSON_VERSION:
        problems.append(f"InvalidVersion: {document.get('version')!r}")
    if not isinstance(document.get("title"), str) or not document["title"]:
        problems.append("MissingTitle")
    if feed_url is not None and document.get("feed_url") not in (None, feed_url):
        problems.append(f"FeedUrlDoesntMatchLocation: {document.get('feed_url')!r}")
    problems += _json_keys(document, _JSON_TOP, "feed")
    items = document.get("items")
    if not isinstance(items, list):
        return [*problems, "MissingItems"]
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"items[{index}]"
        if not isinstance(item, dict):
            problems.append(f"NotAnObject: {where}")
            continue
        problems += _json_keys(item, _JSON_ITEM, where)
        item_id = item.get("id")
        if not isinstance(item_id, str) or not item_id:
            problems.append(f"MissingId: {where}")
        elif item_id in seen:
            problems.append(f"DuplicateId: {where} {item_id!r}")
        else:
            seen.add(item_id)
        if not (item.get("content_html") or item.get("content_text")):
            problems.append(f"MissingContent: {where}")
        for key in ("date_published", "date_modified"):
            if key in item and not (isinstance(item[key], str) and _RFC3339.fullmatch(item[key])):
                problems.append(f"InvalidDate: {where}.{key} {item[key]!r}")
    return problems


def _json_keys(document: dict[str, object], known: set[str], where: str) -> list[str]:
    problems = [
        f"UnknownKey: {where}.{key}"
        for key in document
        if key not in known and not key.startswith("_")
    ]
    for key in _JSON_URLS:
        value = document.get(key)
        if key in document and not (
            isinstance(value, str) and value.startswith(("http://", "https://"))
        ):
            problems.append(f"InvalidUrl: {where}.{key} {value!r}")
    return problems


# --- shared checks -----------------------------------------------------------------------


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _child(parent: etree._Element, tag: str) -> etree._Element | None:
    """``parent``'s first child element named ``tag`` (``parent.find(tag)`` without lxml's
    ElementPath, whose module a build then need not import)."""
    for child in parent:
        if child.tag == tag:
            return child
    return None


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """``parent``'s child elements named ``tag``, in order (``parent.findall(tag)``)."""
    return [child for child in parent if child.tag == tag]


def _text(element: etree._Element | None) -> str:
    return "" if element is None else (element.text or "")


def _may_hold_bad_chars(data: bytes, root: etree._Element) -> bool:
    """False when no text or attribute of a UTF-8 document can hold a BadCharacters character:
    none in its text and no character reference (``&#...;``) that could make one."""
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    if encoding.upper().replace("-", "") != "UTF8":
        return True
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return "&#" in text or _BAD_CHARS.search(text) is not None


def _split_tag(tag: str) -> tuple[str | None, str]:
    """``{namespace}local`` as (namespace, local name), as ``etree.QName`` reads it."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return None, tag


def _check_chars(element: etree._Element, report: Report) -> None:
    values = [element.text or "", *element.attrib.values()]
    if any(_BAD_CHARS.search(value) for value in values):
        report(f"BadCharacters: in <{_local(element)}>")


def _check_uri(value: str, where: str, report: Report) -> bool:
    if _FULL_URI.match(value):
        if value.split(":", 1)[0].lower() in ("http", "https") and not re.match(
            r"^\w+://[^/].*", value
        ):
            report(f"InvalidFullLink: {where} {value!r}")
            return False
        if value.lower().startswith("urn:uuid:") and not _UUID.match(value):
            report(f"InvalidUUID: {where} {value!r}")
            return False
        return True
    for char in value:
        if ord(char) < 128 and not _URI_CHAR().match(char):
            report(f"InvalidURIChar: {where} {value!r} has {char!r}")
            return False
    report(f"InvalidFullLink: {where} {value!r}")
    return False


def canonical_uri(value: str) -> str | None:
    """The validator's canonical form of a URI (for NonCanonicalURI), None if unparseable."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()

    def norm(segment: str, safe: str) -> str:
        return quote(unquote(segment), safe=safe + "%")

    if not parts.netloc and "//" not in value[:10]:
        return scheme + ":" + norm(parts.path, "-._~!$&'()*+,;=:@/")
    host = (parts.hostname or "").lower()
    if not host.isascii():  # an IDN host is fetched (and served) by its ASCII form
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if port is not None and port != {"http": 80, "https": 443}.get(scheme):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    segments: list[str] = []
    for segment in (parts.path or "/").split("/")[1:]:
        if segment == "..":
            segments = segments[:-1]
        elif segment != ".":
            segments.append(norm(segment, "-._~!$&'()*+,;=:@"))
    path = "/" + "/".join(segments)
    out = f"{scheme}://{host}{path}"
    if parts.query or value.endswith("?"):
        out += "?" + norm(parts.query, "-._~!$&'()*+,;=:@/?")
    if parts.fragment or value.endswith("#"):
        out += "#" + norm(parts.fragment, "-._~!$&'()*+,;=:@/?")
    return out


def _check_date(
    value: str, where: str, now: datetime | None, report: Report, *, rss: bool
) -> datetime | None:
    if rss:
        shape = _RFC2822.match(value)
        if not shape:
            report(f"InvalidRFC2822Date: {where} {value!r}")
            return None
        try:
            when = rfc822_datetime(shape)
        except ValueError:
            report(f"InvalidRFC2822Date: {where} {value!r}")
            return None
        if "," in value and when.strftime("%a") != value[:3]:
            report(f"IncorrectDOW: {where} {value!r}")
    else:
        if not _RFC3339.match(value):
            report(f"InvalidRFC3339Date: {where} {value!r}")
            return None
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            report(f"InvalidRFC3339Date: {where} {value!r}")
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if when.year < 1990 or (now is not None and when > now + timedelta(minutes=10)):
        report(f"ImplausibleDate: {where} {value!r}")
    return when


def rfc822_datetime(shape: re.Match[str]) -> datetime:
    """The moment an RFC 822 date matched by ``_RFC2822`` names, read as ``email.utils`` reads it
    (without importing ``email``, some 10 ms of every build's start): a named zone or a signed
    or unsigned HHMM offset; ``-0000`` (zone unknown) gives a naive datetime. ValueError for a
    day or time that does not exist (31 Feb, 25:00)."""
    zone = shape["zone"]
    tzinfo: timezone | None
    if zone in _ZONE_HOURS:
        tzinfo = timezone(timedelta(hours=_ZONE_HOURS[zone]))
    elif zone == "-0000":
        tzinfo = None
    else:
        sign = -1 if zone.startswith("-") else 1
        digits = zone.lstrip("+-")
        tzinfo = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return datetime(
        int(shape["year"]), _MONTHS.index(shape["month"]) + 1, int(shape["day"]),
        int(shape["hour"]), int(shape["minute"]), int(shape["second"] or 0), tzinfo=tzinfo,
    )  # fmt: skip


def _check_self(
    links: list[etree._Element], feed_url: str | None, kind: str, report: Report
) -> None:
    selves = [link for link in links if link.get("rel") == "self"]
    if not selves:
        report("MissingAtomSelfLink: no atom:link rel=self" if kind == "rss" else "MissingSelf")
        return
    for link in selves:
        href = link.get("href", "")
        if not urlsplit(href).netloc:
            report(f"RelativeSelf: {href!r}")
        if feed_url is None:
            pass  # served where it says it is
        elif href != feed_url and canonical_uri(href) != canonical_uri(feed_url):
            report(f"SelfDoesntMatchLocation: self {href!r} but served at {feed_url!r}")
        kind_type = link.get("type")
        allowed = ("application/atom+xml", "application/rss+xml", "application/rdf+xml")
        if kind_type is not None and kind_type.split(";")[0] not in allowed:
            report(f"SelfNotAtom: type {kind_type!r}")


def _check_atom_links(links: list[etree._Element], where: str, report: Report) -> None:
    seen: set[tuple[str, str, str]] = set()
    for link in links:
        rel = link.get("rel", "alternate")
        if "href" not in link.attrib:
            report(f"MissingHref: {where} link")
        else:
            _check_uri(link.get("href", ""), f"{where} link href", report)
        if rel not in _LINK_RELS and not _FULL_URI.match(rel):
            report(f"UnregisteredAtomLinkRel: {where} rel={rel!r}")
        key = (rel, link.get("type", ""), link.get("hreflang", ""))
        if key in seen and (where == "feed" or rel == "alternate"):
            report(f"DuplicateAtomLink: {where} rel={rel!r} type={key[1]!r}")
        seen.add(key)


def _check_children(
    parent: etree._Element,
    where: str,
    report: Report,
    *,
    single: set[str],
    known: set[str] | None = None,
    namespace: str | None = None,
) -> None:
    """DuplicateElement for ``single`` names; UndefinedElement for unknown core elements."""
    counts: dict[str, int] = {}
    for child in parent:
        tag = child.tag
        if isinstance(tag, str):
            counts[tag] = counts.get(tag, 0) + 1
            if known is not None:
                space, local = _split_tag(tag)
                if space == namespace and local not in known:
                    report(f"UndefinedElement: {where} <{local}>")
    for tag, count in counts.items():
        local = _split_tag(tag)[1]
        if count > 1 and local in single:
            report(f"DuplicateElement: {where} has {count} <{local}>")


def _check_date_of(
    parent: etree._Element, tag: str, where: str, now: datetime | None, report: Report
) -> datetime | None:
    """Check the date in ``parent``'s child ``tag`` (RSS when untagged), if there is one."""
    element = _child(parent, tag)
    if element is None:
        return None
    rss = not tag.startswith("{")
    return _check_date(_text(element), f"{where} {_local(element)}", now, report, rss=rss)


def _check_media(parent: etree._Element, where: str, report: Report) -> None:
    _check_children(parent, where, report, single={"description", "title"})
    for group in parent.iter(f"{_M}group"):
        if len(_children(group, f"{_M}content")) < 2:
            report(f"MediaGroupWithoutAlternatives: {where}")
    for element in parent.iter(f"{_M}content"):
        medium = element.get("medium")
        if medium is not None and medium not in _MEDIUMS:
            report(f"InvalidMediaMedium: {where} medium={medium!r}")
        if element.get("url") is not None:
            _check_uri(element.get("url", ""), f"{where} media:content url", report)
    for element in parent.iter(f"{_M}credit"):
        role = element.get("role")
        scheme = element.get("scheme") or "urn:ebu"
        if role is not None and (
            role != role.lower() or (scheme == "urn:ebu" and role not in _EBU_ROLES)
        ):
            report(f"InvalidCreditRole: {where} role={role!r}")
        if scheme != "urn:ebu":
            _check_uri(scheme, f"{where} media:credit scheme", report)
    for name in ("description", "title"):
        for element in parent.iter(f"{_M}{name}"):
            kind = element.get("type")
            if kind is not None and kind not in ("plain", "html"):
                report(f"InvalidMediaTextType: {where} media:{name} type={kind!r}")
            if kind == "html":
                check_html(_text(element), f"{where} media:{name}", report)
            else:
                check_plain(_text(element), f"{where} media:{name}", report, rss=False)


# --- RSS 2.0 -------------------------------------------------------------------------------


def _check_rss(
    root: etree._Element, feed_url: str | None, now: datetime | None, report: Report
) -> None:
    if root.tag != "rss" or root.get("version") != "2.0":
        report(f"UndefinedElement: root <{root.tag}> is not <rss version='2.0'>")
        return
    channel = _child(root, "channel")
    if channel is None:
        report("MissingElement: rss has no channel")
        return
    for name in ("title", "link", "description"):
        if _child(channel, name) is None:
            report(f"MissingElement: channel has no {name}")
    single = _RSS_CHANNEL - {"category", "item"}
    _check_children(channel, "channel", report, single=single, known=_RSS_CHANNEL)
    check_plain(_text(_child(channel, "title")), "channel title", report, rss=True)
    check_plain(_text(_child(channel, "description")), "channel description", report, rss=True)
    if _child(channel, "link") is not None:
        _check_uri(_text(_child(channel, "link")), "channel link", report)
    for name in ("lastBuildDate", "pubDate"):
        _check_date_of(channel, name, "channel", now, report)
    _check_self(_children(channel, f"{_A}link"), feed_url, "rss", report)
    guids: set[str] = set()
    for index, item in enumerate(_children(channel, "item")):
        _check_rss_item(item, f"item {index}", guids, now, report)


def _check_rss_item(
    item: etree._Element, where: str, guids: set[str], now: datetime | None, report: Report
) -> None:
    children = [child for child in item if isinstance(child.tag, str)]
    names = [child.tag for child in children]
    if "title" not in names and "description" not in names:
        report(f"ItemMustContainTitleOrDescription: {where}")
    single = (_RSS_ITEM - {"category"}) | {"encoded"}
    _check_children(item, where, report, single=single, known=_RSS_ITEM)
    title = _child(item, "title")
    if title is not None:
        if not _text(title).strip():
            report(f"NotBlank: {where} title")
        check_plain(_text(title), f"{where} title", report, rss=True)
    for category in _children(item, "category"):
        check_plain(_text(category), f"{where} category", report, rss=True)
    if _child(item, "link") is not None:
        _check_uri(_text(_child(item, "link")), f"{where} link", report)
    encoded = f"{{{CONTENT}}}encoded"
    if encoded in names and (
        "description" not in names or names.index("description") > names.index(encoded)
    ):
        report(f"NeedDescriptionBeforeContent: {where}")
    for element in (_child(item, "description"), _child(item, encoded)):
        if element is not None:
            check_html(_text(element), f"{where} {_local(element)}", report)
    guid = _child(item, "guid")
    if guid is None:
        report(f"MissingGuid: {where}")
    else:
        value = _text(guid)
        permalink = guid.get("isPermaLink", "true")
        if permalink not in ("true", "false"):
            report(f"InvalidBooleanAttribute: {where} guid isPermaLink={permalink!r}")
        if permalink == "true":
            if value.lower().startswith(("tag:", "urn:uuid:")):
                report(f"InvalidPermalink: {where} guid {value!r}")
            else:
                _check_uri(value, f"{where} guid", report)
        elif len(value) < 9 and value.isdigit():
            report(f"NotSufficientlyUnique: {where} guid {value!r}")
        if value in guids:
            report(f"DuplicateValue: {where} guid {value!r}")
        guids.add(value)
    author = _child(item, "author")
    if author is not None:
        if not _EMAIL().match(_text(author).strip()):
            report(f"InvalidContact: {where} author {_text(author)!r} is not an e-mail")
        if _child(item, f"{{{DC}}}creator") is not None:
            report(f"DuplicateItemSemantics: {where} author and dc:creator")
    enclosure = _child(item, "enclosure")
    if enclosure is not None:
        for attr in ("url", "length", "type"):
            if enclosure.get(attr) is None:
                report(f"MissingAttribute: {where} enclosure {attr}")
    _check_date_of(item, "pubDate", where, now, report)
    _check_media(item, where, report)


# --- Atom 1.0 ------------------------------------------------------------------------------


def _check_text_construct(element: etree._Element, where: str, report: Report) -> None:
    kind = element.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        report(f"InvalidTextType: {where} type={kind!r}")
    if kind == "html":
        check_html(_text(element), where, report)
    elif kind == "text":
        if len(element):
            report(f"UndefinedElement: {where} has child elements")
        check_plain(_text(element), where, report, rss=False)


def _check_atom_id(
    element: etree._Element | None, where: str, ids: set[str], report: Report
) -> None:
    if element is None:
        report(f"MissingElement: {where} has no id")
        return
    value = _text(element)
    if value != value.strip():
        report(f"UnexpectedWhitespace: {where} id")
    if _check_uri(value, f"{where} id", report) and canonical_uri(value) != value:
        report(f"NonCanonicalURI: {where} id {value!r} (canonical {canonical_uri(value)!r})")
    if value in ids:
        report(f"DuplicateEntries: {where} id {value!r}")
    ids.add(value)


def _check_atom(
    root: etree._Element, feed_url: str | None, now: datetime | None, report: Report
) -> None:
    if root.tag != f"{_A}feed":
        report(f"UndefinedElement: root <{root.tag}> is not an Atom feed")
        return
    for name in ("title", "id", "updated"):
        if _child(root, f"{_A}{name}") is None:
            report(f"MissingElement: feed has no {name}")
    single = _ATOM_FEED - {"author", "category", "contributor", "link", "entry"}
    _check_children(root, "feed", report, single=single, known=_ATOM_FEED, namespace=ATOM)
    ids: set[str] = set()
    _check_atom_id(_child(root, f"{_A}id"), "feed", ids, report)
    for name in ("title", "subtitle", "rights"):
        element = _child(root, f"{_A}{name}")
        if element is not None:
            _check_text_construct(element, f"feed {name}", report)
    _check_date_of(root, f"{_A}updated", "feed", now, report)
    links = _children(root, f"{_A}link")
    _check_atom_links(links, "feed", report)
    _check_self(links, feed_url, "atom", report)
    feed_author = _child(root, f"{_A}author") is not None
    updated_seen: dict[datetime, int] = {}
    entry_ids: set[str] = set()
    for index, entry in enumerate(_children(root, f"{_A}entry")):
        where = f"entry {index}"
        if not feed_author and _child(entry, f"{_A}author") is None:
            report(f"MissingElement: {where} has no author (MissingAtomAuthor)")
        _check_atom_id(_child(entry, f"{_A}id"), where, entry_ids, report)
        when = _check_atom_entry(entry, where, now, report)
        if when is not None:
            if when in updated_seen:
                report(f"DuplicateUpdated: {where} and entry {updated_seen[when]}")
            updated_seen.setdefault(when, index)


def _check_atom_entry(
    entry: etree._Element, where: str, now: datetime | None, report: Report
) -> datetime | None:
    """Check one Atom entry (not its id); its ``updated`` time, when valid."""
    for name in ("title", "updated"):
        if _child(entry, f"{_A}{name}") is None:
            report(f"MissingElement: {where} has no {name}")
    single = _ATOM_ENTRY - {"author", "category", "contributor", "link"}
    _check_children(entry, where, report, single=single, known=_ATOM_ENTRY, namespace=ATOM)
    title = _child(entry, f"{_A}title")
    if title is not None and not _text(title).strip():
        report(f"NotBlank: {where} title")
    for name in ("title", "summary", "content", "rights"):
        element = _child(entry, f"{_A}{name}")
        if element is not None:
            _check_text_construct(element, f"{where} {name}", report)
    links = _children(entry, f"{_A}link")
    _check_atom_links(links, where, report)
    if _child(entry, f"{_A}content") is None and not any(
        link.get("rel", "alternate") == "alternate" for link in links
    ):
        report(f"MissingContentOrAlternate: {where}")
    _check_date_of(entry, f"{_A}published", where, now, report)
    _check_media(entry, where, report)
    return _check_date_of(entry, f"{_A}updated", where, now, report)

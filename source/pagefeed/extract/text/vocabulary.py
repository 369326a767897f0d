"""The words the text parser knows, as data: chrome, section headers, markers, labels, agencies.

Every list here is vocabulary, not grammar: lines are compared lower-cased with straight
apostrophes (``lines.fold``), and patterns are searched case-insensitively. The grammar that
uses them (``lines``, ``classify``, ``assemble``) names no site and no page.
"""

from __future__ import annotations

# Whole lines of site chrome: navigation, menus, widgets, embeds, search boxes, taglines.
CHROME_LINES = frozenset(
    {
        *("skip to content", "skip to main content", "site navigation", "main navigation"),
        *("latest stories", "trending now", "trending", "menu", "open menu", "close menu"),
        *("close", "search", "home", "toggle navigation", "back to top", "share", "share this"),
        *("share this article", "follow us", "log in", "login", "sign in", "sign up"),
        *("subscribe", "newsletters", "newsletter", "show more", "menu icon", "open search"),
        *("youtube", "advertisement", "events", "search icon", "close search", "play icon"),
        *("privacy policy", "terms of use", "terms of service", "cookie policy", "cookies"),
        *("accessibility", "contact us", "about us", "careers", "advertise", "copy link"),
        *("facebook", "twitter", "linkedin", "instagram", "email", "print", "sections"),
        *("topics", "podcasts", "videos", "newsletter sign-up", "sponsored", "loading..."),
        *("loading", "scroll to top", "scroll to the top", "scroll to top arrow or icon"),
        *("ai-powered search, human-powered content.", "human content,", "ai powered search."),
        *("start your day right!", "everything is political", "watch the full conversation"),
    }
)
# Chrome recognised by shape: (words that must occur in the lower-cased line, pattern searched
# case-insensitively, the longest line it can match or None). The words are a cheap pre-check
# so that body text costs little, and a long paragraph is only tried on the unbounded shapes.
CHROME_PATTERNS: tuple[tuple[tuple[str, ...], str, int | None], ...] = (
    # "© 2025 GZERO Media. All rights reserved.", "Copyright 2025 ..." (not "Copyright law ...")
    (
        ("©", "(c)", "copyright"),
        r"^(?:(?:copyright\s*)?(?:©|\(c\))\s*(?:\d{4}|[a-z])|copyright\s*\d{4}"
        r"|copyright\b.{0,80}\ball rights reserved)",
        300,
    ),
    # a logo's alt text: "Atlas Desk logo"
    (("logo",), r"^[\w&.' -]{1,40}\blogo$", 50),
    # newsletter sign-up lines and sign-offs
    (
        ("sign up", "subscribe", "get our", "join our", "enter your"),
        r"^(?:sign up|subscribe|get our|join our|enter your e-?mail)\b.{0,160}$",
        180,
    ),
    (("newsletter",), r"^.*\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|e-?mail)\b", 220),
    (("inbox",), r"\bdelivered to your inbox\b", 160),
    # the consent paragraph under "Trending Now"
    (
        ("privacy",),
        r"\bprivacy (?:policy|notice|statement)\b"
        r"(?:.*\b(?:cookies?|terms|consent|agree|sign(?:ing)? up|subscri\w*|opt.out)\b)"
        r"|\b(?:cookies?|terms|consent|agree|sign(?:ing)? up|subscri\w*|opt.out)\b"
        r".*\bprivacy (?:policy|notice|statement)\b",
        None,
    ),
    # sponsor lines
    (
        ("sponsored", "presented", "brought to you"),
        r"^(?:sponsored|presented|brought to you) by\b.{0,80}$",
        100,
    ),
    # a sponsor read inside a story: "The Harbour Hour is brought to you by our founding sponsor"
    (
        ("brought to you by", "founding sponsor"),
        r"\b(?:is|are) brought to you by\b|\bour founding sponsors?\b",
        400,
    ),
    # menus on one line: "World | Politics | Economy"
    (("|", "•", "·"), r"^(?:[\w&' -]{1,24}\s*[|•·]\s*){2,}[\w&' -]{1,24}$", 300),
    # paywalls: "Get Access to Atlas Desk", "Read up to 3 free articles per week."
    (
        ("access", "free articles"),
        r"^(?:get (?:full )?access to\b.{0,40}|.{0,40}\bfree articles? per\b.{0,30})$",
        90,
    ),
    # calls to action under a video card: "Watch more videos from PUPPET SHOW here!"
    (("more videos", "more episodes"), r"^(?:watch|see) more (?:videos|episodes)\b.{0,60}$", 90),
    # a show's standing promo lines: "(check local listings)", "subscribe to our YouTube channel"
    (("local listings",), r"\(check local listings\)", 400),
    (("youtube channel",), r"\bsubscribe to .{0,40}\byoutube channel\b", 400),
)
# Lines longer than this are tried only on the shapes that can match them.
SHORT_CHROME = 220
# Chrome glued to the end of a line ("... revealedplay icon"); each ends in "icon".
CHROME_TAILS = ("play icon", "menu icon")

# Markers that end a listing card (its expand/collapse widget), alone or glued to a line's end.
MARKERS = frozenset(
    {
        *("read more", "show less", "read moreshow less", "read more show less", "read now"),
        *("read nowshow less", "read now show less", "keep reading", "keep reading..."),
        *("keep reading…", "keep reading...show less", "keep reading…show less"),
        *("keep reading... show less", "read more…", "read more..."),
    }
)
MARKER_TAIL = r"\s*(?:read more|read now|keep reading(?:\.\.\.|…)?)\s*show less$"

# Section headers above teaser cards ("More from GZERO Media", "More For You", ...).
SECTION_HEADERS = (
    r"more (?:from|for|on|in|about) [^.!?:;]{1,48}",
    r"more for you",
    r"most (?:popular|read|viewed|shared|watched)",
    r"related(?: (?:stories|articles|coverage|content|posts|reading|news|headlines))?",
    r"recommended(?: (?:for you|stories|reading))?",
    r"you (?:may|might) also like",
    r"(?:top|featured|editor'?s'?) (?:stories|picks|news|posts|headlines)",
    r"(?:latest|world|top|related|more) (?:news|headlines)",
    r"latest (?:episodes|videos)",
    r"(?:read|watch|listen) next",
    r"up next",
    r"further reading",
    r"sponsored posts?",
    r"partner content",
)
# The words a section header can start with (a cheap test before the patterns above).
SECTION_HEADER_WORDS = frozenset(
    {
        *("more", "most", "related", "recommended", "you", "top", "featured", "editor's"),
        *("editors'", "editors", "editor", "latest", "world", "read", "watch", "listen", "up"),
        *("further", "sponsored", "partner"),
    }
)
# Sections whose cards are advertising: they are dropped with their header.
SKIP_SECTIONS = frozenset({"sponsored post", "sponsored posts", "partner content"})
# Series labels printed above a card or a title.
SERIES_LABELS = frozenset(
    {
        *("hard numbers", "gzero north", "gzero world", "gzero daily", "gzero ai", "quick take"),
        *("what we're watching", "what we are watching", "the graphic truth", "ian explains"),
        *("puppet regime", "the debrief", "global stage", "analysis", "opinion", "explainer"),
        *("world in 60 seconds", "the big story", "ask ian", "by the numbers"),
    }
)
# Labels that mark the next card as advertising (dropped).
SKIP_LABELS = frozenset({"sponsored post", "sponsored content", "paid post", "paid content"})
# Items with no image, the kind word kept in the summary ("Listen: ...").
NO_IMAGE_ITEM = r"(?:listen|watch)\s*:\s*\S"
# Words of a CMS that printed its template instead of the value.
PLACEHOLDER_WORDS = ("placeholder",)

# Photo credits: parts split at "/" and " via "; a credit needs one agency part, or two or more
# name parts of which one has two words or more ("Jane Roe/John Doe").
CREDIT_AGENCIES = frozenset(
    {
        *("reuters", "reuters connect", "reuters tv", "pool", "handout", "file photo", "file"),
        *("afp", "ap", "ap photo", "the associated press", "associated press", "getty images"),
        *("getty", "zuma press wire", "zuma press", "zuma wire", "zuma", "nurphoto"),
        *("sopa images", "sipa usa", "sipa", "epa", "epa-efe", "efe", "anadolu", "anadolu agency"),
        *("xinhua", "kyodo", "yonhap", "kcna", "kcna via kns", "wana", "imago", "alamy"),
        *("shutterstock", "bloomberg", "stringer", "courtesy", "illustration", "abaca"),
        *("abacapress", "dpa", "picture alliance", "middle east images", "unsplash", "gzero media"),
        *("photo illustration", "graphic", "staff", "contributor", "tass", "sputnik"),
        *("ria novosti", "aflo", "the canadian press", "canadian press", "aap", "aap image"),
    }
)
# Agency words that may close a name part ("Iranian Army/WANA handout via REUTERS").
AGENCY_TAILS = frozenset({"handout", "pool", "photo", "file"})
# Words that mark the rest of a line as a credit ("Photo: Jane Roe", "Photograph by Tomas Varga",
# "(Photo by Marta Ilves/Getty Images)" at the end of a caption, "Source: agencyname").
CREDIT_PREFIX = (
    r"\(?(?:photo\s+credit|photo(?:graph)?s?|pictures?|images?|credits?|illustration|source)"
    r"\s*(?::|by\b)\s*"
)
# Lower-case words a personal or agency name may contain ("Ricardo de la Cruz").
NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der"}
    | {"den", "al", "el", "bin", "ibn", "y", "e", "and", "of", "the"}
)
# An illustrator's name alone is a credit right after a caption that speaks of artwork.
ARTWORK_WORDS = r"\b(?:illustrations?|illustrated|artwork|graphic|collage|cartoon|animation)\b"
# Words that make a sentence a photo caption ("Mark Doe, pictured at a rally in 2014.").
CAPTION_WORDS = r"\b(?:pictured|photographed|seen here|is seen|are seen|poses? for)\b"

# Ad copy inside a story's body with no "Advertisement" line over it (``ads``). Phrases that
# open a call to action ("Learn more about ...", "Download the ... app"):
AD_CALLS = (
    *("learn more", "find out more", "find out how", "click here", "tap here", "sign up"),
    *("subscribe to", "subscribe now", "subscribe today", "download the", "download our"),
    *("download now", "get the app", "get started", "try it ", "try our", "try the"),
    *("shop now", "shop the", "order now", "order today", "register now", "register today"),
    *("join us", "visit us", "visit our", "visit www", "discover more", "discover how"),
    *("check out our", "listen now", "watch now", "claim your", "book now", "start your free"),
)
# The words before "by" that name a sponsor ("This segment is presented by ...").
AD_SPONSORS = (
    *("sponsored", "presented", "brought to you", "paid for", "underwritten", "made possible"),
    *("powered", "supported"),
)
# Hooks that address the reader in a promo's first sentence ("..., but did you know ...?").
AD_HOOKS = ("did you know", "have you ever", "ever wondered", "want more?", "want to know more?")
# Words of reported speech: a paragraph that quotes or reports someone is the story's own.
AD_REPORTING = (" said", " says", " told ", "according to", '"', "“", "”")
# Signs of a promo's address line or product: a web address or a trademark sign.
AD_ADDRESSES = ("www.", "http://", "https://", ".com", ".org", ".net", "™", "®", "℠")
# Little words a headline does not end with, nor a card's summary restate as its subject: a
# headline glued to its summary is split only where neither side would start or end with one.
FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for"),
        *("from", "with", "as", "is", "are", "was", "were", "be", "its", "his", "her", "their"),
        *("this", "that", "these", "those", "it", "he", "she", "they", "we", "you", "i", "not"),
    }
)

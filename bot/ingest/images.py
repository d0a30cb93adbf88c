"""Which pictures of a feed item are the story's photo, and which items are advertisements.

Feeds put more than the story's photo into an item's HTML: tracking pixels (NPR's
`npr-rss-pixel.png`, ad servers' 0×0 images), "Add to Facebook" buttons, emoji, images whose
`src` a broken template left as `undefined`. Posted as a story's photo each of these is
worse than no photo at all, so they are passed over; so are the "Featured Advertiser" items
some feed services insert, whose link goes to an ad server.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

# Hosts (a domain or one of its subdomains) that serve ads: their pictures are no story's
# photo, and an item whose link goes there is an advertisement.
_AD_DOMAINS = (
    "doubleclick.net",
    "googlesyndication.com",
    "googleadservices.com",
    "adsrvr.org",
    "adform.net",
    "criteo.com",
    "moatads.com",
    "outbrain.com",
    "taboola.com",
)
# Hosts of tracking pixels, share buttons and feed services: their pictures are no photo,
# but a story's link may pass through them (feeds.feedburner.com/~r/…, feedsportal's
# redirects), so an item linking there is not an ad.
_TRACKING_DOMAINS = (
    "bluekai.com",
    "pheedo.com",
    "pheedcontent.com",
    "feedsportal.com",
    "feedburner.com",
    "feedburner.google.com",
    "scorecardresearch.com",
    "quantserve.com",
    "addthis.com",
    "sharethis.com",
    "stats.wordpress.com",
    "pixel.wp.com",
)
# A host whose first label says it serves ads: ads.example.com, ad.example.com, adserver…
_AD_LABEL = re.compile(r"^(?:ads?|adserver|adserv|adclick|banners?)\d*$")
# Pixels, spacers and beacons: by their folder (/tracking/, /pixel/) or their file name
# (npr-rss-pixel.png, spacer.gif, 1x1.png); a photo is rarely a GIF or PNG named so.
_TRACKING_PATH = re.compile(
    r"/(?:pixels?|tracking|tracker|beacons?)/|"
    r"(?:^|[/_\-])(?:pixel|tracking|tracker|beacon|spacer|1x1|blank|transparent|clear|dot)"
    r"\.(?:gif|png)$"
)
# The file names of share buttons and feed icons: facebook.gif, twitter-icon.png, share_32.png
_SHARE_ICON = re.compile(
    r"(?:^|/)(?:add[-_]?to[-_]?)?(?:facebook|fb|twitter|tweet|x-logo|reddit|stumbleit|"
    r"stumbleupon|digg|delicious|linkedin|pinterest|whatsapp|telegram|viber|vk|email|mail|"
    r"print|share|sharethis|google[-_]?plus|gplus|rss|feed[-_]?icon|comments?)"
    r"(?:[-_]?(?:icon|button|btn|logo|share|small|large|\d+(?:x\d+)?))*\.(?:gif|png|svg)$"
)
# Emoji and smiley images (WordPress turns ":)" into one).
_EMOJI_PATH = re.compile(r"/images/core/emoji/|/smilies/|/emoji/")
# Alt or title text of share buttons: "Add to Facebook", "Share on X", "Email this".
_SHARE_TEXT = re.compile(
    r"^\s*(?:add to|share (?:on|to|via|this)|tweet|email this|print this|follow us|"
    r"subscribe)\b",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Smaller than this many pixels (by its width or height attribute): an icon, not a photo.
MIN_SIDE = 50


def _host_is(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def ad_host(url: str) -> bool:
    """True when `url` points at an ad server (an item linking there is an advertisement)."""
    host = _host(url)
    if not host:
        return False
    labels = host.split(".")
    # ads.example.com is an ad server; ad.nl (a newspaper) is a site of its own
    return _host_is(host, _AD_DOMAINS) or (len(labels) > 2 and bool(_AD_LABEL.match(labels[0])))


def not_an_address(src: str) -> bool:
    """True for an `src` that names no file: `undefined`, `null`, `#`, `about:blank`…"""
    text = src.strip().lower()
    if not text or text.startswith(("#", "about:", "javascript:", "data:", "blob:")):
        return True
    return "/" not in text and "." not in text  # a bare word a template left behind


def junk_image_url(url: str) -> bool:
    """True when the address alone shows a picture is no story photo: an ad or tracking
    server, a pixel or spacer, a share button or feed icon, an emoji, or no file at all."""
    if not_an_address(url):
        return True
    if ad_host(url) or _host_is(_host(url), _TRACKING_DOMAINS):
        return True
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    path = parts.path.lower()
    if _TRACKING_PATH.search(path) or _EMOJI_PATH.search(path):
        return True
    return bool(_SHARE_ICON.search(path))


def _side(value: str | None) -> int | None:
    """A width or height attribute in pixels ("1", "1px"), None when it says no size."""
    match = re.fullmatch(r"\s*(\d{1,6})\s*(?:px)?\s*", value or "")
    return int(match.group(1)) if match else None


def junk_image_tag(attrs: Mapping[str, str]) -> bool:
    """True when an <img>'s own attributes show it is no story photo: hidden, a few pixels
    wide or high, or a share button by its alt or title text."""
    for side in (_side(attrs.get("width")), _side(attrs.get("height"))):
        if side is not None and side < MIN_SIDE:
            return True
    if _HIDDEN_STYLE.search(attrs.get("style", "")):
        return True
    return any(_SHARE_TEXT.match(attrs.get(name, "")) for name in ("alt", "title"))

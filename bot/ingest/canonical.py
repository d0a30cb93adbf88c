"""Canonical story URLs: one form per article, so that a story is stored once."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "canonical_url", "is_http_url"]

# Query parameters that only say where a click came from; compared in lower case.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "gbraid",
        "wbraid",
        "yclid",
        "dclid",
        "msclkid",
        "twclid",
        "ttclid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "igsh",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "_openstat",
        "ref_src",
        "ref_url",
        "cmpid",
        "ocid",
        "ncid",
        "spm",
        "smid",
        "smtyp",
        "xtor",
        "mkt_tok",
        "oly_enc_id",
        "oly_anon_id",
        "vero_id",
        "wickedid",
        "rb_clickid",
        "soc_src",
        "soc_trk",
        "sr_share",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "__twitter_impression",
        "fb_action_ids",
        "fb_action_types",
        "fb_source",
        "fb_ref",
        "action_object_map",
        "action_type_map",
        "action_ref_map",
    }
)
# Whole families: Google Analytics (utm_*), AT Internet (at_medium, at_campaign ...),
# comScore (ns_*), HubSpot (hsa_*), Piwik/Matomo (pk_*, mtm_*).
_TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "at_", "ns_", "hsa_", "pk_", "mtm_")

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters left as they are in a path; everything else (spaces, non-ASCII) is %-encoded.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = "/%:@!$&'()*+,;=-._~?"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def is_http_url(s: object) -> bool:
    """Whether `s` is a string holding an absolute http(s) URL with a host."""
    if not isinstance(s, str):
        return False
    text = s.strip()
    if not text or any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        return False
    del port
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def _is_tracking(key: str) -> bool:
    name = unquote(key).strip().lower()
    return name in TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str, base: str | None = None) -> str:
    """The canonical form of a story URL, resolved against `base` when relative.

    Lower-cases the scheme and host, drops the default port, the fragment and tracking
    parameters, keeps the other query parameters in their order.
    Raises ValueError for empty or non-http(s) URLs.
    """
    text = (url or "").strip()
    if not text:
        raise ValueError("empty URL")
    base_text = (base or "").strip()
    if base_text and not _SCHEME.match(text):
        text = urljoin(base_text, text)
    elif text.startswith("//"):
        text = "https:" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"invalid URL {text[:200]!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        if not scheme:
            raise ValueError(f"not an absolute http(s) URL: {text[:200]!r}")
        raise ValueError(f"not an http(s) URL: {text[:200]!r}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"URL has no host: {text[:200]!r}")
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    netloc = host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    if userinfo:
        netloc = f"{userinfo}@{netloc}"
    path = quote(parts.path, safe=_PATH_SAFE) or "/"
    kept = [
        quote(pair, safe=_QUERY_SAFE)
        for pair in parts.query.split("&")
        if pair and not _is_tracking(pair.partition("=")[0])
    ]
    return urlunsplit((scheme, netloc, path, "&".join(kept), ""))

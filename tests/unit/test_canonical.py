"""Canonical story URLs."""

from __future__ import annotations

import re

import pytest

from bot.ingest.canonical import canonical_url, is_http_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://News.Example.COM/a/b", "https://news.example.com/a/b"),
        ("http://example.com:80/x", "http://example.com/x"),
        ("https://example.com:443/x", "https://example.com/x"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/a#comments  ", "https://example.com/a"),
        (
            "https://example.com/a?utm_source=rss&id=7&utm_medium=feed&fbclid=1&page=2",
            "https://example.com/a?id=7&page=2",
        ),
        ("https://example.com/a?gclid=1&yclid=2&dclid=3&_ga=4", "https://example.com/a"),
        ("https://example.com/a?mc_cid=1&mc_eid=2&igshid=3&ref_src=4", "https://example.com/a"),
        ("https://example.com/a?cmpid=1&ocid=2&spm=3&UTM_Campaign=4", "https://example.com/a"),
        (
            "https://bbc.example/a?at_medium=RSS&at_campaign=KARANGA&z=1",
            "https://bbc.example/a?z=1",
        ),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1"),
        ("https://example.com/a?q=hello%20world&x", "https://example.com/a?q=hello%20world&x"),
        (
            "https://example.com/новини/1",
            "https://example.com/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/1",
        ),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("//cdn.example.com/x", "https://cdn.example.com/x"),
    ],
)
def test_canonical_forms(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected


def test_encoded_and_unicode_paths_are_the_same_story() -> None:
    assert canonical_url("https://example.com/новини") == canonical_url(
        "https://example.com/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8"
    )


def test_relative_urls_resolve_against_base() -> None:
    base = "https://news.example.com/feeds/rss.xml"
    assert canonical_url("/world/1", base) == "https://news.example.com/world/1"
    assert canonical_url("item?id=3", base) == "https://news.example.com/feeds/item?id=3"
    assert canonical_url("../a", base) == "https://news.example.com/a"
    # An absolute URL ignores the base.
    assert canonical_url("https://other.example/x", base) == "https://other.example/x"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty URL"),
        ("   ", "empty URL"),
        ("ftp://example.com/file", "not an http(s) URL"),
        ("javascript:alert(1)", "not an http(s) URL"),
        ("mailto:a@example.com", "not an http(s) URL"),
        ("/relative/only", "not an absolute http(s) URL"),
        ("https:///nohost", "no host"),
        ("https://example.com:99999/", "invalid URL"),
    ],
)
def test_bad_urls_raise_value_error(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        canonical_url(raw)


def test_is_http_url() -> None:
    assert is_http_url("https://example.com/x")
    assert is_http_url("http://example.com")
    assert not is_http_url("example.com/x")
    assert not is_http_url("/x")
    assert not is_http_url("ftp://example.com")
    assert not is_http_url("https://exa mple.com")
    assert not is_http_url("")
    assert not is_http_url(None)
    assert not is_http_url(42)

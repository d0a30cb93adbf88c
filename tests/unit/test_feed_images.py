"""A story's photo is its photo: no tracking pixel, share button, ad or `src='undefined'`
becomes one, and an item that is an advertisement is left out with a one-line reason."""

from __future__ import annotations

import pytest

from bot.ingest.formats import parse_feed
from bot.ingest.images import junk_image_tag, junk_image_url
from bot.ingest.text import first_image

BASE = "https://news.example.org/story/1"


def _rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Desk</title><link>https://news.example.org/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def _item(n: int, html: str, extra: str = "", link: str | None = None) -> str:
    link = link or f"https://news.example.org/story/{n}"
    return (
        f"<item><title>Story {n}</title><link>{link}</link>"
        f"<description><![CDATA[<p>Lead of story {n}.</p>{html}]]></description>{extra}</item>"
    )


@pytest.mark.parametrize(
    "html",
    [
        # a tracking pixel by its file name, with no size given (as NPR's)
        "<img src='https://media.example.org/include/images/tracking/rss-pixel.png?story=1' />",
        "<img src='https://cdn.example.org/spacer.gif'>",
        '<img src="https://cdn.example.org/img/1x1.png">',
        # by its size, in pixels or with "px"
        '<img src="https://cdn.example.org/p.jpg" width="1px" height="1px">',
        '<img src="https://cdn.example.org/icon.jpg" width="16" height="16">',
        # hidden
        '<img src="https://cdn.example.org/a.jpg" style="display:none">',
        # share buttons, by file name or by their words
        "<a href='https://x.example/share'><img src='https://images.example.com/mm/facebook.gif'/></a>",
        "<img src='https://images.example.com/buttons/twitter-icon.png'/>",
        "<img alt='Add to Reddit' src='https://images.example.com/b/r.jpg'/>",
        "<img title='Share on X' src='https://images.example.com/b/x.jpg'/>",
        # ad and tracking servers
        '<img src="http://ads.example.com/img.phdo?s=cc0c&amp;p=1">',
        '<img src="https://ad.doubleclick.net/ddm/trackimp/N123">',
        '<img src="http://insight.adsrvr.org/track/evnt/?ct=0">',
        # emoji
        '<img src="https://s.w.org/images/core/emoji/15.0.3/72x72/1f600.png">',
        # a template that left no address
        "<img src='undefined' alt='Protesters in a square'>",
        "<img src='null'>",
        "<img src='#'>",
    ],
)
def test_junk_pictures_are_no_photo(html: str) -> None:
    assert first_image(html, BASE) is None
    [item] = parse_feed(_rss(_item(1, html))).items
    assert item.image_url is None


def test_the_photo_after_the_junk_is_taken() -> None:
    html = (
        "<img src='undefined' alt='x'>"
        "<img src='https://media.example.org/include/images/tracking/rss-pixel.png'>"
        "<img alt='Add to Facebook' src='https://images.example.com/mm/facebook.gif'>"
        '<img src="https://img.example.org/2026/02/minister.jpg" width="800">'
    )
    assert first_image(html, BASE) == "https://img.example.org/2026/02/minister.jpg"


@pytest.mark.parametrize(
    "url",
    [
        # photos whose names only look like junk
        "https://img.example.org/2026/google-pixel-10-review.jpg",
        "https://img.example.org/facebook.jpg",  # a story about Facebook
        "https://img.example.org/clear-skies-over-kyiv.jpg",
        "https://img.example.org/tracking-the-storm.jpg",
        "https://img.example.org/resize/800x600/1.jpg",
        "https://cdn.example.org/images/roads/blank-sign.jpeg",
        "https://headlines.example.org/photo.jpg",  # "ads" inside a word of the host
        "https://ad.nl/images/cabinet.jpg",  # a newspaper's own domain, not an ad server
    ],
)
def test_photos_that_look_like_junk_are_kept(url: str) -> None:
    assert not junk_image_url(url)
    assert first_image(f'<img src="{url}" width="640" height="480">', BASE) == url


def test_sizes_that_say_nothing_or_are_large_do_not_count() -> None:
    assert not junk_image_tag({"width": "100%", "height": "auto"})
    assert not junk_image_tag({"width": "640"})
    assert junk_image_tag({"height": "0"})


def test_a_pixel_as_enclosure_or_media_is_no_photo_either() -> None:
    feed = _rss(
        _item(
            1,
            "",
            '<enclosure url="https://media.example.org/tracking/pixel.gif" type="image/gif"'
            ' length="1"/>',
        ),
        _item(2, "", '<enclosure url="undefined" type="image/jpeg" length="1"/>'),
        _item(
            3,
            '<img src="https://img.example.org/real.jpg">',
            '<enclosure url="https://img.example.org/enclosed.jpg" type="image/jpeg" length="1"/>',
        ),
    )
    items = parse_feed(feed).items
    assert [i.image_url for i in items] == [None, None, "https://img.example.org/enclosed.jpg"]


def test_an_advertisement_item_is_left_out_with_its_reason() -> None:
    feed = _rss(
        _item(1, ""),
        "<item><title>Featured Advertiser</title>"
        "<link>http://ads.example.com/click.phdo?s=cc0c&amp;p=4</link>"
        '<description><![CDATA[<a href="http://ads.example.com/click.phdo?s=cc0c&amp;p=4">'
        '<img src="http://ads.example.com/img.phdo?s=cc0c&amp;p=4"/></a>]]></description></item>',
        _item(3, "", link="https://ad.doubleclick.net/clk;123;456"),
        # a story's link through a feed service's redirect is the story, not an ad
        _item(4, "", link="http://feeds.feedburner.com/~r/Desk/~3/abc/story-4.html"),
        _item(5, "", link="http://da.feedsportal.com/c/123/f/456/s/789/story01.htm"),
    )
    parsed = parse_feed(feed)
    assert [i.title for i in parsed.items] == ["Story 1", "Story 4", "Story 5"]
    assert parsed.errors == [
        "item 2 ('Featured Advertiser'): an advertisement (its link goes to ads.example.com)",
        "item 3 ('Story 3'): an advertisement (its link goes to ad.doubleclick.net)",
    ]

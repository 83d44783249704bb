"""HTML pages through trafilatura and RSS/Atom feeds through feedparser."""

from __future__ import annotations

from datetime import date

from dateline.ingest import read_bytes
from dateline.model import Article, Reject
from dateline.settings import Settings

PARAGRAPH = "Iraqi forces moved into the city on Monday, officials said in Baghdad. " * 4
PAGE = f"""<!DOCTYPE html>
<html><head><title>Troops move in | Example News</title>
<meta property="og:title" content="Troops move in">
<meta property="article:published_time" content="2021-07-26T10:00:00Z">
<link rel="canonical" href="https://news.example/troops">
<script>var tracking = "do not read me";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Troops move in</h1><p>{PARAGRAPH}</p>
<p>A second paragraph explains what the ministry said about the plan.</p></article>
<footer>© 2021 Example News. All rights reserved.</footer></body></html>"""


def _one(data: bytes, origin: str, settings: Settings) -> Article | Reject:
    (result,) = read_bytes(data, origin, settings)
    return result


def test_html_main_text_and_metadata(settings: Settings) -> None:
    article = _one(PAGE.encode(), "page.html", settings)
    assert isinstance(article, Article)
    assert "Iraqi forces moved into the city" in article.text
    assert "do not read me" not in article.text and "Home" not in article.text
    assert "©" not in article.text
    assert article.title == "Troops move in"
    assert article.published == date(2021, 7, 26)
    assert article.url == "https://news.example/troops"
    assert article.origin == "page.html"


def test_html_is_sniffed_without_extension(settings: Settings) -> None:
    assert isinstance(_one(PAGE.encode(), "download", settings), Article)


def test_html_with_only_scripts_is_empty(settings: Settings) -> None:
    page = b"<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>"
    result = _one(page, "scripts.htm", settings)
    assert isinstance(result, Reject) and result.reason == "empty"


RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Troops leave</title><link>https://wire.example/1</link>
<description>&lt;p&gt;The &lt;b&gt;army&lt;/b&gt; left.&lt;/p&gt;
&lt;script&gt;x()&lt;/script&gt;</description>
<pubDate>Mon, 26 Jul 2021 14:00:00 GMT</pubDate></item>
<item><title>Headline only</title></item>
<item><link>https://wire.example/3</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Talks resume</title><link href="https://atom.example/a"/>
<updated>2021-07-27T08:00:00Z</updated>
<content type="html">&lt;p&gt;Diplomats met in Vienna.&lt;/p&gt;
&lt;p&gt;More talks.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_entries(settings: Settings) -> None:
    first, second, third = read_bytes(RSS, "wire.rss", settings)
    assert isinstance(first, Article)
    assert (first.text, first.title, first.source) == (
        "The army left.",
        "Troops leave",
        "Example Wire",
    )
    assert (first.published, first.url, first.origin) == (
        date(2021, 7, 26),
        "https://wire.example/1",
        "wire.rss#1",
    )
    assert (first.date_source, first.source) == ("feed", "Example Wire")
    assert isinstance(second, Reject) and second.reason == "title-only"
    assert "Headline only" in second.detail
    assert isinstance(third, Reject) and third.reason == "empty"


def test_atom_entry_sniffed(settings: Settings) -> None:
    (entry,) = read_bytes(ATOM, "<stdin>", settings)
    assert isinstance(entry, Article)
    assert entry.text == "Diplomats met in Vienna.\n\nMore talks."
    assert (entry.published, entry.source) == (date(2021, 7, 27), "Atom Desk")


def test_broken_feed_with_entries_is_used(settings: Settings) -> None:
    broken = RSS.replace(b"</channel></rss>", b"<item><title>Cut off <b>")
    results = list(read_bytes(broken, "broken.xml", settings))
    assert isinstance(results[0], Article) and results[0].text == "The army left."


def test_broken_feed_without_entries_is_rejected(settings: Settings) -> None:
    result = _one(b"<?xml version='1.0'?><rss><channel><title>x</ti", "bad.xml", settings)
    assert isinstance(result, Reject) and result.reason == "feed"
    assert result.detail


def test_impossible_feed_dates_are_no_date_not_rolled_over(settings: Settings) -> None:
    """feedparser turns 2021-02-30 into 2021-03-02; the story is kept, undated."""
    rss = b"""<rss version="2.0"><channel><title>Wire</title>
<item><title>A</title><description>Gondor met Arnor.</description>
<pubDate>Tue, 30 Feb 2021 10:00:00 GMT</pubDate></item>
<item><title>B</title><description>Rohan met Harad.</description>
<pubDate>Sun, 28 Feb 2021 10:00:00 GMT</pubDate></item></channel></rss>"""
    atom = ATOM.replace(b"2021-07-27T08:00:00Z", b"2021-02-30T08:00:00Z")
    rolled, valid = read_bytes(rss, "wire.rss", settings)
    (atom_entry,) = read_bytes(atom, "atom.xml", settings)
    assert isinstance(rolled, Article) and rolled.published is None
    assert isinstance(valid, Article) and valid.published == date(2021, 2, 28)
    assert isinstance(atom_entry, Article) and atom_entry.published is None

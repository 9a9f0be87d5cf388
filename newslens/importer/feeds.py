"""RSS and Atom feeds (files or links), read with feedparser from bytes News Lens fetched itself.

feedparser is never given a URL: feed links and item pages go through `ingest.fetch_url`, which refuses
private and local addresses and caps time and size. An item's text is its full content when the feed
carries one (`<content>`, `content:encoded`) of at least FULL_TEXT_WORDS words; otherwise its page is
fetched (`feed_pages="auto"`). `always` fetches every page, `never` none (the feed's text only).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from .. import ingest
from .records import Options, html_to_text, make_record

FEED_SUFFIXES = (".xml", ".rss", ".atom", ".feed")
FULL_TEXT_WORDS = 150
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
              "application/feed+json")


@dataclass
class FeedItem:
    key: str
    origin: str
    entry: dict
    feed_title: str | None


def parse_feed(data: bytes, name: str):
    """The parsed feed; raises IngestError for bytes that are not RSS or Atom."""
    import feedparser

    parsed = feedparser.parse(data, resolve_relative_uris=True, sanitize_html=True)
    version = parsed.get("version") or ""
    if not parsed.entries and (parsed.get("bozo") or not version):
        why = parsed.get("bozo_exception")
        raise ingest.IngestError(f"{name} is not an RSS or Atom feed" + (f" ({str(why)[:100]})" if why else ""))
    return parsed


def fetch_feed(url: str, options: Options) -> bytes:
    got = ingest.fetch_url(url, timeout=options.timeout, allow_private=options.allow_private)
    if got.content_type in ("text/html", "application/xhtml+xml"):
        raise ingest.IngestError(f"{url} is a web page, not a feed; give the address of its RSS or Atom feed")
    return got.data


def items(parsed, key: str, name: str) -> Iterator[FeedItem]:
    feed_title = " ".join((parsed.feed.get("title") or "").split()) or None
    for i, entry in enumerate(parsed.entries, 1):
        ident = entry.get("id") or entry.get("link") or f"{i}:{entry.get('title', '')}"
        digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:16]
        title = " ".join((entry.get("title") or "").split())
        yield FeedItem(f"{key}#{digest}", f"{name} item {i}" + (f" “{title[:60]}”" if title else ""), entry, feed_title)


def _published(entry) -> date | None:
    for attr in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(attr)
        if t:
            try:
                return date(t.tm_year, t.tm_mon, t.tm_mday)
            except ValueError:
                continue
    return None


def item_candidate(item: FeedItem, options: Options) -> ingest.Candidate:
    """The item's article: its full content, or its page (fetched), or at least its summary (with a warning)."""
    e = item.entry
    full = " ".join(c.get("value", "") for c in e.get("content") or [] if c.get("value"))
    full_text = html_to_text(full) if full else ""
    summary = html_to_text(e.get("summary") or "")
    long_enough = len(full_text.split()) >= FULL_TEXT_WORDS
    fetch_page = options.feed_pages == "always" or (options.feed_pages == "auto" and not long_enough)
    fetch_page = fetch_page and options.feed_pages != "never"
    text = full_text or summary
    cand = make_record(text=text, title=e.get("title"), published=_published(e), source=item.feed_title,
                       url=e.get("link"), origin=item.origin, options=options, fetch_page=fetch_page)
    attempted = fetch_page and bool(e.get("link")) and options.fetch
    failed = any("could not be fetched" in w for w in cand.warnings)
    if not full_text and summary and (not attempted or failed):
        cand.warnings.append(f"only the feed's summary ({len(summary.split())} words) was imported")
    return cand

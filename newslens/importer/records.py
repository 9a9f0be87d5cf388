"""One imported record (a table row, a feed item) → a validated `ingest.Candidate`.

A record gives some of text, title, published, source and url. Text that is an HTML fragment (feeds and
API exports often carry `<p>` markup) becomes plain text with one line per block. A record without text
but with a link is fetched through `ingest.read_url`, the same guarded fetcher as the Analyse page's links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Collection
from urllib.parse import urlsplit

from .. import ingest
from .dates import DateOrder, published_of

_HTMLISH = re.compile(r"<(?:p|div|br|span|a|em|strong|b|i|li|ul|ol|h[1-6]|figure|img|blockquote|section)\b[^>]*>", re.I)
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "figcaption",
           "tr", "pre")


@dataclass
class Options:
    """How an import reads its inputs (also part of the run's identity, so a changed option is a new run)."""

    mapping: dict[str, str] = field(default_factory=dict)  # field (text, title, …) -> column name
    dates: str = "auto"  # numeric dates: auto (learnt per column), dmy or mdy
    date_format: str | None = None  # an explicit strptime format, e.g. %d/%m/%Y
    feed_pages: str = "auto"  # auto: fetch an item's page unless the feed carries the full text; always; never
    fetch: bool = True  # fetch links at all (rows without text, feed items)
    source: str | None = None  # the source for records that name none
    force_language: bool = False
    allow_private: bool | Collection[str] = False  # tests only: fetch from a local server
    timeout: float = ingest.FETCH_TIMEOUT

    def identity(self) -> dict:
        return {"mapping": dict(sorted(self.mapping.items())), "dates": self.dates, "date_format": self.date_format,
                "feed_pages": self.feed_pages, "fetch": self.fetch, "source": self.source,
                "force_language": self.force_language}


def looks_like_html(text: str) -> bool:
    return bool(_HTMLISH.search(text or ""))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per paragraph or block, scripts and styles dropped."""
    from lxml import etree
    from lxml import html as lhtml

    if not fragment or not fragment.strip():
        return ""
    try:
        root = lhtml.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter(*_BLOCKS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(ln.split()) for ln in root.text_content().split("\n"))
    return "\n".join(ln for ln in lines if ln)


def as_text(value) -> str:
    """A field value as a string: dicts give their name or title (NewsAPI's {"id", "name"} source)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, dict):
        return as_text(value.get("name") or value.get("title") or value.get("value"))
    if isinstance(value, (list, tuple)):
        return ", ".join(s for s in (as_text(v) for v in value) if s)
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def with_headline(text: str, title: str) -> str:
    """The title as the first line when the text does not start with it (as a web page's text does)."""
    first = text.lstrip().split("\n", 1)[0]
    if title and ingest.clean_title(first) != ingest.clean_title(title):
        return f"{title}\n{text}"
    return text


def _host(url: str) -> str | None:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.") or None
    except ValueError:
        return None


def make_record(
    *, text=None, title=None, published=None, source=None, url=None, origin: str, options: Options,
    order: DateOrder | None = None, fetch_page: bool = False,
) -> ingest.Candidate:
    """A Candidate for one record; raises ingest.IngestError with the reason it cannot be imported."""
    text, title, source, url = as_text(text), " ".join(as_text(title).split()), as_text(source).strip(), as_text(url).strip()
    date = published_of(published, order=order, fmt=options.date_format)
    source = source or options.source or ""
    if looks_like_html(text):
        text = html_to_text(text)
    if url and not ingest.looks_like_url(url):
        url = ""
    want_page = url and options.fetch and (fetch_page or not text.strip())
    if want_page:
        try:
            cand = ingest.read_url(url, title=title or None, published=date.iso, source=source or None,
                                   force_language=options.force_language, timeout=options.timeout,
                                   allow_private=options.allow_private)
        except ingest.IngestError as exc:
            if not text.strip():
                raise ingest.IngestError(f"no text, and its link could not be read: {exc}") from exc
            cand = None
            fetch_warning = f"its page could not be fetched ({exc}); the feed's own text was imported"
        else:
            cand.origin = origin
            if date.warning:
                cand.warnings.append(date.warning)
            return cand
    else:
        fetch_warning = None
    if not text.strip():
        raise ingest.IngestError("no text" + ("" if url else " and no link to fetch it from")
                                 + ("" if options.fetch or not url else " (fetching links is off)"))
    cand = ingest.make_candidate(
        with_headline(text, title), title=title or None, published=date.iso,
        source=source or (_host(url) if url else None), url=url or None, origin=origin, force_language=options.force_language,
    )
    cand.warnings += [w for w in (date.warning, fetch_warning) if w]
    return cand

"""Articles from files: .txt, .md and saved web pages (.html), one or many at once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..storage import ArticleError, decode_text
from .candidate import MAX_CHARS, Candidate, IngestError, LanguageError, clean_title, make_candidate, parse_published

# Files and downloads larger than this are refused before decoding (HTML carries a lot of markup).
MAX_FILE_BYTES = 10_000_000
MIN_HTML_WORDS = 25  # a web page whose main text is shorter is a menu or a login page, not an article
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


def extract_markdown(text: str) -> str:
    """Plain text from Markdown: heading marks, images, link targets and bold/italic marks removed."""
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", r"\1", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?m)^\s{0,3}>\s?", "", text)
    return text


def extract_html(html: str, *, url: str | None = None) -> tuple[str, dict]:
    """The main text of a web page (trafilatura) and its metadata {title, published, source, url}."""
    import trafilatura

    try:
        body = trafilatura.extract(
            html, url=url, include_comments=False, include_tables=False, include_images=False,
            include_links=False, deduplicate=False,
        )
        meta = trafilatura.extract_metadata(html, default_url=url)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura fail in many ways on broken markup
        raise IngestError(f"could not read the web page ({exc.__class__.__name__})") from exc
    words = len((body or "").split())
    if words < MIN_HTML_WORDS:
        found = f"only {words} word{'s' if words != 1 else ''} of text" if words else "no text"
        raise IngestError(f"no article text found in the web page ({found}; is it a page with an article on it?)")
    info = {"title": None, "published": None, "source": None, "url": url}
    if meta is not None:
        info["title"] = clean_title(meta.title) or None
        info["source"] = (meta.sitename or "").strip() or None
        if meta.date:
            try:
                info["published"] = parse_published(str(meta.date)[:10])
            except IngestError:
                pass
        info["url"] = url or meta.url
    first = body.strip().split("\n", 1)[0].strip()
    if info["title"] and clean_title(first) != info["title"]:
        body = f"{info['title']}\n{body}"
    return body, info


def read_file_bytes(
    name: str, data: bytes, *, title: str | None = None, published: str | None = None,
    source: str | None = None, force_language: bool = False,
) -> Candidate:
    """A Candidate from an uploaded or local file (.txt, .md, .html) given as bytes."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(f"{name}: unsupported file type {suffix or '(none)'!r}; use .txt, .md or .html")
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(f"{name}: file is too large ({len(data):,} bytes; the limit is {MAX_FILE_BYTES:,})")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise IngestError(f"{name} is UTF-16 text, not UTF-8; save it as UTF-8 text and try again")
    try:
        text = decode_text(data)
    except ArticleError as exc:
        raise IngestError(f"{name} {exc}; save it as UTF-8 text and try again" if "UTF-8" in str(exc) else f"{name} {exc}") from exc
    if not text.strip():
        raise IngestError(f"{name} is empty (nothing but whitespace)")
    info: dict = {}
    if suffix in HTML_SUFFIXES:
        if len(text) > MAX_CHARS * 5:
            raise IngestError(f"{name}: page is too large ({len(text):,} characters)")
        try:
            text, info = extract_html(text)
        except IngestError as exc:
            raise IngestError(f"{name}: {exc}") from exc
    elif suffix in (".md", ".markdown"):
        text = extract_markdown(text)
    return make_candidate(
        text, title=title or info.get("title"), published=published or info.get("published"),
        source=source or info.get("source"), url=info.get("url"), origin=name, force_language=force_language,
    )


def read_path(path: Path, **kwargs) -> Candidate:
    """A Candidate from a local file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise IngestError(f"{path}: file is too large ({path.stat().st_size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return read_file_bytes(str(path), data, **kwargs)


@dataclass
class Upload:
    """One file of a multi-file upload: a Candidate, or the reason it was refused."""

    label: str  # the file name, made unique within the batch ("notes.txt (2)")
    candidate: Candidate | None = None
    error: str | None = None
    duplicate_of: str | None = None  # label of an earlier upload with identical text
    language: bool = False  # refused only because it does not look like English


def read_uploads(files: Iterable[tuple[str, bytes]], *, force_language: bool = False) -> list[Upload]:
    """Read many files at once; same-named files get distinct labels, identical texts are flagged."""
    out: list[Upload] = []
    seen_names: dict[str, int] = {}
    seen_text: dict[str, str] = {}
    for name, data in files:
        n = seen_names.get(name, 0) + 1
        seen_names[name] = n
        label = name if n == 1 else f"{name} ({n})"
        try:
            cand = read_file_bytes(name, data, force_language=force_language)
        except IngestError as exc:
            msg = str(exc)
            out.append(Upload(label, error=msg.replace(name, label, 1) if label != name else msg,
                              language=isinstance(exc, LanguageError)))
            continue
        cand.origin = label
        up = Upload(label, candidate=cand, duplicate_of=seen_text.get(cand.sha256))
        seen_text.setdefault(cand.sha256, label)
        out.append(up)
    return out

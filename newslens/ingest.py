"""Bring your own article: read, validate, extract, fetch, slug, add and remove (no Streamlit here).

Every refusal is an `IngestError` whose message is one line a user can act on. Nothing is written to
the data folder until an article has been read, validated and analysed; then the text file is created
exclusively (never overwriting another article) and the sidecar and processed files atomically.
"""
from __future__ import annotations

import http.client
import ipaddress
import json
import os
import re
import socket
import ssl
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Collection, Iterable
from urllib.parse import urljoin, urlsplit

from .config import data_dir as default_data_dir
from .store import (
    ARTICLE_SUFFIX,
    ArticleError,
    articles_dir,
    atomic_write_text,
    corrections_sha,
    decode_text,
    dumps,
    list_slugs,
    load_corrections_for,
    processed_dir,
    read_article,
)

# spaCy refuses longer texts by default (nlp.max_length); News Lens refuses them before parsing.
MAX_CHARS = 1_000_000
# Files and downloads larger than this are refused before decoding (HTML carries a lot of markup).
MAX_FILE_BYTES = 10_000_000
FETCH_TIMEOUT = 15.0  # seconds, for the whole download
MAX_REDIRECTS = 5
MIN_HTML_WORDS = 25  # a web page whose main text is shorter is a menu or a login page, not an article
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
USER_AGENT = "NewsLens/0.1 (article reader; +https://github.com/)"
SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,120}$")
META_SUFFIX = ".meta.json"


class IngestError(ValueError):
    """An input News Lens will not take, with a one-line reason for the user."""


class AnalysisError(IngestError):
    """The pipeline failed on a text that passed validation (a bug to report, not the user's fault)."""


class LanguageError(IngestError):
    """The text does not look like English (the model is English-only); can be overridden."""


@dataclass
class Candidate:
    """An article read from a paste, a file or a link, validated and ready to analyse."""

    text: str
    title: str
    published: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = "pasted text"  # file name, URL or "pasted text"
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)


@dataclass
class Language:
    """What the stop-word detector found."""

    english: bool
    guess: str  # "English", "German", ..., "Chinese/Japanese (CJK)", "unknown"
    english_ratio: float  # share of words that are common English words
    words: int

    def describe(self) -> str:
        if self.guess not in ("English", "unknown"):
            what = f"looks like {self.guess}, not English"
        else:
            what = "does not look like English"
        return f"{what} ({self.english_ratio:.0%} of its {self.words} words are common English words; English news has 30–50%)"


@dataclass
class Added:
    """The outcome of `add_article`."""

    slug: str
    created: bool  # False when an identical text was already there
    paths: list[Path] = field(default_factory=list)


# ------------------------------------------------------------------ text checks


def sha256_text(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize_text(text: str) -> str:
    """Line endings as \\n, no BOM, no trailing spaces, no blank lines at either end, one final newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [ln.rstrip() for ln in text.split("\n")]
    body = "\n".join(lines).strip("\n")
    return body + "\n" if body else ""


def validate_text(text: str, *, force_language: bool = False, what: str = "The text") -> list[str]:
    """Raise IngestError for text News Lens cannot analyse; return warnings for text it can."""
    if "\x00" in text:
        raise IngestError(f"{what} contains NUL characters: it looks like a binary file, not an article")
    if not text.strip():
        raise IngestError(f"{what} is empty (nothing but whitespace)")
    if len(text) > MAX_CHARS:
        raise IngestError(
            f"{what} is too long: {len(text):,} characters; News Lens analyses articles up to "
            f"{MAX_CHARS:,} characters (split it into several articles)"
        )
    if not any(c.isalpha() for c in text):
        raise IngestError(f"{what} contains no words, only numbers, punctuation or quotation marks")
    warnings = []
    lang = detect_language(text)
    if not lang.english:
        if not force_language:
            raise LanguageError(f"{what} {lang.describe()}; the language model reads English only")
        warnings.append(f"{what} {lang.describe()}; analysed anyway, expect poor results")
    words = len(text.split())
    if words < 20:
        warnings.append(f"{what} is very short ({words} words): there may be little to find")
    return warnings


# ------------------------------------------------------------------ language

_STOP = {
    "English": set(
        "the of and to a in that is was he for it with as his on be at by i this had not are but from or have an "
        "they which one you were her all she there would their we him been has when who will more no if out so "
        "said what up its about into than them can only other new some could time these two may then do first any "
        "my now such like our over man me even most made after also did many before must through back years where "
        "much your way well down should because each just those people how too little state good very make world "
        "still own see men work long get here between both life being under never day same another know while last "
        "might us great old year off come since against go came right used take three says told according".split()
    ),
    "German": set("der die und den das ist nicht von sie mit dem sich des auf ein eine einer für im auch es ich "
                  "als wird werden bei nach zu zum zur aus wie noch über sind hat dass oder aber wir".split()),
    "French": set("le la les et des du un une est que qui dans pour pas sur au ce il elle avec se ne sont plus par "
                  "ont aux été cette mais nous vous leur ou été entre".split()),
    "Spanish": set("el la los las y de del que en un una es por con para se al lo como más pero sus le ya fue "
                   "este esta son entre cuando muy sin sobre también".split()),
    "Italian": set("il la di che e è per un una non con sono del della dei le gli nel alla anche come più ma "
                   "questo questa ha hanno essere tra sul".split()),
    "Portuguese": set("o a os as de do da dos das que em um uma para com não por se na no mais como mas foi ao "
                      "pelo pela são também entre".split()),
    "Dutch": set("de het een en van is dat op te zijn niet met voor hij er aan ook als bij maar om dan zo nog "
                 "wordt door naar uit heeft".split()),
}
_SCRIPTS = {"CJK": "Chinese/Japanese (CJK)", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean",
            "CYRILLIC": "a Cyrillic-script language", "ARABIC": "Arabic", "HEBREW": "Hebrew", "GREEK": "Greek",
            "DEVANAGARI": "Hindi (Devanagari)", "THAI": "Thai"}
MIN_WORDS_FOR_LANGUAGE = 12
MIN_ENGLISH_RATIO = 0.15


def detect_language(text: str, *, sample: int = 20_000) -> Language:
    """English or not, from the share of common English words (and the script for non-Latin text)."""
    text = text[:sample]
    letters = [c for c in text if c.isalpha()]
    non_latin = [c for c in letters if ord(c) > 0x24F]
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.lower())
    if letters and len(non_latin) / len(letters) > 0.5:
        scripts: dict[str, int] = {}
        for c in non_latin:
            name = unicodedata.name(c, "UNKNOWN").split()[0]
            scripts[name] = scripts.get(name, 0) + 1
        top = max(scripts, key=scripts.get)
        en = sum(w in _STOP["English"] for w in words) / max(1, len(words))
        return Language(False, _SCRIPTS.get(top, f"{top.title()} script"), en, len(words))
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return Language(True, "unknown", 1.0, len(words))
    ratios = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _STOP.items()}
    en = ratios["English"]
    best = max(ratios, key=ratios.get)
    if en >= MIN_ENGLISH_RATIO or best == "English":
        return Language(True, "English", en, len(words))
    return Language(False, best if ratios[best] >= MIN_ENGLISH_RATIO else "unknown", en, len(words))


# ------------------------------------------------------------------ metadata


def parse_published(value: str | None) -> str | None:
    """An ISO date from what a user typed ("2026-01-08", "8 Jan 2026", "January 8, 2026"), or None if blank."""
    from .dates import parse_absolute_date

    if value is None or not str(value).strip():
        return None
    s = str(value).strip()
    d = parse_absolute_date(s[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}(T|$)", s) else parse_absolute_date(s)
    if d is None:
        raise IngestError(f"published date {s[:40]!r} not understood; write it as YYYY-MM-DD, e.g. 2026-01-08")
    return d.isoformat()


def clean_title(value: str | None) -> str:
    """A one-line title of reasonable length."""
    s = " ".join((value or "").split())
    if len(s) > 150:
        cut = s.rfind(" ", 0, 140)
        s = s[: cut if cut > 40 else 140].rstrip(" ,;:-–—") + "…"
    return s


def detect(text: str) -> tuple[str, str | None, str | None]:
    """(title, published, source) detected from the headline, dateline and a "Source:" line."""
    from .metadata import detect_metadata
    from .segments import split_segments

    segs = split_segments(text)
    meta = detect_metadata(text, segs)
    source = meta.source
    if source is None:  # a wire dateline: "WASHINGTON, Sept 18 (Reuters) -", "GRANTS PASS, Ore. (AP) —"
        for seg in [s for s in segs if s.kind == "paragraph"][:2]:
            m = _AGENCY_RE.match(text, seg.start, seg.end)
            if m:
                source = m.group(1)
                break
    return clean_title(meta.title) or "Untitled", meta.published, source


_AGENCY_RE = re.compile(r"[A-Z][A-Z .'-]{1,40}(?:,[^()\n]{1,30})?\s*\(([A-Z][A-Za-z.&' ]{0,30}[A-Za-z.])\)\s*[-—–]")


def make_candidate(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    origin: str = "pasted text",
    force_language: bool = False,
) -> Candidate:
    """Normalise and validate text; fill title/published/source from the text where not given."""
    if not isinstance(text, str):
        raise IngestError(f"{origin}: no text")
    if len(text) > MAX_CHARS * 2:  # don't even normalise a huge paste
        validate_text(text, what=_what(origin))
    text = normalize_text(text)
    warnings = validate_text(text, force_language=force_language, what=_what(origin))
    d_title, d_pub, d_source = detect(text)
    return Candidate(
        text=text,
        title=clean_title(title) or d_title,
        published=parse_published(published) or d_pub,
        source=(" ".join(source.split())[:200] if source and source.strip() else None) or d_source,
        url=url,
        origin=origin,
        warnings=warnings,
    )


def _what(origin: str) -> str:
    return "The text" if origin == "pasted text" else origin


# ------------------------------------------------------------------ files


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


# ------------------------------------------------------------------ links


@dataclass
class Fetched:
    url: str  # the final URL after redirects
    content_type: str
    charset: str | None
    data: bytes


def _refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address must not be fetched from, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for attr, why in (("is_unspecified", "unspecified"), ("is_loopback", "loopback"), ("is_link_local", "link-local"),
                      ("is_multicast", "multicast"), ("is_reserved", "reserved"), ("is_private", "private")):
        if getattr(ip, attr):
            return why
    if not ip.is_global:
        return "non-public"
    return None


def check_url(
    url: str, *, allow_private: bool | Collection[str] = False,
    resolve: Callable[..., list] = socket.getaddrinfo,
) -> tuple[str, str, int, str]:
    """(scheme, host, port, ip to connect to) for a fetchable http(s) URL; raises IngestError otherwise.

    Every address the host resolves to must be public (not loopback, private, link-local, multicast,
    reserved). `allow_private=True` (or a set of exact addresses) lifts that, for tests against a local server.
    """
    url = (url or "").strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise IngestError(f"only http:// and https:// links can be fetched, not {scheme + '://' if scheme else repr(url[:60])}")
    try:
        host = parts.hostname
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise IngestError(f"the link is malformed ({exc})") from exc
    if not host:
        raise IngestError("the link has no host name")
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise IngestError(f"cannot find the server {host!r} ({getattr(exc, 'strerror', None) or exc})") from exc
    addrs = []
    for info in infos:
        try:
            ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        except ValueError:
            raise IngestError(f"{host!r} resolves to an address News Lens cannot check ({info[4][0]})") from None
        addrs.append(ip)
    if not addrs:
        raise IngestError(f"cannot find the server {host!r}")
    for ip in addrs:
        why = _refusal(ip)
        allowed = allow_private is True or (not isinstance(allow_private, bool) and str(ip) in set(allow_private))
        if why and not allowed:
            raise IngestError(f"refusing to fetch {host!r}: it resolves to a {why} address ({ip}); only public web addresses are fetched")
    return scheme, host, port, str(addrs[0])


def _connection(scheme: str, host: str, port: int, ip: str, timeout: float) -> http.client.HTTPConnection:
    """A connection to `host` that connects to the already-checked address `ip` (no second DNS lookup)."""
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn._create_connection = lambda addr, t=timeout, src=None: socket.create_connection((ip, port), t, src)  # type: ignore[attr-defined]
    return conn


def fetch_url(
    url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_FILE_BYTES,
    allow_private: bool | Collection[str] = False,
) -> Fetched:
    """GET an http(s) URL: public addresses only (every redirect checked again), a time limit and a size cap."""
    deadline = time.monotonic() + timeout
    current = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, ip = check_url(current, allow_private=allow_private)
        parts = urlsplit(current)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn = _connection(scheme, host, port, ip, timeout=max(0.5, deadline - time.monotonic()))
        try:
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1",
                                               "Accept-Encoding": "identity"})
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308):
                loc = resp.getheader("Location")
                if not loc:
                    raise IngestError(f"{host} answered with a redirect without a target")
                current = urljoin(current, loc)
                continue
            if resp.status != 200:
                raise IngestError(f"{host} answered {resp.status} {resp.reason}")
            length = resp.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise IngestError(f"the page is too large ({int(length):,} bytes; the limit is {max_bytes:,})")
            chunks, total = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise IngestError(f"{host} took longer than {timeout:g} seconds")
                chunk = resp.read(65536)
                if not chunk:
                    break
                total += len(chunk)
                if total > max_bytes:
                    raise IngestError(f"the page is too large (more than {max_bytes:,} bytes)")
                chunks.append(chunk)
            ctype = resp.getheader("Content-Type") or ""
            mime = ctype.split(";", 1)[0].strip().lower()
            m = re.search(r"charset=[\"']?([\w.:-]+)", ctype, re.I)
            return Fetched(url=current, content_type=mime, charset=m.group(1).lower() if m else None, data=b"".join(chunks))
        except IngestError:
            raise
        except (socket.timeout, TimeoutError) as exc:
            raise IngestError(f"{host} did not answer within {timeout:g} seconds") from exc
        except ssl.SSLError as exc:
            raise IngestError(f"secure connection to {host} failed ({exc.reason or exc.__class__.__name__})") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise IngestError(f"could not fetch from {host} ({exc.__class__.__name__}: {str(exc)[:100]})") from exc
        finally:
            conn.close()
    raise IngestError(f"too many redirects (more than {MAX_REDIRECTS})")


def read_url(
    url: str, *, title: str | None = None, published: str | None = None, source: str | None = None,
    force_language: bool = False, timeout: float = FETCH_TIMEOUT, allow_private: bool | Collection[str] = False,
) -> Candidate:
    """Fetch a link and make a Candidate of its article text."""
    got = fetch_url(url, timeout=timeout, allow_private=allow_private)
    if got.content_type not in ("text/html", "application/xhtml+xml", "text/plain", ""):
        raise IngestError(f"the link is a {got.content_type} file, not a web page or text")
    if b"\x00" in got.data[:8192]:
        raise IngestError("the link returned binary data, not a web page or text")
    charset = got.charset or "utf-8"
    try:
        text = got.data.decode(charset).lstrip("\ufeff")
    except LookupError as exc:
        raise IngestError(f"the page declares an unknown character set {charset!r}") from exc
    except UnicodeDecodeError as exc:
        raise IngestError(f"the page is not valid {charset} text (bad byte at position {exc.start})") from exc
    info: dict = {"url": got.url}
    if got.content_type != "text/plain":
        text, info = extract_html(text, url=got.url)
    host = urlsplit(got.url).hostname or ""
    cand = make_candidate(
        text, title=title or info.get("title"), published=published or info.get("published"),
        source=source or info.get("source"), url=got.url, origin=url, force_language=force_language,
    )
    cand.source = cand.source or host.removeprefix("www.") or None
    return cand


def looks_like_url(s: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", s.strip()))


# ------------------------------------------------------------------ the data folder


def slugify(title: str, *, max_len: int = 60) -> str:
    """A file-name-safe slug from a title ("Nvidia's H200 chips" -> "nvidias-h200-chips")."""
    s = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"['’]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > max_len:
        cut = s.rfind("-", 0, max_len)
        s = s[: cut if cut > 10 else max_len].strip("-")
    return s or "article"


def _taken(root: Path, slug: str) -> bool:
    return any(p.exists() for p in (articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}",
                                    articles_dir(root) / f"{slug}{META_SUFFIX}",
                                    processed_dir(root) / f"{slug}.json"))


def unique_slug(root: Path, title: str) -> str:
    """The title's slug, suffixed -2, -3… when an article (or its leftovers) already has it."""
    base = slugify(title)
    slug, n = base, 1
    while _taken(root, slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


def find_duplicate(root: Path, text: str) -> str | None:
    """The slug of a stored article whose text is identical (same sha256, after normalising), or None."""
    want = sha256_text(normalize_text(text))
    for slug in list_slugs(root):
        try:
            have = read_article(root, slug)
        except (OSError, ArticleError):
            continue
        if sha256_text(have) == want or sha256_text(normalize_text(have)) == want:
            return slug
    return None


def analyse_for_store(cand: Candidate, *, nlp, root: Path | None = None, slug: str | None = None,
                      parsed=None) -> dict:
    """The processed document for a candidate, exactly as `preprocess` would write it once stored.

    `parsed`: the candidate's text already parsed (`pipeline.parse_many`, or the worker pool's
    segment-by-segment parse); parsed here otherwise."""
    from .pipeline import build_analysis, parse_many

    root = default_data_dir(root)
    try:
        parsed = parsed if parsed is not None else next(parse_many([cand.text], nlp))
        analysis = build_analysis(
            parsed, nlp, title=cand.title, published=cand.published, source=cand.source, slug=slug, url=cand.url,
            corrections=load_corrections_for(root),
        )
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not become a traceback for the user
        raise AnalysisError(f"{_what(cand.origin)} could not be analysed ({exc.__class__.__name__}: {str(exc)[:120]})") from exc
    analysis.pipeline.corrections_sha256 = corrections_sha(root)
    return analysis.to_dict()


def _reusable(doc: dict | None, cand: Candidate, root: Path) -> bool:
    if not doc:
        return False
    art = doc.get("article", {})
    return (art.get("sha256") == cand.sha256 and art.get("text") == cand.text and art.get("title") == cand.title
            and art.get("published") == cand.published and art.get("source") == cand.source
            and doc.get("pipeline", {}).get("corrections_sha256", "") == corrections_sha(root))


def add_article(
    cand: Candidate, *, nlp=None, root: Path | None = None, processed: dict | None = None, model: str | None = None,
) -> Added:
    """Store a candidate: articles/<slug>.txt + <slug>.meta.json + processed/<slug>.json.

    An identical text already stored is not added again (Added.created is False). `processed` is the
    analysis made for the preview; it is reused when it was made from the same text and metadata.
    """
    root = default_data_dir(root)
    dup = find_duplicate(root, cand.text)
    if dup is not None:
        return Added(dup, created=False)
    if not _reusable(processed, cand, root):
        if nlp is None:
            from .pipeline import load_model

            nlp = load_model(model)
        processed = analyse_for_store(cand, nlp=nlp, root=root)
    doc = json.loads(json.dumps(processed))  # a private copy
    meta = {"title": cand.title, "published": cand.published, "source": cand.source, "url": cand.url,
            "origin": cand.origin, "added": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    meta = {k: v for k, v in meta.items() if v}
    for _ in range(100):
        slug = unique_slug(root, cand.title)
        txt = articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}"
        try:
            atomic_write_text(txt, cand.text, exclusive=True)
        except FileExistsError:
            continue  # another writer took this slug between the check and the write
        break
    else:
        raise IngestError("could not find a free file name for the article")
    meta_path = articles_dir(root) / f"{slug}{META_SUFFIX}"
    out = processed_dir(root) / f"{slug}.json"
    doc["article"]["slug"] = slug
    try:
        atomic_write_text(meta_path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
        atomic_write_text(out, dumps(doc))
    except BaseException:
        for p in (out, meta_path, txt):
            try:
                p.unlink()
            except OSError:
                pass
        raise
    return Added(slug, created=True, paths=[txt, meta_path, out])


def check_slug(slug: str) -> str:
    """A slug that names a file in the data folder and nothing outside it."""
    if not isinstance(slug, str) or not SLUG_RE.match(slug) or ".." in slug:
        raise IngestError(f"{str(slug)[:60]!r} is not an article name (see the article list for names)")
    return slug


def article_files(root: Path, slug: str) -> list[Path]:
    """The files that make up a stored article (text, sidecar, processed), existing or not."""
    return [articles_dir(root) / f"{slug}{ARTICLE_SUFFIX}", articles_dir(root) / f"{slug}{META_SUFFIX}",
            processed_dir(root) / f"{slug}.json"]


def remove_article(slug: str, *, root: Path | None = None) -> list[Path]:
    """Delete an article's text, sidecar and processed files; returns the files removed."""
    root = default_data_dir(root)
    check_slug(slug)
    files = article_files(root, slug)
    if not files[0].exists():
        raise IngestError(f"there is no article {slug!r} in {articles_dir(root)}")
    removed = []
    for p in files:  # the text first: from then on the article is gone from every list
        try:
            p.unlink()
            removed.append(p)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise IngestError(f"could not remove {p}: {exc.strerror or exc}") from exc
    return removed

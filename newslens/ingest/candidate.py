"""A candidate article: text normalised and validated, title, date and source filled in.

Every refusal is an `IngestError` whose message is one line a user can act on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import parse_absolute_date
from ..metadata import detect_metadata
from ..schema import sha256_text
from ..segments import split_segments
from .language import detect_language

# spaCy refuses longer texts by default (nlp.max_length); News Lens refuses them before parsing.
MAX_CHARS = 1_000_000


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


def parse_published(value: str | None) -> str | None:
    """An ISO date from what a user typed ("2026-01-08", "8 Jan 2026", "January 8, 2026"), or None if blank."""
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
        validate_text(text, what=sentence_subject(origin))
    text = normalize_text(text)
    warnings = validate_text(text, force_language=force_language, what=sentence_subject(origin))
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


def sentence_subject(origin: str) -> str:
    """How a message names the input: "The text" for a paste, else the file name or link."""
    return "The text" if origin == "pasted text" else origin

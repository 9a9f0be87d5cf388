"""Split an article into hard-bounded segments: headline, dateline, standfirst, paragraphs, captions."""
from __future__ import annotations

import re

from .dates import parse_absolute_date
from .schema import Segment

# A credit such as "Photo: Sina" or "Reporting by Jane Doe"; the credit is one name of capitalised words.
CREDIT_RE = re.compile(
    r"(?:(?<=[.!?”\"’)])\s+|^)"
    r"(?P<credit>(?:Photo|Photograph|Picture|Image|Illustration|Video|Graphic|Credit|Source|File photo)s?:\s*"
    r"[A-Z][\w&.'’-]*(?:/[A-Z][\w&.'’-]*)*)"
    r"|(?P<byline>(?:Reporting|Writing|Editing|Additional reporting) by [^.\n]*?(?:\.|$))"
)


def split_segments(text: str) -> list[Segment]:
    """Segments in text order; every non-empty line is at least one segment, offsets are global."""
    segs: list[Segment] = []
    pos = 0
    lines = text.split("\n")
    seen_body = False
    for i, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        lead = len(line) - len(line.lstrip())
        trail = len(line.rstrip())
        if not line.strip():
            continue
        start, end = start + lead, start + trail
        body = text[start:end]
        if not segs:
            kind = "headline"
        elif not seen_body and len(body) <= 60 and parse_absolute_date(_strip_dateline(body)):
            kind = "dateline"
        elif not seen_body and segs[-1].kind == "dateline" and _looks_like_standfirst(body):
            kind = "standfirst"
        else:
            kind = "paragraph"
            seen_body = True
        segs.extend(_split_credits(text, start, end, kind))
    return segs


def _strip_dateline(s: str) -> str:
    return re.sub(r"^(?:published|updated|posted)\s*:?\s*", "", s.strip(), flags=re.I)


def _looks_like_standfirst(body: str) -> bool:
    return len(body) < 400 and not body.rstrip().endswith((".", "”", '"')) and "“" not in body


def _split_credits(text: str, start: int, end: int, kind: str) -> list[Segment]:
    """Cut photo credits and bylines out as caption segments so names in them stay apart."""
    out: list[Segment] = []
    cur = start
    for m in CREDIT_RE.finditer(text, start, end):
        grp = "credit" if m.group("credit") else "byline"
        s, e = m.start(grp), m.end(grp)
        if kind == "paragraph" and cur < s and text[cur:s].strip():
            # the caption sentence before a credit belongs to the credit ("X, vice-president. Photo: Y")
            cap_start = _caption_start(text, cur, s) if grp == "credit" else s
            if cur < cap_start and text[cur:cap_start].strip():
                out.append(_trim(text, cur, cap_start, kind))
            out.append(_trim(text, cap_start, e, "caption"))
        else:
            out.append(_trim(text, s if cur >= s else cur, e, "caption" if cur >= s else kind))
        cur = e
    if cur < end and text[cur:end].strip():
        out.append(_trim(text, cur, end, kind))
    return [s for s in out if s.end > s.start]


def _caption_start(text: str, lo: int, credit_start: int) -> int:
    """A caption is the last short sentence before the credit, when it has no verb-like quote."""
    before = text[lo:credit_start]
    cut = max(before.rfind(". ", 0, len(before) - 2), before.rfind("” "), before.rfind('" '))
    cap = lo + cut + 2 if cut >= 0 else lo
    return cap if credit_start - cap <= 200 else credit_start


def _trim(text: str, s: int, e: int, kind: str) -> Segment:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Segment(s, e, kind)

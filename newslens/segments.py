"""Split an article into hard-bounded segments: headline, dateline, standfirst, paragraphs, captions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon
from .dates import parse_absolute_date
from .schema import Segment

# Credit lines: "Photo: Sina", "Photograph: Dan Kitwood/Getty Images", "(AP Photo/Andy Wong)",
# "Reporting by Jane Doe in Beijing; Editing by John Smith".
_CREDIT_LEAD = re.compile(
    r"(?:(?<=[.!?”\"’)])\s+|^)"
    r"(?P<lead>(?:File\s+)?(?:Photo|Photograph|Picture|Pic|Image|Illustration|Video|Graphic|Credit|Source)s?"
    r"(?:\s+illustration)?\s*:\s*|(?:Photo|Photograph|Picture)s?\s+by\s+)",
    re.M,
)
_AP_CREDIT = re.compile(r"\((?P<org>[A-Z][A-Za-z]{1,10}) Photo/(?P<who>[^)\n]{2,60})\)")
BYLINE_RE = re.compile(
    r"(?:(?<=[.!?”\"’)])\s+|^)"
    r"(?P<byline>(?:Reporting|Writing|Editing|Additional reporting|Compiled|Written|Edited|Graphics) by\s"
    r"[^.\n]*?(?:\.(?=\s|$)|$))",
    re.M,
)
# words that begin the next sentence rather than continue a run-on credit name
_SENTENCE_STARTERS = lexicon.words("sentence_starters")
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ese|ian|ean|ish|ic|i)$|^(?:"
                      + "|".join(sorted(lexicon.words("credit_demonyms"))) + r")$")
_NAME_WORD = re.compile(r"[A-Z0-9][\w&'’.-]*|[a-z]+[A-Z][\w&'’.-]*")
# credit words that name no one
CREDIT_NON_NAMES = frozenset(
    "handout file supplied screenshot screengrab courtesy archive archives social media shutterstock-free".split()
)
_ORG_CREDIT_WORDS = lexicon.words("credit_org_words")
# words one of which every match of a pattern holds (a cheap `str.find` first: most segments have no credit)
_LEAD_HINTS = ("Photo", "Pic", "Image", "Illustration", "Video", "Graphic", "Credit", "Source")  # `_CREDIT_LEAD`
_AP_HINT, _BYLINE_HINT = " Photo/", " by"  # `_AP_CREDIT`, `BYLINE_RE`


@dataclass
class CreditName:
    """A name read from a credit line, with the kind of thing it likely is."""

    start: int
    end: int
    text: str
    label: str  # ORG | PERSON | GPE


@dataclass
class Credit:
    """A photo credit or byline: its span and the names in it."""

    start: int
    end: int
    kind: str  # photo | byline
    names: list[CreditName] = field(default_factory=list)


def find_credits(text: str, start: int = 0, end: int | None = None) -> list[Credit]:
    """Photo credits and bylines in `text[start:end]`, each with its names (global offsets)."""
    end = len(text) if end is None else end
    out: list[Credit] = []
    leads = any(text.find(w, start, end) >= 0 for w in _LEAD_HINTS)
    for m in _CREDIT_LEAD.finditer(text, start, end) if leads else ():
        names, stop = _photo_names(text, m.end("lead"), end)
        if names or stop > m.end("lead"):
            out.append(Credit(m.start("lead"), stop, "photo", names))
    for m in _AP_CREDIT.finditer(text, start, end) if text.find(_AP_HINT, start, end) >= 0 else ():
        org = CreditName(m.start("org"), m.end("org"), m.group("org"), "ORG")
        who, _ = _photo_names(text, m.start("who"), m.end("who"))
        out.append(Credit(m.start(), m.end(), "photo", [org, *who]))
    for m in BYLINE_RE.finditer(text, start, end) if text.find(_BYLINE_HINT, start, end) >= 0 else ():
        out.append(Credit(m.start("byline"), m.end("byline"), "byline", _byline_names(text, m.start("byline"), m.end("byline"))))
    out.sort(key=lambda c: c.start)
    kept: list[Credit] = []
    for c in out:
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return kept


def _words(text: str, pos: int, end: int):
    """(start, end, word) for the words of text[pos:end], separators ("/", ",", ";") as their own items."""
    for m in re.finditer(r"[/;,()]|[^\s/;,()]+", text[pos:end]):
        yield pos + m.start(), pos + m.end(), m.group()


def _photo_names(text: str, pos: int, end: int) -> tuple[list[CreditName], int]:
    """Names after "Photo:", split at "/", " via ", " for "; stops where the next sentence starts."""
    line_end = text.find("\n", pos, end)
    line_end = end if line_end < 0 else line_end
    groups: list[list[tuple[int, int, str]]] = [[]]
    stop = pos
    items = list(_words(text, pos, line_end))
    i = 0
    while i < len(items):
        s, e, w = items[i]
        cur = groups[-1]
        if w in ("/", ",") or w.lower() in ("via", "for", "and", "&"):
            if not cur:
                break
            groups.append([])
            i += 1
            continue
        if w.lower() in ("of",) and cur and cur[-1][2].lower() == "courtesy":
            cur.clear()
            i += 1
            continue
        core = w.rstrip(".")
        is_name = bool(_NAME_WORD.fullmatch(core)) and core != ""
        if not is_name:
            break
        if cur and (core in _SENTENCE_STARTERS or _DEMONYM.match(core)):
            break
        if not cur and len(groups) == 1 and core in _SENTENCE_STARTERS:
            break
        nxt = items[i + 1][2] if i + 1 < len(items) else None
        if cur and nxt is not None and nxt[:1].islower() and nxt.lower() not in ("via", "for", "and", "of"):
            break  # a capitalised word followed by a lowercase one starts the next sentence
        cur.append((s, s + len(core), core))
        stop = s + len(core)
        i += 1
        if w.endswith(".") and core.lower() not in ("u.s", "inc", "co", "corp", "ltd", "jr", "st"):
            break
        if len(cur) >= 5:
            break
    names = []
    for g in groups:
        if not g:
            continue
        s, e = g[0][0], g[-1][1]
        words = [w for _, _, w in g]
        low = {w.lower() for w in words}
        if low <= CREDIT_NON_NAMES:
            continue
        while len(g) > 1 and g[-1][2].lower() in ("photo", "photos", "pictures", "picture"):
            g = g[:-1]  # "AP Photo" -> "AP"
        s, e = g[0][0], g[-1][1]
        words = [w for _, _, w in g]
        low = {w.lower() for w in words}
        if len(words) == 1 or low & _ORG_CREDIT_WORDS or any(w.isupper() and len(w) > 1 for w in words):
            label = "ORG"
        else:
            label = "PERSON"
        names.append(CreditName(s, e, text[s:e], label))
    return names, stop


def _byline_names(text: str, start: int, end: int) -> list[CreditName]:
    """People (and their places, "in Beijing") named in a byline."""
    names: list[CreditName] = []
    for clause in re.finditer(r"\bby\s+([^;]+)", text[start:end]):
        cs = start + clause.start(1)
        body = clause.group(1).rstrip(". ")
        for part in re.finditer(r"[^,]+?(?=,|\s+and\s+|$)", body):
            piece = part.group().strip()
            if not piece or piece == "and":
                continue
            ps = cs + part.start() + (len(part.group()) - len(part.group().lstrip()))
            piece = re.sub(r"^and\s+", "", piece)
            ps = text.find(piece, ps)
            m = re.match(r"(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?:\s+in\s+(?P<where>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}))?$", piece)
            if not m:
                continue
            names.append(CreditName(ps + m.start("who"), ps + m.end("who"), m.group("who"), "PERSON"))
            if m.group("where"):
                names.append(CreditName(ps + m.start("where"), ps + m.end("where"), m.group("where"), "GPE"))
    return names


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
    for c in find_credits(text, start, end):
        s, e = c.start, c.end
        if kind == "paragraph" and cur < s and text[cur:s].strip():
            # the caption sentence before a credit belongs to the credit ("X, vice-president. Photo: Y")
            cap_start = _caption_start(text, cur, s) if c.kind == "photo" else s
            if cur < cap_start and text[cur:cap_start].strip():
                out.append(_trim(text, cur, cap_start, kind))
            out.append(_trim(text, cap_start, e, "caption"))
        elif cur < s and text[cur:s].strip():
            out.append(_trim(text, cur, s, kind))
            out.append(_trim(text, s, e, "caption"))
        else:
            out.append(_trim(text, cur, e, "caption"))
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

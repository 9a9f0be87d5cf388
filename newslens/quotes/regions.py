"""Pass 3, regions: each quoted region becomes a direct quote, a partial quote or no statement.

Direct: sentence-initial, or after "said:" / "said,"; partial: quoted words inside a reported
sentence; titles and scare quotes without a speech cue are not statements. A direct quote without
attribution right after an attributed statement inherits its speaker.
"""
from __future__ import annotations

import re

from .. import lexicon
from .vocab import ABBREVIATIONS, TRAIL_STRIP
from .context import Ctx, Frame, Region
from ..schema import Span
from .cues import mention_span
from .syntax import cue_lemma


def is_terminal(text: str, i: int, lo: int) -> bool:
    """Is text[i] a sentence-ending mark (not an abbreviation or an initial)?"""
    ch = text[i]
    if ch not in ".!?…":
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if not (nxt.isspace() or nxt in "”\"’'"):
        return False
    if ch == ".":
        j = i
        while j > lo and (text[j - 1].isalpha() or text[j - 1] == "."):
            j -= 1
        word = text[j:i].lower()
        if word in ABBREVIATIONS or (len(word) == 1 and text[j:i].isupper()):
            return False
    return True


def left_context(ctx: Ctx, r: Region) -> tuple[int, int]:
    """From the start of the sentence that holds the opening mark to the mark."""
    seg = ctx.parsed.segments[r.seg_first]
    text = ctx.text
    i = r.open - 1
    while i >= seg.start:
        inside = ctx.in_region(i)
        if inside is not None and inside is not r:
            if text[inside.start:inside.close].rstrip(TRAIL_STRIP)[-1:] in ".!?…" and not text[inside.close + 1:r.open].strip():
                return inside.close + 1, r.open
            i = inside.open - 1
            continue
        if is_terminal(text, i, seg.start):
            return i + 1, r.open
        i -= 1
    return seg.start, r.open


def right_context(ctx: Ctx, r: Region) -> tuple[int, int]:
    """From the closing mark to the end of its sentence (or the next quote)."""
    seg = ctx.parsed.segments[r.seg_last]
    text = ctx.text
    i = r.close + 1
    while i < seg.end:
        inside = ctx.in_region(i)
        if inside is not None and inside is not r:
            return r.close + 1, inside.open
        if is_terminal(text, i, seg.start):
            return r.close + 1, i + 1
        i += 1
    return r.close + 1, seg.end


def tokens_between(ctx: Ctx, si: int, lo: int, hi: int):
    seg = ctx.parsed.segments[si]
    doc = seg.doc
    return [doc[i] for i in seg.table.span_at(lo - seg.start, hi - seg.start)]


def looks_like_title(s: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’'-]*", s)
    if len(words) < 2:
        return False
    small = lexicon.words("title_small_words")
    major = [w for w in words if w.lower() not in small]
    if not major:
        return False
    if s.rstrip()[-1:] in ".!?":
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in major)


def frame_for_cue(frames_by_cue: dict, tok):
    return frames_by_cue.get((id(tok.doc), tok.i))


def classify_regions(ctx: Ctx, frames: list[Frame]) -> None:
    """Decide for each region: direct, partial or not a statement; attach its cue frame."""
    by_cue = {}
    for f in frames:
        by_cue[(f.cue_span.start)] = f
    text = ctx.text
    for r in ctx.regions:
        content = text[r.start : r.end]
        if not re.search(r"\w", content):
            continue
        ls, le = left_context(ctx, r)
        rs, re_ = right_context(ctx, r)
        left = text[ls:le]
        left_stripped = left.strip()
        ltoks = [t for t in tokens_between(ctx, r.seg_first, ls, le) if not ctx.in_region(ctx.off(t))]
        rtoks = [t for t in tokens_between(ctx, r.seg_last, rs, re_) if not ctx.in_region(ctx.off(t))]
        left_cue = last_cue(ltoks)
        initial = (
            not left_stripped
            or left_stripped[-1] in ":,—–(["
            or (left_cue is not None and not [t for t in ltoks if t.i > left_cue.i and not t.is_punct])
        )
        frame = None
        if initial:
            frame = right_attribution(ctx, r, rtoks, by_cue) or dash_attribution(ctx, r, rtoks)
            if frame is None and not left_stripped:
                frame = colon_lead_in(ctx, r, frames)
            if frame is None and left_stripped[-1:] in (",", ":"):
                # "According to Limbaugh, “…”": the quote is what the source said
                frame = next((by_cue[ctx.off(t)] for t in ltoks if t.lower_ == "according" and ctx.off(t) in by_cue), None)
            if frame is None and left_cue is not None:
                after = [t for t in ltoks if t.i > left_cue.i]
                if not [t for t in after if not t.is_punct] or left_stripped[-1:] in ":,":
                    frame = by_cue.get(ctx.off(left_cue))
            if frame is None and left_stripped[-1:] == ":" and not ltoks:
                frame = None
            words = len(re.findall(r"\w+", content))
            if frame is not None and frame.speaker_span is None:
                frame = None
            if frame is not None:
                if looks_like_title(content) and words <= 6 and frame.cue not in ("say", "tell", "add"):
                    continue
                r.kind, r.frame = "direct", frame
            elif left_stripped == "" or left_stripped[-1:] in ":—–":
                # floating: decided later from the statement before it
                if words >= 3 and not looks_like_title(content):
                    r.kind = "floating"
            continue
        # embedded in a sentence: a partial quote when the sentence reports speech
        if looks_like_title(content) or is_premodifier(ctx, r):
            continue
        frame = embedding_frame(ctx, r, frames, ltoks + rtoks)
        if frame is not None:
            r.kind, r.frame = "partial", frame


DASHES = "―—–"


def dash_attribution(ctx: Ctx, r: Region, rtoks) -> Frame | None:
    """'“…” ― Jane Doe' / '“…” — John Smith, a retired teacher': a name after a dash ends the paragraph."""
    seg = ctx.parsed.segments[r.seg_last]
    rest = ctx.text[r.close + 1 : seg.end]
    m = re.match(r"[\s.,]*([―—–]|-(?=\s))\s*", rest)
    if m is None:
        return None
    dash = r.close + 1 + m.start(1)
    after = [t for t in rtoks if ctx.off(t) > dash and not t.is_space]
    if not after or after[0].pos_ != "PROPN" or not after[0].text[:1].isupper():
        return None
    head = after[0]
    while head.head.i > head.i and head.head.pos_ == "PROPN" and head.dep_ in ("compound", "flat"):
        head = head.head
    tail = ctx.text[ctx.tok_end(head) : seg.end].strip()
    if tail and not (tail[0] in ",." and not re.search(r"[.!?]\s+\S", tail[1:])):
        return None  # the name must close the paragraph (a description after a comma may follow)
    return Frame(cue=ctx.text[dash], cue_span=Span(dash, dash + 1, ctx.text[dash]), speaker_tok=head,
                 speaker_span=mention_span(ctx, head), seg=r.seg_last, cue_tok=None)


def colon_lead_in(ctx: Ctx, r: Region, frames: list[Frame]) -> Frame | None:
    """'Caddell continued:' / 'The letter reads:' ending the paragraph before a quote that opens its own."""
    if r.seg_first == 0:
        return None
    prev = ctx.parsed.segments[r.seg_first - 1]
    if not ctx.text[prev.start : prev.end].rstrip().endswith(":"):
        return None
    colon = ctx.text.rindex(":", prev.start, prev.end)
    cands = [f for f in frames if prev.start <= f.cue_span.start < colon and f.speaker_span is not None]
    if not cands:
        return None
    f = max(cands, key=lambda f: f.cue_span.start)
    between = ctx.text[f.cue_span.end : colon]
    if re.search(r"[.!?][\s”\"’']", between) or f.content is not None:
        return None  # the cue belongs to an earlier sentence, or reports a clause of its own
    return f


def is_premodifier(ctx: Ctx, r: Region) -> bool:
    """'its “AI-first” strategy': quoted words modifying the noun after them are a label, not speech."""
    if r.seg_first != r.seg_last:
        return False
    inner = [t for t in tokens_between(ctx, r.seg_first, r.start, r.end) if not t.is_punct]
    after = [t for t in tokens_between(ctx, r.seg_first, r.close + 1, ctx.parsed.segments[r.seg_first].end)]
    if not inner or not after:
        return False
    nxt = after[0]
    if nxt.pos_ not in ("NOUN", "PROPN") or ctx.off(nxt) - (r.close + 1) > 1:
        return False
    before = [t for t in tokens_between(ctx, r.seg_first, ctx.parsed.segments[r.seg_first].start, r.open)]
    coined = "-" in ctx.text[r.start:r.end] or any(t.text[:1].isupper() for t in inner)
    det = bool(before) and before[-1].dep_ in ("det", "poss") and before[-1].head.i == nxt.i
    if not (coined or det):
        return False  # "warned of “extreme” heat": the source's own word
    ids = {t.i for t in inner}
    return all(t.head.i in ids or t.head.i == nxt.i for t in inner) and any(t.head.i == nxt.i for t in inner)


def last_cue(toks):
    for t in reversed(toks):
        if cue_lemma(t):
            return t
    return None


def right_attribution(ctx: Ctx, r: Region, rtoks, by_cue) -> Frame | None:
    """'“...,” he said' / '“...,” said Smith' / '“...” insists Burton' / '“...”: Smith warns'."""
    toks = [t for t in rtoks if not t.is_space]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    if not toks:
        return None
    first = toks[0]
    if cue_lemma(first):
        return by_cue.get(ctx.off(first))
    for t in toks[:25]:
        lem = cue_lemma(t)
        if not lem:
            continue
        f = by_cue.get(ctx.off(t))
        if f is None:
            return None
        # everything before the cue must be the speaker phrase (with its apposition) or adverbs
        subj = f.speaker_tok
        allowed = set()
        if subj is not None and subj.doc is t.doc:
            for s in (subj, *subj.ancestors):
                if s.i == t.i:
                    break
                allowed.update(x.i for x in s.subtree)
                if s.head.i == t.i:
                    break
        for x in toks:
            if x.i >= t.i:
                break
            if x.i in allowed or x.is_punct or (x.head.i == t.i and x.dep_ in ("advmod", "aux", "neg", "npadvmod")):
                continue
            return None
        return f
    return None


def embedding_frame(ctx: Ctx, r: Region, frames: list[Frame], toks) -> Frame | None:
    """The cue frame of the sentence around a partial quote."""
    best = None
    for f in frames:
        if f.speaker_span is None:
            continue
        if f.content and f.content[0] <= r.start and r.end <= f.content[1]:
            return f
    by_start = {f.cue_span.start: f for f in frames if f.speaker_span is not None}
    # the speech verb that governs the quoted words ("described the scene as “horrific”")
    for t in tokens_between(ctx, r.seg_first, r.start, r.end):
        for anc in t.ancestors:
            f = by_start.get(ctx.off(anc))
            if f is not None:
                return f
    ids = {ctx.off(t) for t in toks}
    for f in frames:
        if f.speaker_span is None:
            continue
        if f.cue_span.start in ids:
            if best is None or abs(f.cue_span.start - r.start) < abs(best.cue_span.start - r.start):
                best = f
    return best


def inherit_floating(ctx: Ctx, statements: list) -> None:
    """A direct quote without attribution takes the speaker of the statement just before it."""
    segs = ctx.parsed.segments
    for i, (s, e, kind, frame, quoted) in enumerate(statements):
        if kind != "floating":
            continue
        si = seg_at(ctx, s)
        prev = None
        for j in range(i - 1, -1, -1):
            ps, pe, pk, pf, _ = statements[j]
            if pk != "floating" and pf is not None and pf.speaker_span is not None:
                prev = statements[j]
                break
        ok = False
        if prev is not None:
            pseg = seg_at(ctx, prev[0])
            between = [k for k in range(pseg + 1, si) if segs[k].kind not in ("caption",)]
            ok = len(between) == 0
        if ok:
            inh = Frame(cue=prev[3].cue, cue_span=prev[3].cue_span, speaker_tok=prev[3].speaker_tok,
                         speaker_span=prev[3].speaker_span, seg=prev[3].seg, inherited=True)
            statements[i] = (s, e, "direct", inh, quoted)
        else:
            statements[i] = (s, e, None, None, quoted)
    statements[:] = [x for x in statements if x[2] is not None]


def seg_at(ctx: Ctx, pos: int) -> int:
    for i, seg in enumerate(ctx.parsed.segments):
        if seg.start <= pos < seg.end or pos < seg.start:
            return i
    return len(ctx.parsed.segments) - 1

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
from .syntax import cue_lemma_at

TERMINALS = ".!?…"  # the only characters `is_terminal` can accept


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
        i = _stop_before(ctx, i, seg.start)  # the characters between decide nothing
        if i < seg.start:
            break
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
        i = _stop_after(ctx, i, seg.end)  # the characters between decide nothing
        if i >= seg.end:
            break
        inside = ctx.in_region(i)
        if inside is not None and inside is not r:
            return r.close + 1, inside.open
        if is_terminal(text, i, seg.start):
            return r.close + 1, i + 1
        i += 1
    return r.close + 1, seg.end


def _stop_before(ctx: Ctx, i: int, lo: int) -> int:
    """The last offset in [lo, i] where a walk to the left can stop: a sentence-ending mark or a quoted region's
    marks (anywhere else `in_region` is None and `is_terminal` False); lo - 1 if none."""
    text = ctx.text
    j = max(text.rfind(c, lo, i + 1) for c in TERMINALS)
    for reg in ctx.regions:  # in order of their opening marks
        if reg.open > i:
            break
        if reg.close >= lo:
            j = max(j, min(reg.close, i))
    return j if j >= lo else lo - 1


def _stop_after(ctx: Ctx, i: int, hi: int) -> int:
    """The first offset in [i, hi) where a walk to the right can stop (as `_stop_before`); hi if none."""
    text = ctx.text
    found = [k for k in (text.find(c, i, hi) for c in TERMINALS) if k >= 0]
    j = min(found) if found else hi
    for reg in ctx.regions:
        if reg.open >= j:
            break
        if reg.close >= i:
            j = min(j, max(reg.open, i))
    return j


def tokens_between(ctx: Ctx, si: int, lo: int, hi: int) -> range:
    """Token numbers of segment si whose global offsets lie in [lo, hi)."""
    seg = ctx.parsed.segments[si]
    return seg.table.span_at(lo - seg.start, hi - seg.start)


def _outside(ctx: Ctx, si: int, toks) -> list[int]:
    """The tokens of segment si not inside a quoted region."""
    seg = ctx.parsed.segments[si]
    idx = seg.table.idx
    return [i for i in toks if not ctx.in_region(seg.start + idx[i])]


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
        lseg = ctx.parsed.segments[r.seg_first]
        lt = lseg.table
        ltoks = _outside(ctx, r.seg_first, tokens_between(ctx, r.seg_first, ls, le))  # token numbers
        rtoks = _outside(ctx, r.seg_last, tokens_between(ctx, r.seg_last, rs, re_))
        left_cue = last_cue(lt, ltoks)
        initial = (
            not left_stripped
            or left_stripped[-1] in ":,—–(["
            or (left_cue is not None and not [i for i in ltoks if i > left_cue and not lt.is_punct[i]])
        )
        if initial and left_stripped.lower().endswith("that,") and re.match(r"\s*[a-z]", text[r.close + 1:r.close + 3]):
            initial = False  # "said via email that, “Of course ...” against what ...": the quote is inside the clause
        frame = None
        if initial:
            frame = right_attribution(ctx, r, rtoks, by_cue) or dash_attribution(ctx, r, rtoks)
            if frame is None and not left_stripped:
                frame = colon_lead_in(ctx, r, frames)
            if frame is None and left_stripped[-1:] in (",", ":"):
                # "According to Limbaugh, “…”": the quote is what the source said
                frame = next((by_cue[lseg.start + lt.idx[i]] for i in ltoks
                              if lt.lower[i] == "according" and lseg.start + lt.idx[i] in by_cue), None)
            if frame is None and left_cue is not None:
                after = [i for i in ltoks if i > left_cue]
                if not [i for i in after if not lt.is_punct[i]] or left_stripped[-1:] in ":,":
                    frame = by_cue.get(lseg.start + lt.idx[left_cue])
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
        frame = embedding_frame(ctx, r, frames, ltoks, rtoks)
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
    t = seg.table
    after = [i for i in rtoks if seg.start + t.idx[i] > dash and not t.is_space[i]]
    if not after or t.pos[after[0]] != "PROPN" or not t.text[after[0]][:1].isupper():
        return None
    head = after[0]
    while t.head[head] > head and t.pos[t.head[head]] == "PROPN" and t.dep[head] in ("compound", "flat"):
        head = t.head[head]
    tail = ctx.text[seg.start + t.end_char[head] : seg.end].strip()
    if tail and not (tail[0] in ",." and not re.search(r"[.!?]\s+\S", tail[1:])):
        return None  # the name must close the paragraph (a description after a comma may follow)
    tok = seg.doc[head]
    return Frame(cue=ctx.text[dash], cue_span=Span(dash, dash + 1, ctx.text[dash]), speaker_tok=tok,
                 speaker_span=mention_span(ctx, tok), seg=r.seg_last, cue_tok=None)


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
    seg = ctx.parsed.segments[r.seg_first]
    t = seg.table
    head = t.head
    inner = [i for i in tokens_between(ctx, r.seg_first, r.start, r.end) if not t.is_punct[i]]
    after = tokens_between(ctx, r.seg_first, r.close + 1, seg.end)
    if not inner or not after:
        return False
    nxt = after[0]
    if t.pos[nxt] not in ("NOUN", "PROPN") or seg.start + t.idx[nxt] - (r.close + 1) > 1:
        return False
    before = tokens_between(ctx, r.seg_first, seg.start, r.open)
    coined = "-" in ctx.text[r.start:r.end] or any(t.text[i][:1].isupper() for i in inner)
    det = bool(before) and t.dep[before[-1]] in ("det", "poss") and head[before[-1]] == nxt
    if not (coined or det):
        return False  # "warned of “extreme” heat": the source's own word
    ids = set(inner)
    return all(head[i] in ids or head[i] == nxt for i in inner) and any(head[i] == nxt for i in inner)


def last_cue(t, toks: list[int]) -> int | None:
    """The last of the tokens (numbers of table `t`) that is a speech cue."""
    for i in reversed(toks):
        if cue_lemma_at(t, i):
            return i
    return None


def right_attribution(ctx: Ctx, r: Region, rtoks, by_cue) -> Frame | None:
    """'“...,” he said' / '“...,” said Smith' / '“...” insists Burton' / '“...”: Smith warns'."""
    seg = ctx.parsed.segments[r.seg_last]
    t = seg.table
    punct, head = t.is_punct, t.head
    toks = [i for i in rtoks if not t.is_space[i]]
    a = 0
    while a < len(toks) and punct[toks[a]]:
        a += 1
    toks = toks[a:]
    if not toks:
        return None
    first = toks[0]
    if cue_lemma_at(t, first):
        return by_cue.get(seg.start + t.idx[first])
    for cue in toks[:25]:
        lem = cue_lemma_at(t, cue)
        if not lem:
            continue
        f = by_cue.get(seg.start + t.idx[cue])
        if f is None:
            return None
        # everything before the cue must be the speaker phrase (with its apposition) or adverbs
        subj = f.speaker_tok
        allowed = set()
        if subj is not None and subj.doc is seg.doc:
            for s in (subj.i, *t.ancestors(subj.i)):
                if s == cue:
                    break
                allowed.update(t.subtree(s))
                if head[s] == cue:
                    break
        for x in toks:
            if x >= cue:
                break
            if x in allowed or punct[x] or (head[x] == cue and t.dep[x] in ("advmod", "aux", "neg", "npadvmod")):
                continue
            return None
        return f
    return None


def embedding_frame(ctx: Ctx, r: Region, frames: list[Frame], ltoks: list[int], rtoks: list[int]) -> Frame | None:
    """The cue frame of the sentence around a partial quote."""
    best = None
    for f in frames:
        if f.speaker_span is None:
            continue
        if f.content and f.content[0] <= r.start and r.end <= f.content[1]:
            return f
    by_start = {f.cue_span.start: f for f in frames if f.speaker_span is not None}
    # the speech verb that governs the quoted words ("described the scene as “horrific”")
    lseg, rseg = ctx.parsed.segments[r.seg_first], ctx.parsed.segments[r.seg_last]
    lt = lseg.table
    for i in tokens_between(ctx, r.seg_first, r.start, r.end):
        for anc in lt.ancestors(i):
            f = by_start.get(lseg.start + lt.idx[anc])
            if f is not None:
                return f
    ids = {lseg.start + lt.idx[i] for i in ltoks} | {rseg.start + rseg.table.idx[i] for i in rtoks}
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

"""Statement scope: a statement is the whole attributed clause; its quoted words are sub-spans.

A direct quote is its quoted words. A partial statement ("she called the plan “a gift to polluters”",
"he said the deal was “dead in the water”") is the reported clause around the quoted words, with
every quotation inside it listed in `quoted`. Reported speech without quotation marks is its clause
(kind indirect) unless quoted words inside it already made it a statement.
"""
from __future__ import annotations

from .context import Ctx, Frame, Region

# dependents of a naming verb that are not what was said ("called it “a disgrace” on Monday")
ABOUT = frozenset("of about against on over".split())  # "warned of ...", "spoke about ..."
NOT_NAMED = frozenset("advmod npadvmod advcl punct cc conj prep agent mark aux neg nsubj nsubjpass".split())


def statements_of(ctx: Ctx, frames: list[Frame]) -> list[tuple]:
    """(start, end, kind, frame, quoted spans) of every statement, in text order."""
    out: list[list] = []
    for r in ctx.regions:
        if r.kind in ("direct", "floating"):
            out.append([r.start, r.end, r.kind, r.frame, [(r.start, r.end)]])
    directs = [(r.open, r.close + 1) for r in ctx.regions if r.kind in ("direct", "floating")]
    for r in ctx.regions:
        if r.kind != "partial":
            continue
        cs, ce = clause_of(ctx, r)
        if any(cs < de and ds < ce for ds, de in directs):
            cs, ce = r.start, r.end  # the clause would swallow a direct quote: the quoted words alone
        if (cs, ce) == (r.start, r.end) and r.frame.content is not None and r.frame.content[0] == r.start:
            out.append([r.start, r.end, "direct", r.frame, [(r.start, r.end)]])  # the whole clause is quoted
            continue
        same = next((st for st in out if st[2] == "partial" and st[3] is r.frame and st[0] < ce and cs < st[1]), None)
        if same is not None:
            same[0], same[1] = min(same[0], cs), max(same[1], ce)
            same[4].append((r.start, r.end))
        else:
            out.append([cs, ce, "partial", r.frame, [(r.start, r.end)]])
    taken = [(r.open, r.close + 1) for r in ctx.regions if r.kind] + [(st[0], st[1]) for st in out]
    for f in frames:
        if f.content is None or f.speaker_span is None:
            continue
        s, e = f.content
        if any(s < te and ts < e for ts, te in taken):
            continue  # its words are quoted: that statement holds them
        out.append([s, e, "indirect", f, []])
        taken.append((s, e))
    out.sort(key=lambda x: x[0])
    return [tuple(x) for x in out]


def clause_of(ctx: Ctx, r: Region) -> tuple[int, int]:
    """The reported clause that holds a partial quote (the quoted words when none is found)."""
    f = r.frame
    if f.content is not None and f.content[0] <= r.start and r.end <= f.content[1]:
        return f.content
    if f.content is not None and f.content[0] <= r.start < f.content[1] and \
            not ctx.text[f.content[1]:r.end].strip(".,;:!?…"):
        return f.content[0], r.end  # the quotation closes the clause, with its final stop: "said that “we ... anywhere.”"
    cue = f.cue_tok
    if cue is not None and f.cue != "according to" and cue.doc is _doc_at(ctx, r.start):
        named = named_span(ctx, cue)
        if named is not None and named[0] <= r.start and r.end <= named[1]:
            return named
    return r.start, r.end


def named_span(ctx: Ctx, cue) -> tuple[int, int] | None:
    """What a cue attributes beside a clause: 'called [the plan “a gift to polluters”]', 'described [it as “...”]'."""
    kept = [c for c in cue.children if c.i > cue.i and c.dep_ not in NOT_NAMED]
    kept += [c for c in cue.children if c.i > cue.i and c.dep_ == "prep" and c.lower_ in ("as", "like")]
    if not kept:  # "warned of “extreme” heat", "spoke about “a new era”": the object of the preposition
        kept = [p for c in cue.children if c.i > cue.i and c.dep_ == "prep" and c.lower_ in ABOUT
                for p in c.children if p.dep_ == "pobj"]
    if not kept:
        return None
    toks = [t for c in kept for t in c.subtree]
    lo = min(toks, key=lambda t: t.i)
    hi = max(toks, key=lambda t: t.i)
    s, e = ctx.off(lo), ctx.tok_end(hi)
    for reg in ctx.regions:  # a quotation cut by the subtree gets its closing mark back
        if s <= reg.open < e <= reg.close:
            e = reg.close + 1
    return s, e


def _doc_at(ctx: Ctx, pos: int):
    for seg in ctx.parsed.segments:
        if seg.start <= pos < seg.end:
            return seg.doc
    return None

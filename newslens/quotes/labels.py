"""Speaker labels: a line that opens with a person's name and a colon is what that person said.

Headlines ("Pence: Gennifer Flowers Won't Be at Debate", "Merkel: Europe must take its fate into its own
hands") and transcripts ("PENCE: Well, look, Hillary Clinton apparently thinks ..."). The name must be a
person of the article (a PERSON mention there, or the surname of one), so topic labels ("Brexit: ...",
"Poll: ...", "Analysis: ...") and credits ("Photo: ...") are not speakers; what follows must hold a verb.
"""
from __future__ import annotations

import re

from ..schema import Span
from .context import Ctx, Frame

_LABEL = re.compile(r"\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?=\S)")


def _person_names(ctx: Ctx) -> tuple[list[tuple[int, int]], set[str]]:
    """(the PERSON mentions' spans, the persons' names and surnames lower-cased)."""
    spans, names = [], set()
    for e in ctx.entities:
        if e.label != "PERSON":
            continue
        spans.extend((m.start, m.end) for m in e.mentions)
        for n in (e.name, *e.aliases):
            names.add(n.lower())
            names.add(n.split()[-1].lower())
    return spans, names


def label_frames(ctx: Ctx) -> list[Frame]:
    """A frame per line that opens with "<person>:" and goes on with a clause (the rest of the line)."""
    out: list[Frame] = []
    spans = names = None
    for si, seg in enumerate(ctx.parsed.segments):
        if seg.kind in ("dateline", "credit"):
            continue
        m = _LABEL.match(ctx.text, seg.start, seg.end)
        if m is None:
            continue
        if spans is None:
            spans, names = _person_names(ctx)
        a, b = m.start("name"), m.end("name")
        word = m.group("name")
        if not (any(s <= a and b <= e for s, e in spans) or word.lower() in names):
            continue
        t = seg.table
        first = t.first_at(m.end() - seg.start)
        rest = [k for k in range(first, t.n) if not t.is_space[k]]
        if len(rest) < 3 or not any(t.pos[k] in ("VERB", "AUX") for k in rest):
            continue
        name_toks = [k for k in range(t.first_at(a - seg.start), t.n) if seg.start + t.idx[k] < b]
        if not name_toks or any(ctx.in_region(seg.start + t.idx[k]) for k in name_toks):
            continue
        end = seg.start + t.end_char[rest[-1]]
        colon = ctx.text.index(":", b, m.end())
        while end > m.end() and ctx.text[end - 1] in ".,;: ":
            end -= 1
        frame = Frame(cue=":", cue_span=Span(colon, colon + 1, ":"), speaker_tok=seg.doc[name_toks[-1]],
                      speaker_span=(a, b), content=(m.end(), end), seg=si, cue_tok=None)
        for r in ctx.regions:  # quoted words of the line that no cue claimed are the labelled speaker's
            if m.end() <= r.open and r.close < end + 1 and r.kind in (None, "floating"):
                whole = not ctx.text[m.end():r.open].strip() and not ctx.text[r.close + 1:end].strip(" .,;:")
                r.kind, r.frame = ("direct" if whole else "partial"), frame
        out.append(frame)
    return out

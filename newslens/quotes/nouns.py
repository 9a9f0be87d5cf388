"""Speech nouns: "Trump's claim that there have been thousands of shootings", "the minister's warning that prices
will rise", "his promise that the plant stays open". The noun's possessor said it; the "that" clause is what.

The nouns are `lexicon/speech_nouns.txt`. Only with a possessor (a name, a noun or a possessive pronoun) and a
content clause of its own ("that" and a subject): "the claim that ..." names no speaker, "the claim he made" is
a relative clause.
"""
from __future__ import annotations

from .. import lexicon
from ..schema import Span
from .context import Ctx, Frame
from .cues import is_clause, mention_span, span_of
from .syntax import that_clause, trim_tokens

SPEECH_NOUNS = lexicon.words("speech_nouns")


def noun_frames(ctx: Ctx) -> list[Frame]:
    """A frame per speech noun with a possessor and a "that" clause, outside quotation marks."""
    out: list[Frame] = []
    for si, seg in enumerate(ctx.parsed.segments):
        t = seg.table
        for i in t.positions("lemma_lower", SPEECH_NOUNS):
            if t.pos[i] != "NOUN" or ctx.in_region(seg.start + t.idx[i]):
                continue
            kids = t.children[i]
            poss = next((k for k in kids if t.dep[k] == "poss" and k < i), None)
            clause = next((k for k in kids if k > i and t.dep[k] in ("acl", "relcl", "ccomp") and that_clause(t, k)),
                          None)
            if poss is None or clause is None:
                continue
            toks = trim_tokens(t, range(t.subtree_first(clause), t.subtree_last(clause) + 1))
            if not is_clause(t, toks) or any(t.dep[k] == "ROOT" for k in toks):
                continue  # the clause swallowed the sentence's own verb ("... would rise rattled markets"): misparsed
            s, e = seg.start + t.idx[i], seg.start + t.end_char[i]
            speaker = seg.doc[poss]
            out.append(Frame(cue=t.lemma_lower[i], cue_span=Span(s, e, ctx.text[s:e]), speaker_tok=speaker,
                             speaker_span=_without_possessive(ctx, mention_span(ctx, speaker)),
                             content=span_of(ctx, seg, toks), seg=si, cue_tok=None))
    return out


def _without_possessive(ctx: Ctx, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """"the minister's" -> "the minister": the speaker, not the possessive."""
    if span is None:
        return None
    s, e = span
    for tail in ("'s", "’s", "'", "’"):
        if ctx.text.endswith(tail, s, e) and e - len(tail) > s:
            return s, e - len(tail)
    return span

"""Quotes: every attributed statement (direct, partial, reported) with its speaker resolved.

How it works, in four passes over a parsed article:

1. Marks (character level, across the separate segment docs): quotation marks are paired per
   paragraph; apostrophes and possessives never pair, an unbalanced mark is dropped, and a quote
   left open at a paragraph end and reopened at the start of the next is one region (news style).
2. Cue frames (dependency parse): every speech verb outside quotation marks (a lemma in
   `SPEECH_LEMMAS`), and every "according to X", with its speaker noun phrase and the span of what was
   said (the clausal complement, or the clause on the other side of the attribution); and every speech
   noun with a possessor and a "that" clause ("Trump's claim that ...": `nouns`).
3. Regions become direct quotes (sentence-initial, or after "said:" / "said,") or partial quotes
   (quoted words inside a reported sentence); titles and scare quotes without a speech cue are not
   statements. A direct quote without attribution right after an attributed statement inherits it.
4. Reported speech: cue frames whose content is not already covered by a quote, and lines labelled
   with a person's name and a colon ("Pence: ...", transcripts' "PENCE: ...": `labels`).

Speakers are resolved inside this module: pronouns to the nearest fitting person before them,
surnames to the full name given in the article, "the people" to "two people briefed on the matter",
reports to their outlet ("a Reuters report" -> "Reuters").
"""
from __future__ import annotations

from ..parsed import ParsedArticle
from ..schema import Quote, Span
from .vocab import FEMALE_NOUNS, HUMAN_NOUNS, MALE_NOUNS
from .context import Ctx, Frame
from .marks import find_regions
from .syntax import is_name
from .cues import cue_frames
from .labels import label_frames
from .nouns import noun_frames
from .regions import classify_regions, inherit_floating
from .people import collect_persons
from .scope import statements_of
from .speakers import covers_more, link_entity, norm, org_of_spokesperson, resolve, truncated_name, widen


def extract_quotes(parsed: ParsedArticle, entities) -> list[Quote]:
    """Every attributed statement in the article, in text order, speakers resolved."""
    ctx = Ctx(parsed=parsed, text=parsed.text, entities=list(entities or []))
    ctx.seg_index = {id(seg.doc): i for i, seg in enumerate(parsed.segments)}
    ctx.regions = find_regions(parsed)
    ctx.region_starts = [r.open for r in ctx.regions]
    collect_persons(ctx)
    frames = cue_frames(ctx) + noun_frames(ctx)  # verbs, then "Trump's claim that ..."
    classify_regions(ctx, frames)
    frames += label_frames(ctx)  # "Pence: ...", "PENCE: ...": after the regions, so quoted words stay their own
    statements = statements_of(ctx, frames)
    statements.sort(key=lambda x: x[0])
    inherit_floating(ctx, statements)
    return build_quotes(ctx, statements)


def build_quotes(ctx: Ctx, statements) -> list[Quote]:
    text = ctx.text
    quotes: list[Quote] = []
    history: list[dict] = []
    for s, e, kind, frame, quoted in statements:
        speaker, ante = resolve(ctx, frame, s, history)
        ment = None
        if frame.speaker_span is not None:
            ms, me = frame.speaker_span
            ment = Span(ms, me, text[ms:me])
        ent = link_entity(ctx, speaker, ante, frame) or truncated_name(ctx, ment)
        if ent is not None and speaker and (
            norm(speaker) in {norm(n) for n in (ent.name, *ent.aliases)}
            or (ment is not None and covers_more(ent, ment))
            or ent.label == "PERSON" and " " not in speaker and norm(speaker) == norm(ent.name.split()[-1])
        ):
            # "The Bank" → "Bank of England", "the Office" (for National Statistics) → the full name
            speaker = ent.name
            ment = widen(text, ment, ent)
        ent = ent or org_of_spokesperson(ctx, frame)
        tok = frame.speaker_tok
        plural = tok is not None and (tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children))
        human = (
            tok is not None and tok.pos_ == "NOUN" and not plural and not is_name(tok)
            and tok.lemma_.lower() in HUMAN_NOUNS
        )
        if speaker:
            history.append({"name": speaker, "span": ante, "plural": plural, "human": human})
            if human and tok.lower_ in MALE_NOUNS | FEMALE_NOUNS:
                ctx.genders.setdefault(speaker, "m" if tok.lower_ in MALE_NOUNS else "f")
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                text=text[s:e],
                start=s,
                end=e,
                kind=kind,
                speaker=speaker,
                speaker_mention=ment,
                speaker_entity_id=ent.id if ent is not None else None,
                cue=frame.cue,
                cue_span=frame.cue_span,
                quoted=[Span(a, b, text[a:b]) for a, b in quoted],
                sentence=ctx.parsed.sentence_index(s),
            )
        )
    return quotes

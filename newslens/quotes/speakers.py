"""Pass 4, speakers: resolve a frame's speaker to a canonical name and link it to an entity.

Pronouns go to the nearest fitting person before them, surnames to the full name given in the
article, "the people" to "two people briefed on the matter", reports to their outlet.
"""
from __future__ import annotations

import functools
import re

from ..schema import Span
from .vocab import HUMAN_NOUNS, PRONOUN_PERSON, ROLE_WORDS, SOURCE_NOUNS
from .context import Ctx, Frame
from .syntax import is_name, name_chain, np_offsets, strip_titles
from .people import described_people, full_name, is_person_like, surname_word, weak_persons


def resolve(ctx: Ctx, frame: Frame, quote_start: int, history: list) -> tuple[str | None, tuple[int, int] | None]:
    """The canonical speaker and the span it was resolved from (antecedent for pronouns)."""
    tok = frame.speaker_tok
    if tok is None or frame.speaker_span is None:
        return None, None
    s, e = frame.speaker_span
    mention = ctx.text[s:e]
    low = tok.lower_
    if tok.pos_ == "PRON" or low in PRONOUN_PERSON or low in ("they", "it", "we", "i"):
        return resolve_pronoun(ctx, low, s, history)
    if surname_word(ctx, tok):
        return full_name(ctx, mention, s), (s, e)
    if is_name(tok):
        if is_person_like(ctx, tok) or tok.ent_type_ == "":
            full = full_name(ctx, mention, s)
            if full != mention or tok.ent_type_ in ("PERSON", ""):
                return full, (s, e)
        return mention, (s, e)
    # "the chief executive said" when the article names its chief executive
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in ROLE_WORDS | HUMAN_NOUNS and tok.tag_ == "NN":
        det = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss", "nummod")]
        if all(d == "the" for d in det):
            holder = role_holder(ctx, tok, s)
            if holder is not None:
                return holder
    # common nouns: "the people" refers back to "two people briefed on the matter"
    if tok.lemma_.lower() in SOURCE_NOUNS or tok.lower_ in SOURCE_NOUNS:
        det = [c for c in tok.children if c.dep_ == "det"]
        mods = [c for c in tok.children if c.dep_ in ("amod", "nummod", "acl", "prep", "compound", "relcl")]
        if det and det[0].lower_ in ("the", "these", "those") and not mods:
            ante = antecedent_np(ctx, tok, s)
            if ante is not None:
                return ctx.text[ante[0]:ante[1]], ante
    return mention, (s, e)


def role_holder(ctx: Ctx, tok, pos: int) -> tuple[str, tuple[int, int]] | None:
    """The person introduced with this role: 'chief executive Mara Okafor', 'Mara Okafor, the chief executive'."""
    role = tok.lemma_.lower()
    found = []
    for seg in ctx.parsed.segments:
        t = seg.table
        head, dep = t.head, t.dep
        for a, b, label in t.ents:
            if label != "PERSON":
                continue
            root = t.root(a, b)
            near = [x for x in range(max(0, a - 3), a) if a <= head[x] < b]
            near += [c for c in t.children[root] if dep[c] == "appos"]
            if dep[root] == "appos":
                near.append(head[root])
            if any(t.lemma_lower[x] == role for x in near):
                s = seg.start + t.idx[a]
                found.append((abs(s - pos), s, seg.start + t.end_char[b - 1]))
    if not found:
        return None
    _, s, e = min(found)
    name = full_name(ctx, strip_titles(ctx.text[s:e]), s)
    return name, (s, e)


def antecedent_np(ctx: Ctx, tok, before: int) -> tuple[int, int] | None:
    """The nearest earlier noun phrase with the same head noun and a description (number, modifier)."""
    lemma = tok.lemma_.lower()
    last = None  # the latest fitting noun before `before`
    for seg in ctx.parsed.segments:
        if seg.start >= before:
            break
        table = seg.table
        for i in table.positions("lemma_lower", lemma):
            if seg.start + table.idx[i] >= before:
                break
            if table.pos[i] == "NOUN" and any(table.dep[c] in ("amod", "nummod", "acl", "prep", "relcl", "compound")
                                              for c in table.children[i]):
                last = seg, i
    if last is None:
        return None
    seg, i = last
    return np_offsets(seg, i)


def resolve_pronoun(ctx: Ctx, low: str, pos: int, history: list) -> tuple[str | None, tuple[int, int] | None]:
    """he / she: nearest earlier person of fitting gender; it: nearest organisation; they: group."""
    if low in PRONOUN_PERSON:
        want = PRONOUN_PERSON[low]
        # people named in the text, and speakers described by a role ("the head of the Met Office")
        cands = [(s, e, name, False) for s, e, name in ctx.persons]
        cands += [(h["span"][0], h["span"][1], h["name"], True) for h in history if h["human"] and h["span"]]
        cands += described_people(ctx, pos)
        for s, e, name, described in sorted(cands, reverse=True):
            if s >= pos:
                continue
            full = name if described else full_name(ctx, name, s)
            g = ctx.genders.get(full) or ctx.genders.get(name)
            if g is not None and g != want:
                continue
            ctx.genders.setdefault(full, want)
            return full, (s, e)
        # no person before: a lone name that did something only people do ("Burton explained")
        for s, e, name in reversed(weak_persons(ctx, pos)):
            g = ctx.genders.get(name)
            if g is None or g == want:
                return name, (s, e)
        return None, None
    if low == "it":
        best = None
        cands = []
        for seg in ctx.parsed.segments:
            table = seg.table
            for a, b, label in table.ents:
                if label == "ORG":
                    cands.append((seg.start + table.idx[a], seg.start + table.end_char[b - 1]))
        for ent in ctx.entities:  # organisations the entity extractor found
            if getattr(ent, "label", "") == "ORG":
                cands += [(m.start, m.end) for m in getattr(ent, "mentions", []) or []]
        for s, e in sorted(cands):
            if s < pos and not ctx.in_region(s) and 0 <= s < e <= len(ctx.text):
                best = (s, e)
        if best:
            name = re.sub(r"^(?:the|The)\s+", "", ctx.text[best[0]:best[1]])
            return name, best
        return None, None
    if low == "they":
        best = None
        for h in reversed(history):
            if h["plural"] and h["span"] and h["span"][0] < pos:
                best = (h["span"], h["name"])
                break
        # or the nearest earlier plural subject: "Researchers at Oxford University published ..."
        for seg in ctx.parsed.segments:
            if seg.start >= pos:
                break
            table = seg.table
            for i in table.positions("dep", ("nsubj", "nsubjpass")):
                off = seg.start + table.idx[i]
                if off >= pos or ctx.in_region(off):
                    continue
                if table.tag[i] in ("NNS", "NNPS") and table.pos[i] in ("NOUN", "PROPN"):
                    s2, e2 = np_offsets(seg, i)
                    if best is None or s2 > best[0][0]:
                        best = ((s2, e2), ctx.text[s2:e2])
        if best:
            return best[1], best[0]
        return None, None
    return None, None


_POSSESSIVE_END = re.compile(r"[’']s?$")
_THE = re.compile(r"^(?:the|The)\s+")


@functools.lru_cache(maxsize=1 << 14)  # pure str -> str, asked for every mention of every entity per quote (perf)
def norm(name: str) -> str:
    name = _POSSESSIVE_END.sub("", name.strip())
    return _THE.sub("", name).lower()


def link_entity(ctx: Ctx, name: str | None, span: tuple[int, int] | None, frame: Frame):
    """The entity of the speaker: by overlapping mention first, then by name or surname."""
    if not ctx.entities:
        return None
    if span is not None:
        for ent in ctx.entities:
            for m in getattr(ent, "mentions", []) or []:
                if m.start < span[1] and span[0] < m.end and getattr(ent, "label", "") not in (
                    "CARDINAL", "DATE", "MONEY", "PERCENT", "QUANTITY", "TIME", "ORDINAL"):
                    # a descriptive phrase that merely contains a name is not that entity
                    if norm(m.text) in norm(ctx.text[span[0]:span[1]]) and (
                        frame.speaker_tok is None or frame.speaker_tok.pos_ != "NOUN"
                        or len(norm(ctx.text[span[0]:span[1]]).split()) <= len(norm(m.text).split()) + 1
                    ):
                        return ent
    if not name:
        return None
    key = norm(name)
    for ent in ctx.entities:
        names = [ent.name, *getattr(ent, "aliases", [])]
        if any(norm(n) == key for n in names):
            return ent
    if " " not in key:
        for ent in ctx.entities:
            if getattr(ent, "label", "") == "PERSON" and key in (norm(ent.name).split()[:1] + norm(ent.name).split()[-1:]):
                return ent
    return None


def covers_more(ent, ment: Span) -> bool:
    """An entity mention that starts inside the speaker mention and runs past its end (a cut-off name)."""
    return any(ment.start <= m.start < ment.end < m.end for m in ent.mentions)


def truncated_name(ctx: Ctx, ment: Span | None):
    """The entity whose name the speaker mention cuts short ("the Office" of "Office for National Statistics")."""
    if ment is None:
        return None
    for ent in ctx.entities or []:
        if getattr(ent, "label", "") in ("ORG", "PERSON", "GPE", "NORP", "FAC", "LOC") and covers_more(ent, ment):
            return ent
    return None


def widen(text: str, ment: Span | None, ent) -> Span | None:
    """The speaker mention grown to the whole overlapping entity mention."""
    if ment is None:
        return None
    end = max([ment.end] + [m.end for m in ent.mentions if ment.start <= m.start < ment.end])
    return Span(ment.start, end, text[ment.start:end])


def org_of_spokesperson(ctx: Ctx, frame: Frame):
    """'a spokesperson for Nvidia' speaks for Nvidia."""
    tok = frame.speaker_tok
    if tok is None or tok.pos_ != "NOUN":
        return None
    for c in tok.subtree:
        if c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "GPE") and (
            c.dep_ == "poss" or (c.dep_ == "pobj" and c.head.lower_ in ("for", "at", "of"))
        ):
            span = name_chain(c)
            return link_entity(ctx, strip_titles(span.text), (ctx.off(span[0]), ctx.tok_end(span[-1])), frame)
    return None

"""Pass 2, cues: every speech verb outside quotation marks and every "according to X" as a cue frame
with its speaker noun phrase and the span of what was said.
"""
from __future__ import annotations

from ..schema import Span
from .vocab import DOCUMENT_NOUNS, NOT_SOURCES, PRONOUN_PERSON, SPEECH_LEMMAS, WH_WORDS
from .context import Ctx, Frame
from .people import surname_word
from .syntax import cue_candidates, cue_lemma, is_name, np_tokens, speaker_head, strip_descriptor, subject_of, trim_tokens


def span_of(ctx: Ctx, toks) -> tuple[int, int] | None:
    """Global span of tokens; a quotation cut in half by trimming gets its mark back."""
    toks = list(toks)
    if not toks:
        return None
    s, e = ctx.off(toks[0]), ctx.tok_end(toks[-1])
    for r in ctx.regions:
        if s <= r.open < e <= r.close:
            e = r.close + 1
        if r.open < s <= r.close < e:
            s = r.open
    return s, e


def is_clause(toks) -> bool:
    return len(toks) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in toks)


def attribution_start(cue, speaker):
    """The first token of 'Huang said' / 'the people said' / 'said Smith, the chief executive'."""
    lo = cue.i
    doc = cue.doc
    if speaker is not None and speaker.doc is cue.doc and speaker.i < cue.i:
        # the speaker phrase reaches left over its own modifiers, never across a comma
        inside = {t.i for t in speaker.subtree}
        lo = speaker.i
        while lo - 1 >= 0 and lo - 1 in inside and doc[lo - 1].text != ",":
            lo -= 1
    # adverbs and auxiliaries between speaker and cue ("he later said", "she has said")
    while lo - 1 >= 0 and doc[lo - 1].head.i == cue.i and doc[lo - 1].dep_ in ("advmod", "aux", "neg", "npadvmod"):
        lo -= 1
    return lo


CLOSING_MARKS = frozenset(["”", '"', "’", "'", "''", "»"])


def parenthetical(cue, attr_lo: int) -> bool:
    """'The museum, Mr. Bush said, celebrated ...': an attribution between commas inside the clause it reports."""
    doc = cue.doc
    if cue.dep_ not in ("parataxis", "advcl") or cue.head.i <= cue.i or cue.head.i >= cue.sent.end:
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in cue.children):
        return False
    end = cue.i
    while end + 1 < len(doc) and doc[end + 1].head.i == cue.i and doc[end + 1].dep_ in ("advmod", "npadvmod", "prep"):
        end = max(t.i for t in doc[end + 1].subtree)
    before = doc[attr_lo - 1] if attr_lo > cue.sent.start else None
    after = doc[end + 1] if end + 1 < cue.sent.end else None
    return before is not None and before.text == "," and after is not None and after.text == ","


def content_tokens(ctx: Ctx, cue, comp, speaker):
    """The tokens of what was said, for a cue and its clausal complement `comp` (or None)."""
    doc = cue.doc
    sent = cue.sent
    root_like = cue.dep_ == "ROOT" or cue.head is cue or (cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i)
    attr_lo = attribution_start(cue, speaker)
    if comp is None and parenthetical(cue, attr_lo):
        return trim_tokens(doc[sent.start : sent.end])  # "Too often, Mr. Clarke said, the debate ..."
    if comp is not None and comp.i > cue.i:
        sub = list(comp.subtree)
        start = sub[0].i
        end = sub[-1].i
        if root_like:
            end = sent.end - 1
            # a second cue ("..., and the managers said ...") or "according to" starts a new frame
            for t in doc[comp.i + 1 : sent.end]:
                if t.i > sub[-1].i and t.head.i == cue.i and (cue_lemma(t) or t.lower_ == "according"):
                    end = min(x.i for x in t.subtree) - 1
                    break
        # "..., adding that ..." / "..., saying ...": a participle cue after a comma starts its own frame
        for t in doc[start + 1 : end + 1]:
            if t.tag_ == "VBG" and cue_lemma(t) and doc[t.i - 1].text in (",", "—", "–"):
                end = t.i - 1
                break
            if t.dep_ == "conj" and cue_lemma(t) and not any(c.dep_.startswith("nsubj") for c in t.children):
                end = t.i - 1  # "said the bill was flawed and said, “…”": the second cue starts its own frame
                break
        return trim_tokens(doc[start : end + 1])
    # content before the attribution: "X, Huang said" / "X, the Post reported"
    if comp is not None:
        sub = list(comp.subtree)
        start = sub[0].i if not root_like else sent.start
    elif root_like or (cue.head.i < attr_lo and cue.head.i >= sent.start):
        start = sent.start  # also "X will spend ..., Okafor said" parsed with 'said' under 'spend'
    else:
        return []
    if cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i and cue.head.i >= sent.start:
        start = min(start, list(cue.head.subtree)[0].i) if not root_like else sent.start
    end = attr_lo - 1
    if end < start:
        return []
    # the attribution must follow a comma or dash: "X, Huang said", not "Huang said X"
    k = end
    while k >= start and (doc[k].is_space or doc[k].text in CLOSING_MARKS):
        k -= 1  # 'Not paying taxes “makes me smart,” Trump said': the comma sits inside the closing mark
    if k < start or doc[k].text not in (",", "—", "–", "-", ":"):
        return []
    toks = trim_tokens(doc[start : end + 1])
    # "According to X, A, B said" belongs to the "according" frame, not this one
    return toks


ACCORDING = frozenset(["according"])


def cue_frames(ctx: Ctx) -> list[Frame]:
    """Every speech cue outside quotation marks, with speaker and reported content."""
    frames: list[Frame] = []
    for si, seg in enumerate(ctx.parsed.segments):
        if seg.kind == "dateline":
            continue
        doc = seg.doc
        table = seg.table
        for i in cue_candidates(table, ACCORDING):  # only tokens that can be cues: the frames of a walk over all
            if ctx.in_region(seg.start + table.idx[i]):
                continue
            tok = doc[i]
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                f = according_frame(ctx, tok, si)
                if f:
                    frames.append(f)
                continue
            lem = cue_lemma(tok)
            if lem is None:
                continue
            if any(c.dep_ == "neg" and not ctx.in_region(seg.start + c.idx) for c in tok.children):
                continue  # "did not say" (a "not" inside the quotation is the parser's attachment)
            if tok.head.lemma_ in ("decline", "refuse", "fail") and tok.dep_ == "xcomp":
                continue
            subj = subject_of(tok)
            if subj is not None and subj.doc is doc and ctx.in_region(seg.start + subj.idx):
                # a subject inside the quotation is the parser's mistake: try the cue's other subjects
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != subj.i
                             and not ctx.in_region(seg.start + c.idx)), None)
            inverted = inverted_speaker(ctx, tok)
            if subj is not None and inverted is not None and is_name(inverted) and tok.tag_ != "VBG" \
                    and detached_subject(subj, tok):
                subj = None  # "X may not last, warned Janet Ruiz": the name after the verb spoke
            if subj is None and inverted is None and tok.tag_ in ("VBD", "VBZ", "VBP"):
                subj = adjacent_speaker(tok)  # "..., chief executive Mara Okafor said" misparsed
            if subj is None and inverted is None and tok.i > 0 and surname_word(ctx, doc[tok.i - 1]):
                subj = doc[tok.i - 1]  # "“…,” Will said": a surname the tagger took for a modal
            speaker = speaker_head(subj) if subj is not None else None
            if speaker is None:
                speaker = inverted
            cue_span = cue_span_of(ctx, tok)
            frame = Frame(cue=lem, cue_span=cue_span, speaker_tok=speaker,
                           speaker_span=mention_span(ctx, speaker), seg=si, cue_tok=tok)
            if lem in SPEECH_LEMMAS or lem in ("say", "tell", "point out"):
                comps = [c for c in tok.children if c.dep_ in ("ccomp",)]
                comp = comps[0] if comps else None
                if comp is not None and wh_clause(comp):
                    comp = None
                    if not any(c.i < tok.i for c in comps):
                        frames.append(frame)
                        continue
                if speaker is not None and (comp is not None or may_follow_content(tok)):
                    toks = content_tokens(ctx, tok, comp, subj if subj is not None else speaker)
                    toks = strip_descriptor(toks)
                    if is_clause(toks) and (not overlaps_cue(toks, tok) or parenthetical(tok, attribution_start(
                            tok, subj if subj is not None else speaker))):
                        frame.content = span_of(ctx, toks)
            if frame.content is None and speaker is not None and lem in INFINITIVE_CUES:
                frame.content = infinitive_content(ctx, tok)
            frames.append(frame)
    return frames


# cues that report an infinitive or a noun: "urged residents to stay away", "called for a strike"
INFINITIVE_CUES = frozenset("urge pledge promise vow threaten agree demand propose".split()) | {"call for", "call on"}


def infinitive_content(ctx: Ctx, cue) -> tuple[int, int] | None:
    """'urged [residents to stay away]', 'pledged [to cut taxes]', 'called for [a national strike]'."""
    kids = [c for c in cue.children if c.i > cue.i]
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if xcomp is not None:
        obj = next((c for c in kids if c.dep_ in ("dobj", "pobj") and c.i < xcomp.i), None)
        if obj is None:  # "called on X to ...": the object hangs off the preposition
            prep = next((c for c in kids if c.dep_ == "prep" and c.i < xcomp.i), None)
            obj = next((p for p in prep.children if p.dep_ == "pobj"), None) if prep is not None else None
        toks = [t for c in ([obj] if obj is not None else []) + [xcomp] for t in c.subtree]
    elif cue.lower_ != "for" and any(c.dep_ == "prep" and c.lower_ == "for" for c in kids):
        prep = next(c for c in kids if c.dep_ == "prep" and c.lower_ == "for")
        toks = [t for p in prep.children if p.dep_ == "pobj" for t in p.subtree]
    else:
        return None
    toks = trim_tokens(sorted(toks, key=lambda t: t.i))
    if not toks or ctx.in_region(ctx.off(toks[0])) and ctx.in_region(ctx.off(toks[-1])):
        return None
    return span_of(ctx, toks)


def adjacent_speaker(cue):
    """The noun phrase right before a subjectless cue, when a comma opens it: '..., Mara Okafor said'."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and doc[j].pos_ in ("ADV",) and doc[j].head.i == cue.i:
        j -= 1
    if j < 1:
        return None
    head = doc[j]
    if not (is_name(head) or head.pos_ == "PRON" and head.lower_ in PRONOUN_PERSON or head.pos_ == "NOUN"):
        return None
    k = j - 1
    while k >= 0 and doc[k].text != ",":
        if doc[k].pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PART") and doc[k].text not in ("-", "’s", "'s"):
            return None
        k -= 1
    return head if k >= 1 else None


def detached_subject(subj, cue) -> bool:
    """A 'subject' separated from the cue by another clause and a comma is the content's subject."""
    if subj.doc is not cue.doc or subj.i > cue.i or cue.i == 0 or cue.doc[cue.i - 1].text != ",":
        return False
    inside = {t.i for t in subj.subtree}
    between = cue.doc[max(inside) + 1 : cue.i]
    return any(t.pos_ in ("VERB", "AUX") and t.i not in inside for t in between)


def may_follow_content(tok) -> bool:
    """'X, Huang said' may be parsed with 'said' as root without a ccomp child."""
    return tok.dep_ in ("ROOT", "parataxis", "ccomp") or tok.head is tok or (tok.dep_ == "advcl" and tok.head.i < tok.i)


def overlaps_cue(toks, cue) -> bool:
    return any(t.i == cue.i for t in toks)


def wh_clause(comp) -> bool:
    """'did not say whether ...', 'asked how ...' report a question, not a statement."""
    first = list(comp.subtree)[0]
    return first.lower_ in WH_WORDS and first.i <= comp.i


def inverted_speaker(ctx: Ctx, cue):
    """'“...,” said Smith' and '“...” reply Burton and Nick': the name right after the cue."""
    doc = cue.doc
    if cue_lemma(cue) == "tell":
        return None
    j = cue.i + 1
    while j < len(doc) and doc[j].pos_ in ("ADV",):
        j += 1
    if j >= len(doc):
        return None
    t = doc[j]
    # the first token of the following noun phrase; find its head
    if t.pos_ in ("DET", "NUM", "ADJ"):
        h = t.head
        if h.i > t.i and h.pos_ in ("NOUN", "PROPN"):
            t = h
    if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None
    if t.dep_.startswith("nsubj") and t.head.i != cue.i:
        return None  # the subject of the reported clause ("saying the plan would ...")
    if t.pos_ == "PROPN":
        # climb to the last token of the name
        while t.head.i > t.i and t.head.pos_ == "PROPN" and t.dep_ in ("compound", "flat"):
            t = t.head
        return t
    if t.pos_ in ("NOUN",) or (t.pos_ == "PRON" and t.lower_ in PRONOUN_PERSON):
        before = doc[cue.i - 1] if cue.i > 0 else None
        if before is not None and (before.text in (",", "”", '"', "’", "'") or before.is_punct):
            return t
    return None


def cue_span_of(ctx: Ctx, tok) -> Span:
    start = ctx.off(tok)
    end = ctx.tok_end(tok)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = ctx.tok_end(c)
    return Span(start, end, ctx.text[start:end])


def according_frame(ctx: Ctx, tok, si: int) -> Frame | None:
    """'According to Wei, X.' / 'X, according to a Reuters report that cited ...'."""
    doc = tok.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        # the parser sometimes hangs the object off "according"
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        # fall back to the next noun
        for t in doc[tok.i + 2 : min(len(doc), tok.i + 10)]:
            if t.pos_ in ("NOUN", "PROPN", "PRON"):
                pobj = t
                while pobj.head.i > pobj.i and pobj.dep_ in ("compound", "amod", "det", "nummod"):
                    pobj = pobj.head
                break
    if pobj is None or pobj.lemma_.lower() in NOT_SOURCES:
        return None
    speaker = speaker_head(pobj)
    if speaker is pobj and pobj.lemma_.lower() in DOCUMENT_NOUNS:
        poss = next((c for c in pobj.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        if poss is not None and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            speaker = subj  # "The authority expects ..., according to its annual report"
    sent = tok.sent
    phrase_end = max(t.i for t in [tok, to, *pobj.subtree])
    cue_span = Span(ctx.off(tok), ctx.tok_end(to), ctx.text[ctx.off(tok):ctx.tok_end(to)])
    frame = Frame(cue="according to", cue_span=cue_span, speaker_tok=speaker,
                   speaker_span=mention_span(ctx, speaker), seg=si, cue_tok=tok)
    before = [t for t in doc[sent.start : tok.i] if not t.is_punct and not t.is_space]
    if not before:
        # leading: the content runs from after the phrase (and its comma) to the end of the sentence
        toks = list(doc[phrase_end + 1 : sent.end])
        # end at a second cue phrase such as ", the people said" is rare here; keep the sentence
        toks = trim_tokens(toks)
    else:
        head = tok.head
        if head.dep_ == "ROOT" or head.head is head:
            start = sent.start
        else:
            start = list(head.subtree)[0].i
        after = [t for t in doc[phrase_end + 1 : sent.end] if not t.is_punct and not t.is_space]
        if after and phrase_end + 1 < sent.end and doc[phrase_end + 1].text == ",":
            # "The firm, according to Reuters, plans ...": the whole clause
            toks = trim_tokens(doc[start : sent.end])
        else:
            toks = trim_tokens(doc[start : tok.i])
    toks = strip_descriptor(toks)
    if is_clause(toks):
        frame.content = span_of(ctx, toks)
    return frame


def mention_span(ctx: Ctx, tok) -> tuple[int, int] | None:
    if tok is None:
        return None
    span = np_tokens(tok)
    return ctx.off(span[0]), ctx.tok_end(span[-1])

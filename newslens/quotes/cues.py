"""Pass 2, cues: every speech verb outside quotation marks and every "according to X" as a cue frame
with its speaker noun phrase and the span of what was said.
"""
from __future__ import annotations

from ..schema import Span
from .vocab import DOCUMENT_NOUNS, NOT_SOURCES, PRONOUN_PERSON, SPEECH_LEMMAS, WH_WORDS
from ..tokentable import table_of
from .context import Ctx, Frame
from .people import surname_word
from .syntax import (cue_candidates, cue_lemma_at, is_name, is_name_at, noun_content_clause, np_offsets, speaker_head,
                     strip_descriptor, subject_of, trim_tokens)


def span_of(ctx: Ctx, seg, toks) -> tuple[int, int] | None:
    """Global span of tokens (token numbers of a segment); a quotation cut in half by trimming gets its mark back."""
    if not toks:
        return None
    t = seg.table
    s, e = seg.start + t.idx[toks[0]], seg.start + t.end_char[toks[-1]]
    for r in ctx.regions:
        if s <= r.open < e <= r.close:
            e = r.close + 1
        if r.open < s <= r.close < e:
            s = r.open
    return s, e


def is_clause(t, toks) -> bool:
    return len(toks) >= 3 and any(t.pos[x] in ("VERB", "AUX") for x in toks)


def attribution_start(t, cue: int, speaker) -> int:
    """The first token of 'Huang said' / 'the people said' / 'said Smith, the chief executive' (cue: its number)."""
    lo = cue
    if speaker is not None and speaker.doc is t.doc and speaker.i < cue:
        # the speaker phrase reaches left over its own modifiers, never across a comma
        inside = set(t.subtree(speaker.i))
        lo = speaker.i
        while lo - 1 >= 0 and lo - 1 in inside and t.text[lo - 1] != ",":
            lo -= 1
    # adverbs and auxiliaries between speaker and cue ("he later said", "she has said")
    while lo - 1 >= 0 and t.head[lo - 1] == cue and t.dep[lo - 1] in ("advmod", "aux", "neg", "npadvmod"):
        lo -= 1
    return lo


CLOSING_MARKS = frozenset(["”", '"', "’", "'", "''", "»"])


def parenthetical(t, cue: int, attr_lo: int) -> bool:
    """'The museum, Mr. Bush said, celebrated ...': an attribution between commas inside the clause it reports."""
    ss, se = t.sent_bounds[t.sent[cue]]
    head, dep = t.head, t.dep
    if dep[cue] not in ("parataxis", "advcl") or head[cue] <= cue or head[cue] >= se:
        return False
    if any(dep[c] in ("ccomp", "dobj", "xcomp") for c in t.children[cue]):
        return False
    end = cue
    while end + 1 < t.n and head[end + 1] == cue and dep[end + 1] in ("advmod", "npadvmod", "prep"):
        end = max(t.subtree(end + 1))
    before = attr_lo - 1 if attr_lo > ss else None
    after = end + 1 if end + 1 < se else None
    return before is not None and t.text[before] == "," and after is not None and t.text[after] == ","


def content_tokens(t, cue, comp: int | None, speaker) -> list[int]:
    """The token numbers of what was said, for a cue (a Token) and its clausal complement `comp` (or None)."""
    ci = cue.i
    ss, se = t.sent_bounds[t.sent[ci]]
    head, dep = t.head, t.dep
    # (`cue.head is cue` never held: spaCy makes a new Token each time, so a root is only its "ROOT" label)
    root_like = dep[ci] == "ROOT" or (dep[ci] in ("parataxis", "ccomp") and head[ci] < ci)
    attr_lo = attribution_start(t, ci, speaker)
    if comp is None and parenthetical(t, ci, attr_lo):
        return trim_tokens(t, range(ss, se))  # "Too often, Mr. Clarke said, the debate ..."
    if comp is not None and comp > ci:
        start, end = t.subtree_first(comp), t.subtree_last(comp)
        sub_last = end
        if root_like:
            end = se - 1
            # a second cue ("..., and the managers said ...") or "according to" starts a new frame
            for x in range(comp + 1, se):
                if x > sub_last and head[x] == ci and (cue_lemma_at(t, x) or t.lower[x] == "according"):
                    end = min(t.subtree(x)) - 1
                    break
        # "..., adding that ..." / "..., saying ...": a participle cue after a comma starts its own frame
        for x in range(start + 1, end + 1):
            if t.tag[x] == "VBG" and cue_lemma_at(t, x) and t.text[x - 1] in (",", "—", "–"):
                end = x - 1
                break
            if dep[x] == "conj" and cue_lemma_at(t, x) and not any(dep[c].startswith("nsubj") for c in t.children[x]):
                end = x - 1  # "said the bill was flawed and said, “…”": the second cue starts its own frame
                break
        return trim_tokens(t, range(start, end + 1))
    # content before the attribution: "X, Huang said" / "X, the Post reported"
    if comp is not None:
        start = t.subtree_first(comp) if not root_like else ss
    elif root_like or (head[ci] < attr_lo and head[ci] >= ss):
        start = ss  # also "X will spend ..., Okafor said" parsed with 'said' under 'spend'
    else:
        return []
    if dep[ci] in ("parataxis", "ccomp") and head[ci] < ci and head[ci] >= ss:
        start = min(start, t.subtree_first(head[ci])) if not root_like else ss
    end = attr_lo - 1
    if end < start:
        return []
    # the attribution must follow a comma or dash: "X, Huang said", not "Huang said X"
    k = end
    while k >= start and (t.is_space[k] or t.text[k] in CLOSING_MARKS):
        k -= 1  # 'Not paying taxes “makes me smart,” Trump said': the comma sits inside the closing mark
    if k < start or t.text[k] not in (",", "—", "–", "-", ":"):
        return []
    # "According to X, A, B said" belongs to the "according" frame, not this one
    return trim_tokens(t, range(start, end + 1))


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
            if table.lower[i] == "according" and i + 1 < table.n and table.lower[i + 1] == "to":
                f = according_frame(ctx, doc[i], si)
                if f:
                    frames.append(f)
                continue
            lem = cue_lemma_at(table, i)
            if lem is None:
                continue
            if any(table.dep[c] == "neg" and not ctx.in_region(seg.start + table.idx[c]) for c in table.children[i]):
                continue  # "did not say" (a "not" inside the quotation is the parser's attachment)
            if table.lemma[table.head[i]] in ("decline", "refuse", "fail") and table.dep[i] == "xcomp":
                continue
            tok = doc[i]
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
                comps = [c for c in table.children[i] if table.dep[c] == "ccomp"]
                if not comps:
                    hung = noun_content_clause(table, i, lem)  # "told a meeting of leaders that ...": misparsed
                    comps = [hung] if hung is not None else []
                comp = comps[0] if comps else None
                if comp is not None and wh_clause(table, comp):
                    comp = None
                    if not any(c < i for c in comps):
                        frames.append(frame)
                        continue
                if speaker is not None and (comp is not None or may_follow_content(tok)):
                    who = subj if subj is not None else speaker
                    toks = strip_descriptor(table, content_tokens(table, tok, comp, who))
                    if is_clause(table, toks) and (i not in toks or parenthetical(
                            table, i, attribution_start(table, i, who))):
                        frame.content = span_of(ctx, seg, toks)
            if frame.content is None and speaker is not None and lem in INFINITIVE_CUES:
                frame.content = infinitive_content(ctx, tok)
            frames.append(frame)
    return frames


# cues that report an infinitive or a noun: "urged residents to stay away", "called for a strike"
INFINITIVE_CUES = frozenset("urge pledge promise vow threaten agree demand propose".split()) | {"call for", "call on"}


def infinitive_content(ctx: Ctx, cue) -> tuple[int, int] | None:
    """'urged [residents to stay away]', 'pledged [to cut taxes]', 'called for [a national strike]'."""
    seg = ctx.parsed.segments[ctx.seg_of(cue)]
    t, ci = seg.table, cue.i
    dep, pos, lower, children = t.dep, t.pos, t.lower, t.children
    kids = [c for c in children[ci] if c > ci]
    xcomp = next((c for c in kids if dep[c] == "xcomp" and pos[c] in ("VERB", "AUX")), None)
    if xcomp is not None:
        obj = next((c for c in kids if dep[c] in ("dobj", "pobj") and c < xcomp), None)
        if obj is None:  # "called on X to ...": the object hangs off the preposition
            prep = next((c for c in kids if dep[c] == "prep" and c < xcomp), None)
            obj = next((p for p in children[prep] if dep[p] == "pobj"), None) if prep is not None else None
        toks = [x for c in ([obj] if obj is not None else []) + [xcomp] for x in t.subtree(c)]
    elif lower[ci] != "for" and any(dep[c] == "prep" and lower[c] == "for" for c in kids):
        prep = next(c for c in kids if dep[c] == "prep" and lower[c] == "for")
        toks = [x for p in children[prep] if dep[p] == "pobj" for x in t.subtree(p)]
    else:
        return None
    toks = trim_tokens(t, sorted(toks))
    if not toks or ctx.in_region(seg.start + t.idx[toks[0]]) and ctx.in_region(seg.start + t.idx[toks[-1]]):
        return None
    return span_of(ctx, seg, toks)


def adjacent_speaker(cue):
    """The noun phrase right before a subjectless cue, when a comma opens it: '..., Mara Okafor said'."""
    t = table_of(cue.doc)
    pos, text = t.pos, t.text
    j = cue.i - 1
    while j >= 0 and pos[j] == "ADV" and t.head[j] == cue.i:
        j -= 1
    if j < 1:
        return None
    if not (is_name_at(t, j) or pos[j] == "PRON" and t.lower[j] in PRONOUN_PERSON or pos[j] == "NOUN"):
        return None
    k = j - 1
    while k >= 0 and text[k] != ",":
        if pos[k] not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PART") and text[k] not in ("-", "’s", "'s"):
            return None
        k -= 1
    return cue.doc[j] if k >= 1 else None


def detached_subject(subj, cue) -> bool:
    """A 'subject' separated from the cue by another clause and a comma is the content's subject."""
    if subj.doc is not cue.doc or subj.i > cue.i or cue.i == 0 or cue.doc[cue.i - 1].text != ",":
        return False
    inside = {t.i for t in subj.subtree}
    between = cue.doc[max(inside) + 1 : cue.i]
    return any(t.pos_ in ("VERB", "AUX") and t.i not in inside for t in between)


def may_follow_content(tok) -> bool:
    """'X, Huang said' may be parsed with 'said' as root without a ccomp child."""
    return tok.dep_ in ("ROOT", "parataxis", "ccomp") or (tok.dep_ == "advcl" and tok.head.i < tok.i)


def wh_clause(t, comp: int) -> bool:
    """'did not say whether ...', 'asked how ...' report a question, not a statement."""
    first = t.subtree_first(comp)
    return t.lower[first] in WH_WORDS and first <= comp


def inverted_speaker(ctx: Ctx, cue):
    """'“...,” said Smith' and '“...” reply Burton and Nick': the name right after the cue."""
    t = ctx.parsed.segments[ctx.seg_of(cue)].table
    ci = cue.i
    if cue_lemma_at(t, ci) == "tell":
        return None
    pos, head = t.pos, t.head
    j = ci + 1
    while j < t.n and pos[j] == "ADV":
        j += 1
    if j >= t.n:
        return None
    # the first token of the following noun phrase; find its head
    if pos[j] in ("DET", "NUM", "ADJ"):
        h = head[j]
        if h > j and pos[h] in ("NOUN", "PROPN"):
            j = h
    if t.ent_type[j] in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None
    if t.dep[j].startswith("nsubj") and head[j] != ci:
        return None  # the subject of the reported clause ("saying the plan would ...")
    if pos[j] == "PROPN":
        # climb to the last token of the name
        while head[j] > j and pos[head[j]] == "PROPN" and t.dep[j] in ("compound", "flat"):
            j = head[j]
        return cue.doc[j]
    if pos[j] == "NOUN" or (pos[j] == "PRON" and t.lower[j] in PRONOUN_PERSON):
        if ci > 0 and (t.text[ci - 1] in (",", "”", '"', "’", "'") or t.is_punct[ci - 1]):
            return cue.doc[j]
    return None


def cue_span_of(ctx: Ctx, tok) -> Span:
    seg = ctx.parsed.segments[ctx.seg_of(tok)]
    t, i = seg.table, tok.i
    start, end = seg.start + t.idx[i], seg.start + t.end_char[i]
    for c in t.children[i]:
        if t.dep[c] == "prt" and c == i + 1:
            end = seg.start + t.end_char[c]
    return Span(start, end, ctx.text[start:end])


def according_frame(ctx: Ctx, tok, si: int) -> Frame | None:
    """'According to Wei, X.' / 'X, according to a Reuters report that cited ...'."""
    seg = ctx.parsed.segments[si]
    t, doc, i = seg.table, seg.doc, tok.i
    dep, kids, to = t.dep, t.children, i + 1
    p = next((c for c in kids[to] if dep[c] == "pobj"), None)
    if p is None:
        # the parser sometimes hangs the object off "according"
        p = next((c for c in kids[i] if dep[c] == "pobj"), None)
    if p is None:
        # fall back to the next noun
        for x in range(i + 2, min(t.n, i + 10)):
            if t.pos[x] in ("NOUN", "PROPN", "PRON"):
                p = x
                while t.head[p] > p and dep[p] in ("compound", "amod", "det", "nummod"):
                    p = t.head[p]
                break
    if p is None or t.lemma_lower[p] in NOT_SOURCES:
        return None
    pobj = doc[p]
    speaker = speaker_head(pobj)
    if speaker is pobj and t.lemma_lower[p] in DOCUMENT_NOUNS:
        poss = next((c for c in kids[p] if dep[c] == "poss" and t.lower[c] in ("its", "their")), None)
        subj = next((c for c in kids[t.head[i]] if dep[c] in ("nsubj", "nsubjpass") and c < i), None)
        if poss is not None and subj is not None and t.pos[subj] in ("NOUN", "PROPN"):
            speaker = doc[subj]  # "The authority expects ..., according to its annual report"
    ss, se = t.sent_bounds[t.sent[i]]
    phrase_end = max(i, to, *t.subtree(p))
    s, e = seg.start + t.idx[i], seg.start + t.end_char[to]
    frame = Frame(cue="according to", cue_span=Span(s, e, ctx.text[s:e]), speaker_tok=speaker,
                  speaker_span=mention_span(ctx, speaker), seg=si, cue_tok=tok)
    punct, space = t.is_punct, t.is_space
    if not any(not punct[x] and not space[x] for x in range(ss, i)):
        # leading: the content runs from after the phrase (and its comma) to the end of the sentence
        # (end at a second cue phrase such as ", the people said" is rare here; keep the sentence)
        toks = trim_tokens(t, range(phrase_end + 1, se))
    else:
        head = t.head[i]
        # (`head.head is head` never held: spaCy makes a new Token each time)
        start = ss if dep[head] == "ROOT" else t.subtree_first(head)
        after = any(not punct[x] and not space[x] for x in range(phrase_end + 1, se))
        if after and phrase_end + 1 < se and t.text[phrase_end + 1] == ",":
            # "The firm, according to Reuters, plans ...": the whole clause
            toks = trim_tokens(t, range(start, se))
        else:
            toks = trim_tokens(t, range(start, i))
    toks = strip_descriptor(t, toks)
    if is_clause(t, toks):
        frame.content = span_of(ctx, seg, toks)
    return frame


def mention_span(ctx: Ctx, tok) -> tuple[int, int] | None:
    """Global offsets of the noun phrase `tok` heads (`np_tokens`)."""
    if tok is None:
        return None
    return np_offsets(ctx.parsed.segments[ctx.seg_of(tok)], tok.i)

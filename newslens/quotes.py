"""Quotes: every attributed statement (direct, partial, reported) with its speaker resolved.

How it works, in four passes over a parsed article:

1. Marks (character level, across the separate segment docs): quotation marks are paired per
   paragraph; apostrophes and possessives never pair, an unbalanced mark is dropped, and a quote
   left open at a paragraph end and reopened at the start of the next is one region (news style).
2. Cue frames (dependency parse): every speech verb outside quotation marks (a lemma in
   `SPEECH_LEMMAS`), and every "according to X", with its speaker noun phrase and the span of what was
   said (the clausal complement, or the clause on the other side of the attribution).
3. Regions become direct quotes (sentence-initial, or after "said:" / "said,") or partial quotes
   (quoted words inside a reported sentence); titles and scare quotes without a speech cue are not
   statements. A direct quote without attribution right after an attributed statement inherits it.
4. Reported speech: cue frames whose content is not already covered by a quote.

Speakers are resolved inside this module: pronouns to the nearest fitting person before them,
surnames to the full name given in the article, "the people" to "two people briefed on the matter",
reports to their outlet ("a Reuters report" -> "Reuters").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from . import lexicon
from .schema import Quote, Span

# --- lexicon -------------------------------------------------------------------------------------

# verbs that report what someone said; they take a clause ("said that ...") or frame a quote
SPEECH_LEMMAS = lexicon.words("speech_verbs")
# verbs that frame a direct quote but take no reported clause ("“...,” he continued.")
DIRECT_ONLY_LEMMAS = lexicon.words("quote_frame_verbs")
# verbs that attribute quoted words without a clause ("called the plan “a disaster”")
NAMING_LEMMAS = frozenset("call describe dub label term brand characterise characterize".split())
# phrasal cues: lemma + particle
PHRASAL = {("point", "out"): "point out", ("go", "on"): "go on"}
# nouns for documents whose author is the real source ("a Reuters report", "a statement by X")
DOCUMENT_NOUNS = lexicon.words("document_nouns")
# anonymous sources: "the people said" refers back to "two people briefed on the matter"
SOURCE_NOUNS = lexicon.words("source_nouns")
# "according to plan" is not a source
NOT_SOURCES = frozenset("plan plans schedule rule rules law laws tradition custom legend script".split())
HONORIFICS = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady president premier
    chancellor senator sen sen. rep rep. gov gov. governor general gen gen. judge justice minister
    secretary ambassador king queen prince princess pope rev rev. reverend father chairman""".split()
)
# job words that open a capitalised name at a sentence start: "Prosecutor Ana Cruz"
ROLE_WORDS = frozenset(
    """prosecutor coach lawyer attorney spokesman spokeswoman spokesperson chief executive ceo cfo
    chairman chairwoman chair director manager analyst economist officer defence defense president
    vice minister secretary senator governor mayor judge professor dr detective inspector sergeant
    captain commander general colonel lieutenant admiral ambassador envoy founder""".split()
)
MALE_TITLES = frozenset("mr mr. sir lord king prince father".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss dame lady queen princess".split())
MALE_NOUNS = lexicon.words("male_nouns")
FEMALE_NOUNS = lexicon.words("female_nouns")
# nouns for a single person who can be "he" or "she" later
HUMAN_NOUNS = ROLE_WORDS | MALE_NOUNS | FEMALE_NOUNS | lexicon.words("human_nouns")
# a small list of common given names, used only to pick between candidates for he / she
MALE_NAMES = frozenset(
    """john james robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason
    jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    frank gregory raymond alexander patrick jack dennis jerry tyler aaron henry peter adam nathan
    douglas zachary kyle walter harold carl arthur roger keith jeremy terry sean christian austin
    jensen elon tim satya sundar jeff bill warren boris rishi keir emmanuel olaf vladimir xi joe
    barack nick burton hans pierre luis carlos jose ahmed mohammed ali""".split()
)
FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather
    diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan
    cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice
    madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
    marie diana brittany natalie isabella charlotte rose alexis kayla colette angela ursula
    christine kamala hillary theresa liz giorgia jacinda yellen janet gina""".split()
)
PRONOUN_PERSON = {"he": "m", "him": "m", "she": "f", "her": "f"}
REL_PRONOUNS = frozenset("who which that whom".split())
WH_WORDS = frozenset("whether if how what why when where who which".split())
ABBREVIATIONS = lexicon.words("sentence_abbreviations")
# the final punctuation kept inside a direct quote; a trailing comma or dash belongs to the sentence
TRAIL_STRIP = " \t\n,;:–—-"

OPEN_DOUBLE, CLOSE_DOUBLE, STRAIGHT_DOUBLE = "“„«", "”»", '"'
OPEN_SINGLE, CLOSE_SINGLE, STRAIGHT_SINGLE = "‘‹", "’›", "'"
OPENER_BEFORE = " \t\n([{—–-/:"
ALL_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE


# --- data ----------------------------------------------------------------------------------------


@dataclass
class _Region:
    """Text between a pair of quotation marks (possibly over several paragraphs)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark
    start: int  # content span, trimmed
    end: int
    seg_first: int
    seg_last: int
    kind: str | None = None  # direct | partial | None (not a statement)
    frame: "_Frame | None" = None


@dataclass
class _Frame:
    """A speech cue with its speaker and (for reported speech) the span of what was said."""

    cue: str  # lemma or "according to"
    cue_span: Span
    speaker_tok: object | None  # head token of the speaker phrase
    speaker_span: tuple[int, int] | None  # global offsets of the speaker mention
    content: tuple[int, int] | None = None  # global offsets of the reported clause
    seg: int = -1
    inherited: bool = False  # speaker taken over from an earlier statement


@dataclass
class _Ctx:
    """Everything the passes share for one article."""

    parsed: object
    text: str
    entities: list
    seg_index: dict = field(default_factory=dict)  # id(doc) -> segment index
    regions: list = field(default_factory=list)
    region_starts: list = field(default_factory=list)
    persons: list = field(default_factory=list)  # (start, end, name) person mentions in text order
    genders: dict = field(default_factory=dict)  # full name -> "m" | "f"

    def off(self, tok) -> int:
        return self.parsed.segments[self.seg_index[id(tok.doc)]].start + tok.idx

    def tok_end(self, tok) -> int:
        return self.off(tok) + len(tok.text)

    def seg_of(self, tok) -> int:
        return self.seg_index[id(tok.doc)]

    def in_region(self, pos: int, *, marks: bool = True) -> _Region | None:
        """The region whose marks (or content) enclose global offset `pos`."""
        i = bisect_right(self.region_starts, pos) - 1
        for r in self.regions[max(0, i - 1) : i + 1][::-1]:
            lo, hi = (r.open, r.close + 1) if marks else (r.start, r.end)
            if lo <= pos < hi:
                return r
        return None


# --- entry point ---------------------------------------------------------------------------------


def extract_quotes(parsed, entities) -> list[Quote]:
    """Every attributed statement in the article, in text order, speakers resolved."""
    ctx = _Ctx(parsed=parsed, text=parsed.text, entities=list(entities or []))
    ctx.seg_index = {id(seg.doc): i for i, seg in enumerate(parsed.segments)}
    ctx.regions = _find_regions(parsed)
    ctx.region_starts = [r.open for r in ctx.regions]
    _collect_persons(ctx)
    frames = _cue_frames(ctx)
    _classify_regions(ctx, frames)
    statements: list[tuple[int, int, str, _Frame]] = []
    for r in ctx.regions:
        if r.kind:
            statements.append((r.start, r.end, r.kind, r.frame))
    taken = [(r.open, r.close + 1) for r in ctx.regions if r.kind]
    for f in frames:
        if f.content is None or f.speaker_span is None:
            continue
        s, e = f.content
        if any(s < te and ts < e for ts, te in taken):
            continue  # its words are quoted: the quote is the statement
        statements.append((s, e, "indirect", f))
        taken.append((s, e))
    statements.sort(key=lambda x: x[0])
    _floating(ctx, statements)
    return _build_quotes(ctx, statements)


# --- pass 1: quotation marks ---------------------------------------------------------------------


def _mark_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """'open', 'close' or None for the mark at text[i], judged by its neighbours inside [lo, hi)."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    opener_ctx = (prev in OPENER_BEFORE or prev in OPEN_DOUBLE + OPEN_SINGLE + STRAIGHT_DOUBLE) and not nxt.isspace()
    closer_ctx = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if ch in OPEN_DOUBLE + OPEN_SINGLE:
        if closer_ctx and not opener_ctx and ch in OPEN_DOUBLE:
            return "close"  # sloppy typography: “ used as a closing mark
        return "open" if opener_ctx or not prev.isalnum() else None
    if ch in CLOSE_DOUBLE:
        if opener_ctx and not closer_ctx:
            return "open"
        return "close"
    if ch == "’" or ch == "›":
        # apostrophes: letters on both sides (Nvidia’s) or a leading elision (’90s) never pair
        return "close" if closer_ctx else None
    if ch == STRAIGHT_DOUBLE or ch == STRAIGHT_SINGLE:
        if opener_ctx and not closer_ctx:
            if ch == STRAIGHT_SINGLE and nxt.isdigit():
                return None  # '90s
            return "open"
        if closer_ctx and not opener_ctx:
            return "close"
        return None
    return None


def _family(ch: str) -> str:
    return "double" if ch in OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE else "single"


def _pairs_in(text: str, lo: int, hi: int, family: str, skip: list[tuple[int, int]], dangling: int | None = None):
    """Pair marks of one family inside [lo, hi); returns the pairs and an opener left unclosed.

    `dangling` is an opener carried over from the previous paragraph (a multi-paragraph quote)."""
    marks = []
    for i in range(lo, hi):
        ch = text[i]
        if ch not in ALL_MARKS or _family(ch) != family or any(a <= i < b for a, b in skip):
            continue
        role = _mark_role(text, i, lo, hi)
        if role:
            marks.append((i, role))
    pairs = []
    for k, (i, role) in enumerate(marks):
        if dangling is None:
            if role == "open":
                dangling = i
        elif role == "close":
            if family == "single" and text[i - 1:i] in ("s", "S") and text[i + 1:i + 2] == " " \
                    and text[i + 2:i + 3].islower() and any(r == "close" for _, r in marks[k + 1:]):
                continue  # "the workers’ union": a possessive, a later mark closes the quote
            pairs.append((dangling, i))
            dangling = None
        else:  # a second opener before a closer: the first one was unbalanced
            dangling = i
    return pairs, dangling


def _find_regions(parsed) -> list[_Region]:
    """Quoted regions of the article, double marks first, then single marks outside them."""
    text = parsed.text
    segs = parsed.segments
    regions: list[_Region] = []
    for family in ("double", "single"):
        carry: tuple[int, int] | None = None  # (opening mark, its segment) of a quote left open
        for si, seg in enumerate(segs):
            lo, hi = seg.start, seg.end
            skip = [(r.open, r.close + 1) for r in regions if r.seg_first <= si <= r.seg_last]
            dangling, first_seg = None, si
            if carry is not None:
                first = lo
                while first < hi and text[first].isspace():
                    first += 1
                if (
                    seg.kind == "paragraph"
                    and segs[si - 1].kind == "paragraph"
                    and first < hi
                    and _family(text[first]) == family
                    and _mark_role(text, first, lo, hi) == "open"
                    and not any(a <= first < b for a, b in skip)
                ):
                    dangling, first_seg = carry
                    lo = first + 1  # the reopening mark continues the quote
            carry = None
            pairs, left_open = _pairs_in(text, lo, hi, family, skip, dangling)
            for o, c in pairs:
                regions.append(_region(text, o, c, first_seg if o < seg.start else si, si))
            if left_open is not None and (left_open < seg.start or _opens_sentence(text, left_open, seg.start)):
                carry = (left_open, first_seg if left_open < seg.start else si)
        regions.sort(key=lambda r: r.open)
    regions = [r for r in regions if r.end > r.start]
    # single-mark regions nested in double ones are quotes within quotes, not statements
    return [r for r in regions if not any(o.open < r.open and r.close < o.close for o in regions if o is not r)]


def _opens_sentence(text: str, i: int, lo: int) -> bool:
    """Only a quote that opens a sentence (or follows 'said:') runs on into the next paragraph."""
    j = i - 1
    while j >= lo and text[j].isspace():
        j -= 1
    return j < lo or text[j] in ".!?:,;—–…" + CLOSE_DOUBLE + CLOSE_SINGLE + STRAIGHT_DOUBLE


def _region(text: str, o: int, c: int, s1: int, s2: int) -> _Region:
    start, end = o + 1, c
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAIL_STRIP:
        end -= 1
    return _Region(open=o, close=c, start=start, end=end, seg_first=s1, seg_last=s2)


# --- speakers: noun phrases ----------------------------------------------------------------------


def _is_name(tok) -> bool:
    """A proper name, including capitalised names the tagger took for nouns ('Reyes said')."""
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ != "NOUN" or not tok.text[:1].isupper() or tok.is_sent_start or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    opening = prev.text in OPEN_DOUBLE + OPEN_SINGLE + ":.!?" or (prev.text in STRAIGHT_DOUBLE + STRAIGHT_SINGLE and not prev.whitespace_)
    return not opening and tok.ent_type_ in (
        "PERSON", "ORG", "GPE", "NORP", "")


def _is_verbal(tok) -> bool:
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")


def _cue_lemma(tok) -> str | None:
    """The cue lemma of a token, or None when it is not a speech cue."""
    lem = tok.lemma_.lower()
    low = tok.text.lower()
    if lem == "told" or low == "told":
        lem = "tell"
    if lem in ("say", "tell") or low in ("says", "said", "say", "saying", "tells", "told"):
        return "tell" if lem == "tell" else "say"
    for (verb, prt), name in PHRASAL.items():
        if lem == verb and any(c.dep_ == "prt" and c.lower_ == prt for c in tok.children):
            return name if name != "go on" else None
    if not _is_verbal(tok):
        return None
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].lower_ == "so":
        return None  # "so-called"
    if lem in SPEECH_LEMMAS or lem in DIRECT_ONLY_LEMMAS or lem in NAMING_LEMMAS:
        return lem
    return None


def _name_chain(tok):
    """The proper-name tokens ending at `tok` (Colette Kress in 'officer Colette Kress')."""
    doc = tok.doc
    i = tok.i
    j = i
    while j - 1 >= 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].head.i in range(j, i + 1) and doc[j - 1].dep_ in (
        "compound",
        "flat",
        "nmod",
    ):
        j -= 1
    k = i
    while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].dep_ in ("flat",) and doc[k + 1].head.i == i:
        k += 1
    # an entity span is a better bound: "Prosecutor Ana Cruz" is the person "Ana Cruz"
    if tok.ent_type_:
        for ent in doc.ents:
            if ent.start <= i < ent.end and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
                j2 = ent.start
                while j2 < i and doc[j2].pos_ not in ("PROPN",):
                    j2 += 1
                if ent.label_ == "PERSON":
                    j = max(j, j2)
                elif all(t.pos_ == "PROPN" or t.text in "-." for t in doc[j2:i]):
                    j = min(j, j2)
                break
    while j < k and doc[j].lower_.rstrip(".") in ROLE_WORDS | {h.rstrip(".") for h in HONORIFICS} and tok.ent_type_ in ("PERSON", ""):
        j += 1
    # "the Post", "The Wall Street Journal": keep an adjacent article when the name is not a person
    if j - 1 >= 0 and doc[j - 1].lower_ == "the" and doc[j - 1].head.i in range(j, k + 1) and tok.ent_type_ != "PERSON":
        j -= 1
    return doc[j : k + 1]


def _np_tokens(tok):
    """The noun phrase headed by `tok`, without relative clauses, appositions or what follows a comma."""
    doc = tok.doc
    if tok.pos_ == "PRON":
        return doc[tok.i : tok.i + 1]
    if _is_name(tok):
        span = _name_chain(tok)
        conj = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > tok.i]
        if conj:
            last = _name_chain(conj[-1])
            between = doc[span.end : last.start]
            if all(t.dep_ in ("cc", "punct") or t.pos_ == "PROPN" for t in between):
                return doc[span.start : last.end]
        return span
    keep = [tok]
    stack = [c for c in tok.children]
    while stack:
        c = stack.pop()
        if c.dep_ in ("relcl", "appos", "punct", "cc", "conj", "advcl", "parataxis"):
            continue
        keep.append(c)
        stack.extend(c.children)
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep)
    # stop at a comma: "the company, which ..." keeps "the company"
    for t in doc[tok.i : hi + 1]:
        if t.text == "," and t.i > tok.i:
            hi = t.i - 1
            break
    for t in reversed(doc[lo : tok.i]):
        if t.text == ",":
            lo = t.i + 1
            break
    while lo < tok.i and doc[lo].pos_ == "PUNCT":
        lo += 1
    while hi > tok.i and doc[hi].pos_ == "PUNCT":
        hi -= 1
    return doc[lo : hi + 1]


def _source_of_document(tok):
    """For 'a Reuters report', 'a report by Reuters', 'the company’s statement': the author's head token."""
    if tok.lemma_.lower() not in DOCUMENT_NOUNS:
        return tok
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
            for p in c.children:
                if p.dep_ == "pobj" and p.pos_ in ("PROPN", "NOUN", "PRON"):
                    return p
    for c in tok.children:
        if c.i > tok.i or c.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "NORP"):
            continue
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return c
        if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN":
            return c
    return tok


def _speaker_head(tok):
    """Move from a grammatical subject to the phrase naming who spoke."""
    if tok.lower_ in REL_PRONOUNS and tok.tag_ in ("WP", "WDT") or (tok.lower_ == "that" and tok.dep_.startswith("nsubj")):
        verb = tok.head
        if verb.dep_ == "relcl":
            tok = verb.head
    if tok.pos_ == "NOUN":
        # "the chief executive, John Smith, said": the apposed name
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON":
                return c
        # "Nvidia chief financial officer Colette Kress" is parsed with the name as head already
    tok = _source_of_document(tok)
    return tok


def _subject_of(verb, *, depth: int = 0):
    """The subject of a cue verb, inherited along advcl / xcomp / conj / 'quoted as saying'."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and not (c.dep_ == "nsubjpass" and c.lower_ == "it"):
            if c.lower_ in ("it", "there") and any(x.dep_ == "auxpass" for x in verb.children):
                return None
            return c
    if depth >= 3 or verb.head is verb:
        return None
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp"):
        # "X said A, adding that B": the participle shares the subject of the nearest speech verb above
        for anc in verb.ancestors:
            if anc.i < verb.i and _cue_lemma(anc) and anc.tag_ != "VBG":
                return _subject_of(anc, depth=depth + 1)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        # "Xinhua quoted Mao Ning as saying ...": the quoted person spoke
        quoted = verb.head.head
        obj = next((c for c in quoted.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj
    if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP"):
        return None  # a finite verb has a subject of its own, however badly parsed
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep", "relcl", "acl"):
        head = verb.head
        if verb.dep_ == "relcl":
            return head
        if head.pos_ in ("ADP",):
            head = head.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return head
        return _subject_of(head, depth=depth + 1)
    return None


# --- pass 2: cue frames --------------------------------------------------------------------------


def _sentence_of(tok):
    return tok.sent


def _trim_tokens(toks):
    """Drop leading complementisers and punctuation, trailing punctuation."""
    toks = list(toks)
    while toks and (toks[0].pos_ == "PUNCT" or toks[0].lower_ in ("that",) and toks[0].dep_ == "mark" or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].pos_ in ("PUNCT", "CCONJ") or toks[-1].is_space):
        toks = toks[:-1]
    return toks


def _strip_descriptor(toks):
    """'Chinese social media giant ByteDance planned ...' -> start at ByteDance.

    A false title (common-noun descriptor such as 'tech giant', 'US chipmaker') before a proper-noun
    subject is the writer's gloss, not part of what the source said."""
    if len(toks) < 2:
        return toks
    for k, t in enumerate(toks[:8]):
        if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass"):
            chain = _name_chain(t)
            lead = toks[: max(0, chain.start - toks[0].i)]
            if not lead or chain.start <= toks[0].i:
                return toks
            if any(x.pos_ == "NOUN" and x.text.islower() for x in lead) and all(
                x.pos_ in ("ADJ", "NOUN", "PROPN", "DET", "PUNCT", "ADV") and x.i < t.i for x in lead
            ) and all(t.is_ancestor(x) for x in lead):
                return [x for x in toks if x.i >= chain.start]
            return toks
        if t.pos_ in ("VERB", "AUX") or t.text == ",":
            return toks
    return toks


def _span_of(ctx: _Ctx, toks) -> tuple[int, int] | None:
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


def _is_clause(toks) -> bool:
    return len(toks) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in toks)


def _attribution_start(cue, speaker):
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


def _content_tokens(ctx: _Ctx, cue, comp, speaker):
    """The tokens of what was said, for a cue and its clausal complement `comp` (or None)."""
    doc = cue.doc
    sent = cue.sent
    root_like = cue.dep_ == "ROOT" or cue.head is cue or (cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i)
    attr_lo = _attribution_start(cue, speaker)
    if comp is not None and comp.i > cue.i:
        sub = list(comp.subtree)
        start = sub[0].i
        end = sub[-1].i
        if root_like:
            end = sent.end - 1
            # a second cue ("..., and the managers said ...") or "according to" starts a new frame
            for t in doc[comp.i + 1 : sent.end]:
                if t.i > sub[-1].i and t.head.i == cue.i and (_cue_lemma(t) or t.lower_ == "according"):
                    end = min(x.i for x in t.subtree) - 1
                    break
        # "..., adding that ..." / "..., saying ...": a participle cue after a comma starts its own frame
        for t in doc[start + 1 : end + 1]:
            if t.tag_ == "VBG" and _cue_lemma(t) and doc[t.i - 1].text in (",", "—", "–"):
                end = t.i - 1
                break
        return _trim_tokens(doc[start : end + 1])
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
    while k >= start and doc[k].is_space:
        k -= 1
    if k < start or doc[k].text not in (",", "—", "–", "-", ":"):
        return []
    toks = _trim_tokens(doc[start : end + 1])
    # "According to X, A, B said" belongs to the "according" frame, not this one
    return toks


def _cue_frames(ctx: _Ctx) -> list[_Frame]:
    """Every speech cue outside quotation marks, with speaker and reported content."""
    frames: list[_Frame] = []
    for si, seg in enumerate(ctx.parsed.segments):
        if seg.kind == "dateline":
            continue
        doc = seg.doc
        for tok in doc:
            pos = seg.start + tok.idx
            if ctx.in_region(pos):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                f = _according_frame(ctx, tok, si)
                if f:
                    frames.append(f)
                continue
            lem = _cue_lemma(tok)
            if lem is None:
                continue
            if any(c.dep_ == "neg" for c in tok.children):
                continue
            if tok.head.lemma_ in ("decline", "refuse", "fail") and tok.dep_ == "xcomp":
                continue
            subj = _subject_of(tok)
            if subj is not None and subj.doc is doc and ctx.in_region(seg.start + subj.idx):
                subj = None  # a subject inside the quotation is the parser's mistake
            inverted = _inverted_speaker(ctx, tok)
            if subj is not None and inverted is not None and _is_name(inverted) and tok.tag_ != "VBG" \
                    and _detached_subject(subj, tok):
                subj = None  # "X may not last, warned Janet Ruiz": the name after the verb spoke
            if subj is None and inverted is None and tok.tag_ in ("VBD", "VBZ", "VBP"):
                subj = _adjacent_speaker(tok)  # "..., chief executive Mara Okafor said" misparsed
            speaker = _speaker_head(subj) if subj is not None else None
            if speaker is None:
                speaker = inverted
            cue_span = _cue_span(ctx, tok)
            frame = _Frame(cue=lem, cue_span=cue_span, speaker_tok=speaker,
                           speaker_span=_mention_span(ctx, speaker), seg=si)
            if lem in SPEECH_LEMMAS or lem in ("say", "tell", "point out"):
                comps = [c for c in tok.children if c.dep_ in ("ccomp",)]
                comp = comps[0] if comps else None
                if comp is not None and _wh_clause(comp):
                    comp = None
                    if not any(c.i < tok.i for c in comps):
                        frames.append(frame)
                        continue
                if speaker is not None and (comp is not None or _may_follow_content(tok)):
                    toks = _content_tokens(ctx, tok, comp, subj if subj is not None else speaker)
                    toks = _strip_descriptor(toks)
                    if _is_clause(toks) and not _overlaps_cue(toks, tok):
                        frame.content = _span_of(ctx, toks)
            frames.append(frame)
    return frames


def _adjacent_speaker(cue):
    """The noun phrase right before a subjectless cue, when a comma opens it: '..., Mara Okafor said'."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and doc[j].pos_ in ("ADV",) and doc[j].head.i == cue.i:
        j -= 1
    if j < 1:
        return None
    head = doc[j]
    if not (_is_name(head) or head.pos_ == "PRON" and head.lower_ in PRONOUN_PERSON or head.pos_ == "NOUN"):
        return None
    k = j - 1
    while k >= 0 and doc[k].text != ",":
        if doc[k].pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PART") and doc[k].text not in ("-", "’s", "'s"):
            return None
        k -= 1
    return head if k >= 1 else None


def _detached_subject(subj, cue) -> bool:
    """A 'subject' separated from the cue by another clause and a comma is the content's subject."""
    if subj.doc is not cue.doc or subj.i > cue.i or cue.i == 0 or cue.doc[cue.i - 1].text != ",":
        return False
    inside = {t.i for t in subj.subtree}
    between = cue.doc[max(inside) + 1 : cue.i]
    return any(t.pos_ in ("VERB", "AUX") and t.i not in inside for t in between)


def _may_follow_content(tok) -> bool:
    """'X, Huang said' may be parsed with 'said' as root without a ccomp child."""
    return tok.dep_ in ("ROOT", "parataxis", "ccomp") or tok.head is tok or (tok.dep_ == "advcl" and tok.head.i < tok.i)


def _overlaps_cue(toks, cue) -> bool:
    return any(t.i == cue.i for t in toks)


def _wh_clause(comp) -> bool:
    """'did not say whether ...', 'asked how ...' report a question, not a statement."""
    first = list(comp.subtree)[0]
    return first.lower_ in WH_WORDS and first.i <= comp.i


def _inverted_speaker(ctx: _Ctx, cue):
    """'“...,” said Smith' and '“...” reply Burton and Nick': the name right after the cue."""
    doc = cue.doc
    if _cue_lemma(cue) == "tell":
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


def _cue_span(ctx: _Ctx, tok) -> Span:
    start = ctx.off(tok)
    end = ctx.tok_end(tok)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = ctx.tok_end(c)
    return Span(start, end, ctx.text[start:end])


def _according_frame(ctx: _Ctx, tok, si: int) -> _Frame | None:
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
    speaker = _speaker_head(pobj)
    if speaker is pobj and pobj.lemma_.lower() in DOCUMENT_NOUNS:
        poss = next((c for c in pobj.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        if poss is not None and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            speaker = subj  # "The authority expects ..., according to its annual report"
    sent = tok.sent
    phrase_end = max(t.i for t in [tok, to, *pobj.subtree])
    cue_span = Span(ctx.off(tok), ctx.tok_end(to), ctx.text[ctx.off(tok):ctx.tok_end(to)])
    frame = _Frame(cue="according to", cue_span=cue_span, speaker_tok=speaker,
                   speaker_span=_mention_span(ctx, speaker), seg=si)
    before = [t for t in doc[sent.start : tok.i] if not t.is_punct and not t.is_space]
    if not before:
        # leading: the content runs from after the phrase (and its comma) to the end of the sentence
        toks = list(doc[phrase_end + 1 : sent.end])
        # end at a second cue phrase such as ", the people said" is rare here; keep the sentence
        toks = _trim_tokens(toks)
    else:
        head = tok.head
        if head.dep_ == "ROOT" or head.head is head:
            start = sent.start
        else:
            start = list(head.subtree)[0].i
        after = [t for t in doc[phrase_end + 1 : sent.end] if not t.is_punct and not t.is_space]
        if after and phrase_end + 1 < sent.end and doc[phrase_end + 1].text == ",":
            # "The firm, according to Reuters, plans ...": the whole clause
            toks = _trim_tokens(doc[start : sent.end])
        else:
            toks = _trim_tokens(doc[start : tok.i])
    toks = _strip_descriptor(toks)
    if _is_clause(toks):
        frame.content = _span_of(ctx, toks)
    return frame


# --- pass 3: quoted regions ----------------------------------------------------------------------


def _is_terminal(text: str, i: int, lo: int) -> bool:
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


def _left_context(ctx: _Ctx, r: _Region) -> tuple[int, int]:
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
        if _is_terminal(text, i, seg.start):
            return i + 1, r.open
        i -= 1
    return seg.start, r.open


def _right_context(ctx: _Ctx, r: _Region) -> tuple[int, int]:
    """From the closing mark to the end of its sentence (or the next quote)."""
    seg = ctx.parsed.segments[r.seg_last]
    text = ctx.text
    i = r.close + 1
    while i < seg.end:
        inside = ctx.in_region(i)
        if inside is not None and inside is not r:
            return r.close + 1, inside.open
        if _is_terminal(text, i, seg.start):
            return r.close + 1, i + 1
        i += 1
    return r.close + 1, seg.end


def _tokens_between(ctx: _Ctx, si: int, lo: int, hi: int):
    seg = ctx.parsed.segments[si]
    return [t for t in seg.doc if lo <= seg.start + t.idx < hi]


def _looks_like_title(s: str) -> bool:
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


def _frame_for_cue(frames_by_cue: dict, tok):
    return frames_by_cue.get((id(tok.doc), tok.i))


def _classify_regions(ctx: _Ctx, frames: list[_Frame]) -> None:
    """Decide for each region: direct, partial or not a statement; attach its cue frame."""
    by_cue = {}
    for f in frames:
        by_cue[(f.cue_span.start)] = f
    text = ctx.text
    for r in ctx.regions:
        content = text[r.start : r.end]
        if not re.search(r"\w", content):
            continue
        ls, le = _left_context(ctx, r)
        rs, re_ = _right_context(ctx, r)
        left = text[ls:le]
        left_stripped = left.strip()
        ltoks = [t for t in _tokens_between(ctx, r.seg_first, ls, le) if not ctx.in_region(ctx.off(t))]
        rtoks = [t for t in _tokens_between(ctx, r.seg_last, rs, re_) if not ctx.in_region(ctx.off(t))]
        left_cue = _last_cue(ltoks)
        initial = (
            not left_stripped
            or left_stripped[-1] in ":,—–(["
            or (left_cue is not None and not [t for t in ltoks if t.i > left_cue.i and not t.is_punct])
        )
        frame = None
        if initial:
            frame = _right_attribution(ctx, r, rtoks, by_cue)
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
                if _looks_like_title(content) and words <= 6 and frame.cue not in ("say", "tell", "add"):
                    continue
                r.kind, r.frame = "direct", frame
            elif left_stripped == "" or left_stripped[-1:] in ":—–":
                # floating: decided later from the statement before it
                if words >= 3 and not _looks_like_title(content):
                    r.kind = "floating"
            continue
        # embedded in a sentence: a partial quote when the sentence reports speech
        if _looks_like_title(content) or _is_premodifier(ctx, r):
            continue
        frame = _embedding_frame(ctx, r, frames, ltoks + rtoks)
        if frame is not None:
            r.kind, r.frame = "partial", frame


def _is_premodifier(ctx: _Ctx, r: _Region) -> bool:
    """'its “AI-first” strategy': quoted words modifying the noun after them are a label, not speech."""
    if r.seg_first != r.seg_last:
        return False
    inner = [t for t in _tokens_between(ctx, r.seg_first, r.start, r.end) if not t.is_punct]
    after = [t for t in _tokens_between(ctx, r.seg_first, r.close + 1, ctx.parsed.segments[r.seg_first].end)]
    if not inner or not after:
        return False
    nxt = after[0]
    if nxt.pos_ not in ("NOUN", "PROPN") or ctx.off(nxt) - (r.close + 1) > 1:
        return False
    before = [t for t in _tokens_between(ctx, r.seg_first, ctx.parsed.segments[r.seg_first].start, r.open)]
    coined = "-" in ctx.text[r.start:r.end] or any(t.text[:1].isupper() for t in inner)
    det = bool(before) and before[-1].dep_ in ("det", "poss") and before[-1].head.i == nxt.i
    if not (coined or det):
        return False  # "warned of “extreme” heat": the source's own word
    ids = {t.i for t in inner}
    return all(t.head.i in ids or t.head.i == nxt.i for t in inner) and any(t.head.i == nxt.i for t in inner)


def _last_cue(toks):
    for t in reversed(toks):
        if _cue_lemma(t):
            return t
    return None


def _right_attribution(ctx: _Ctx, r: _Region, rtoks, by_cue) -> _Frame | None:
    """'“...,” he said' / '“...,” said Smith' / '“...” insists Burton' / '“...”: Smith warns'."""
    toks = [t for t in rtoks if not t.is_space]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    if not toks:
        return None
    first = toks[0]
    if _cue_lemma(first):
        return by_cue.get(ctx.off(first))
    for t in toks[:25]:
        lem = _cue_lemma(t)
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


def _embedding_frame(ctx: _Ctx, r: _Region, frames: list[_Frame], toks) -> _Frame | None:
    """The cue frame of the sentence around a partial quote."""
    best = None
    for f in frames:
        if f.speaker_span is None:
            continue
        if f.content and f.content[0] <= r.start and r.end <= f.content[1]:
            return f
    by_start = {f.cue_span.start: f for f in frames if f.speaker_span is not None}
    # the speech verb that governs the quoted words ("described the scene as “horrific”")
    for t in _tokens_between(ctx, r.seg_first, r.start, r.end):
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


def _floating(ctx: _Ctx, statements: list) -> None:
    """A direct quote without attribution takes the speaker of the statement just before it."""
    segs = ctx.parsed.segments
    for i, (s, e, kind, frame) in enumerate(statements):
        if kind != "floating":
            continue
        si = _seg_at(ctx, s)
        prev = None
        for j in range(i - 1, -1, -1):
            ps, pe, pk, pf = statements[j]
            if pk != "floating" and pf is not None and pf.speaker_span is not None:
                prev = statements[j]
                break
        ok = False
        if prev is not None:
            pseg = _seg_at(ctx, prev[0])
            between = [k for k in range(pseg + 1, si) if segs[k].kind not in ("caption",)]
            ok = len(between) == 0
        if ok:
            inh = _Frame(cue=prev[3].cue, cue_span=prev[3].cue_span, speaker_tok=prev[3].speaker_tok,
                         speaker_span=prev[3].speaker_span, seg=prev[3].seg, inherited=True)
            statements[i] = (s, e, "direct", inh)
        else:
            statements[i] = (s, e, None, None)
    statements[:] = [x for x in statements if x[2] is not None]


def _seg_at(ctx: _Ctx, pos: int) -> int:
    for i, seg in enumerate(ctx.parsed.segments):
        if seg.start <= pos < seg.end or pos < seg.start:
            return i
    return len(ctx.parsed.segments) - 1


# --- resolution ----------------------------------------------------------------------------------


def _mention_span(ctx: _Ctx, tok) -> tuple[int, int] | None:
    if tok is None:
        return None
    span = _np_tokens(tok)
    return ctx.off(span[0]), ctx.tok_end(span[-1])


def _strip_titles(name: str) -> str:
    name = re.sub(r"[’']s?$", "", name.strip())
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in {h.rstrip(".") for h in HONORIFICS} | ROLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _collect_persons(ctx: _Ctx) -> None:
    """Person mentions in text order (from the parser and the entities passed in), with genders."""
    seen = set()
    items = []
    for si, seg in enumerate(ctx.parsed.segments):
        for ent in seg.doc.ents:
            if ent.label_ != "PERSON":
                continue
            s = seg.start + ent.start_char
            e = seg.start + ent.end_char
            items.append((s, e, _strip_titles(ent.text)))
            seen.add((s, e))
            _gender_from_context(ctx, ent)
    for ent in ctx.entities:
        if getattr(ent, "label", "") != "PERSON":
            continue
        for m in getattr(ent, "mentions", []) or []:
            if (m.start, m.end) not in seen and 0 <= m.start < m.end <= len(ctx.text):
                items.append((m.start, m.end, _strip_titles(ctx.text[m.start:m.end])))
                seen.add((m.start, m.end))
    items = [(s, e, n) for s, e, n in items if n and not ctx.in_region(s)]
    items.sort()
    ctx.persons = items


def _gender_from_context(ctx: _Ctx, ent) -> None:
    doc = ent.doc
    name = _strip_titles(ent.text)
    g = None
    if ent.start > 0 and doc[ent.start - 1].lower_ in MALE_TITLES:
        g = "m"
    elif ent.start > 0 and doc[ent.start - 1].lower_ in FEMALE_TITLES:
        g = "f"
    first = ent.text.split()[0].lower().rstrip(".")
    if g is None and first in MALE_TITLES:
        g = "m"
    if g is None and first in FEMALE_TITLES:
        g = "f"
    if g is None:
        root = ent.root
        for c in list(root.children) + [root.head]:
            if c.lower_ in MALE_NOUNS:
                g = "m"
            elif c.lower_ in FEMALE_NOUNS:
                g = "f"
        for t in doc[max(0, ent.start - 3) : ent.start]:
            if t.lower_ in MALE_NOUNS:
                g = "m"
            elif t.lower_ in FEMALE_NOUNS:
                g = "f"
    if g is None:
        given = name.split()[0].lower() if name.split() else ""
        if given in MALE_NAMES:
            g = "m"
        elif given in FEMALE_NAMES:
            g = "f"
    if g is not None:
        full = _full_name(ctx, name, None)
        ctx.genders.setdefault(full, g)
        ctx.genders.setdefault(name, g)


HUMAN_VERBS = frozenset("explain speak smile laugh shrug nod sigh travel arrive resign".split())
ORG_WORDS = frozenset(
    """inc corp co ltd llc plc group bank ministry association university company agency department
    council committee institute foundation party police army times post news""".split()
)


def _weak_persons(ctx: _Ctx, before: int) -> list[tuple[int, int, str]]:
    """Names the parser did not tag as people but that are subjects of a speech or human verb."""
    out = []
    for seg in ctx.parsed.segments:
        for t in seg.doc:
            off = seg.start + t.idx
            if off >= before:
                return out
            if t.pos_ != "PROPN" or t.dep_ != "nsubj" or t.ent_type_ not in ("", "ORG", "PERSON"):
                continue
            lem = t.head.lemma_.lower()
            if lem not in SPEECH_LEMMAS and lem not in HUMAN_VERBS and lem not in DIRECT_ONLY_LEMMAS:
                continue
            chain = _name_chain(t)
            if any(x.lower_ in ORG_WORDS for x in chain) or ctx.in_region(off):
                continue
            s = seg.start + chain[0].idx
            out.append((s, s + len(chain.text), _strip_titles(chain.text)))
    return out


def _full_name(ctx: _Ctx, name: str, before: int | None) -> str:
    """'Wei' -> 'Wei Shaojun', 'Mr Huang' -> 'Huang' unless a full name with that surname is given."""
    name = _strip_titles(name)
    words = name.split()
    if len(words) != 1:
        return name
    w = words[0]
    best = None
    for s, e, full in ctx.persons:
        parts = full.split()
        if len(parts) < 2 or not (parts[-1] == w or parts[0] == w):
            continue
        if before is None or s < before:
            best = full  # the latest full name before the mention
        elif best is None:
            best = full
            break
    return best or name


def _is_person_like(ctx: _Ctx, tok) -> bool:
    if tok.ent_type_ == "PERSON":
        return True
    if tok.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "ORG"):
        name = _strip_titles(_name_chain(tok).text)
        return any(full.split()[-1] == name or full == name for _, _, full in ctx.persons)
    return _is_name(tok) and any(t.lower_ in HONORIFICS for t in _name_chain(tok))


def _resolve(ctx: _Ctx, frame: _Frame, quote_start: int, history: list) -> tuple[str | None, tuple[int, int] | None]:
    """The canonical speaker and the span it was resolved from (antecedent for pronouns)."""
    tok = frame.speaker_tok
    if tok is None or frame.speaker_span is None:
        return None, None
    s, e = frame.speaker_span
    mention = ctx.text[s:e]
    low = tok.lower_
    if tok.pos_ == "PRON" or low in PRONOUN_PERSON or low in ("they", "it", "we", "i"):
        return _resolve_pronoun(ctx, low, s, history)
    if _is_name(tok):
        if _is_person_like(ctx, tok) or tok.ent_type_ == "":
            full = _full_name(ctx, mention, s)
            if full != mention or tok.ent_type_ in ("PERSON", ""):
                return full, (s, e)
        return mention, (s, e)
    # "the chief executive said" when the article names its chief executive
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in ROLE_WORDS | HUMAN_NOUNS and tok.tag_ == "NN":
        det = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss", "nummod")]
        if all(d == "the" for d in det):
            holder = _role_holder(ctx, tok, s)
            if holder is not None:
                return holder
    # common nouns: "the people" refers back to "two people briefed on the matter"
    if tok.lemma_.lower() in SOURCE_NOUNS or tok.lower_ in SOURCE_NOUNS:
        det = [c for c in tok.children if c.dep_ == "det"]
        mods = [c for c in tok.children if c.dep_ in ("amod", "nummod", "acl", "prep", "compound", "relcl")]
        if det and det[0].lower_ in ("the", "these", "those") and not mods:
            ante = _antecedent_np(ctx, tok, s)
            if ante is not None:
                return ctx.text[ante[0]:ante[1]], ante
    return mention, (s, e)


def _role_holder(ctx: _Ctx, tok, pos: int) -> tuple[str, tuple[int, int]] | None:
    """The person introduced with this role: 'chief executive Mara Okafor', 'Mara Okafor, the chief executive'."""
    role = tok.lemma_.lower()
    found = []
    for seg in ctx.parsed.segments:
        for ent in seg.doc.ents:
            if ent.label_ != "PERSON":
                continue
            root = ent.root
            near = [t for t in seg.doc[max(0, ent.start - 3) : ent.start] if t.head.i in range(ent.start, ent.end)]
            near += [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                near.append(root.head)
            if any(t.lemma_.lower() == role for t in near):
                s = seg.start + ent.start_char
                found.append((abs(s - pos), s, seg.start + ent.end_char))
    if not found:
        return None
    _, s, e = min(found)
    name = _full_name(ctx, _strip_titles(ctx.text[s:e]), s)
    return name, (s, e)


def _antecedent_np(ctx: _Ctx, tok, before: int) -> tuple[int, int] | None:
    """The nearest earlier noun phrase with the same head noun and a description (number, modifier)."""
    lemma = tok.lemma_.lower()
    best = None
    for seg, t, _ in _tokens_before(ctx, before):
        if t.pos_ != "NOUN" or t.lemma_.lower() != lemma:
            continue
        if not any(c.dep_ in ("amod", "nummod", "acl", "prep", "relcl", "compound") for c in t.children):
            continue
        span = _np_tokens(t)
        best = (seg.start + span[0].idx, seg.start + span[-1].idx + len(span[-1].text))
    return best


def _tokens_before(ctx: _Ctx, before: int):
    """(segment, token, global offset) of every token that starts before `before`, in text order."""
    for seg in ctx.parsed.segments:
        if seg.start >= before:
            return
        for t in seg.doc:
            off = seg.start + t.idx
            if off >= before:
                return
            yield seg, t, off


def _resolve_pronoun(ctx: _Ctx, low: str, pos: int, history: list) -> tuple[str | None, tuple[int, int] | None]:
    """he / she: nearest earlier person of fitting gender; it: nearest organisation; they: group."""
    if low in PRONOUN_PERSON:
        want = PRONOUN_PERSON[low]
        # people named in the text, and speakers described by a role ("the head of the Met Office")
        cands = [(s, e, name, False) for s, e, name in ctx.persons]
        cands += [(h["span"][0], h["span"][1], h["name"], True) for h in history if h["human"] and h["span"]]
        cands += _described_people(ctx, pos)
        for s, e, name, described in sorted(cands, reverse=True):
            if s >= pos:
                continue
            full = name if described else _full_name(ctx, name, s)
            g = ctx.genders.get(full) or ctx.genders.get(name)
            if g is not None and g != want:
                continue
            ctx.genders.setdefault(full, want)
            return full, (s, e)
        # no person before: a lone name that did something only people do ("Burton explained")
        for s, e, name in reversed(_weak_persons(ctx, pos)):
            g = ctx.genders.get(name)
            if g is None or g == want:
                return name, (s, e)
        return None, None
    if low == "it":
        best = None
        cands = []
        for seg in ctx.parsed.segments:
            for ent in seg.doc.ents:
                if ent.label_ == "ORG":
                    cands.append((seg.start + ent.start_char, seg.start + ent.end_char))
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
            for t in seg.doc:
                off = seg.start + t.idx
                if off >= pos or ctx.in_region(off):
                    continue
                if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS") and t.pos_ in ("NOUN", "PROPN"):
                    span = _np_tokens(t)
                    s2, e2 = seg.start + span[0].idx, seg.start + span[-1].idx + len(span[-1].text)
                    if best is None or s2 > best[0][0]:
                        best = ((s2, e2), ctx.text[s2:e2])
        if best:
            return best[1], best[0]
        return None, None
    return None, None


def _described_people(ctx: _Ctx, before: int) -> list[tuple[int, int, str, bool]]:
    """Singular subjects described by a role ('The head of the Met Office warned ...')."""
    out = []
    for seg, t, off in _tokens_before(ctx, before):
        if t.dep_ == "nsubj" and t.pos_ == "NOUN" and t.tag_ == "NN" and t.lemma_.lower() in HUMAN_NOUNS \
                and not ctx.in_region(off) and not any(c.ent_type_ == "PERSON" for c in t.children):
            span = _np_tokens(t)
            s = seg.start + span[0].idx
            e = seg.start + span[-1].idx + len(span[-1].text)
            out.append((s, e, ctx.text[s:e], True))
    return out


def _norm(name: str) -> str:
    name = re.sub(r"[’']s?$", "", name.strip())
    return re.sub(r"^(?:the|The)\s+", "", name).lower()


def _link_entity(ctx: _Ctx, name: str | None, span: tuple[int, int] | None, frame: _Frame):
    """The entity of the speaker: by overlapping mention first, then by name or surname."""
    if not ctx.entities:
        return None
    if span is not None:
        for ent in ctx.entities:
            for m in getattr(ent, "mentions", []) or []:
                if m.start < span[1] and span[0] < m.end and getattr(ent, "label", "") not in (
                    "CARDINAL", "DATE", "MONEY", "PERCENT", "QUANTITY", "TIME", "ORDINAL"):
                    # a descriptive phrase that merely contains a name is not that entity
                    if _norm(m.text) in _norm(ctx.text[span[0]:span[1]]) and (
                        frame.speaker_tok is None or frame.speaker_tok.pos_ != "NOUN"
                        or len(_norm(ctx.text[span[0]:span[1]]).split()) <= len(_norm(m.text).split()) + 1
                    ):
                        return ent
    if not name:
        return None
    key = _norm(name)
    for ent in ctx.entities:
        names = [ent.name, *getattr(ent, "aliases", [])]
        if any(_norm(n) == key for n in names):
            return ent
    if " " not in key:
        for ent in ctx.entities:
            if getattr(ent, "label", "") == "PERSON" and key in (_norm(ent.name).split()[:1] + _norm(ent.name).split()[-1:]):
                return ent
    return None


def _covers_more(ent, ment: Span) -> bool:
    """An entity mention that starts inside the speaker mention and runs past its end (a cut-off name)."""
    return any(ment.start <= m.start < ment.end < m.end for m in ent.mentions)


def _truncated_name(ctx: _Ctx, ment: Span | None):
    """The entity whose name the speaker mention cuts short ("the Office" of "Office for National Statistics")."""
    if ment is None:
        return None
    for ent in ctx.entities or []:
        if getattr(ent, "label", "") in ("ORG", "PERSON", "GPE", "NORP", "FAC", "LOC") and _covers_more(ent, ment):
            return ent
    return None


def _widen(text: str, ment: Span | None, ent) -> Span | None:
    """The speaker mention grown to the whole overlapping entity mention."""
    if ment is None:
        return None
    end = max([ment.end] + [m.end for m in ent.mentions if ment.start <= m.start < ment.end])
    return Span(ment.start, end, text[ment.start:end])


def _org_of_spokesperson(ctx: _Ctx, frame: _Frame):
    """'a spokesperson for Nvidia' speaks for Nvidia."""
    tok = frame.speaker_tok
    if tok is None or tok.pos_ != "NOUN":
        return None
    for c in tok.subtree:
        if c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "GPE") and (
            c.dep_ == "poss" or (c.dep_ == "pobj" and c.head.lower_ in ("for", "at", "of"))
        ):
            span = _name_chain(c)
            return _link_entity(ctx, _strip_titles(span.text), (ctx.off(span[0]), ctx.tok_end(span[-1])), frame)
    return None


def _build_quotes(ctx: _Ctx, statements) -> list[Quote]:
    text = ctx.text
    quotes: list[Quote] = []
    history: list[dict] = []
    for s, e, kind, frame in statements:
        speaker, ante = _resolve(ctx, frame, s, history)
        ment = None
        if frame.speaker_span is not None:
            ms, me = frame.speaker_span
            ment = Span(ms, me, text[ms:me])
        ent = _link_entity(ctx, speaker, ante, frame) or _truncated_name(ctx, ment)
        if ent is not None and speaker and (
            _norm(speaker) in {_norm(n) for n in (ent.name, *ent.aliases)}
            or (ment is not None and _covers_more(ent, ment))
        ):
            # "The Bank" → "Bank of England", "the Office" (for National Statistics) → the full name
            speaker = ent.name
            ment = _widen(text, ment, ent)
        ent = ent or _org_of_spokesperson(ctx, frame)
        tok = frame.speaker_tok
        plural = tok is not None and (tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children))
        human = (
            tok is not None and tok.pos_ == "NOUN" and not plural and not _is_name(tok)
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
                sentence=ctx.parsed.sentence_index(s),
            )
        )
    return quotes

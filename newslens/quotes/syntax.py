"""Dependency-parse helpers: names, noun phrases, cue lemmas, subjects of cue verbs."""
from __future__ import annotations

import functools
import re

from ..tokentable import table_of
from .vocab import (
    ADDRESSEE_LEMMAS, DIRECT_ONLY_LEMMAS, DOCUMENT_NOUNS, HONORIFICS, NAMING_LEMMAS, OPEN_DOUBLE, OPEN_SINGLE, PHRASAL,
    REL_PRONOUNS, ROLE_WORDS, SPEECH_LEMMAS, STRAIGHT_DOUBLE, STRAIGHT_SINGLE,
)


def is_name(tok) -> bool:
    """A proper name, including capitalised names the tagger took for nouns ('Reyes said')."""
    return is_name_at(table_of(tok.doc), tok.i)


_OPENING = OPEN_DOUBLE + OPEN_SINGLE + ":.!?"  # (substrings: a token "!?" opens too)
_STRAIGHT = STRAIGHT_DOUBLE + STRAIGHT_SINGLE


def is_name_at(t, i: int) -> bool:
    """`is_name` of token i of table `t`."""
    pos = t.pos[i]
    if pos == "PROPN":
        return True
    if pos != "NOUN" or not t.text[i][:1].isupper() or t.is_sent_start[i] or i == 0:
        return False
    prev = t.text[i - 1]
    opening = prev in _OPENING or (prev in _STRAIGHT and not t.whitespace[i - 1])
    return not opening and t.ent_type[i] in ("PERSON", "ORG", "GPE", "NORP", "")


def is_verbal(tok) -> bool:
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")


SAY_FORMS = frozenset(["says", "said", "say", "saying", "tells", "told"])
# every lower-cased lemma for which `cue_lemma` can give a cue (a token with none of these lemmas and
# none of SAY_FORMS as its lower-cased text never is one): lets a pass test a few tokens, not all
CUE_LEMMA_CANDIDATES = frozenset(
    {"say", "tell", "told", "call", "read", "put"} | {verb for verb, _ in PHRASAL}
    | SPEECH_LEMMAS | DIRECT_ONLY_LEMMAS | NAMING_LEMMAS
)


def cue_candidates(table, words: frozenset = frozenset()) -> list[int]:
    """Token numbers of a `TokenTable` that may be speech cues (a superset of where `cue_lemma` is not None),
    or whose lower-cased text is one of `words` (`Token.lower_` is the lower-cased text)."""
    hits = table.positions("lemma_lower", CUE_LEMMA_CANDIDATES)
    more = table.positions("text_lower", SAY_FORMS | words)
    return sorted(set(hits).union(more)) if more else hits


def cue_lemma(tok) -> str | None:
    """The cue lemma of a token, or None when it is not a speech cue."""
    return cue_lemma_at(table_of(tok.doc), tok.i)


def cue_lemma_at(t, i: int) -> str | None:
    """`cue_lemma` of token i of table `t` (computed once per token)."""
    memo = t.memo.setdefault("quotes.cue", {})
    if i not in memo:
        memo[i] = _cue_lemma(t, i)
    return memo[i]


def _cue_lemma(t, i: int) -> str | None:
    lem = t.lemma_lower[i]
    low = t.text_lower[i]
    if lem == "told" or low == "told":
        lem = "tell"
    if lem in ("say", "tell") or low in SAY_FORMS:
        return "tell" if lem == "tell" else "say"
    kids, dep, lower = t.children[i], t.dep, t.lower
    for (verb, prt), name in PHRASAL.items():
        if lem == verb and any(dep[c] == "prt" and lower[c] == prt for c in kids):
            return name if name != "go on" else None
    if not (t.tag[i].startswith("VB") or t.pos[i] in ("VERB", "AUX")):  # `is_verbal`
        return None
    if i >= 2 and t.text[i - 1] == "-" and lower[i - 2] == "so":
        return None  # "so-called"
    if lem == "call":  # "called for a strike", "called on X to ..." report a demand, not a name
        prep = next((lower[c] for c in kids if dep[c] == "prep" and c == i + 1), None)
        if prep in ("for", "on"):
            return f"call {prep}"
    if lem in SPEECH_LEMMAS or lem in DIRECT_ONLY_LEMMAS or lem in NAMING_LEMMAS:
        return lem
    return written_cue(t, i, lem)


def written_cue(t, i: int, lem: str) -> str | None:
    """Cues only before a colon or comma: 'the letter reads:', 'as she put it,', 'a headline read:'."""
    if i + 1 >= t.n:
        return None
    if lem == "read" and t.text[i + 1] == ":":
        return "read"
    if lem == "put" and t.lower[i + 1] == "it" and i + 2 < t.n and t.text[i + 2] in (":", ","):
        return "put it"
    return None


_NAME_LEAD = ROLE_WORDS | {h.rstrip(".") for h in HONORIFICS}


def name_chain(tok):
    """The proper-name tokens ending at `tok` (Colette Kress in 'officer Colette Kress'), as a Span."""
    a, b = name_range(table_of(tok.doc), tok.i)
    return tok.doc[a:b]


def name_range(t, i: int) -> tuple[int, int]:
    """`name_chain` of token i of table `t` as a token range [a, b)."""
    pos, dep, head, text, ws = t.pos, t.dep, t.head, t.text, t.whitespace
    j = i
    while j - 1 >= 0 and pos[j - 1] == "PROPN" and j <= head[j - 1] <= i and dep[j - 1] in ("compound", "flat", "nmod"):
        j -= 1
    # a hyphenated surname is one name: "Douglas Holtz-Eakin"
    while j >= 2 and text[j - 1] == "-" and not ws[j - 1] and not ws[j - 2] and pos[j - 2] == "PROPN":
        j -= 2
        while j - 1 >= 0 and pos[j - 1] == "PROPN" and dep[j - 1] in ("compound", "flat", "nmod"):
            j -= 1
    k = i
    while k + 1 < t.n and pos[k + 1] == "PROPN" and dep[k + 1] == "flat" and head[k + 1] == i:
        k += 1
    # an entity span is a better bound: "Prosecutor Ana Cruz" is the person "Ana Cruz"
    ent = t.ent_type[i]
    if ent:
        ent_start = entity_start(t, i)
        label = t.ent_type[ent_start]
        if label in ("PERSON", "ORG", "GPE", "NORP"):
            j2 = ent_start
            while j2 < i and pos[j2] != "PROPN":
                j2 += 1
            if label == "PERSON":
                j = max(j, j2)
            elif all(pos[x] == "PROPN" or text[x] in "-." for x in range(j2, i)):
                j = min(j, j2)
    while j < k and t.lower[j].rstrip(".") in _NAME_LEAD and ent in ("PERSON", ""):
        j += 1
    # "the Post", "The Wall Street Journal": keep an adjacent article when the name is not a person
    if j - 1 >= 0 and t.lower[j - 1] == "the" and j <= head[j - 1] <= k and ent != "PERSON":
        j -= 1
    return j, max(j, k + 1)


def entity_start(t, i: int) -> int:
    """The first token of the entity (of `doc.ents`) that token i is in: back over its I tags to the B."""
    iob = t.ent_iob
    while i > 0 and iob[i] == 1:  # 1 = I (inside), 3 = B (begins)
        i -= 1
    return i


def np_tokens(tok):
    """The noun phrase headed by `tok`, without relative clauses, appositions or what follows a comma (a Span)."""
    a, b = np_range(table_of(tok.doc), tok.i)
    return tok.doc[a:b]


def np_offsets(seg, i: int) -> tuple[int, int]:
    """Global [start, end) of the noun phrase headed by token i of a parsed segment (`np_tokens`)."""
    a, b = np_range(seg.table, i)
    if b <= a:
        raise IndexError("empty noun phrase")
    return seg.start + seg.table.idx[a], seg.start + seg.table.end_char[b - 1]


_NOT_IN_NP = frozenset({"relcl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})


def np_range(t, i: int) -> tuple[int, int]:
    """`np_tokens` of token i of table `t` as a token range [a, b) (b == a: empty, as the Span would be)."""
    pos, dep, kids = t.pos, t.dep, t.children
    if pos[i] == "PRON":
        return i, i + 1
    if is_name_at(t, i):
        a, b = name_range(t, i)
        conj = [c for c in kids[i] if dep[c] == "conj" and pos[c] == "PROPN" and c > i]
        if conj:
            la, lb = name_range(t, conj[-1])
            if all(dep[x] in ("cc", "punct") or pos[x] == "PROPN" for x in range(b, la)):
                return a, max(a, lb)
        return a, b
    lo = hi = i
    stack = list(kids[i])
    while stack:
        c = stack.pop()
        if dep[c] in _NOT_IN_NP:
            continue
        lo, hi = min(lo, c), max(hi, c)
        stack.extend(kids[c])
    # stop at a comma: "the company, which ..." keeps "the company"
    text = t.text
    for x in range(i + 1, hi + 1):
        if text[x] == ",":
            hi = x - 1
            break
    for x in range(i - 1, lo - 1, -1):
        if text[x] == ",":
            lo = x + 1
            break
    while lo < i and pos[lo] == "PUNCT":
        lo += 1
    while hi > i and pos[hi] == "PUNCT":
        hi -= 1
    return lo, max(lo, hi + 1)


def source_of_document(tok):
    """For 'a Reuters report', 'a report by Reuters', 'the company’s statement': the author's head token."""
    if tok.lemma_.lower() not in DOCUMENT_NOUNS:
        return tok
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "in"):
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


def speaker_head(tok):
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
    tok = source_of_document(tok)
    return tok


def subject_of(verb):
    """The subject of a cue verb (a Token), inherited along advcl / xcomp / conj / 'quoted as saying'."""
    k = subject_at(table_of(verb.doc), verb.i)
    return verb.doc[k] if k is not None else None


def subject_at(t, v: int, depth: int = 0) -> int | None:
    """`subject_of` token v of table `t`: the subject's token number, or None."""
    dep, lower, kids = t.dep, t.lower, t.children[v]
    for c in kids:
        if dep[c] in ("nsubj", "nsubjpass") and not (dep[c] == "nsubjpass" and lower[c] == "it"):
            if lower[c] in ("it", "there") and any(dep[x] == "auxpass" for x in kids):
                return None
            return c
    if depth >= 3:  # (`verb.head is verb` never held: spaCy makes a new Token each time)
        return None
    head, tag, d = t.head[v], t.tag[v], dep[v]
    if d == "conj" and cue_lemma_at(t, v) and not cue_lemma_at(t, head) and dep[head] == "ccomp" \
            and cue_lemma_at(t, t.head[head]):
        # "X said the bill was flawed and said, “…”": the second cue hangs in the first one's clause
        return subject_at(t, t.head[head], depth + 1)
    if tag == "VBG" and d in ("advcl", "conj", "xcomp"):
        # "X said A, adding that B": the participle shares the subject of the nearest speech verb above
        for anc in t.ancestors(v):
            if anc < v and cue_lemma_at(t, anc) and t.tag[anc] != "VBG":
                return subject_at(t, anc, depth + 1)
    if d == "pcomp" and lower[head] == "as" and t.lemma[t.head[head]] == "quote":
        # "Xinhua quoted Mao Ning as saying ...": the quoted person spoke
        obj = next((c for c in t.children[t.head[head]] if dep[c] == "dobj"), None)
        if obj is not None:
            return obj
    if d == "advcl" and tag in ("VBD", "VBZ", "VBP"):
        return None  # a finite verb has a subject of its own, however badly parsed
    if d in ("advcl", "xcomp", "conj", "pcomp", "prep", "relcl", "acl"):
        if d == "relcl":
            return head
        if t.pos[head] == "ADP":
            head = t.head[head]
        if d == "acl" and t.pos[head] in ("NOUN", "PROPN"):
            return head
        return subject_at(t, head, depth + 1)
    return None


def sentence_of(tok):
    return tok.sent


def that_clause(t, v: int) -> bool:
    """Clause `v` opens with a bare "that" (marked so, or as an adverb: the parser's two misreadings) and has a subject
    of its own: a content clause; a relative "that" is the clause's subject or object. Not "so that", "now that",
    "not that"."""
    kids, dep, lower = t.children[v], t.dep, t.lower
    that = [k for k in kids if lower[k] == "that" and dep[k] in ("mark", "advmod") and k < v]
    if not that or any(k < that[0] and dep[k] in ("mark", "advmod", "neg", "cc", "preconj") for k in kids):
        return False
    return any(dep[k] in ("nsubj", "nsubjpass", "expl") and that[0] < k < v for k in kids)  # "that there have been"


def noun_content_clause(t, i: int, lemma: str) -> int | None:
    """A "that" clause the parser did not hang on the cue as its complement: on the cue's object ("told a meeting of
    leaders that few people understood ...", "said in a report that the dam was unsafe": a relcl or acl), or beside
    the cue as an adverbial clause ("tweeted in the early morning hours that Machado was ..."). On an object only for
    the person told (`ADDRESSEE_LEMMAS`) or after a preposition: "emphasizing the threat that a Trump presidency
    would constitute" is a relative clause. The clause's verb, or None."""
    dep, kids = t.dep, t.children
    deps = ("dobj", "dative", "prep") if lemma in ADDRESSEE_LEMMAS else ("prep",)
    for c in kids[i]:
        if c > i and dep[c] == "advcl" and that_clause(t, c):
            return c
        if c < i or dep[c] not in deps:
            continue
        for v in t.subtree(c):
            if dep[v] in ("relcl", "acl") and v > i and that_clause(t, v):
                return v
    return None


def _complementiser(t, k: int) -> bool:
    """A "that" that opens a clause: marked so, or misparsed as its verb's object before that verb's own subject
    ("told a crowd that the state would sue")."""
    if t.lower[k] != "that":
        return False
    if t.dep[k] == "mark":
        return True
    h = t.head[k]
    return t.dep[k] in ("dobj", "advmod") and h > k and any(t.dep[x] in ("nsubj", "nsubjpass") and k < x < h
                                                            for x in t.children[h])


def trim_tokens(t, toks) -> list[int]:
    """Token numbers of table `t` without leading complementisers and punctuation, trailing punctuation."""
    toks = list(toks)
    pos, dep, space = t.pos, t.dep, t.is_space
    a, b = 0, len(toks)
    while a < b and (pos[toks[a]] == "PUNCT" or _complementiser(t, toks[a]) or space[toks[a]]):
        a += 1
    while a < b and (pos[toks[b - 1]] in ("PUNCT", "CCONJ") or space[toks[b - 1]]):
        b -= 1
    return toks[a:b]


def strip_descriptor(t, toks: list[int]) -> list[int]:
    """'Chinese social media giant ByteDance planned ...' -> start at ByteDance (token numbers of table `t`).

    A false title (common-noun descriptor such as 'tech giant', 'US chipmaker') before a proper-noun
    subject is the writer's gloss, not part of what the source said."""
    if len(toks) < 2:
        return toks
    pos, text = t.pos, t.text
    for x in toks[:8]:
        if pos[x] == "PROPN" and t.dep[x] in ("nsubj", "nsubjpass"):
            chain_start = name_range(t, x)[0]
            lead = toks[: max(0, chain_start - toks[0])]
            if not lead or chain_start <= toks[0]:
                return toks
            if any(pos[y] == "NOUN" and text[y].islower() for y in lead) and all(
                pos[y] in ("ADJ", "NOUN", "PROPN", "DET", "PUNCT", "ADV") and y < x for y in lead
            ) and all(x in t.ancestors(y) for y in lead):
                return [y for y in toks if y >= chain_start]
            return toks
        if pos[x] in ("VERB", "AUX") or text[x] == ",":
            return toks
    return toks


_POSSESSIVE_END = re.compile(r"[’']s?$")


@functools.lru_cache(maxsize=1 << 14)  # pure str -> str, asked again for every quote (perf)
def strip_titles(name: str) -> str:
    name = _POSSESSIVE_END.sub("", name.strip())
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _NAME_LEAD:
        words = words[1:]
    return " ".join(words)

"""Dependency-parse helpers: names, noun phrases, cue lemmas, subjects of cue verbs."""
from __future__ import annotations

import re

from .vocab import (
    DIRECT_ONLY_LEMMAS, DOCUMENT_NOUNS, HONORIFICS, NAMING_LEMMAS, OPEN_DOUBLE, OPEN_SINGLE, PHRASAL,
    REL_PRONOUNS, ROLE_WORDS, SPEECH_LEMMAS, STRAIGHT_DOUBLE, STRAIGHT_SINGLE,
)


def is_name(tok) -> bool:
    """A proper name, including capitalised names the tagger took for nouns ('Reyes said')."""
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ != "NOUN" or not tok.text[:1].isupper() or tok.is_sent_start or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    opening = prev.text in OPEN_DOUBLE + OPEN_SINGLE + ":.!?" or (prev.text in STRAIGHT_DOUBLE + STRAIGHT_SINGLE and not prev.whitespace_)
    return not opening and tok.ent_type_ in (
        "PERSON", "ORG", "GPE", "NORP", "")


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
    lem = tok.lemma_.lower()
    low = tok.text.lower()
    if lem == "told" or low == "told":
        lem = "tell"
    if lem in ("say", "tell") or low in SAY_FORMS:
        return "tell" if lem == "tell" else "say"
    for (verb, prt), name in PHRASAL.items():
        if lem == verb and any(c.dep_ == "prt" and c.lower_ == prt for c in tok.children):
            return name if name != "go on" else None
    if not is_verbal(tok):
        return None
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].lower_ == "so":
        return None  # "so-called"
    if lem == "call":  # "called for a strike", "called on X to ..." report a demand, not a name
        prep = next((c.lower_ for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1), None)
        if prep in ("for", "on"):
            return f"call {prep}"
    if lem in SPEECH_LEMMAS or lem in DIRECT_ONLY_LEMMAS or lem in NAMING_LEMMAS:
        return lem
    return written_cue(tok, lem)


def written_cue(tok, lem: str) -> str | None:
    """Cues only before a colon or comma: 'the letter reads:', 'as she put it,', 'a headline read:'."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if lem == "read" and nxt is not None and nxt.text == ":":
        return "read"
    if lem == "put" and nxt is not None and nxt.lower_ == "it" and tok.i + 2 < len(doc) and doc[tok.i + 2].text in (":", ","):
        return "put it"
    return None


def name_chain(tok):
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
    # a hyphenated surname is one name: "Douglas Holtz-Eakin"
    while j >= 2 and doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and not doc[j - 2].whitespace_ \
            and doc[j - 2].pos_ == "PROPN":
        j -= 2
        while j - 1 >= 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].dep_ in ("compound", "flat", "nmod"):
            j -= 1
    k = i
    while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].dep_ in ("flat",) and doc[k + 1].head.i == i:
        k += 1
    # an entity span is a better bound: "Prosecutor Ana Cruz" is the person "Ana Cruz"
    if tok.ent_type_:
        ent_start = entity_start(doc, i)
        label = doc[ent_start].ent_type_
        if label in ("PERSON", "ORG", "GPE", "NORP"):
            j2 = ent_start
            while j2 < i and doc[j2].pos_ not in ("PROPN",):
                j2 += 1
            if label == "PERSON":
                j = max(j, j2)
            elif all(t.pos_ == "PROPN" or t.text in "-." for t in doc[j2:i]):
                j = min(j, j2)
    while j < k and doc[j].lower_.rstrip(".") in ROLE_WORDS | {h.rstrip(".") for h in HONORIFICS} and tok.ent_type_ in ("PERSON", ""):
        j += 1
    # "the Post", "The Wall Street Journal": keep an adjacent article when the name is not a person
    if j - 1 >= 0 and doc[j - 1].lower_ == "the" and doc[j - 1].head.i in range(j, k + 1) and tok.ent_type_ != "PERSON":
        j -= 1
    return doc[j : k + 1]


def entity_start(doc, i: int) -> int:
    """The first token of the entity (of `doc.ents`) that token i is in: back over its I tags to the B."""
    while i > 0 and doc[i].ent_iob == 1:  # 1 = I (inside), 3 = B (begins)
        i -= 1
    return i


def np_tokens(tok):
    """The noun phrase headed by `tok`, without relative clauses, appositions or what follows a comma."""
    doc = tok.doc
    if tok.pos_ == "PRON":
        return doc[tok.i : tok.i + 1]
    if is_name(tok):
        span = name_chain(tok)
        conj = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > tok.i]
        if conj:
            last = name_chain(conj[-1])
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


def subject_of(verb, *, depth: int = 0):
    """The subject of a cue verb, inherited along advcl / xcomp / conj / 'quoted as saying'."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and not (c.dep_ == "nsubjpass" and c.lower_ == "it"):
            if c.lower_ in ("it", "there") and any(x.dep_ == "auxpass" for x in verb.children):
                return None
            return c
    if depth >= 3 or verb.head is verb:
        return None
    head = verb.head
    if verb.dep_ == "conj" and cue_lemma(verb) and not cue_lemma(head) and head.dep_ == "ccomp" and cue_lemma(head.head):
        # "X said the bill was flawed and said, “…”": the second cue hangs in the first one's clause
        return subject_of(head.head, depth=depth + 1)
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp"):
        # "X said A, adding that B": the participle shares the subject of the nearest speech verb above
        for anc in verb.ancestors:
            if anc.i < verb.i and cue_lemma(anc) and anc.tag_ != "VBG":
                return subject_of(anc, depth=depth + 1)
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
        return subject_of(head, depth=depth + 1)
    return None


def sentence_of(tok):
    return tok.sent


def trim_tokens(toks):
    """Drop leading complementisers and punctuation, trailing punctuation."""
    toks = list(toks)
    while toks and (toks[0].pos_ == "PUNCT" or toks[0].lower_ in ("that",) and toks[0].dep_ == "mark" or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].pos_ in ("PUNCT", "CCONJ") or toks[-1].is_space):
        toks = toks[:-1]
    return toks


def strip_descriptor(toks):
    """'Chinese social media giant ByteDance planned ...' -> start at ByteDance.

    A false title (common-noun descriptor such as 'tech giant', 'US chipmaker') before a proper-noun
    subject is the writer's gloss, not part of what the source said."""
    if len(toks) < 2:
        return toks
    for k, t in enumerate(toks[:8]):
        if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass"):
            chain = name_chain(t)
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


def strip_titles(name: str) -> str:
    name = re.sub(r"[’']s?$", "", name.strip())
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in {h.rstrip(".") for h in HONORIFICS} | ROLE_WORDS:
        words = words[1:]
    return " ".join(words)

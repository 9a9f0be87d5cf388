"""Collect: the model's entity spans cleaned into candidates, plus the names it missed (codes, models, events,
credit lines)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import lexicon
from ..segments import find_credits
if TYPE_CHECKING:
    from ..parsed import ParsedArticle

from .names import (
    NOT_PRODUCT_CODE,
    NUMERIC_LABELS,
    ORG_HEAD_FIRST,
    ORG_TAIL,
    PLACE_ALIASES,
    POSSESSIVES,
    PERSON_TITLES,
    PRODUCT_CODE,
    TITLE_PREFIX,
    _fold,
    _is_common_noun,
    _is_name,
    is_place_name,
    norm_name,
)

_INDEXES = re.compile(r"(?<![\w&/])(?:" + "|".join(re.escape(n) for n in sorted(lexicon.words("market_indexes"),
                                                                           key=len, reverse=True)) + r")(?![\w&/])")
_VARIANTS = lexicon.words("product_variants")
_PRODUCT_NOUNS = lexicon.words("product_nouns")
_MODEL_NUMBER = re.compile(r"\d{1,3}")
_EVENT_HEADS = frozenset({"trade", "expo", "conference", "summit", "forum", "festival", "convention"})
_STATES = lexicon.words("state_abbreviations")  # "Calif." keeps its stop


@dataclass
class _Cand:
    start: int
    end: int
    text: str  # article text[start:end], article and possessive trimmed
    label: str  # the model's label (or the rule's, for rule-found names)
    seg: object | None = None  # ParsedSegment
    i: int = -1  # token range in seg.doc
    j: int = -1
    had_the: bool = False
    source: str = "model"
    votes: Counter = field(default_factory=Counter)
    group: int = -1
    expansion_of: int | None = None  # index of the candidate this one abbreviates ("TSMC")
    base: float = 0.0  # the weight of the model's own label in `votes` (evidence is the rest)
    surname: bool = False  # a lone word joined to a full personal name ("Cook" -> "Tim Cook")
    venue: bool = False  # a place by its position: a wire dateline ("NEW YORK 1996-08-30"), "in Leeds" in sports
    team: bool = False  # evidence for a sports club ("Leeds beat Chelsea 2-1", "Leeds United")

    @property
    def caps(self) -> bool:
        """An all-caps headline, dateline or table mention: its casing says nothing about the name."""
        return self.text.isupper() or (self.seg is not None and self.seg.kind in ("headline", "dateline"))

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _trim_tokens(doc, i: int, j: int, label: str, poss: frozenset = frozenset()) -> tuple[int, int, bool]:
    had_the = False
    # a title keeps its "The" ("The Crying Game"); other names drop it ("the Federal Reserve")
    while i < j and doc[i].lower_ == "the" and not (label == "WORK_OF_ART" and doc[i].text == "The" and j - i > 1):
        had_the, i = True, i + 1
    while i < j - 1 and label == "PERSON" and doc[i].lower_ in TITLE_PREFIX:
        i += 1
    while j > i and (doc[j - 1].text in POSSESSIVES and doc[i:j - 1].text not in poss
                     or (doc[j - 1].is_punct and doc[j - 1].text not in ")" and doc[j - 1].text not in POSSESSIVES)
                     or doc[j - 1].is_space):
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return i, j, had_the


_SCORE = re.compile(r"\d+(?:[-:]\d+)+|\d{1,3}(?:,\d{3})+|\d+")
_DASHES = frozenset({"-", "–", "—", "--"})
_SEPARATORS = frozenset({"at", "v", "v.", "vs", "vs."})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def _is_table(seg) -> bool:
    """A results or standings line ("Surrey 429-7 (C. Lewis 80, M. Butcher 70)", "TORONTO 63 71 .470"): many
    numbers among few words. Names there never end with a number."""
    from spacy.attrs import LIKE_NUM

    like = seg.doc.to_array(LIKE_NUM)  # the segment's arrays, not a Token per word
    nums = sum(1 for k, t in enumerate(seg.table.text) if like[k] or _SCORE.fullmatch(t.lstrip(".")))
    return nums >= 3 and nums * 5 >= len(seg.doc)


def _cuts_at(doc, k: int, i: int, j: int, label: str, table: bool = False, poss: frozenset = frozenset()) -> bool:
    """Tokens no name spans: a spaced dash ("SOCCER - ENGLAND"), "at"/"v" between names ("Yorkshire at
    Headingley"), a score or count between or after names ("Fulham 1 Carlisle 0", "Raymond Russell 234,330")."""
    tok = doc[k]
    if tok.text in ("(", ")", "/"):
        return True
    if tok.text in POSSESSIVES and k < j - 1:
        # "Reeves’s Treasury" is two names; "Schindler's List", "Boatmen's Bancshares Inc." and "Sant' Egidio"
        # are one (a title, a company with its legal form, an apostrophe that is no possessive)
        if label == "WORK_OF_ART" or doc[j - 1].lower_.rstrip(".") in ORG_TAIL or doc[i:k].text in poss:
            return False
        return tok.text not in ("'", "’") or doc[k - 1].text[-1:] in "sSzZ"
    if (label not in _NAME_LABELS and not (table and label != "PRODUCT")) or k == i:
        return False
    if tok.text in _DASHES:
        return bool(doc[k - 1].whitespace_)  # "SOCCER - ENGLAND", not "Mercedes-Benz"
    if tok.text in _SEPARATORS:
        return k < j - 1
    if _SCORE.fullmatch(tok.text):
        if j < len(doc) and doc[j].lower_ in _PRODUCT_NOUNS:
            return False  # "Max 9 jets", "Gaudi 3 chips": a model number, whatever the model's label
        if label in ("PERSON", "GPE", "LOC", "NORP") or table:  # a table's names end with no number either
            return True  # people and places end with no number
        nxt = doc[k + 1] if k + 1 < j else None
        after_score = any(_SCORE.fullmatch(doc[x].text) for x in range(i + 1, k))  # "Fulham 1 Carlisle 0"
        score = nxt is not None and nxt.text == "-" and k + 2 < j and doc[k + 2].like_num  # "Southampton 4-1"
        return "-" in tok.text or "," in tok.text or after_score or score or (nxt is not None and nxt.text[:1].isupper())
    return False


def _split_parts(doc, i: int, j: int, label: str = "", table: bool = False, poss: frozenset = frozenset()):
    """Token ranges of an entity span cut at "(", ")", "/" ("Kitwood/Getty Images"), inner possessives
    ("Reeves’s Treasury") and, in a name, the tokens `_cuts_at` names; trailing lower-case words dropped
    ("Interfax news agency" -> "Interfax")."""
    parts, s = [], i
    for k in range(i, j):
        if _cuts_at(doc, k, i, j, label, table, poss):
            if s < k:
                parts.append((s, k))
            s = k + 1
    if s < j:
        parts.append((s, j))
    if label in _NAME_LABELS:
        trimmed = []
        for a, b in parts:
            while b - a > 1 and doc[b - 1].text.isalpha() and doc[b - 1].text.islower() and doc[b - 2].whitespace_ \
                    and doc[b - 1].lower_ not in ("de", "da", "van", "von", "del"):
                b -= 1
            trimmed.append((a, b))
        parts = trimmed
    return parts


def _make(parsed: ParsedArticle, seg, i: int, j: int, label: str, source: str = "model",
          poss: frozenset = frozenset()) -> _Cand | None:
    doc = seg.doc
    i, j, had_the = _trim_tokens(doc, i, j, label, poss)
    if i >= j:
        return None
    # "Port of" + "Tallin Bay", "University of" + "Hong Kong": the head the model left out
    if source == "model" and i >= 2 and doc[i - 1].text == "of" and doc[i - 2].text[:1].isupper() \
            and doc[i - 2].lower_ in ORG_HEAD_FIRST | {"port", "airport"}:
        i -= 2
        label = "ORG"
    # a capitalised common noun starting a sentence ("Volumes rose 12%") is not a name
    # (not in all-caps text, headlines or datelines, where every word is capitalised)
    if source == "model" and j - i == 1 and doc[i].is_sent_start and doc[i].tag_ in ("NN", "NNS") \
            and not doc[i].is_upper and seg.kind not in ("headline", "dateline") and _is_common_noun(doc[i].lemma_):
        return None
    had_the = had_the or (i > 0 and doc[i - 1].lower_ == "the")
    start = seg.start + doc[i].idx
    end = seg.start + doc[j - 1].idx + len(doc[j - 1].text)
    text = parsed.text[start:end]
    # possessive glued to the last token ("Nvidia’s" when the tokenizer did not split it)
    m = re.search(r"(?:['’][sS]|(?<=[sSzZ])['’])$", text)
    if m and len(text) > 2 and text[: m.start()] not in poss:
        end -= len(m.group())
        text = parsed.text[start:end]
    # a final period is the sentence's, unless the name is an abbreviation ("U.S.", "Inc.", "Fla.," mid-clause)
    if end > start and parsed.text[end - 1] == "." and parsed.text[end : end + 1] not in (",", ")") \
            and not re.search(r"\b(?:[A-Z]\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|St)\.$", text) \
            and not (text.rsplit(None, 1)[-1][:-1].lower() in _STATES and parsed.text[end : end + 1] == " "
                     and not parsed.text[end + 1 : end + 2].isupper()):
        end -= 1
        text = parsed.text[start:end]
    if not _is_name(text):
        return None
    return _Cand(start, end, text, label, seg, i, j, had_the, source)


def _title_split(doc, i: int, j: int, label: str) -> list[tuple[int, int, str, bool]]:
    """A title inside or at the end of a span before a name: "Fed Chair" (+ "Jerome Powell"), "Treasury Secretary
    Scott Bessent": the words before the title are the organisation, the words after it the person, the title
    itself neither (so "Fed Chair" is never a work of art). (start, end, label, organisation evidence)."""
    if label == "PERSON":
        return [(i, j, label, False)]
    for k in range(i + 1, j):
        if doc[k].lower_.rstrip(".") not in PERSON_TITLES or not doc[k].text[:1].isupper():
            continue
        after = k + 1
        while after < j and doc[after].lower_.rstrip(".") in PERSON_TITLES:
            after += 1
        nxt = doc[after] if after < len(doc) else None
        if nxt is None or not nxt.text[:1].isupper() or nxt.is_punct:
            continue
        parts = [(i, k, "ORG", True)]
        if after < j:
            parts.append((after, j, "PERSON", False))
        return parts
    return [(i, j, label, False)]


def _is_slug(doc, i: int, j: int) -> bool:
    """A wire headline's section slug: all-caps common words before a spaced dash at the start ("GOLF - ",
    "RUGBY UNION - ", "SOCCER - ")."""
    if i != 0 or j >= len(doc) or doc[j].text not in _DASHES or not doc[j - 1].whitespace_:
        return False
    words = [t.text for t in doc[i:j]]
    return all(w.isupper() and w.isalpha() and _is_common_noun(w.lower()) for w in words)


def _model_spans(parsed: ParsedArticle, seg, taken: list[bool], poss: frozenset = frozenset()) -> list[_Cand]:
    """The model's non-numeric entity spans, cut into parts and cleaned."""
    out: list[_Cand] = []
    doc = seg.doc
    ents = doc.ents
    table = _is_table(seg) if ents else False
    for ent in ents:
        if ent.label_ in NUMERIC_LABELS:
            continue
        for a, b in _split_parts(doc, ent.start, ent.end, ent.label_, table, poss):
            if _is_slug(doc, a, b):
                continue
            for i, j, label, employer in _title_split(doc, a, b, ent.label_):
                c = _make(parsed, seg, i, j, label, poss=poss)
                if c is None:
                    continue
                if employer:
                    c.votes["ORG"] += 2
                out.append(c)
                for k in range(c.i, c.j):
                    taken[k] = True
    return out


def _index_names(parsed: ParsedArticle, seg, seg_cands: list[_Cand], taken: list[bool]) -> list[_Cand]:
    """Market indexes by name ("S&P 500", "FTSE 100", "Nasdaq Composite"): label INDEX, whatever the model
    made of them (often an ORG and a number)."""
    for m in _INDEXES.finditer(parsed.text, seg.start, seg.end):
        span = seg.doc.char_span(m.start() - seg.start, m.end() - seg.start)
        if span is None:
            continue
        c = _Cand(m.start(), m.end(), m.group(), "INDEX", seg, span.start, span.end, False, "index")
        c.votes["INDEX"] += 5
        seg_cands = [o for o in seg_cands if not (o.start < c.end and c.start < o.end)]
        seg_cands.append(c)
        for k in range(span.start, span.end):
            taken[k] = True
    return seg_cands


def _product_codes(parsed: ParsedArticle, seg, seg_cands: list[_Cand], taken: list[bool]) -> list[_Cand]:
    """Product and model codes (H200, A100, MI300X), whatever the model called them."""
    for k, text in enumerate(seg.table.text):
        if PRODUCT_CODE.match(text) and not NOT_PRODUCT_CODE.match(text):
            inside = [c for c in seg_cands if c.i <= k < c.j]
            if inside and not all(c.j - c.i == 1 for c in inside):
                continue
            seg_cands = [c for c in seg_cands if not (c.i <= k < c.j)]
            c = _make(parsed, seg, k, k + 1, "PRODUCT", "code")
            if c is not None:
                c.votes["PRODUCT"] += 4
                seg_cands.append(c)
                taken[k] = True
    return seg_cands


def _credit_names(parsed: ParsedArticle, seg, seg_cands: list[_Cand]) -> list[_Cand]:
    """Names in credit lines ("Photo: Sina", "Reporting by Jane Doe") replace the model's spans there."""
    doc = seg.doc
    for credit in find_credits(parsed.text, seg.start, seg.end):
        lead_end = credit.names[0].start if credit.names else credit.end
        seg_cands = [c for c in seg_cands if not (credit.start <= c.start < lead_end)]
        for name in credit.names:
            same = [c for c in seg_cands if c.start < name.end and name.start < c.end]
            for c in same:
                seg_cands.remove(c)
            span = doc.char_span(name.start - seg.start, name.end - seg.start, alignment_mode="expand")
            if span is None:
                continue
            c = _make(parsed, seg, span.start, span.end, name.label, "credit")
            if c is None:
                continue
            c.start, c.end, c.text = name.start, name.end, name.text
            c.votes[name.label] += 4
            seg_cands.append(c)
    return seg_cands


# a wire dateline: "BERLIN 1996-08-30", "ROCHESTER, N.H. 1996-08-30", "WASHINGTON (Reuters) -",
# "LONDON, Aug 30 (Reuters) -", "NEW YORK —": the all-caps words before the date or agency are the place
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
    r"(?:, (?P<region>[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,2}))?"
    r"(?= \d{4}-\d\d-\d\d| \d{1,2}/\d{1,2}| \(|,? (?:[A-Z][a-z]{2,8}\.?) \d{1,2}\b| [-–—] |:? *$)", re.M)


def _dateline_places(parsed: ParsedArticle, seg, seg_cands: list[_Cand], taken: list[bool]) -> list[_Cand]:
    """The place of a wire dateline, whatever the model made of the all-caps words (positive evidence)."""
    m = _DATELINE.match(parsed.text, seg.start, seg.end)
    if m is None or len(m.group("city").replace(" ", "")) < 3:
        return seg_cands
    for part in ("city", "region"):
        if not m.group(part):
            continue
        s, e = m.span(part)
        span = seg.doc.char_span(s - seg.start, e - seg.start, alignment_mode="expand")
        c = _make(parsed, seg, span.start, span.end, "GPE", "dateline") if span is not None else None
        if c is None:
            continue
        same = [o for o in seg_cands if (o.start, o.end) == (c.start, c.end)]
        c.venue = True
        for o in same:
            o.venue = True
        if same:
            # the model's place, or a gazetteer place it called something else; "UNITED NATIONS" stays its ORG
            if same[0].label in ("GPE", "LOC", "FAC") or is_place_name(c.text):
                same[0].votes["GPE"] += 4
            continue
        seg_cands = [o for o in seg_cands if not (o.start < c.end and c.start < o.end)]
        c.votes["GPE"] += 4
        seg_cands.append(c)
        for k in range(c.i, c.j):
            taken[k] = True
    return seg_cands


def _collect(parsed: ParsedArticle) -> list[_Cand]:
    cands: list[_Cand] = []
    all_keys = {norm_name(ent.text) for seg in parsed.segments for ent in seg.doc.ents}
    poss = _possessive_names(parsed)
    for n, seg in enumerate(parsed.segments):
        taken = [False] * len(seg.doc)
        seg_cands = _model_spans(parsed, seg, taken, poss)
        seg_cands = _product_codes(parsed, seg, seg_cands, taken)
        seg_cands = _index_names(parsed, seg, seg_cands, taken)
        if 0 < n <= 3 and seg.kind != "headline":
            seg_cands = _dateline_places(parsed, seg, seg_cands, taken)
        seg_cands = _split_country_prefix(parsed, seg, seg_cands, all_keys)
        seg_cands.extend(_named_models(parsed, seg, taken))
        seg_cands.extend(_event_names(parsed, seg, taken))
        cands.extend(_credit_names(parsed, seg, seg_cands))
    cands.sort(key=lambda c: c.start)
    return cands


_NOT_POSSESSED = frozenset({"VERB", "AUX", "PUNCT", "CCONJ", "DET", "ADP", "PRON", "ADV"})


def _possessive_names(parsed: ParsedArticle) -> frozenset:
    """Names that end in a possessive ("Lloyd's", "McDonald's", "Moody's"): the model's organisation span keeps the
    "'s" where nothing follows that it could own ("gave Lloyd's a reprieve", "McDonald's said", "MOODY'S:") or
    before "of" ("Lloyd's of London"). Every mention of the name in the article keeps it then."""
    out = set()
    for seg in parsed.segments:
        doc = seg.doc
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            for k in range(ent.start + 1, ent.end):
                if doc[k].text not in POSSESSIVES:
                    continue
                nxt = doc[k + 1] if k + 1 < len(doc) else None
                if (k == ent.end - 1 and (nxt is None or nxt.pos_ in _NOT_POSSESSED)) or (
                        nxt is not None and k + 1 < ent.end and nxt.lower_ == "of"):
                    out.add(doc[ent.start:k].text)
    return frozenset(out)


def _split_country_prefix(parsed: ParsedArticle, seg, cands: list[_Cand], all_keys: set[str]) -> list[_Cand]:
    """"U.S. Federal Reserve" -> "U.S." + "Federal Reserve"; "U.S. Apple" (a missed sentence end) likewise."""
    doc = seg.doc
    out = []
    for c in cands:
        if c.source == "model" and c.j - c.i >= 2 and c.label not in ("GPE", "LOC", "NORP") \
                and _fold(doc[c.i].text) in PLACE_ALIASES and len(_fold(doc[c.i].text)) <= 3:
            rest_key = norm_name(doc[c.i + 1 : c.j].text)
            if c.j - c.i >= 3 or rest_key in all_keys - {norm_name(c.text)}:
                place = _make(parsed, seg, c.i, c.i + 1, "GPE")
                rest = _make(parsed, seg, c.i + 1, c.j, c.label)
                if place is not None and rest is not None:
                    rest.had_the = False
                    out += [place, rest]
                    continue
        out.append(c)
    return out


def _named_models(parsed: ParsedArticle, seg, taken) -> list[_Cand]:
    """"iPhone 15", "iPhone 15 Pro", "Gaudi 3 chip": a name followed by a model number."""
    doc = seg.doc
    out = []
    texts = seg.table.text
    for k in range(len(texts) - 1):
        if not _MODEL_NUMBER.fullmatch(texts[k + 1]):  # one to three digits (always like_num)
            continue
        tok = doc[k]
        camel = bool(re.fullmatch(r"[a-z]+[A-Z]\w*", tok.text))
        titled = tok.text[:1].isupper() and tok.pos_ == "PROPN" and tok.text.lower() not in ORG_TAIL
        end = tok.i + 2
        if end < len(doc) and doc[end].lower_ in _VARIANTS and doc[end].text[:1].isupper():
            end += 1
        after = doc[end].lower_ if end < len(doc) else ""
        if not (camel or (titled and after in _PRODUCT_NOUNS)):
            continue
        if any(taken[k] for k in range(tok.i, end)) and not camel:
            continue
        if tok.ent_type_ in ("PERSON", "GPE", "DATE", "LOC", "NORP", "FAC"):
            continue
        c = _make(parsed, seg, tok.i, end, "PRODUCT", "model-number")
        if c is not None:
            c.votes["PRODUCT"] += 4
            out.append(c)
            for k in range(tok.i, end):
                taken[k] = True
    return out


def _event_names(parsed: ParsedArticle, seg, taken) -> list[_Cand]:
    """Capitalised names right before "trade show", "conference", "summit" that the model missed."""
    doc = seg.doc
    out = []
    for k in seg.table.positions("lower", _EVENT_HEADS):
        tok = doc[k]
        if tok.lower_ == "trade" and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("show", "fair")):
            continue
        j = tok.i
        i = j
        while i > 0 and (doc[i - 1].text[:1].isupper() or doc[i - 1].is_upper) and not doc[i - 1].is_punct \
                and not taken[i - 1] and doc[i - 1].lower_ != "the":
            i -= 1
        if i == j or (i == 0 and j - i == 1 and not doc[i].is_upper):
            continue
        c = _make(parsed, seg, i, j, "EVENT", "event")
        if c is not None:
            out.append(c)
            for k in range(i, j):
                taken[k] = True
    return out

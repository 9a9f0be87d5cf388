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
    PRODUCT_CODE,
    TITLE_PREFIX,
    _fold,
    _is_common_noun,
    _is_name,
    norm_name,
)

_VARIANTS = lexicon.words("product_variants")
_PRODUCT_NOUNS = lexicon.words("product_nouns")


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

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _trim_tokens(doc, i: int, j: int, label: str) -> tuple[int, int, bool]:
    had_the = False
    while i < j and doc[i].lower_ == "the":
        had_the, i = True, i + 1
    while i < j - 1 and label == "PERSON" and doc[i].lower_ in TITLE_PREFIX:
        i += 1
    while j > i and (doc[j - 1].text in POSSESSIVES or (doc[j - 1].is_punct and doc[j - 1].text not in ")")
                     or doc[j - 1].is_space):
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return i, j, had_the


def _split_parts(doc, i: int, j: int):
    """Token ranges of an entity span cut at "(", ")", "/" ("Kitwood/Getty Images") and inner possessives
    ("Reeves’s Treasury")."""
    parts, s = [], i
    for k in range(i, j):
        if doc[k].text in ("(", ")", "/") or (doc[k].text in POSSESSIVES and k < j - 1):
            if s < k:
                parts.append((s, k))
            s = k + 1
    if s < j:
        parts.append((s, j))
    return parts


def _make(parsed: ParsedArticle, seg, i: int, j: int, label: str, source: str = "model") -> _Cand | None:
    doc = seg.doc
    i, j, had_the = _trim_tokens(doc, i, j, label)
    if i >= j:
        return None
    # "Port of" + "Tallin Bay", "University of" + "Hong Kong": the head the model left out
    if source == "model" and i >= 2 and doc[i - 1].text == "of" and doc[i - 2].text[:1].isupper() \
            and doc[i - 2].lower_ in ORG_HEAD_FIRST | {"port", "airport"}:
        i -= 2
        label = "ORG"
    # a capitalised common noun starting a sentence ("Volumes rose 12%") is not a name
    if source == "model" and j - i == 1 and doc[i].is_sent_start and doc[i].tag_ in ("NN", "NNS") \
            and _is_common_noun(doc[i].lemma_):
        return None
    had_the = had_the or (i > 0 and doc[i - 1].lower_ == "the")
    start = seg.start + doc[i].idx
    end = seg.start + doc[j - 1].idx + len(doc[j - 1].text)
    text = parsed.text[start:end]
    # possessive glued to the last token ("Nvidia’s" when the tokenizer did not split it)
    m = re.search(r"(?:['’][sS]|(?<=[sSzZ])['’])$", text)
    if m and len(text) > 2:
        end -= len(m.group())
        text = parsed.text[start:end]
    if end > start and parsed.text[end - 1] == "." and not re.search(r"\b(?:[A-Z]\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|St)\.$", text):
        end -= 1
        text = parsed.text[start:end]
    if not _is_name(text):
        return None
    return _Cand(start, end, text, label, seg, i, j, had_the, source)


def _model_spans(parsed: ParsedArticle, seg, taken: list[bool]) -> list[_Cand]:
    """The model's non-numeric entity spans, cut into parts and cleaned."""
    out: list[_Cand] = []
    doc = seg.doc
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS:
            continue
        for i, j in _split_parts(doc, ent.start, ent.end):
            c = _make(parsed, seg, i, j, ent.label_)
            if c is not None:
                out.append(c)
                for k in range(c.i, c.j):
                    taken[k] = True
    return out


def _product_codes(parsed: ParsedArticle, seg, seg_cands: list[_Cand], taken: list[bool]) -> list[_Cand]:
    """Product and model codes (H200, A100, MI300X), whatever the model called them."""
    for tok in seg.doc:
        if PRODUCT_CODE.match(tok.text) and not NOT_PRODUCT_CODE.match(tok.text):
            inside = [c for c in seg_cands if c.i <= tok.i < c.j]
            if inside and not all(c.j - c.i == 1 for c in inside):
                continue
            seg_cands = [c for c in seg_cands if not (c.i <= tok.i < c.j)]
            c = _make(parsed, seg, tok.i, tok.i + 1, "PRODUCT", "code")
            if c is not None:
                c.votes["PRODUCT"] += 4
                seg_cands.append(c)
                taken[tok.i] = True
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


def _collect(parsed: ParsedArticle) -> list[_Cand]:
    cands: list[_Cand] = []
    all_keys = {norm_name(ent.text) for seg in parsed.segments for ent in seg.doc.ents}
    for seg in parsed.segments:
        taken = [False] * len(seg.doc)
        seg_cands = _model_spans(parsed, seg, taken)
        seg_cands = _product_codes(parsed, seg, seg_cands, taken)
        seg_cands = _split_country_prefix(parsed, seg, seg_cands, all_keys)
        seg_cands.extend(_named_models(parsed, seg, taken))
        seg_cands.extend(_event_names(parsed, seg, taken))
        cands.extend(_credit_names(parsed, seg, seg_cands))
    cands.sort(key=lambda c: c.start)
    return cands


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
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if not (nxt.like_num and re.fullmatch(r"\d{1,3}", nxt.text)):
            continue
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
    for tok in doc:
        if tok.lower_ not in ("trade", "expo", "conference", "summit", "forum", "festival", "convention"):
            continue
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

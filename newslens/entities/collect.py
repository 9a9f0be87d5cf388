"""Collect: the model's entity spans cleaned into candidates, plus the names it missed (codes, models, events,
credit lines)."""
from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import lexicon
from ..segments import find_credits
if TYPE_CHECKING:
    from ..parsed import ParsedArticle

from .spans import _DASHES, _PRODUCT_NOUNS, _SCORE, _is_table, _split_parts  # noqa: F401 - teams, vote read these
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

# market index names, then `_index_matches` checks the character before: what `(?<![\w&/])` + this pattern finds (a
# pattern that starts with a name, not a look-behind, lets the scan skip to the names' first letters)
_INDEXES = re.compile(r"(?:" + "|".join(re.escape(n) for n in sorted(lexicon.words("market_indexes"),
                                                                     key=len, reverse=True)) + r")(?![\w&/])")
_INDEX_BEFORE = re.compile(r"[\w&/]")  # no index name starts right after one of these
_VARIANTS = lexicon.words("product_variants")
_MODEL_NUMBER = re.compile(r"\d{1,3}")
_EVENT_HEADS = frozenset({"trade", "expo", "conference", "summit", "forum", "festival", "convention"})
_STATES = lexicon.words("state_abbreviations")  # "Calif." keeps its stop
_HEAD_FIRST = ORG_HEAD_FIRST | {"port", "airport"}
_GLUED_POSSESSIVE = re.compile(r"(?:['’][sS]|(?<=[sSzZ])['’])$")
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|St)\.$")
_CAMEL = re.compile(r"[a-z]+[A-Z]\w*")
_CODE_START = re.compile(r"[A-Z]\d")  # in every `PRODUCT_CODE`


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
    votes: Counter = field(default_factory=lambda: dict.__new__(Counter))  # an empty Counter (no __init__ run)
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

    _words: tuple = field(default=(None, []), repr=False, compare=False)  # (the text split, its words)

    @property
    def words(self) -> list[str]:
        """`text.split()`, kept until the text changes (read for every pair of candidates)."""
        of, words = self._words
        if of is not self.text:
            words = self.text.split()
            self._words = (self.text, words)
        return words


def _trim_tokens(t, i: int, j: int, label: str, poss: frozenset = frozenset()) -> tuple[int, int, bool]:
    """A token range of table `t` without a leading article or title, trailing possessive or punctuation."""
    had_the = False
    low, text, punct, space = t.lower, t.text, t.is_punct, t.is_space
    # a title keeps its "The" ("The Crying Game"); other names drop it ("the Federal Reserve")
    while i < j and low[i] == "the" and not (label == "WORK_OF_ART" and text[i] == "The" and j - i > 1):
        had_the, i = True, i + 1
    while i < j - 1 and label == "PERSON" and low[i] in TITLE_PREFIX:
        i += 1
    while j > i and (text[j - 1] in POSSESSIVES and t.span_text(i, j - 1) not in poss
                     or (punct[j - 1] and text[j - 1] not in ")" and text[j - 1] not in POSSESSIVES)
                     or space[j - 1]):
        j -= 1
    while i < j and (punct[i] or space[i]):
        i += 1
    return i, j, had_the


def _make(parsed: ParsedArticle, seg, i: int, j: int, label: str, source: str = "model",
          poss: frozenset = frozenset()) -> _Cand | None:
    t = seg.table
    i, j, had_the = _trim_tokens(t, i, j, label, poss)
    if i >= j:
        return None
    words, low = t.text, t.lower
    # "Port of" + "Tallin Bay", "University of" + "Hong Kong": the head the model left out
    if source == "model" and i >= 2 and words[i - 1] == "of" and words[i - 2][:1].isupper() \
            and low[i - 2] in _HEAD_FIRST:
        i -= 2
        label = "ORG"
    # a capitalised common noun starting a sentence ("Volumes rose 12%") is not a name
    # (not in all-caps text, headlines or datelines, where every word is capitalised)
    if source == "model" and j - i == 1 and t.is_sent_start[i] and t.tag[i] in ("NN", "NNS") \
            and not t.is_upper[i] and seg.kind not in ("headline", "dateline") and _is_common_noun(t.lemma[i]):
        return None
    had_the = had_the or (i > 0 and low[i - 1] == "the")
    start = seg.start + t.idx[i]
    end = seg.start + t.end_char[j - 1]
    text = parsed.text[start:end]
    # possessive glued to the last token ("Nvidia’s" when the tokenizer did not split it)
    m = _GLUED_POSSESSIVE.search(text)
    if m and len(text) > 2 and text[: m.start()] not in poss:
        end -= len(m.group())
        text = parsed.text[start:end]
    # a final period is the sentence's, unless the name is an abbreviation ("U.S.", "Inc.", "Fla.," mid-clause)
    if end > start and parsed.text[end - 1] == "." and parsed.text[end : end + 1] not in (",", ")") \
            and not _ABBREVIATION_END.search(text) \
            and not (text.rsplit(None, 1)[-1][:-1].lower() in _STATES and parsed.text[end : end + 1] == " "
                     and not parsed.text[end + 1 : end + 2].isupper()):
        end -= 1
        text = parsed.text[start:end]
    if not _is_name(text):
        return None
    return _Cand(start, end, text, label, seg, i, j, had_the, source)


def _title_split(t, i: int, j: int, label: str) -> list[tuple[int, int, str, bool]]:
    """A title inside or at the end of a span before a name: "Fed Chair" (+ "Jerome Powell"), "Treasury Secretary
    Scott Bessent": the words before the title are the organisation, the words after it the person, the title
    itself neither (so "Fed Chair" is never a work of art). (start, end, label, organisation evidence)."""
    if label == "PERSON":
        return [(i, j, label, False)]
    low, text = t.lower, t.text
    for k in range(i + 1, j):
        if low[k].rstrip(".") not in PERSON_TITLES or not text[k][:1].isupper():
            continue
        after = k + 1
        while after < j and low[after].rstrip(".") in PERSON_TITLES:
            after += 1
        if after >= t.n or not text[after][:1].isupper() or t.is_punct[after]:
            continue
        parts = [(i, k, "ORG", True)]
        if after < j:
            parts.append((after, j, "PERSON", False))
        return parts
    return [(i, j, label, False)]


def _is_slug(t, i: int, j: int) -> bool:
    """A wire headline's section slug: all-caps common words before a spaced dash at the start ("GOLF - ",
    "RUGBY UNION - ", "SOCCER - ")."""
    if i != 0 or j >= t.n or t.text[j] not in _DASHES or not t.whitespace[j - 1]:
        return False
    words = t.text[i:j]
    return all(w.isupper() and w.isalpha() and _is_common_noun(w.lower()) for w in words)


def _model_spans(parsed: ParsedArticle, seg, taken: list[bool], poss: frozenset = frozenset()) -> list[_Cand]:
    """The model's non-numeric entity spans, cut into parts and cleaned."""
    out: list[_Cand] = []
    t = seg.table
    ents = t.ents
    table = _is_table(seg) if ents else False
    for start, end, ent_label in ents:
        if ent_label in NUMERIC_LABELS:
            continue
        for a, b in _split_parts(t, start, end, ent_label, table, poss):
            if _is_slug(t, a, b):
                continue
            for i, j, label, employer in _title_split(t, a, b, ent_label):
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
    for m in _index_matches(parsed.text, seg.start, seg.end):
        span = seg.table.char_span(m.start() - seg.start, m.end() - seg.start)
        if span is None:
            continue
        c = _Cand(m.start(), m.end(), m.group(), "INDEX", seg, span[0], span[1], False, "index")
        c.votes["INDEX"] += 5
        seg_cands = [o for o in seg_cands if not (o.start < c.end and c.start < o.end)]
        seg_cands.append(c)
        for k in range(span[0], span[1]):
            taken[k] = True
    return seg_cands


def _index_matches(text: str, start: int, end: int):
    r"""The matches `_INDEXES` with the look-behind `(?<![\w&/])` would give in text[start:end] (`finditer`): after a
    name that follows a word character, the search goes on from the next character, as the look-behind's would."""
    pos = start
    while True:
        m = _INDEXES.search(text, pos, end)
        if m is None:
            return
        if m.start() > 0 and _INDEX_BEFORE.match(text, m.start() - 1):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def _product_codes(parsed: ParsedArticle, seg, seg_cands: list[_Cand], taken: list[bool]) -> list[_Cand]:
    """Product and model codes (H200, A100, MI300X), whatever the model called them."""
    if _CODE_START.search(parsed.text, seg.start, seg.end) is None:
        return seg_cands  # every code has a capital letter before a digit
    texts = seg.table.text
    for k in itertools.compress(range(len(texts)), map(PRODUCT_CODE.match, texts)):  # the few codes
        text = texts[k]
        if not NOT_PRODUCT_CODE.match(text):
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
    for credit in credits_of(parsed, seg):
        lead_end = credit.names[0].start if credit.names else credit.end
        seg_cands = [c for c in seg_cands if not (credit.start <= c.start < lead_end)]
        for name in credit.names:
            same = [c for c in seg_cands if c.start < name.end and name.start < c.end]
            for c in same:
                seg_cands.remove(c)
            span = seg.table.char_span(name.start - seg.start, name.end - seg.start, expand=True)
            if span is None:
                continue
            c = _make(parsed, seg, span[0], span[1], name.label, "credit")
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
        span = seg.table.char_span(s - seg.start, e - seg.start, expand=True)
        c = _make(parsed, seg, span[0], span[1], "GPE", "dateline") if span is not None else None
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


def credits_of(parsed: ParsedArticle, seg) -> list:
    """`find_credits` of a segment, found once per article (collect and the sweep both read them)."""
    memo = parsed.memo.setdefault("entities.credits", {})
    key = (seg.start, seg.end)
    found = memo.get(key)
    if found is None:
        found = memo[key] = find_credits(parsed.text, seg.start, seg.end)
    return found


def _collect(parsed: ParsedArticle) -> list[_Cand]:
    cands: list[_Cand] = []
    all_keys = {norm_name(seg.table.span_text(a, b)) for seg in parsed.segments for a, b, _ in seg.table.ents}
    poss = _possessive_names(parsed)
    for n, seg in enumerate(parsed.segments):
        taken = [False] * seg.table.n
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
        t = seg.table
        text = t.text
        for start, end, label in t.ents:
            if label != "ORG":
                continue
            for k in range(start + 1, end):
                if text[k] not in POSSESSIVES:
                    continue
                nxt = k + 1 if k + 1 < t.n else None
                if (k == end - 1 and (nxt is None or t.pos[nxt] in _NOT_POSSESSED)) or (
                        nxt is not None and k + 1 < end and t.lower[nxt] == "of"):
                    out.add(t.span_text(start, k))
    return frozenset(out)


def _split_country_prefix(parsed: ParsedArticle, seg, cands: list[_Cand], all_keys: set[str]) -> list[_Cand]:
    """"U.S. Federal Reserve" -> "U.S." + "Federal Reserve"; "U.S. Apple" (a missed sentence end) likewise."""
    t = seg.table
    out = []
    for c in cands:
        if c.source == "model" and c.j - c.i >= 2 and c.label not in ("GPE", "LOC", "NORP") \
                and _fold(t.text[c.i]) in PLACE_ALIASES and len(_fold(t.text[c.i])) <= 3:
            rest_key = norm_name(t.span_text(c.i + 1, c.j))
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
    t = seg.table
    out = []
    texts, low, n = t.text, t.lower, t.n
    for k in itertools.compress(range(n - 1), t.like_num[1:]):  # a number after the word
        if not _MODEL_NUMBER.fullmatch(texts[k + 1]):  # one to three digits (always like_num)
            continue
        word = texts[k]
        camel = bool(_CAMEL.fullmatch(word))
        titled = word[:1].isupper() and t.pos[k] == "PROPN" and word.lower() not in ORG_TAIL
        end = k + 2
        if end < n and low[end] in _VARIANTS and texts[end][:1].isupper():
            end += 1
        after = low[end] if end < n else ""
        if not (camel or (titled and after in _PRODUCT_NOUNS)):
            continue
        if any(taken[x] for x in range(k, end)) and not camel:
            continue
        if t.ent_type[k] in ("PERSON", "GPE", "DATE", "LOC", "NORP", "FAC"):
            continue
        c = _make(parsed, seg, k, end, "PRODUCT", "model-number")
        if c is not None:
            c.votes["PRODUCT"] += 4
            out.append(c)
            for x in range(k, end):
                taken[x] = True
    return out


def _event_names(parsed: ParsedArticle, seg, taken) -> list[_Cand]:
    """Capitalised names right before "trade show", "conference", "summit" that the model missed."""
    t = seg.table
    out = []
    text, low, upper, punct = t.text, t.lower, t.is_upper, t.is_punct
    for k in t.positions("lower", _EVENT_HEADS):
        if low[k] == "trade" and not (k + 1 < t.n and low[k + 1] in ("show", "fair")):
            continue
        j = k
        i = j
        while i > 0 and (text[i - 1][:1].isupper() or upper[i - 1]) and not punct[i - 1] \
                and not taken[i - 1] and low[i - 1] != "the":
            i -= 1
        if i == j or (i == 0 and j - i == 1 and not upper[i]):
            continue
        c = _make(parsed, seg, i, j, "EVENT", "event")
        if c is not None:
            out.append(c)
            for x in range(i, j):
                taken[x] = True
    return out

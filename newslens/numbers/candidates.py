"""Candidates: every amount, count, duration and date of one segment, as non-overlapping spans.

Three passes: our grammar scanned at every token start where an amount can begin (`starts.start_tokens`);
spaCy's numeric entities for the rest; dates (the model's and those found by pattern in `datephrases`)
resolved with `dates.resolve_date`, durations with `parse_duration`. The passes read the segment's
`TokenTable` (offsets, entities, tags as lists) and build spaCy Tokens only around a candidate.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from ..dates import DURATION_UNITS, duration_parts, parse_duration, resolve_date
from .amount import Amount
from .datephrases import find_date_phrases
from .filters import bare_is_name, is_score, phone_spans
from .forms import rate_after
from .grammar import parse_amount
from .offsets import expand, overlapping, snap
from .starts import start_tokens
from .vocab import AMBIGUOUS_QUALIFIERS, CLOCK_WORDS, HONORIFICS, HUMAN_NOUNS, FORWARD_CUES, DATE_PREPS, DATE_QUALIFIERS, FUTURE_VERBS, NON_NUMERIC_LABELS, RE_YEAR

@dataclass
class _Cand:
    start: int  # local (segment doc) offsets
    end: int
    label: str
    amt: Amount | None = None
    date: str | None = None
    date_resolved: bool = False
    approximate: bool = False
    qualifier: str | None = None
    root: int | None = None  # the token number a date hangs from (its root)
    noun: object = None  # counted noun / dated noun included in the span


def _tokens_in(table, start: int, end: int):
    """The tokens (spaCy Tokens) of the segment's table that overlap [start, end)."""
    doc = table.doc
    return [doc[k] for k in overlapping(table, start, end)]


def _root_of(toks):
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1] if toks else None


_MODALS = frozenset({"will", "'ll", "shall", "wo", "may", "might", "could", "should"})
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re"})
_PAST_AUX = frozenset({"was", "were", "had", "has", "have", "did"})


def _future(table, k: int) -> bool | None:
    """The tense of the clause holding token k: True future (or forward-looking: modal, "likely", "odds of"),
    False past, None unknown."""
    lower, pos, dep, tag, head, kids = table.lower, table.pos, table.dep, table.tag, table.head, table.children
    if lower[k] in FORWARD_CUES or any(lower[a] in FORWARD_CUES for a in table.ancestors(k)):
        return True  # "odds of a June cut", "a likely rise in May": the cue governs the date
    t = k
    first_verb = None
    for _ in range(8):
        if pos[t] in ("VERB", "AUX"):
            low = {lower[c] for c in kids[t] if dep[c] in ("aux", "auxpass")}
            if low & _MODALS or ("would" in low and "have" not in low):
                return True
            if first_verb is None:
                first_verb = t
                if table.doc[t].lemma_ in FUTURE_VERBS and (tag[t] in ("VBZ", "VBP") or low & _PRESENT_AUX):
                    return True  # "is expected in March", "plans to ... in May"
                if tag[t] in ("VBD", "VBN") or low & _PAST_AUX:
                    return False
            elif tag[t] in ("VBZ", "VBP") and table.doc[t].lemma_ in FUTURE_VERBS:
                return True
        if head[t] == t:
            break
        t = head[t]
    return None


def _extend_count(table, s: str, c: _Cand, taken) -> None:
    """'two' -> 'two people': a count's span runs to the noun it counts."""
    doc = table.doc
    toks = _tokens_in(table, c.start, c.end)
    if not toks:
        return
    last = toks[-1]
    head = last.head if last.dep_ in ("nummod", "compound", "quantmod", "amod") else None
    if c.amt is not None and c.amt.broad:
        head = _of_noun(doc, last)  # "hundreds of workers": the noun after "of"
        if head is None:
            return
    if head is None or head.i <= last.i or head.i - last.i > 4 or head.pos_ not in ("NOUN", "PROPN"):
        # a parse that missed the link: the plural noun right after the number ("5m people")
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is None or nxt.tag_ != "NNS" or not nxt.is_lower or nxt.ent_type_:
            return
        head = nxt
    between = doc[last.i + 1 : head.i]
    allowed = ("amod", "compound", "nmod", "advmod", "punct") + (("prep",) if c.amt and c.amt.broad else ())
    if any(t.dep_ not in allowed or (t.is_punct and t.text != "-") for t in between):
        return
    if head.ent_type_ in NON_NUMERIC_LABELS and head.pos_ == "PROPN":
        return
    if head.tag_ == "NN" and c.amt is not None and c.amt.scale == "million" and c.amt.low is None \
            and _RE_GLUED_M.fullmatch(s[c.start:c.end]):
        a = c.amt  # "a 10m fall", "the 100m final": a glued m before a singular noun is metres, not million
        c.label, a.kind, a.unit, a.scale, a.value = "QUANTITY", "quantity", "m", None, round(a.value / 1e6, 9)
        return
    end = head.idx + len(head.text)
    if any(s < end and c.end < e for s, e in taken):
        return
    c.end = end
    c.noun = head
    rate = rate_after(s, end) if c.amt is not None and c.amt.per_unit is None else None
    if rate is not None and not any(s < rate[1] and end < e for s, e in taken):
        c.amt.per_unit, c.end = rate  # "5,000 cars a month", "300 flights a day"


_RE_GLUED_M = re.compile(r"[\d.,]+m")


def _of_noun(doc, tok):
    """The noun of "of" right after `tok`: "hundreds of (skilled) workers" -> workers."""
    of = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if of is None or of.lower_ != "of":
        return None
    for ch in of.children:
        if ch.dep_ == "pobj" and ch.pos_ in ("NOUN", "PROPN") and ch.i - of.i <= 4:
            return ch
    nxt = doc[of.i + 1] if of.i + 1 < len(doc) else None  # a parse that hung the noun elsewhere
    return nxt if nxt is not None and nxt.tag_ == "NNS" else None


def _root_index(table, span) -> int | None:
    """`_root_of` on token numbers (a range or a list): the first whose head is outside them (or itself), else the
    last; None for none."""
    head = table.head
    ids = span if isinstance(span, range) else set(span)
    for k in span:
        h = head[k]
        if h == k or h not in ids:
            return k
    return span[-1] if span else None


def _extend_date(table, c: _Cand, taken, span: range, r: int) -> None:
    """Date spans take their preposition ("in 2026", "on Tuesday") or their noun ("a December report"); `span`: the
    tokens of the date, `r` their root."""
    doc, dep, pos, idx = table.doc, table.dep, table.pos, table.idx
    c.root = r
    h, first, last = table.head[r], span[0], span[-1]
    if dep[r] in ("compound", "nmod", "amod", "nummod") and h > last and h - last <= 3 and pos[h] == "NOUN":
        end = table.end_char[h]
        start = c.start
        dets = [t for t in table.children[h] if dep[t] in ("det", "poss") and t == first - 1]
        if dets:
            start = idx[dets[0]]
        if not any(s < end and start < e for s, e in taken if (s, e) != (c.start, c.end)):
            c.start, c.end, c.noun = start, end, doc[h]
            return
    if first > 0:
        p = first - 1
        pl = doc[p].lower_
        if pl == "of" and first > 1 and doc[first - 2].lower_ == "as":
            pl, p = "as of", first - 2
        if pl in DATE_PREPS and pl not in ("of", "as", "for") and pos[p] in ("ADP", "SCONJ", "ADV") \
                and not any(s <= idx[p] < e for s, e in taken):
            c.start = idx[p]
            if pl in DATE_QUALIFIERS:
                c.qualifier = pl
                if pl in ("around", "circa", "about"):
                    c.approximate = True


_LABEL = {"money": "MONEY", "percent": "PERCENT", "quantity": "QUANTITY", "count": "CARDINAL", "age": "AGE"}


class _Ent(NamedTuple):
    """One of the Doc's entities (`doc.ents`), read from the token table: tokens, characters, label, text."""

    start: int
    end: int
    start_char: int
    end_char: int
    label_: str
    text: str


_RE_DIGIT = re.compile(r"\d")


@dataclass
class _Segment:
    """One segment's text and what its passes have claimed so far."""

    table: object  # tokentable.TokenTable of the segment's Doc
    s: str  # the Doc's text
    published: str | None
    yen_code: str
    doc: object = None
    phones: list = field(default_factory=list)
    ents: list = field(default_factory=list)
    ent_ends: list = field(default_factory=list)
    date_phrases: list = field(default_factory=list)
    pattern_dates: list = field(default_factory=list)
    cands: list = field(default_factory=list)
    taken: list = field(default_factory=list)

    def __post_init__(self):
        self.doc = self.table.doc
        s = self.s
        self.phones = phone_spans(s)
        # (start, end, label) of doc.ents, from the table (the entities pass reads them too): an `_Ent` is built
        # only when asked for
        self.ents = self.table.ents
        if self.ents:
            ends = self.table.end_char
            self.ent_ends = [ends[b - 1] for _, b, _ in self.ents]
        self.date_phrases = find_date_phrases(s)
        self.pattern_dates = [(a, b) for a, b in self.date_phrases if _RE_DIGIT.search(s, a, b)]

    def ents_over(self, a: int, b: int) -> list[_Ent]:
        """The entities holding any character of [a, b)."""
        out: list[_Ent] = []
        if a >= b:
            return out
        for k in range(bisect_right(self.ent_ends, a), len(self.ents)):
            e = self.ent(k)
            if e.start_char >= b:
                break
            out.append(e)
        return out

    def ent(self, k: int) -> _Ent:
        """Entity k of the Doc (`doc.ents[k]`)."""
        a, b, label = self.ents[k]
        start, end = self.table.idx[a], self.ent_ends[k]
        return _Ent(a, b, start, end, label, self.s[start:end])

    def in_date(self, a, b) -> bool:
        return any(x < b and a < y for x, y in self.pattern_dates)

    def free(self, a, b) -> bool:
        return not any(x < b and a < y for x, y in self.taken)

    def in_phone(self, a, b) -> bool:
        return any(x < b and a < y for x, y in self.phones)

    def add(self, c: _Cand) -> None:
        self.cands.append(c)
        self.taken.append((c.start, c.end))


def _scan(seg: _Segment) -> None:
    """Pass 1: our grammar at every token start where an amount can begin (`starts.start_tokens`)."""
    table, s = seg.table, seg.s
    idx = table.idx
    pos = 0
    for k in start_tokens(s, idx, table.text, table.whitespace):  # never a space token
        i = idx[k]
        if i < pos:
            continue
        amt = parse_amount(s, i)
        if amt is None or amt.value is None:
            continue
        edges = snap(table, len(s), amt.start, amt.end)
        if edges is None or edges[0] != amt.start or (edges[1] != amt.end and s[amt.end:edges[1]].strip(".,;:)")
                                                      and not _compound_adjective(s, amt)):
            continue  # an amount begins and ends on token edges ("HK$300" is one token, "2.5%-yielding" fine)
        if amt.qualifier in AMBIGUOUS_QUALIFIERS and table.dep[k] == "prep" and table.head[k] < k \
                and table.pos[table.head[k]] in ("NOUN", "PROPN", "VERB"):
            continue  # "a dispute over $5bn", "spread over 5 per cent": a preposition, not a qualifier
        ents_here = seg.ents_over(amt.start, amt.end)
        if (amt.bare or amt.kind == "count") and not _scanned_count_ok(seg, amt, i, ents_here):
            continue
        written = s[amt.start : amt.end]
        if amt.unit == "JPY" and "¥" in written and "JP¥" not in written:
            amt.unit = seg.yen_code  # a bare ¥ is yen or yuan: the article's own words decide
        seg.add(_Cand(amt.start, amt.end, _LABEL[amt.kind], amt=amt, qualifier=amt.qualifier,
                      approximate=amt.qualifier is not None))
        pos = amt.end


def _compound_adjective(s: str, amt: Amount) -> bool:
    """"2.5%-yielding bonds", "£50m-rated": an amount with its unit joined by a hyphen to the word it describes."""
    return amt.kind != "count" and s[amt.end:amt.end + 1] == "-" and s[amt.end + 1:amt.end + 2].isalpha()


def _scanned_count_ok(seg: _Segment, amt: Amount, tok_start: int, ents_here) -> bool:
    """A count the scanner read stays unless it is a word, a phone number, a date, a year or a name."""
    published, s = seg.published, seg.s
    if amt.broad:
        return not any(e.label_ in NON_NUMERIC_LABELS for e in ents_here)  # "hundreds of workers"
    if amt.is_word and not _word_count_ok(seg.table, amt):
        return False
    if seg.in_phone(amt.start, amt.end) or seg.in_date(amt.start, amt.end):
        return False
    if any(e.label_ in NON_NUMERIC_LABELS or e.label_ == "ORDINAL" and not amt.fraction for e in ents_here):
        return False
    if any(e.label_ in ("DATE", "TIME") and (resolve_date(e.text, published) or parse_duration(e.text)
                                             or not published and resolve_date(e.text, "2000-01-01"))
           for e in ents_here):
        return False  # the date pass reads it
    if amt.bare and _clock_time(seg.table, s, amt):
        return False
    digits = _RE_LEAD_NON_DIGITS.sub("", s[amt.start:amt.end])
    if amt.bare and RE_YEAR.match(digits) and amt.low is None:
        return False  # a year: the date pass decides
    if amt.bare and bare_is_name(amt, seg.table, tok_start, amt.end, s):
        return False
    return True


_RE_LEAD_NON_DIGITS = re.compile(r"^\D+")


def _model_numbers(seg: _Segment, date_spans: list) -> None:
    """Pass 2: the model's numeric entities the scanner left (dates are set aside for pass 3)."""
    table, s = seg.table, seg.s
    for k, (_, _, label) in enumerate(seg.ents):
        if label not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME"):
            continue
        ent = seg.ent(k)
        a, b = ent.start_char, ent.end_char
        if not seg.free(a, b) or seg.in_phone(a, b):
            continue
        text = ent.text
        if ent.label_ in ("DATE", "TIME") or ent.label_ == "CARDINAL" and seg.in_date(a, b):
            date_spans.append((a, b))
            continue
        if ent.label_ == "CARDINAL" and RE_YEAR.match(text.strip()):
            p = seg.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if p in ("in", "since", "by", "until", "from", "of", "during", "before", "after", "year", "fiscal") or \
                    not (ent.end < table.n and table.pos[ent.end] == "NOUN" and table.doc[ent.end].tag_ == "NNS"):
                date_spans.append((a, b))
                continue
        amt = parse_amount(s, a)
        if amt is None or amt.end < b and s[amt.end:b].strip(" .,;:'’s"):
            continue  # "H200", "hundreds", "millions", "3-1": nothing we can read as an amount
        if amt.bare and not _model_count_ok(table, amt, a, s):
            continue
        label = _LABEL[amt.kind]
        if amt.kind == "quantity" and ent.label_ == "QUANTITY":
            label = "QUANTITY"
        seg.add(_Cand(amt.start, amt.end, label, amt=amt, qualifier=amt.qualifier,
                      approximate=amt.qualifier is not None))


def _model_count_ok(table, amt: Amount, a: int, s: str) -> bool:
    """A bare count from the model stays unless it is a name, or a number word that counts nothing."""
    if bare_is_name(amt, table, a, amt.end, s) or _clock_time(table, s, amt):
        return False
    return not amt.is_word or _word_count_ok(table, amt)


def _clock_time(table, s: str, amt: Amount) -> bool:
    """"at 2 pm", "10.30 GMT": a bare number before a clock word is a time of day."""
    span = expand(table, len(s), amt.start, amt.end)
    return span is not None and span[1] < table.n and table.doc[span[1]].lower_ in CLOCK_WORDS


def _word_count_ok(table, amt: Amount) -> bool:
    """A number in words counts something ("two people", "two of the victims") or stands as a number
    ("sixteen", "The answer is forty-two"); not "one of the largest", "the two", "one another"."""
    doc = table.doc
    toks = _tokens_in(table, amt.start, amt.end)
    last = toks[-1] if toks else None
    if last is None:
        return False
    if last.lower_ == "one" and last.head.lower_ in ("another",):
        return False
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if amt.value == 1 and nxt is not None and nxt.lower_ == "of" and any(t.like_num for t in doc[nxt.i + 1: nxt.i + 4]):
        return False  # "one of the 12 jurors": the whole is the fact ("three of her five employees" keeps both)
    if last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN") or \
            last.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and nxt is not None and nxt.lower_ == "of":
        return True
    prev = doc[toks[0].i - 1] if toks[0].i > 0 else None
    if amt.fraction or amt.sign < 0 or amt.value != int(amt.value):
        return True  # "two-thirds", "minus one", "zero point five": a value in its own right
    if abs(amt.value) < 2 or (nxt is not None and nxt.lower_ in ("of", "another")) or \
            (prev is not None and prev.lower_ in ("the", "these", "those", "both", "all", "each", "every", "no")):
        return False  # "one of the largest", "the two", "all three"
    return True


def _date_spans(seg: _Segment, date_spans: list) -> list[tuple[int, int]]:
    """The model's date spans and those found by pattern, overlapping ones merged."""
    for a, b in seg.date_phrases:
        if seg.free(a, b):
            if any(e.label_ in NON_NUMERIC_LABELS for e in seg.ents_over(a, b)):
                continue
            edges = snap(seg.table, len(seg.s), a, b)
            if edges:
                date_spans.append(edges)
    merged: list[tuple[int, int]] = []
    for a, b in sorted(date_spans):  # the model's "Jan 5" + "2026" and the pattern's "Jan 5, 2026" are one date
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


_RE_ROUGH_DATE = re.compile(r"(?:around|about|circa|roughly|early|mid|late)\b", re.I)
_RE_ONE_PERIOD = re.compile(r"^(?:the\s+)?(?:a|an|one)\s", re.I)
_RE_DURATION_QUALIFIER = re.compile(r"(?:about|around|nearly|almost|some|more than|less than|up to|at least|over)\b",
                                    re.I)


def _dates(seg: _Segment, date_spans: list) -> None:
    """Pass 3: every date span resolved to a date, else read as a duration."""
    table, s = seg.table, seg.s
    for a, b in _date_spans(seg, date_spans):
        if not seg.free(a, b) or seg.in_phone(a, b):
            continue
        text = s[a:b]
        span = overlapping(table, a, b)
        r = _root_index(table, span)
        res = resolve_date(text, seg.published, future=_future(table, r) if r is not None else None)
        if res is not None:
            c = _Cand(a, b, "DATE", date=res.iso, date_resolved=res.resolved, approximate=res.approximate)
            if _RE_ROUGH_DATE.match(text):
                c.approximate = True
            if r is not None:
                _extend_date(table, c, seg.taken, span, r)
            seg.add(c)
            continue
        dur = parse_duration(text)
        if b < len(s) and s[b] in "-–" or _RE_ONE_PERIOD.match(text.strip()):
            dur = None  # "two quarter-point cuts", "a year": no duration
        if dur is not None:
            parts = duration_parts(text)
            # "1 minute and 9 seconds": one fact per duration; one duration keeps the whole span ("the past 12 months")
            spans = [(a + ps, a + pe, v, u) for ps, pe, v, u in parts] if len(parts) > 1 else [(a, b, *dur)]
            for k, (x, y, value, unit) in enumerate(spans):
                amt = Amount(x, y, value, "quantity", unit=unit)
                q = _RE_DURATION_QUALIFIER.match(text) if k == 0 else None
                c = _Cand(x, y, "QUANTITY", amt=amt, qualifier=q.group(0).lower() if q else None, approximate=bool(q))
                amt.qualifier = c.qualifier
                seg.add(c)


def _titled_name(doc, tok) -> bool:
    """"Mr Obi", "Dr. Ana Cruz": a proper noun after an honorific, whatever the model's label."""
    k = tok.i
    while k > 0 and doc[k].pos_ == "PROPN" and tok.i - k < 3:
        k -= 1
        if doc[k].lower_.rstrip(".") in HONORIFICS or doc[k].text == "." and k > 0 and doc[k - 1].lower_ in HONORIFICS:
            return True
    return False


def _appositive_ages(seg: _Segment) -> None:
    """"John Smith, 45, said", "..., his wife, 42.": a whole number set off by commas after a person is an age."""
    s, doc, table = seg.s, seg.doc, seg.table
    for c in seg.cands:
        a = c.amt
        if c.label != "CARDINAL" or a is None or not a.bare or a.low is not None or not (1 <= a.value <= 120) \
                or a.value != int(a.value) or c.start < 3 or s[c.start - 2:c.start] != ", " \
                or (c.end < len(s) and s[c.end] not in ",.;)"):
            continue
        span = expand(table, len(s), c.start, c.end)
        before = doc[span[0] - 2] if span is not None and span[0] >= 2 else None
        if before is not None and (before.ent_type_ == "PERSON" or before.pos_ == "NOUN" and before.lemma_.lower()
                                   in HUMAN_NOUNS or _titled_name(doc, before)):
            c.label, a.kind, a.unit = "AGE", "age", "year"


def segment_candidates(table, text: str, published, yen_code: str) -> list[_Cand]:
    """Every candidate fact of one segment (its `TokenTable` and its Doc's text), in text order, without overlaps."""
    seg = _Segment(table, text, published, yen_code)
    _scan(seg)
    date_spans: list[tuple[int, int]] = []
    _model_numbers(seg, date_spans)
    _dates(seg, date_spans)
    _appositive_ages(seg)
    for c in seg.cands:  # counts run to their noun
        if c.label == "CARDINAL":
            _extend_count(table, seg.s, c, seg.taken)
            for k, (x, y) in enumerate(seg.taken):
                if x == c.start:
                    seg.taken[k] = (c.start, c.end)
            noun = c.noun.lemma_.lower() if c.noun is not None else None
            if noun in DURATION_UNITS and c.amt is not None:  # "nine to 12 months": a duration, like "six months"
                c.label, c.amt.kind, c.amt.unit = "QUANTITY", "quantity", noun
    cands = sorted(seg.cands, key=lambda c: c.start)
    out: list[_Cand] = []
    for c in cands:
        if out and c.start < out[-1].end or c.label == "CARDINAL" and is_score(table, seg.s, c.amt):
            continue
        out.append(c)
    return out


"""Candidates: every amount, count, duration and date of one segment's Doc, as non-overlapping spans.

Three passes: our grammar scanned at every token start; spaCy's numeric entities for the rest; dates (the
model's and those found by pattern) resolved with `dates.resolve_date`, durations with `parse_duration`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import MONTHS, WEEKDAYS, duration_parts, parse_duration, resolve_date
from .filters import bare_is_name, phone_spans
from .amount import Amount
from .forms import rate_after
from .grammar import parse_amount
from .offsets import overlapping
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
    root: object = None  # spaCy token the fact hangs from
    noun: object = None  # counted noun / dated noun included in the span


def _tokens_in(doc, start: int, end: int):
    """The tokens of `doc` that overlap [start, end)."""
    return [doc[k] for k in overlapping(doc, start, end)]


def _root_of(toks):
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1] if toks else None


def _snap(doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return span.start_char, span.end_char


def _future(tok) -> bool | None:
    """The tense of the clause holding `tok`: True future (or forward-looking: modal, "likely", "odds of"),
    False past, None unknown."""
    if tok.lower_ in FORWARD_CUES or any(a.lower_ in FORWARD_CUES for a in tok.ancestors):
        return True  # "odds of a June cut", "a likely rise in May": the cue governs the date
    t = tok
    first_verb = None
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
            low = {c.lower_ for c in auxes}
            if low & {"will", "'ll", "shall", "wo", "may", "might", "could", "should"} or \
                    ("would" in low and "have" not in low):
                return True
            if first_verb is None:
                first_verb = t
                if t.lemma_ in FUTURE_VERBS and (t.tag_ in ("VBZ", "VBP") or low & {"is", "are", "am", "'s", "'re"}):
                    return True  # "is expected in March", "plans to ... in May"
                if t.tag_ in ("VBD", "VBN") or low & {"was", "were", "had", "has", "have", "did"}:
                    return False
            elif t.lemma_ in FUTURE_VERBS and t.tag_ in ("VBZ", "VBP"):
                return True
        if t.head.i == t.i:
            break
        t = t.head
    if first_verb is not None and first_verb.tag_ in ("VBZ", "VBP"):
        return None
    return None


def _extend_count(doc, c: _Cand, taken) -> None:
    """'two' -> 'two people': a count's span runs to the noun it counts."""
    toks = _tokens_in(doc, c.start, c.end)
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
            and re.fullmatch(r"[\d.,]+m", doc.text[c.start:c.end]):
        a = c.amt  # "a 10m fall", "the 100m final": a glued m before a singular noun is metres, not million
        c.label, a.kind, a.unit, a.scale, a.value = "QUANTITY", "quantity", "m", None, round(a.value / 1e6, 9)
        return
    end = head.idx + len(head.text)
    if any(s < end and c.end < e for s, e in taken):
        return
    c.end = end
    c.noun = head
    rate = rate_after(doc.text, end) if c.amt is not None and c.amt.per_unit is None else None
    if rate is not None and not any(s < rate[1] and end < e for s, e in taken):
        c.amt.per_unit, c.end = rate  # "5,000 cars a month", "300 flights a day"


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


def _extend_date(doc, c: _Cand, taken) -> None:
    """Date spans take their preposition ("in 2026", "on Tuesday") or their noun ("a December report")."""
    toks = _tokens_in(doc, c.start, c.end)
    if not toks:
        return
    root = _root_of(toks)
    c.root = root
    head = root.head
    if root.dep_ in ("compound", "nmod", "amod", "nummod") and head.i > toks[-1].i and head.i - toks[-1].i <= 3 \
            and head.pos_ == "NOUN":
        end = head.idx + len(head.text)
        start = c.start
        first = toks[0]
        dets = [t for t in head.children if t.dep_ in ("det", "poss") and t.i == first.i - 1]
        if dets:
            start = dets[0].idx
        if not any(s < end and start < e for s, e in taken if (s, e) != (c.start, c.end)):
            c.start, c.end, c.noun = start, end, head
            return
    first = toks[0]
    if first.i > 0:
        p = doc[first.i - 1]
        pl = p.lower_
        if pl == "of" and first.i > 1 and doc[first.i - 2].lower_ == "as":
            pl, p = "as of", doc[first.i - 2]
        if pl in DATE_PREPS and pl not in ("of", "as", "for") and p.pos_ in ("ADP", "SCONJ", "ADV") \
                and not any(s <= p.idx < e for s, e in taken):
            c.start = p.idx
            if pl in DATE_QUALIFIERS:
                c.qualifier = pl
                if pl in ("around", "circa", "about"):
                    c.approximate = True


def _month_patterns() -> tuple[str, str, str]:
    """Regex alternations of month names and abbreviations (May apart), full month names, weekday names."""
    by_number: dict[int, list[str]] = {}
    for name, n in MONTHS.items():
        by_number.setdefault(n, []).append(name)
    full = [max(names, key=len) for _, names in sorted(by_number.items())]
    abbr = [name for name in MONTHS if name not in full]
    full_no_may = "|".join(f.capitalize() for f in full if f != "may")
    mon = "(?:" + full_no_may + "|" + "|".join(re.escape(a.capitalize()) + r"\.?" for a in
                                             sorted(abbr, key=len, reverse=True)) + ")"
    wd = "(?:" + "|".join(w.capitalize() for w, _ in sorted(WEEKDAYS.items(), key=lambda x: x[1])
                          if w.endswith("day")) + ")"
    return mon, wd, "(?:" + full_no_may + ")"


_MON_PATTERN, _WEEKDAY_PATTERN, _FULL_MONTH_PATTERN = _month_patterns()


def _date_patterns() -> list[re.Pattern]:
    mon, wd, full = _MON_PATTERN, _WEEKDAY_PATTERN, _FULL_MONTH_PATTERN
    pats = [
        r"\b\d{4}-\d{2}-\d{2}\b",
        r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:" + mon + r"|May)\s*,?\s+\d{4}\b",
        r"\b(?:" + mon + r"|May)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b",
        r"\b(?:" + mon + r"|May)\s+\d{4}\b",
        r"\b(?:" + mon + r"|May)\s+\d{1,2}(?:st|nd|rd|th)?\b",
        r"\b(?:last|this|next|earlier\s+this|later\s+this)\s+(?:week|month|year|quarter|" + wd + r")\b",
        r"\b(?:yesterday|today|tomorrow)\b",
        r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|years?|decades?)\s+ago\b",
        r"\b" + wd + r"\b",
        r"(?<![\w.])(?:(?:early|mid|late)-?\s?)?" + full + r"\b",
        r"\b(?:in|since|until|by|last|next|early|late|mid)[\s-]May\b",
    ]
    return [re.compile(p, re.I if p.startswith(r"\b(?:last") or "yesterday" in p or "ago" in p else 0) for p in pats]


_DATE_PATTERNS = _date_patterns()


def _find_date_phrases(text: str) -> list[tuple[int, int]]:
    """Date phrases by pattern, for those the model did not tag."""
    found = []
    for rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            found.append((m.start(), m.end()))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out




_LABEL = {"money": "MONEY", "percent": "PERCENT", "quantity": "QUANTITY", "count": "CARDINAL", "age": "AGE"}


@dataclass
class _Segment:
    """One segment's text and what its passes have claimed so far."""

    doc: object
    published: str | None
    yen_code: str
    s: str = ""
    phones: list = field(default_factory=list)
    ent_at: dict = field(default_factory=dict)
    date_phrases: list = field(default_factory=list)
    pattern_dates: list = field(default_factory=list)
    cands: list = field(default_factory=list)
    taken: list = field(default_factory=list)

    def __post_init__(self):
        self.s = self.doc.text
        self.phones = phone_spans(self.s)
        for ent in self.doc.ents:
            for k in range(ent.start_char, ent.end_char):
                self.ent_at[k] = ent
        self.date_phrases = _find_date_phrases(self.s)
        self.pattern_dates = [(a, b) for a, b in self.date_phrases if re.search(r"\d", self.s[a:b])]

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
    """Pass 1: our grammar at every token start."""
    doc, s = seg.doc, seg.s
    pos = 0
    for tok in doc:
        if tok.idx < pos or tok.is_space:
            continue
        amt = parse_amount(s, tok.idx)
        if amt is None or amt.value is None:
            continue
        snap = _snap(doc, amt.start, amt.end)
        if snap is None or snap[0] != amt.start or (snap[1] != amt.end and s[amt.end : snap[1]].strip(".,;:)")
                                                    and not _compound_adjective(s, amt)):
            continue  # an amount begins and ends on token edges ("HK$300" is one token, "2.5%-yielding" fine)
        if amt.qualifier in AMBIGUOUS_QUALIFIERS and tok.dep_ == "prep" and tok.head.i < tok.i \
                and tok.head.pos_ in ("NOUN", "PROPN", "VERB"):
            continue  # "a dispute over $5bn", "spread over 5 per cent": a preposition, not a qualifier
        ents_here = {seg.ent_at[k] for k in range(amt.start, amt.end) if k in seg.ent_at}
        if (amt.bare or amt.kind == "count") and not _scanned_count_ok(seg, amt, tok, ents_here):
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


def _scanned_count_ok(seg: _Segment, amt: Amount, tok, ents_here) -> bool:
    """A count the scanner read stays unless it is a word, a phone number, a date, a year or a name."""
    published, s = seg.published, seg.s
    if amt.broad:
        return not any(e.label_ in NON_NUMERIC_LABELS for e in ents_here)  # "hundreds of workers"
    if amt.is_word and not _word_count_ok(seg.doc, amt):
        return False
    if seg.in_phone(amt.start, amt.end) or seg.in_date(amt.start, amt.end):
        return False
    if any(e.label_ in NON_NUMERIC_LABELS or e.label_ == "ORDINAL" and not amt.fraction for e in ents_here):
        return False
    if any(e.label_ in ("DATE", "TIME") and (resolve_date(e.text, published) or parse_duration(e.text)
                                             or not published and resolve_date(e.text, "2000-01-01"))
           for e in ents_here):
        return False  # the date pass reads it
    if amt.bare and _clock_time(seg.doc, amt):
        return False
    digits = re.sub(r"^\D+", "", s[amt.start:amt.end])
    if amt.bare and RE_YEAR.match(digits) and amt.low is None:
        return False  # a year: the date pass decides
    if amt.bare and bare_is_name(amt, seg.doc, tok.idx, amt.end, s):
        return False
    return True


def _model_numbers(seg: _Segment, date_spans: list) -> None:
    """Pass 2: the model's numeric entities the scanner left (dates are set aside for pass 3)."""
    doc, s = seg.doc, seg.s
    for ent in doc.ents:
        if ent.label_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME"):
            continue
        a, b = ent.start_char, ent.end_char
        if not seg.free(a, b) or seg.in_phone(a, b):
            continue
        text = ent.text
        if ent.label_ in ("DATE", "TIME") or ent.label_ == "CARDINAL" and seg.in_date(a, b):
            date_spans.append((a, b))
            continue
        if ent.label_ == "CARDINAL" and RE_YEAR.match(text.strip()):
            p = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if p in ("in", "since", "by", "until", "from", "of", "during", "before", "after", "year", "fiscal") or \
                    not (ent.end < len(doc) and doc[ent.end].pos_ == "NOUN" and doc[ent.end].tag_ == "NNS"):
                date_spans.append((a, b))
                continue
        amt = parse_amount(s, a)
        if amt is None or amt.end < b and s[amt.end:b].strip(" .,;:'’s"):
            continue  # "H200", "hundreds", "millions", "3-1": nothing we can read as an amount
        if amt.bare and not _model_count_ok(doc, amt, a, s):
            continue
        label = _LABEL[amt.kind]
        if amt.kind == "quantity" and ent.label_ == "QUANTITY":
            label = "QUANTITY"
        seg.add(_Cand(amt.start, amt.end, label, amt=amt, qualifier=amt.qualifier,
                      approximate=amt.qualifier is not None))


def _model_count_ok(doc, amt: Amount, a: int, s: str) -> bool:
    """A bare count from the model stays unless it is a name, or a number word that counts nothing."""
    if bare_is_name(amt, doc, a, amt.end, s) or _clock_time(doc, amt):
        return False
    return not amt.is_word or _word_count_ok(doc, amt)


def _clock_time(doc, amt: Amount) -> bool:
    """"at 2 pm", "10.30 GMT": a bare number before a clock word is a time of day."""
    span = doc.char_span(amt.start, amt.end, alignment_mode="expand")
    nxt = doc[span.end] if span is not None and span.end < len(doc) else None
    return nxt is not None and nxt.lower_ in CLOCK_WORDS


def _word_count_ok(doc, amt: Amount) -> bool:
    """A number in words counts something ("two people", "two of the victims") or stands as a number
    ("sixteen", "The answer is forty-two"); not "one of the largest", "the two", "one another"."""
    toks = _tokens_in(doc, amt.start, amt.end)
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
            if any(seg.ent_at.get(k) is not None and seg.ent_at[k].label_ in NON_NUMERIC_LABELS
                   for k in range(a, b)):
                continue
            snap = _snap(seg.doc, a, b)
            if snap:
                date_spans.append(snap)
    merged: list[tuple[int, int]] = []
    for a, b in sorted(date_spans):  # the model's "Jan 5" + "2026" and the pattern's "Jan 5, 2026" are one date
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _dates(seg: _Segment, date_spans: list) -> None:
    """Pass 3: every date span resolved to a date, else read as a duration."""
    doc, s = seg.doc, seg.s
    for a, b in _date_spans(seg, date_spans):
        if not seg.free(a, b) or seg.in_phone(a, b):
            continue
        text = s[a:b]
        toks = _tokens_in(doc, a, b)
        root = _root_of(toks)
        res = resolve_date(text, seg.published, future=_future(root) if root is not None else None)
        if res is not None:
            c = _Cand(a, b, "DATE", date=res.iso, date_resolved=res.resolved, approximate=res.approximate)
            if re.match(r"(?:around|about|circa|roughly|early|mid|late)\b", text, re.I):
                c.approximate = True
            _extend_date(doc, c, seg.taken)
            seg.add(c)
            continue
        dur = parse_duration(text)
        if b < len(s) and s[b] in "-–" or re.match(r"^(?:the\s+)?(?:a|an|one)\s", text.strip(), re.I):
            dur = None  # "two quarter-point cuts", "a year": no duration
        if dur is not None:
            parts = duration_parts(text)
            # "1 minute and 9 seconds": one fact per duration; one duration keeps the whole span ("the past 12 months")
            spans = [(a + ps, a + pe, v, u) for ps, pe, v, u in parts] if len(parts) > 1 else [(a, b, *dur)]
            for k, (x, y, value, unit) in enumerate(spans):
                amt = Amount(x, y, value, "quantity", unit=unit)
                q = re.match(r"(?:about|around|nearly|almost|some|more than|less than|up to|at least|over)\b", text,
                             re.I) if k == 0 else None
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
    s, doc = seg.s, seg.doc
    for c in seg.cands:
        a = c.amt
        if c.label != "CARDINAL" or a is None or not a.bare or a.low is not None or not (1 <= a.value <= 120) \
                or a.value != int(a.value) or c.start < 3 or s[c.start - 2:c.start] != ", " \
                or (c.end < len(s) and s[c.end] not in ",.;)"):
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        before = doc[span.start - 2] if span is not None and span.start >= 2 else None
        if before is not None and (before.ent_type_ == "PERSON" or before.pos_ == "NOUN" and before.lemma_.lower()
                                   in HUMAN_NOUNS or _titled_name(doc, before)):
            c.label, a.kind, a.unit = "AGE", "age", "year"


def segment_candidates(doc, published, yen_code: str) -> list[_Cand]:
    """Every candidate fact of one segment's Doc, in text order, without overlaps."""
    seg = _Segment(doc, published, yen_code)
    _scan(seg)
    date_spans: list[tuple[int, int]] = []
    _model_numbers(seg, date_spans)
    _dates(seg, date_spans)
    _appositive_ages(seg)
    for c in seg.cands:  # counts run to their noun
        if c.label == "CARDINAL":
            _extend_count(doc, c, seg.taken)
            for k, (x, y) in enumerate(seg.taken):
                if x == c.start:
                    seg.taken[k] = (c.start, c.end)
    cands = sorted(seg.cands, key=lambda c: c.start)
    out: list[_Cand] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out

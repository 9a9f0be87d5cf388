"""Meaning: each fact's subject entity, measure word, period date, stated equivalent and US-dollar value."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from ..parsed import ParsedArticle
from ..schema import Entity, NumberFact
from .currency import fx_table, usd_rate
from .vocab import CHANGE_WORDS, GOV_REFERENTS, LEVEL_VERBS, ORG_REFERENTS, SAYING_VERBS, TIME_NOUNS

class EntityIndex:
    """Entity mentions by offset, searched by bisection (each fact asks; a scan per fact was quadratic)."""

    def __init__(self, entities: list[Entity], parsed: ParsedArticle | None = None):
        self.spans = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: x[0])
        self._starts = [s for s, _, _ in self.spans]
        self._max_end = list(accumulate((e for _, e, _ in self.spans), max))  # running max of the ends
        # the label the model gave each mention ("Tokyo" is a place even inside an entity labelled ORG)
        self.mention_label = {(m.start, m.end): m.label or e.label for e in entities for m in e.mentions}
        self.seg_starts = [seg.start for seg in parsed.segments] if parsed is not None else [0]
        self.sent_starts = sorted(parsed.sentence_starts) if parsed is not None else [0]

    def floor(self, pos: int) -> int:
        """How far back "the company" may look: its paragraph, or the one before from a paragraph's first sentence."""
        k = max(bisect_right(self.seg_starts, pos) - 1, 0)
        i = bisect_right(self.sent_starts, self.seg_starts[k])
        first_sentence = not (i < len(self.sent_starts) and self.sent_starts[i] <= pos)
        return self.seg_starts[k - 1] if first_sentence and k > 0 else self.seg_starts[k]

    def at(self, start: int, end: int) -> Entity | None:
        """The first mention (in start order) that overlaps [start, end)."""
        for k in range(bisect_right(self._max_end, start), len(self.spans)):
            s, e, ent = self.spans[k]
            if s >= end:
                break
            if start < e:
                return ent
        return None

    def before(self, pos: int, labels: set[str], limit: int = 600) -> Entity | None:
        """The last mention (in start order) with one of `labels` that ends by `pos`, within `limit` and the floor."""
        best = None
        floor = self.floor(pos)
        for k in range(bisect_left(self._starts, floor), bisect_right(self._starts, pos)):
            s, e, ent = self.spans[k]
            if e <= pos and pos - e <= limit and ent.label in labels \
                    and self.mention_label.get((s, e), ent.label) in labels:
                best = ent
        return best


def _entity_of(table, k: int, seg_start: int, index: EntityIndex, fact_start: int) -> Entity | None:
    """The entity a subject phrase (token k of the segment's table) names: its head, a compound or possessive,
    an appositive. (`Token.lower_` is the text lower-cased: spaCy's LOWER getter.)"""
    text, dep, kids, idx = table.text, table.dep, table.children, table.idx
    where = fact_start
    queue = [k]
    seen = set()
    depth = {k: 0}
    referent = None  # "the company", "the government": an entity named earlier
    while queue:
        t = queue.pop(0)
        if t in seen:
            continue
        seen.add(t)
        if referent is None:
            kind = _referent_kind(table, t)
            if kind:
                referent, where = kind, seg_start + idx[t]
        if referent is None and dep[t] == "poss" and text[t].lower() in ("its", "his", "her"):
            referent, where = ("ORG" if text[t].lower() == "its" else "PERSON"), seg_start + idx[t]  # "its profit"
        ent = index.at(seg_start + idx[t], seg_start + idx[t] + len(text[t]))
        if ent is not None and ent.label not in ("NORP", "DATE", "CARDINAL"):
            if referent == "ORG" and ent.label in ("GPE", "LOC"):
                break  # "the US chip designer": the company meant, not the country
            return ent
        if depth[t] >= 3:
            continue
        for ch in kids[t]:
            if dep[ch] in ("compound", "poss", "appos", "nmod", "conj", "amod", "pobj", "prep") and ch not in seen:
                if dep[ch] == "prep" and text[ch].lower() not in ("of", "at", "for"):
                    continue
                depth[ch] = depth[t] + 1
                queue.append(ch)
    low = text[k].lower()
    if low in ("he", "she", "it"):
        return index.before(seg_start + idx[k], {"PERSON"} if low in ("he", "she") else {"ORG"})
    if referent in ("ORG", "PERSON"):
        return index.before(where, {referent})
    if referent == "GPE":
        return index.before(where, {"GPE"}, limit=200)
    return None


def _referent_kind(table, t: int) -> str | None:
    """'ORG' for "the company", "the firm's"; 'GPE' for "the government"; else None."""
    text, dep = table.text, table.dep
    if table.pos[t] != "NOUN" or not any(dep[c] in ("det", "poss") and text[c].lower() in ("the", "this", "its", "that")
                                         for c in table.children[t]):
        return None
    lemma = table.lemma_lower[t]
    return "ORG" if lemma in ORG_REFERENTS else "GPE" if lemma in GOV_REFERENTS else None


def _chain(table, k: int, limit: int = 10) -> list[int]:
    """Token k and its heads up the tree, at most `limit` steps."""
    head = table.head
    out = [k]
    for _ in range(limit):
        if head[k] == k:
            break
        k = head[k]
        out.append(k)
    return out


def subject_of(table, root: int, seg_start: int, index: EntityIndex, fact_start: int,
               span_ids: set[int]) -> Entity | None:
    """The entity a fact is about (token numbers of the segment's table): its own noun phrase's possessor,
    else the subject of its clause."""
    text, pos, dep, kids, idx = table.text, table.pos, table.dep, table.children, table.idx
    # the fact's own noun phrase: "ByteDance's $14bn budget", "Nvidia's revenue of $5bn"
    for t in _chain(table, root, 3):
        if pos[t] in ("VERB", "AUX"):
            break
        for ch in kids[t]:
            if ch in span_ids:
                continue
            if dep[ch] in ("poss", "compound"):
                ent = index.at(seg_start + idx[ch], seg_start + idx[ch] + len(text[ch]))
                if ent is not None and ent.label not in ("NORP",):
                    return ent
            if dep[ch] == "prep" and text[ch].lower() in ("by", "from", "of") and pos[t] == "NOUN":
                for g in kids[ch]:  # "a December report by Reuters", "revenue of Nvidia"
                    ent = index.at(seg_start + idx[g], seg_start + idx[g] + len(text[g]))
                    if dep[g] == "pobj" and ent is not None and ent.label not in ("NORP", "GPE"):
                        return ent
    prev = root
    for t in _chain(table, root):
        if pos[t] in ("VERB", "AUX") or dep[t] == "ROOT":
            own_subject = False
            for ch in kids[t]:
                if dep[ch] in ("nsubj", "nsubjpass", "csubj") and ch != prev and ch not in span_ids:
                    ent = _entity_of(table, ch, seg_start, index, fact_start)
                    if ent is not None:
                        return ent
                    own_subject = text[ch].lower() not in ("that", "which", "who")
                if dep[ch] == "agent":
                    for g in kids[ch]:
                        ent = _entity_of(table, g, seg_start, index, fact_start)
                        if ent is not None:
                            return ent
            if own_subject and not (dep[t] == "ccomp" and table.doc[table.head[t]].lemma_ in SAYING_VERBS):
                return None  # "... and the YU7 has 240,000 orders": its own subject, named or not
        if dep[t] == "relcl" or (dep[t] == "acl" and pos[table.head[t]] in ("PROPN", "NOUN")):
            ent = _entity_of(table, table.head[t], seg_start, index, fact_start)
            if ent is not None:
                return ent
        prev = t
    return None


def measure_of(root) -> str | None:
    """What the amount measures: "spend", "increase", "demand", "deal", "people"."""
    t = root
    for _ in range(4):
        if t.dep_ in ("appos", "conj") and t.head.i != t.i:
            t = t.head  # "to 2.5% in 2026 and 2% by 2027": the second measures what the first does
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "dative", "agent"):
        tgt = t.head.head
        if tgt.pos_ in ("NOUN", "PROPN") and tgt.pos_ == "NOUN":
            return _noun_measure(tgt)
        if tgt.pos_ in ("VERB", "AUX"):
            return _verb_measure(tgt)
        if tgt.pos_ in ("ADV", "ADJ") and tgt.head.pos_ in ("VERB",):
            return _verb_measure(tgt.head)
        return None
    if t.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod") and t.head.pos_ == "NOUN" and t.head.i > t.i:
        return _noun_measure(t.head)
    if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
        return _noun_measure(t.head)
    if t.head.pos_ in ("VERB", "AUX") and t.head.i != t.i:
        return _verb_measure(t.head)
    if t.head.pos_ in ("ADV", "ADJ") and t.head.head.pos_ in ("VERB", "AUX"):
        return _verb_measure(t.head.head)
    if t.head.pos_ == "NOUN" and t.head.i != t.i:
        return _noun_measure(t.head)
    return None


def _noun_measure(noun) -> str | None:
    """The noun with its compounds: "balance sheet", "AI chip"; None for time words ("year over year")."""
    if noun.lemma_.lower() in TIME_NOUNS:
        return None
    parts = [c.text.lower() for c in noun.children
             if c.dep_ == "compound" and c.i < noun.i and not c.like_num and not c.ent_type_ and c.is_alpha]
    return " ".join(parts + [noun.lemma_.lower()])


def _verb_measure(verb) -> str:
    if verb.lemma_.lower() not in LEVEL_VERBS:
        return verb.lemma_.lower()  # "spend", "raise", "invest", "pay"
    for ch in verb.children:
        if ch.dep_ in ("nsubj", "nsubjpass") and ch.pos_ == "NOUN" and ch.ent_type_ == "":
            if ch.lemma_.lower() not in ORG_REFERENTS | GOV_REFERENTS:
                return _noun_measure(ch) or verb.lemma_.lower()
    if verb.lemma_ == "be":
        for ch in verb.children:
            if ch.dep_ in ("nsubj",) and ch.pos_ == "NOUN":
                return ch.lemma_.lower()
    return verb.lemma_.lower()


def _attach(table, k: int) -> int:
    """The word a date (its root, token k) hangs from: the head of its preposition, or its own head."""
    head, dep = table.head, table.dep
    if dep[k] == "pobj" and dep[head[k]] == "prep":
        return head[head[k]]
    return head[k]

def clean(v):
    if v is None:
        return None
    r = round(v, 6)
    return float(int(r)) if r == int(r) and abs(r) < 1e18 else r


_EQUIV_BETWEEN = re.compile(
    r"^\s*(?:\(\s*(?:or\s+)?(?:about|around|approximately|roughly|some|nearly|almost|~)?\s*|,?\s*or\s+(?:about\s+|around\s+|roughly\s+|some\s+)?|"
    r",?\s*(?:the\s+)?equivalent\s+(?:to|of)\s+|,?\s*(?:worth|about|roughly|around)\s+)$",
    re.I,
)


def link_equivalents(facts: list[NumberFact], text: str) -> None:
    """"100 billion yuan (US$14.3 billion)": the second states the first in another currency or unit."""
    for a, b in zip(facts, facts[1:]):
        if a.label != b.label or a.label not in ("MONEY", "QUANTITY") or a.sentence != b.sentence:
            continue
        if a.unit == b.unit or not a.unit or not b.unit:
            continue
        if b.start - a.end > 40 or not _EQUIV_BETWEEN.match(text[a.end : b.start]):
            continue
        b.equivalent_of = a.id
        if b.measure is None or b.measure in ("billion", "million"):
            b.measure = a.measure
        if b.subject is None:
            b.subject, b.subject_entity_id = a.subject, a.subject_entity_id


def link_periods(facts: list[NumberFact], meta) -> None:
    """An amount's period: the date in its clause that hangs lowest on its chain of heads."""
    by_id = {f.id: f for f in facts}
    dates = [(f, m) for f, m in zip(facts, meta) if f.label == "DATE" and f.date]
    for f, (_, c, (table, root)) in zip(facts, meta):
        if f.label == "DATE" or root is None:
            continue
        if f.equivalent_of and by_id[f.equivalent_of].period:
            f.period, f.period_of = by_id[f.equivalent_of].period, by_id[f.equivalent_of].period_of
            continue
        pos, dep, kids = table.pos, table.dep, table.children
        chain = []
        for t in _chain(table, root):
            if pos[t] == "VERB" and chain and table.doc[t].lemma_ in SAYING_VERBS:
                break
            chain.append(t)
            if pos[t] in ("VERB", "AUX") and any(dep[c] in ("nsubj", "nsubjpass") for c in kids[t]):
                break  # the clause ends at the verb with its own subject
        best = None
        for d, (_, dc, (dtable, _)) in dates:
            if dtable is not table or d.sentence != f.sentence or dc.root is None:
                continue
            anchor = dc.noun.i if dc.noun is not None else _attach(table, dc.root)
            if anchor in chain:
                rank = (chain.index(anchor), abs(d.start - f.start))
                if best is None or rank < best[0]:
                    best = (rank, d)
        if best is not None:
            f.period, f.period_of = best[1].date, best[1].id
    for f in facts:
        if f.equivalent_of and not f.period and by_id[f.equivalent_of].period:
            f.period, f.period_of = by_id[f.equivalent_of].period, by_id[f.equivalent_of].period_of


def usd_values(facts: list[NumberFact], published) -> None:
    """usd_value for money: stated by the article (USD itself or a stated equivalent), else a reference rate."""
    by_id = {f.id: f for f in facts}
    src = fx_table().get("source_short", "reference rates")
    for f in facts:
        if f.label != "MONEY" or f.value is None:
            continue
        if f.unit == "USD":
            f.usd_value, f.usd_source = f.value, "article"
    for f in facts:
        if f.label != "MONEY" or not f.equivalent_of:
            continue
        other = by_id[f.equivalent_of]
        if other.unit == "USD" and f.usd_value is None:
            f.usd_value, f.usd_source = other.value, "article"
        elif f.unit == "USD" and other.usd_value is None:
            other.usd_value, other.usd_source = f.value, "article"
    for f in facts:
        if f.label != "MONEY" or f.value is None or f.usd_value is not None:
            continue
        rate = usd_rate(f.unit or "", published)
        if rate is None:
            continue
        per, day = rate
        f.usd_value = clean(round(f.value * per, 2))
        f.usd_source = "official peg (approximate)" if day == "peg" else f"reference rate {day} ({src}, approximate)"


def change_of(doc, first: int, num_root, written: str) -> str | None:
    """up or down when the amount states a change: "rose 5%", "fell by 3 points", "up 2.1%", "a drop of $3bn"
    (`first`: the amount's first token number; `num_root`: the Token its number hangs from)."""
    if num_root is None:
        return None
    prev = doc[first - 1] if first > 0 else None
    if prev is not None and prev.lower_ in ("up", "down") and prev.pos_ in ("ADV", "ADP", "PART"):
        return prev.lower_  # "shares were up 2.1%"
    t = num_root
    if t.dep_ in ("nummod", "quantmod") and t.head.i != t.i and t.head.pos_ == "NOUN":
        t = t.head  # "fell by 3 points": the counted noun carries the attachment
    if t.dep_ == "pobj" and t.head.lower_ in ("by", "of") and t.head.head.i != t.head.i:
        t = t.head  # "fell by 3 points", "a drop of $3bn"
    elif t.dep_ == "pobj" and t.head.lower_ in ("from", "to"):
        return None  # "rose from 5% to 7%": levels, not the change
    head = t.head
    if head.i == t.i or t.dep_ not in ("dobj", "npadvmod", "prep", "attr", "nsubj", "advmod", "oprd", "pobj",
                                       "appos", "dep", "obj"):
        return None
    direction = CHANGE_WORDS.get(head.lemma_.lower())
    if direction and (head.pos_ in ("VERB", "NOUN", "AUX") or head.tag_.startswith("VB")):
        return direction
    return None

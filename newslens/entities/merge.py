"""Merge: candidates joined into one group per real-world thing (same key, acronyms, short company names,
"the Journal", surnames), the group's name, and the sweep for the occurrences the model missed."""
from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from .. import lexicon
from .collect import _Cand, credits_of
from .names import (
    LEGAL_FORMS,
    NUMERIC_LABELS,
    ORG_TAIL,
    PLACE_ALIASES,
    _PLACE_LABELS,
    _clean,
    _core_words,
    _initials,
    _is_acronym,
    _is_common_noun,
    is_demonym,
    is_place_name,
    norm_name,
)

if TYPE_CHECKING:
    from ..parsed import ParsedArticle

FAMILY_FIRST = lexicon.words("family_first_surnames")
_PLACES_NOT_NORP = _PLACE_LABELS - {"NORP"}

_COUNT = operator.itemgetter(1)


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, a: int) -> int:
        while self.p[a] != a:
            self.p[a] = self.p[self.p[a]]
            a = self.p[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)

    def add(self) -> int:
        self.p.append(len(self.p))
        return len(self.p) - 1


def _merge(parsed: ParsedArticle, cands: list[_Cand]) -> list[list[_Cand]]:
    uf = _UF(len(cands))
    keys = [norm_name(" ".join(_core_words(c.words))) for c in cands]
    shared = _shared_surnames(cands)
    first: dict[str, int] = {}
    teams: dict[str, int] = {}  # results-line names
    venues: dict[str, int] = {}  # datelines and places of play
    for idx, k in enumerate(keys):
        if k in shared:
            continue  # "Smith" when the article names two Smiths: each joins its own full name later
        c = cands[idx]
        seen = venues if c.venue else teams if c.source == "team" else first
        if k in seen:
            uf.union(seen[k], idx)
        else:
            seen[k] = idx
    for k, idx in teams.items():
        if k in first:
            uf.union(first[k], idx)
        else:
            first[k] = idx
    if venues:  # the dateline's "NEW YORK" and "in Leeds" are the cities, unless nothing says a club has the name
        clubs = {k for k, c in zip(keys, cands) if c.team}
        for k, idx in venues.items():
            if k in first and k not in clubs:
                uf.union(first[k], idx)
            elif k not in first:
                first[k] = idx
    _join_parenthesised(parsed.text, cands, keys, first, uf)
    _join_acronyms(parsed, cands, uf)
    n = len(cands)
    _join_short_companies(cands, n, uf)
    _join_short_names(cands, n, uf)
    _join_people(cands, n, uf)
    groups = defaultdict(list)
    for idx in range(len(cands)):
        groups[uf.find(idx)].append(cands[idx])
    out = []
    mixed = _WordRuns(norm_name(c.text) for c in cands if not c.text.isupper())
    for g in groups.values():
        if not is_caps_common_words(g, mixed):
            out.extend(_split_disputed(sorted(g, key=lambda c: c.start)))
    return out


class _WordRuns:
    """`x in runs`: x is a run of whole words of one of the names (" x " inside " name "), built on first use:
    one set look-up per mention instead of a scan of every name."""

    def __init__(self, names) -> None:
        self.names = list(names)
        self.runs: set[str] | None = None

    def __contains__(self, x: str) -> bool:
        if self.runs is None:
            self.runs = set()
            for name in self.names:
                ws = name.split(" ")
                for a in range(len(ws)):
                    for b in range(a + 1, len(ws) + 1):
                        self.runs.add(" ".join(ws[a:b]))
        return x in self.runs


def _common_word(w: str) -> bool:
    w = w.lower().strip(".,'’")
    forms = (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w)
    return bool(w) and any(_is_common_noun(f) for f in forms)


def is_caps_common_words(group: list[_Cand], mixed=()) -> bool:
    """An all-caps mention made only of common words ("SOCCER - ...", "MAJOR LEAGUE STANDINGS", "SCHEDULE")
    that the article never writes in mixed case: a headline or table slug, not a name. A gazetteer place,
    an index or a rule-found name ("BERLIN" in a dateline) is kept."""
    if any(c.source not in ("model", "sweep") or not c.text.isupper() or sum(c.votes.values()) > c.base
           for c in group):
        return False  # mixed case, a rule's find, or evidence for a label (a dateline, a suffix)
    if any(norm_name(c.text) in mixed for c in group):
        return False  # "APPLE" in the headline, "Apple Inc" in the body
    # words of five letters or more: "NATO", "IRA", "GOLF" may be acronyms or names
    return all(len(w) >= 5 and _common_word(w) and not is_place_name(w) for c in group for w in c.words)


def _family(label: str) -> str:
    return "PLACE" if label in ("GPE", "LOC", "FAC") else label


def _split_disputed(group: list[_Cand]) -> list[list[_Cand]]:
    """No-regression guard: one surface form the model labelled as two kinds of thing ("Nice" the city and
    "Nice" the club, "TORONTO" the team in a table) with no context evidence either way stays two entities,
    each with the model's label, rather than one whose vote overrules some of the model's mentions."""
    forms = {_clean(c.text) for c in group}
    families = {_family(c.label) for c in group if c.source == "model" and c.label}
    if len(forms) != 1 or len(families) < 2:
        return [group]
    if any(sum(c.votes.values()) - c.base > 0 for c in group):
        return [group]  # evidence decides (a title, a suffix, a descriptor, a gazetteer dateline)
    parts: dict[str, list[_Cand]] = defaultdict(list)
    for c in group:
        fam = _family(c.label) if c.source == "model" and c.label else ""
        parts[fam].append(c)
    unlabelled = parts.pop("", [])
    if unlabelled:  # sweep and acronym hits go with the family most mentions have
        max(parts.values(), key=len).extend(unlabelled)
    return [sorted(p, key=lambda c: c.start) for p in parts.values()]


def _shared_surnames(cands: list[_Cand]) -> set[str]:
    """Surnames (folded) of two or more different full personal names in the article (relatives)."""
    fulls: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        if c.label == "PERSON" and len(c.words) >= 2:
            fulls[norm_name(c.words[-1])].add(norm_name(c.words[0]))
    return {last for last, given in fulls.items() if len(given) >= 2}


def _join_parenthesised(text: str, cands: list[_Cand], keys: list[str], first: dict[str, int], uf: _UF) -> None:
    """Acronyms and short names in parentheses: "Taiwan Semiconductor Manufacturing Co (TSMC)", "Meta Platforms
    (Meta)"."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for k2, key in enumerate(keys):
        by_key[key].append(k2)
    for idx, c in enumerate(cands):
        m = re.match(r"\s*\(\s*([^()\n]{1,40}?)\s*\)", text[c.end : c.end + 50])
        if not m or len(c.words) < 2:
            continue
        inner = _clean(m.group(1))
        inner_words = inner.split()
        if not (_is_acronym(inner, c.words) or (inner_words and c.words[: len(inner_words)] == inner_words)):
            continue
        ik = norm_name(inner)
        if ik in first:
            uf.union(idx, first[ik])
        else:
            s = c.end + m.start(1)
            e = s + len(m.group(1))
            new = _Cand(s, e, text[s:e], c.label, None, -1, -1, False, "acronym")
            new.expansion_of = idx
            cands.append(new)
            keys.append(ik)
            by_key[ik].append(len(cands) - 1)
            uf.union(idx, uf.add())
            first[ik] = len(cands) - 1
        for k2 in by_key.get(ik, ()):
            cands[k2].expansion_of = idx


def _join_acronyms(parsed: ParsedArticle, cands: list[_Cand], uf: _UF) -> None:
    """Bare acronyms anywhere ("WHO", "IMF") that abbreviate a multi-word name in the article."""
    long_names = [(idx, c) for idx, c in enumerate(cands) if len(_core_words(c.words)) >= 2
                  and c.label not in ("PERSON", "NORP") and c.label not in NUMERIC_LABELS]
    acr_map: dict[str, int] = {}
    for idx, c in long_names:
        for a in _initials(_core_words(c.words)):
            acr_map.setdefault(a, idx)
    for idx, c in enumerate(cands):
        s = c.text.replace(".", "")
        if s.isupper() and s in acr_map and norm_name(c.text) not in PLACE_ALIASES and len(c.words) == 1:
            uf.union(idx, acr_map[s])
            c.expansion_of = acr_map[s]
    if not acr_map:
        return
    spans = sorted((c.start, c.end) for c in cands)  # the acronyms added below cover no later token
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))
    for seg in parsed.segments:
        table = seg.table
        for ti in itertools.compress(range(table.n), map(acr_map.__contains__, table.text)):  # the few acronyms
            text = table.text[ti]
            if text.isupper() and text.isalpha() and len(text) >= 2:
                start = seg.start + table.idx[ti]
                k = bisect.bisect_right(starts, start) - 1
                if k >= 0 and reach[k] > start:
                    continue
                new = _Cand(start, start + len(text), text, "", seg, ti, ti + 1, False, "acronym")
                new.expansion_of = acr_map[text]
                cands.append(new)
                uf.union(uf.add(), acr_map[text])


def _join_short_companies(cands: list[_Cand], n: int, uf: _UF) -> None:
    """Short company names: "Samsung" for "Samsung Electronics Co", "Tesla" for "Tesla Inc.".

    Never a nationality or a place: "British" is not short for "British Airways Plc", nor "American" for
    "American Express Co" (a demonym the model calls NORP in the article, or a place the gazetteer knows)."""
    nationalities = {c.text for c in cands if c.label == "NORP" and is_demonym(c.text)}
    words = [c.words for c in cands[:n]]
    by_first: dict[str, list[int]] = defaultdict(list)  # a longer name starts with the short one's first word
    for b in range(n):
        if words[b]:
            by_first[words[b][0]].append(b)
    for a in range(n):
        if cands[a].text in nationalities or is_place_name(cands[a].text):
            continue
        wa = words[a]
        for b in (by_first.get(wa[0], ()) if wa else range(n)):
            wb = words[b]
            if len(wb) > len(wa) and wb[: len(wa)] == wa and all(w.lower().rstrip(".,") in ORG_TAIL or
                                                                 w.lower() in ORG_TAIL for w in wb[len(wa):]):
                legal = wb[-1].lower().rstrip(".,") in LEGAL_FORMS  # "Iluka" (model: PERSON) of "Iluka Resources Ltd"
                if cands[a].label == "PERSON" and not (legal and len(wa) == 1):
                    continue
                if cands[a].label not in _PLACES_NOT_NORP:
                    uf.union(a, b)


def _join_short_names(cands: list[_Cand], n: int, uf: _UF) -> None:
    """"the Journal" for "The Wall Street Journal"; "Fed" for "Federal Reserve"."""
    by_last, by_head, by_prefix = defaultdict(list), defaultdict(list), defaultdict(list)
    for b in range(n):
        wb = _core_words(cands[b].words)
        if len(wb) < 2 or cands[b].label in ("PERSON", "GPE", "LOC", "NORP"):
            continue
        by_last[wb[-1]].append(b)  # "the Journal"
        if len(wb) > 2 and wb[1] == "of":
            by_head[wb[0]].append(b)  # "the University" of "University of Hong Kong"
        for k in range(3, len(wb[0])):
            by_prefix[wb[0][:k]].append(b)  # "Fed" of "Federal Reserve"
    for a in range(n):
        ca = cands[a]
        if len(ca.words) != 1:
            continue
        w = ca.words[0]
        if ca.label in ("GPE", "LOC", "FAC", "NORP") or is_place_name(w):
            continue  # "the London office" is not "University of London"
        if ca.had_the and _is_common_noun(w):
            for b in by_last.get(w, []) + by_head.get(w, []):
                uf.union(a, b)
        if len(w) >= 3 and w[0].isupper() and not w.isupper() and ca.label == "ORG":
            for b in by_prefix.get(w, ()):
                uf.union(a, b)


def _person_full_names(cands: list[_Cand], n: int, uf: _UF) -> list[tuple[int, int, list[str]]]:
    """(start, group root, words) of every multi-word PERSON mention in a group that votes PERSON."""
    groups = defaultdict(list)
    for idx in range(n):
        groups[uf.find(idx)].append(idx)
    person_full = []
    for root, members in groups.items():
        votes: dict[str, int] = {}  # label counts in first-seen order (a Counter's; cheaper per group)
        for m in members:
            votes[cands[m].label] = votes.get(cands[m].label, 0) + 1
        if max(votes.items(), key=_COUNT)[0] != "PERSON":  # `most_common(1)`: the first of equals
            continue
        for m in members:
            ws = cands[m].words
            if len(ws) >= 2 and cands[m].label == "PERSON":
                person_full.append((cands[m].start, root, ws))
    person_full.sort()
    return person_full


def _join_people(cands: list[_Cand], n: int, uf: _UF) -> None:
    """People: "Wei" -> "Wei Shaojun", "Cook" -> "Tim Cook", "Jerome H. Powell" ~ "Jerome Powell"."""
    person_full = _person_full_names(cands, n, uf)
    surnames = {full[-1] for _, _, full in person_full}
    by_last, by_first, by_both = defaultdict(list), defaultdict(list), defaultdict(list)
    lasts: dict[str, set[str]] = defaultdict(set)  # first word -> the last words of the full names it opens
    for s, r, full in person_full:  # in text order, as `person_full`
        lasts[full[0]].add(_clean(full[-1]))
        by_last[full[-1]].append((s, r))
        by_first[full[0]].append((s, r))
        by_both[(full[0], full[-1])].append((s, r, len(full)))
    alone = {_clean(c.words[0]) for c in cands[:n] if len(c.words) == 1}
    for idx in range(n):
        c = cands[idx]
        if c.source == "code" or c.label in ("PRODUCT", "EVENT"):
            continue
        if c.label in ("GPE", "LOC", "FAC", "NORP") and not _surname_typed_as_place(c, surnames):
            continue
        ws = c.words
        targets = []
        if len(ws) == 1:
            w = _clean(ws[0])
            targets = by_last.get(w, [])
            if not targets and (c.label == "PERSON" or c.label == "ORG" and _family_name_first(c, w, lasts, alone)):
                targets = by_first.get(w, [])
        elif len(ws) >= 2 and c.label == "PERSON":
            targets = [(s, r) for s, r, k in by_both.get((ws[0], ws[-1]), ()) if k != len(ws)]
        if targets:
            before = [t for t in targets if t[0] <= c.start]
            s, r = (before[-1] if before else targets[0])
            uf.union(idx, r)
            c.surname = len(ws) == 1


def _family_name_first(c: _Cand, w: str, lasts: dict[str, set[str]], alone: set[str]) -> bool:
    """A lone family name written first ("Wang" after "Wang Donghai") that the model called an organisation: it
    opens one full personal name whose last word the article never uses alone, and has no evidence of its own."""
    if w.lower() not in FAMILY_FIRST or sum(c.votes.values()) > c.base or c.caps:
        return False
    ends = lasts.get(w, set())
    return len(ends) == 1 and not ends & alone


def _surname_typed_as_place(c: _Cand, surnames: set[str]) -> bool:
    """A lone word the model called a place or nationality that is the surname of a full name in the article
    ("Kohl" after "Helmut Kohl"), in body text, and not a place the gazetteer knows ("Jordan", "Washington")."""
    return len(c.words) == 1 and _clean(c.words[0]) in surnames and not c.caps and not is_place_name(c.text)


# ---------------------------------------------------------------------------------------------------------
# naming


def _choose_name(group: list[_Cand], label: str) -> str:
    for c in group:
        k = norm_name(c.text)
        if k in PLACE_ALIASES and label in ("GPE", "LOC", "ORG", "NORP"):
            return PLACE_ALIASES[k]
    abbreviated = any(o.expansion_of is not None for o in group)
    expansions = [c for c in group if abbreviated and c.expansion_of is None and len(c.words) >= 2]

    def score(c: _Cand):
        core = _core_words(c.words)
        return (len(core), c.source != "acronym", -c.start)

    pool = expansions or [c for c in group if c.source != "acronym"] or group
    if label in ("PERSON",):
        pool = [c for c in pool if c.label == "PERSON"] or pool
    best = max(pool, key=score)
    core = _clean(best.text)
    if re.search(r"\w['’][sS]$", best.text) and not core.endswith(best.text[-2:]):
        core += best.text[-2:]  # "Lloyd's", "McDonald's": a possessive the name keeps (collect decided)
    name = " ".join(_core_words(core.split()))
    if label == "WORK_OF_ART" and best.text.startswith("The "):
        name = best.text  # a title keeps its article
    if name.isupper() and len(name) > 4 and label in ("GPE", "LOC", "PERSON", "FAC"):
        name = name.title()  # datelines: "WASHINGTON (AP) —"
    if len(name.split()) == 1 and label not in ("PERSON", "GPE", "LOC", "NORP", "PRODUCT") \
            and any(c.had_the and _clean(c.text) == name for c in group) and _is_common_noun(name):
        name = "the " + name
    return name


# ---------------------------------------------------------------------------------------------------------
# the sweep


def _sweep_forms(groups: list[list[_Cand]]) -> dict[tuple[str, ...], int]:
    """Word sequences to look for -> the group they belong to (a person's surname alone too)."""
    forms: dict[tuple[str, ...], int] = {}
    for gi, g in enumerate(groups):
        counts: dict[str, int] = {}  # as `Counter(...).most_common(1)`: the most frequent label, first of equals
        for c in g:
            if c.label:
                counts[c.label] = counts.get(c.label, 0) + 1
        label = max(counts.items(), key=_COUNT)[0] if counts else ""
        for c in g:
            words = tuple(_clean(c.text).split())
            if words and any(ch.isupper() for ch in words[0]):
                forms.setdefault(words, gi)
            if label == "PERSON" and c.label == "PERSON" and len(words) >= 2:
                forms.setdefault((words[-1],), gi)
            short = _short_company(words)
            if short:
                forms.setdefault(short, gi)  # "Lynas" after "Lynas Rare Earths Ltd"
    return forms


def _short_company(words: tuple[str, ...]) -> tuple[str, ...]:
    """The name before a company's suffix words ("Lynas" of "Lynas Rare Earths Ltd"), if it ends in a legal form
    and the rest is a plausible name on its own (capitalised, no common noun, place or nationality)."""
    k = len(words)
    if k < 2 or words[-1].lower().rstrip(".") not in LEGAL_FORMS:
        return ()
    while k > 0 and words[k - 1].lower().rstrip(".,") in ORG_TAIL:
        k -= 1
    short = words[:k]
    if not short or not all(w[:1].isupper() for w in short) or is_place_name(" ".join(short)):
        return ()
    if len(short) == 1 and (_is_common_noun(short[0]) or short[0].isupper() and len(short[0]) < 3):
        return ()
    return short


def _sweep(parsed: ParsedArticle, groups: list[list[_Cand]]) -> None:
    """Add occurrences of a group's names the model missed ("Musk’s" after "Elon Musk")."""
    covered = sorted((c.start, c.end) for g in groups for c in g)
    starts = [s for s, _ in covered]

    def is_covered(s: int, e: int) -> bool:
        k = bisect.bisect_right(starts, e) - 1
        while k >= 0 and covered[k][1] > s - 200:
            if covered[k][0] < e and s < covered[k][1]:
                return True
            k -= 1
        return False

    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    for words, gi in _sweep_forms(groups).items():  # in the forms' order: the first that matches wins
        by_first[words[0]].append((words, gi))
    credit_spans = []
    for seg in parsed.segments:
        credit_spans += [(cr.start, cr.end) for cr in credits_of(parsed, seg)]
    for seg in parsed.segments:
        table = seg.table
        texts, ent_type, idx = table.text, table.ent_type, table.idx
        n_tok = len(texts)
        for ti in itertools.compress(range(n_tok), map(by_first.__contains__, texts)):  # tokens opening a form
            text = texts[ti]
            if not text[:1].isupper() or ent_type[ti] in NUMERIC_LABELS:
                continue
            for words, gi in by_first.get(text, ()):
                n = len(words)
                if ti + n > n_tok:
                    continue
                if tuple(texts[ti : ti + n]) != words:
                    continue
                if n == 1 and _is_common_noun(words[0]) and table.pos[ti] != "PROPN":
                    continue
                s = seg.start + idx[ti]
                e = seg.start + idx[ti + n - 1] + len(texts[ti + n - 1])
                if is_covered(s, e) or any(cs <= s < ce for cs, ce in credit_spans):
                    continue
                c = _Cand(s, e, parsed.text[s:e], "", seg, ti, ti + n, False, "sweep")
                groups[gi].append(c)
                k = bisect.bisect_right(covered, (s, e))
                covered.insert(k, (s, e))
                starts.insert(k, s)
                break
    for g in groups:
        g.sort(key=lambda c: c.start)

"""Headlines: an all-caps wire headline ("CRICKET - ENGLAND BEAT PAKISTAN BY 107 RUNS", "SOCCER - MILAN'S LENTINI
MOVES TO ATALANTA") names what the body names, but the model reads little there (it misses most names and runs
others into verbs: "ENGLAND BEAT"). Positive evidence only: a run of headline words is a name when the body
writes the same words as a name in mixed case, or the gazetteer knows it as a place."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from .collect import _Cand, _make
from .names import NUMERIC_LABELS, _is_common_noun, is_place_name, norm_name

if TYPE_CHECKING:
    from ..parsed import ParsedArticle

_LONGEST = 4  # words in a headline name


def _body_names(parsed: ParsedArticle, cands: list[_Cand]) -> dict[str, str]:
    """Folded key of every mixed-case name the model found outside the headline -> its commonest label."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        if c.source == "model" and not c.caps and c.label not in NUMERIC_LABELS:
            labels[norm_name(c.text)][c.label] += 1
    return {k: v.most_common(1)[0][0] for k, v in labels.items()}


def _name_at(t, i: int, names: dict[str, str], stop: int) -> tuple[int, str] | None:
    """The longest run of words from token i that the body or the gazetteer names: (end, label)."""
    text, alpha = t.text, t.is_alpha
    for j in range(min(stop, i + _LONGEST), i, -1):
        if not all(text[k].isupper() or not alpha[k] for k in range(i, j)) or t.is_punct[j - 1]:
            continue
        key = norm_name(t.span_text(i, j))
        if j - i == 1 and (_is_common_noun(key) or len(key) < 3):
            if not is_place_name(key):
                continue  # "CLUB", "WIN": a common word, whatever the body calls it
        if key in names:
            return j, names[key]
        if is_place_name(key):
            return j, "GPE"
    return None


def caps_headlines(parsed: ParsedArticle, cands: list[_Cand]) -> list[_Cand]:
    """In an all-caps headline: a model span that runs a name into other words ("ENGLAND BEAT") is cut to the
    name; names the model missed are added with the body's label (or a place's)."""
    heads = [s for s in parsed.segments[:1] if s.kind == "headline" and parsed.text[s.start:s.end].isupper()]
    if not heads:
        return cands
    names = _body_names(parsed, cands)
    seg = heads[0]
    n = seg.table.n
    inside = [c for c in cands if c.seg is seg]
    keep = [c for c in cands if c.seg is not seg]
    taken = [False] * n
    for c in inside:
        key = norm_name(c.text)
        if c.source != "model" or key in names or is_place_name(key) or c.i < 0:
            keep.append(c)
            for k in range(max(c.i, 0), max(c.j, 0)):
                taken[k] = True
            continue
        found = _names_in(parsed, seg, c.i, c.j, names, taken)
        if found:
            keep.extend(found)  # "ENGLAND BEAT" -> "ENGLAND"
        else:
            keep.append(c)
            for k in range(c.i, c.j):
                taken[k] = True
    keep.extend(_names_in(parsed, seg, 0, n, names, taken))
    keep.sort(key=lambda c: c.start)
    return keep


def _names_in(parsed: ParsedArticle, seg, i: int, j: int, names: dict[str, str], taken: list[bool]) -> list[_Cand]:
    t = seg.table
    out = []
    k = i
    while k < j:
        if taken[k] or not t.is_alpha[k]:
            k += 1
            continue
        stop = k
        while stop < j and not taken[stop] and stop - k < _LONGEST:
            stop += 1
        hit = _name_at(t, k, names, stop)
        if hit is None:
            k += 1
            continue
        end, label = hit
        c = _make(parsed, seg, k, end, label, "headline")
        if c is not None:
            c.votes[label] += 1  # the body's name (or the gazetteer's place): evidence, weighed as one mention
            out.append(c)
            for x in range(k, end):
                taken[x] = True
        k = end
    return out

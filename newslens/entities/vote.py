"""Vote: each mention's evidence for each label (its own words and the words around it); a group's label."""
from __future__ import annotations

import operator
import re

from .collect import _PRODUCT_NOUNS, _Cand
from .names import (
    EVENT_NOUNS,
    GIVEN_NAMES,
    NUMERIC_LABELS,
    ORG_DESCRIPTORS,
    ORG_FOLLOWERS,
    ORG_HEAD_FIRST,
    ORG_ONLY_DESCRIPTORS,
    ORG_POSS_HEADS,
    ORG_WORDS,
    COMPASS,
    OWNER_WORDS,
    PERSON_APPOS,
    PERSON_TITLES,
    PLACE_ALIASES,
    PLACE_LABEL,
    PLACE_NOUNS,
    POSSESSIVES,
    PRODUCT_CODE,
    ROLE_NOUNS,
    _PLACE_LABELS,
    _fold,
    _is_common_noun,
    is_country,
    is_place_name,
)

_CAMEL_NAME = re.compile(r"(?!Mc|Mac|De|La|Le|Van|Di|Du)[A-Z][a-z]+[A-Z]\w*")
_DIGIT = re.compile(r"\d")
_AGE = re.compile(r"\d{1,3}")


def _vote(c: _Cand) -> None:
    """Add this mention's evidence for each label to `c.votes`."""
    if _vote_own_words(c) or c.seg is None or c.i < 0:
        return
    t = c.seg.table  # the segment's arrays: no Token objects
    i, j = c.i, c.j
    text = t.text
    # the token range may still include a possessive the trimming removed from the characters
    while j > i and text[j - 1] in POSSESSIVES:
        j -= 1
    poss = j < t.n and text[j] in POSSESSIVES
    after = j + 1 if poss else j
    place = c.label in _PLACE_LABELS and c.source == "model"
    _vote_after(c, t, i, j, poss, after, place)
    _vote_before(c, t, i, place)
    _vote_appositive(c, t, j, place)
    _vote_country_after(c, t, j)


def _vote_own_words(c: _Cand) -> bool:
    """The model's label and the mention's own words; True when the name settles it (a known place)."""
    v = c.votes
    words = c.words
    lower = [w.lower().rstrip(",") for w in words]
    base = 1.0
    if c.label == "PERSON" and len(words) >= 2 and all(w[:1].isupper() for w in words) \
            and not set(lower) & ORG_WORDS:
        base = 2.5  # full personal names are what the model is best at
    if c.source == "model":
        v[c.label] += base
        c.base = base
    place_name = PLACE_ALIASES.get(_fold(c.text))
    if place_name in PLACE_LABEL or c.text in PLACE_LABEL:
        v[PLACE_LABEL[place_name or c.text]] += 5
        return True
    if c.label in NUMERIC_LABELS:
        v["PRODUCT"] += 0.1
    port_of = len(lower) > 2 and lower[0] in ("port", "airport") and lower[1] == "of"
    # "West Bank", "East Coast": a compass word and a place the model saw are a region, not an organisation
    region = c.label in ("GPE", "LOC") and len(lower) == 2 and lower[0] in COMPASS
    if set(lower) & ORG_WORDS and not PRODUCT_CODE.match(c.text) and not region \
            or (lower and lower[0] in ORG_HEAD_FIRST) or port_of:
        v["ORG"] += 3
    if c.label == "ORG" and is_country(c.text) and not set(lower) & ORG_WORDS:
        v["GPE"] += 2  # "(Belarus) 6-4", "Nigeria" in a results table: a country the model took for a team
    if c.label in ("GPE", "LOC") and _CAMEL_NAME.fullmatch(c.text):
        v["ORG"] += 1.5  # "OpenAI", "ByteDance": places are not camel-cased
    return False


def _possessed_heads(t, i: int, j: int, after: int) -> set[str]:
    """The nouns a possessive name owns ("Nvidia's H200 AI chips" -> chips, h200, ai)."""
    root = t.root(i, j)
    head = t.head[root] if t.dep[root] == "poss" else None
    low, pos = t.lower, t.pos
    heads = set()
    if head is not None and head >= j:
        heads.add(low[head])
        if pos[head] == "PROPN":
            heads.update(low[ch] for ch in t.children[head] if t.dep[ch] in ("compound", "amod"))
    else:
        # the parser missed the possessive: the first noun after it
        for k in range(after, min(after + 5, t.n)):
            if t.is_punct[k] or pos[k] in ("VERB", "AUX", "ADP"):
                break
            if pos[k] == "NOUN":
                heads.add(low[k])
    return heads


def _vote_after(c: _Cand, t, i: int, j: int, poss: bool, after: int, place: bool) -> None:
    """What follows the name: a possessed noun, a corporate role, a product or event noun."""
    v = c.votes
    nxt = t.lower[after] if after < t.n else ""
    if poss and not (place and is_place_name(c.text)):  # "France's Hachette": a known place's make no company
        if _possessed_heads(t, i, j, after) & ORG_POSS_HEADS:
            v["ORG"] += 2
    elif nxt in ORG_FOLLOWERS and not (place and nxt in ("analyst", "executive", "chief")) \
            and c.label != "NORP":
        v["ORG"] += 2
    if _DIGIT.search(c.text) and c.label not in _PLACE_LABELS and (nxt in _PRODUCT_NOUNS or nxt in ("fleet",)):
        v["PRODUCT"] += 3  # "Max 9 jets", "Gaudi 3 chip"
    if nxt and c.label not in _PLACE_LABELS and c.label != "PERSON":
        rest = " ".join(t.lower[after : after + 2])
        # an event noun is the words or the words before a space ("trade show", "summit talks")
        if rest in EVENT_NOUNS or any(rest[:k] in EVENT_NOUNS for k, ch in enumerate(rest) if ch == " "):
            v["EVENT"] += 3


_MINUTE = re.compile(r"\d{1,3}(?:st|nd|rd|th)(?: minute)?")


def _vote_country_after(c: _Cand, t, j: int) -> None:
    """"5. Davidson Ezinwa (Nigeria) 10.24", "beat Scott Draper (Australia)", "Klaus Kinkel (Germany)": a personal
    name with its country in brackets after it (results, draws, line-ups, lists of ministers), or a scorer's minute
    ("Scorers: Romania - Cosmin Contra (31st), Mihai Tararache (75th)"). Not a club or a
    company: no word of the name is a place ("Real Madrid (Spain)", "Dinamo Kiev (Ukraine)") or an organisation
    word ("Siemens AG (Germany)"), and it is no one-word name ("Benetton (Italy)")."""
    words = c.words
    if not 2 <= len(words) <= 4 or c.label in _PLACE_LABELS or c.label == "NORP":
        return
    if not (j + 2 < t.n and t.text[j] == "("):
        return
    close = next((k for k in range(j + 2, min(j + 6, t.n)) if t.text[k] in (")", ",")), None)
    inside = t.span_text(j + 1, close) if close is not None else ""
    if not (is_country(inside) and t.text[close] == ")" or _MINUTE.fullmatch(inside)):
        return  # a country, or a scorer's minute: "Cosmin Contra (31st)", "Ronald de Boer (52nd minute)"
    if any(not w[:1].isupper() or any(ch.isdigit() for ch in w) or w.lower().rstrip(".,") in ORG_WORDS
           or len(w) > 2 and is_place_name(w) for w in words):
        return
    if words[0].lower() not in GIVEN_NAMES and any(_is_common_noun(w) for w in words):
        return  # "Red Star (Yugoslavia)": a club of common words; "Scott Draper (Australia)" opens with a given name
    c.votes["PERSON"] += 3


def _vote_before(c: _Cand, t, i: int, place: bool) -> None:
    """What precedes the name: a descriptor, a title, "analysts at", "owner of"."""
    v = c.votes
    low, text = t.lower, t.text
    prev = i - 1 if i > 0 else None
    # a descriptor right before: "chipmaker Nvidia", "social media giant ByteDance", "TikTok owner ByteDance"
    if prev is not None and low[prev] in ORG_DESCRIPTORS and text[prev].islower() and c.label != "NORP":
        v["ORG"] += 3 if low[prev] in ORG_ONLY_DESCRIPTORS else 2
    if prev is not None and (low[prev] in PERSON_TITLES or low[prev].rstrip(".") in PERSON_TITLES) \
            and (t.pos[prev] in ("PROPN", "NOUN") or text[prev][:1].isupper()):
        if c.label in ("PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC") and not place:
            v["PERSON"] += 2
    # "the town of Tavildara", "the city of Arbil": a place
    if i >= 2 and low[i - 1] == "of" and low[i - 2] in PLACE_NOUNS and text[i - 2].islower():
        v["GPE"] += 3
    # "analysts at Bernstein", "vice-president at the China Semiconductor Industry Association"
    k = i - 1 - (prev is not None and low[prev] == "the")
    if k >= 1 and low[k] in ("at", "with", "from", "for") and low[k - 1] in ROLE_NOUNS and not place:
        v["ORG"] += 2
    # "owner of TikTok and Douyin"
    k = i - 1
    while k > 0 and (text[k] in (",", "and", "&") or text[k][:1].isupper()) and low[k] != "of":
        k -= 1
    if k > 0 and low[k] == "of" and low[k - 1] in OWNER_WORDS:
        v["ORG"] += 2


def _vote_appositive(c: _Cand, t, j: int, place: bool) -> None:
    """An appositive: ", vice-president at ...", ", the world's biggest memory chip maker", ", 45,"."""
    v = c.votes
    text, lower, pos, n = t.text, t.lower, t.pos, t.n
    if not (j < n and text[j] == ","):
        return
    for k in range(j + 1, min(j + 10, n)):
        if text[k] in (",", ".", ";", "(") or lower[k] in ("who", "which", "that") or pos[k] in ("VERB", "AUX"):
            break
        if t.like_num[k] and k == j + 1:
            if c.label not in _PLACE_LABELS and _is_age(t, k):
                v["PERSON"] += 2  # "Jane Doe, 45,"
            break
        low = lower[k]
        nxt = k + 1 if k + 1 < n else None
        if low in PERSON_APPOS or low in ORG_DESCRIPTORS or low in OWNER_WORDS:
            if nxt is not None and pos[nxt] == "PROPN" and text[nxt][:1].isupper() or _runs_into_verb(t, k + 1):
                break  # ", the pressure group Human Rights in China", ", a rights group said": not this name's
        if low in PERSON_APPOS and not place:
            v["PERSON"] += 2
            break
        if low in ORG_DESCRIPTORS and low not in ("app", "platform", "media", "network") or low in OWNER_WORDS:
            if not (place and k == j + 1):  # "The San Jose, Calif., company": the noun the place modifies
                v["ORG"] += 2
            break


def _runs_into_verb(t, k: int) -> bool:
    """The words from k on reach a verb before any comma or stop: ", a rights group said." is the subject of
    "said", not an appositive."""
    for x in range(k, min(k + 8, t.n)):
        if t.text[x] in (",", ".", ";", "(", ")", ":") or t.lower[x] in ("who", "which", "that"):
            return False
        if t.pos[x] in ("VERB", "AUX"):
            return True
    return False


def _is_age(t, k: int) -> bool:
    """", 45," after a name is an age; ", +7 095 ...", ", 123," (a score) or ", 212-859-1761" are not."""
    word = t.text[k]
    if not _AGE.fullmatch(word) or not 1 <= int(word) <= 110:
        return False
    return k + 1 >= t.n or t.text[k + 1] in (",", ")", ";", ".", "and", "who", "is", "was")


_PLACE_FAMILY = ("GPE", "LOC", "FAC")
_COUNT = operator.itemgetter(1)


def _family(label: str) -> str:
    return "PLACE" if label in _PLACE_FAMILY else label


def _decide_label(group: list[_Cand]) -> str:
    """The group's label: the model's labels and the context evidence of every mention, weighed.

    No-regression guard: a lone surname's own model label is no evidence against its full name; a full name's
    extra weight does not count where the model gave the very same words another label; all-caps headline,
    dateline and table mentions count half; the model's place labels (GPE, LOC, FAC) vote together; a tie is
    decided by the mixed-case body mentions, then for the place, never for ORG by default.
    """
    votes: dict[str, float] = {}  # a Counter's sums, in the same order (plain dict: this runs per group)
    model_labels: dict[str, set] = {}  # the labels the model gave each surface text in the group
    for o in group:
        if o.source == "model":
            model_labels.setdefault(o.text, set()).add(o.label)
    for c in group:
        for label, n in c.votes.items():
            votes[label] = n + votes.get(label, 0)
        if not c.base:
            continue
        if c.surname:
            votes[c.label] = votes.get(c.label, 0) - c.base
        elif c.base > 1 and model_labels.get(c.text, set()) - {c.label}:
            votes[c.label] = votes.get(c.label, 0) - (c.base - 1)
        elif c.caps:
            votes[c.label] = votes.get(c.label, 0) - c.base / 2
    model: dict[str, int] = {}  # the model's labels counted (and those of the mixed-case body mentions): plain
    body: dict[str, int] = {}  # dicts in first-seen order, as the Counters they replace (cheaper per group)
    for c in group:
        if c.source == "model":
            model[c.label] = model.get(c.label, 0) + 1
            if not c.caps:
                body[c.label] = body.get(c.label, 0) + 1
    if not votes:
        return max(model.items(), key=_COUNT)[0] if model else "ORG"  # `Counter.most_common(1)`: first of equals
    families: dict[str, float] = {}
    for label, n in votes.items():
        fam = _family(label)
        families[fam] = families.get(fam, 0) + n
    fam_body: dict[str, int] = {}
    for label, n in body.items():
        fam = _family(label)
        fam_body[fam] = fam_body.get(fam, 0) + n
    fam = max(families.items(), key=lambda kv: (round(kv[1], 6), fam_body.get(kv[0], 0), kv[0] == "PLACE",
                                                 kv[0] == "ORG"))[0]
    inside = [label for label in votes if _family(label) == fam]
    return max(inside, key=lambda label: (round(votes[label], 6), body.get(label, 0), model.get(label, 0)))

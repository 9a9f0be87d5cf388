"""Teams: in a sports report a club named after its town is an organisation ("Leeds beat Chelsea 2-1",
"Oakland 5 Seattle 3", "Leeds striker Tony Yeboah", "Manchester United"), while a national team keeps its
country's place label ("Australia beat England"). Positive evidence only: a team position in the sentence, never
the sport alone."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from .. import lexicon
from .collect import _SCORE, _Cand, _make
from .names import GIVEN_NAMES, POSSESSIVES, _is_common_noun, is_country, is_place_name

if TYPE_CHECKING:
    from ..parsed import ParsedArticle

SPORT_NAMES = lexicon.words("sport_names")
SPORT_WORDS = lexicon.words("sport_words")
CLUB_WORDS = lexicon.words("club_words")
TEAM_ROLES = lexicon.words("team_roles")
TEAM_DESCRIPTORS = lexicon.words("team_descriptors")
MATCH_VERBS = lexicon.words("match_verbs")
_SLUG = re.compile(r"\s*([A-Za-z][A-Za-z ]{1,30}?)\s+[-–—]\s")
# a score ("4-0", "2-1"), not a date: `(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])` with the look-behind after the first digit
# (the same matches; a pattern that starts with a digit lets the scan skip to the digits)
_RESULT = re.compile(r"\d(?<![\d-]\d)\d{0,2}-\d{1,3}(?![\d-])")
_SPORT_WORD = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(SPORT_WORDS, key=len, reverse=True))
                         + r")(?![\w-])")
_RUN = re.compile(r"[\w-]+")
_RUN_CHAR = re.compile(r"[\w-]")  # a sports word is a whole run of word characters and hyphens (see `_sport_words`)
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_AGAINST = frozenset({"against", "v", "v.", "vs", "vs.", "versus"})


def is_sports_report(parsed: ParsedArticle) -> bool:
    """A sport in the headline's slug ("SOCCER - LEEDS HOLD CHELSEA"), two distinct sports words in the text
    ("striker", "innings", "semifinal"), or a score ("4-0") with a sports word or a match verb ("thrashed")."""
    for seg in parsed.segments[:2]:
        m = _SLUG.match(parsed.text, seg.start, seg.end)
        if m and m.group(1).lower() in SPORT_NAMES:
            return True
    seen = _sport_words(parsed.text.lower())  # the text, not the tokens: most articles stop here
    if len(seen) >= 2:
        return True
    if _RESULT.search(parsed.text) is None:
        return False
    return bool(seen) or any(seg.table.pos[k] == "VERB" for seg in parsed.segments
                             for k in seg.table.positions("lemma", MATCH_VERBS))


def _sport_words(low: str) -> set[str]:
    """The sports words in a lower-cased text (what `_SPORT_WORD.findall` finds): a match starts and ends where a run
    of word characters and hyphens does, so it is a whole run, looked up in the set; the regex for other words."""
    if not _ALL_RUNS:
        return set(_SPORT_WORD.findall(low))
    found, n = set(), len(low)
    for w in SPORT_WORDS:  # a few dozen `str.find`s: cheaper than splitting the whole text into runs
        p = low.find(w)
        while p >= 0:
            q = p + len(w)
            if (p == 0 or not _RUN_CHAR.match(low, p - 1)) and (q >= n or not _RUN_CHAR.match(low, q)):
                found.add(w)  # a whole run: what `_RUN.findall(low)` would have given
                break
            p = low.find(w, p + 1)
    return found


_ALL_RUNS = all(_RUN.fullmatch(w) for w in SPORT_WORDS)


def _team_position(t, i: int, j: int) -> int:
    """How strongly the name stands where a team does: 2 before a team role or a player's name, or after a team
    descriptor ("Leeds striker", "Seattle's Ken Griffey", "side Nice"); 1 before a score, beside a match verb or
    after "against" (where players stand too); 0 elsewhere."""
    text, low, n = t.text, t.lower, t.n
    nxt = j if j < n else None
    if nxt is not None and text[nxt] in POSSESSIVES:
        k = j + 1
        if k < n and (t.ent_type[k] == "PERSON" or low[k] in TEAM_ROLES):
            return 2  # "Seattle's Ken Griffey", "Leeds' striker"
        nxt = None
    if nxt is not None and low[nxt] in TEAM_ROLES and text[nxt].islower():
        return 2  # "Leeds striker Tony Yeboah", "Chelsea fans"
    prev = i - 1 if i > 0 else None
    if prev is not None and text[prev].islower() and (low[prev] in TEAM_DESCRIPTORS or low[prev].endswith("-placed")):
        return 2  # "first division side Nice", "fifth-placed Ajax"
    if nxt is not None and _SCORE.fullmatch(text[nxt]) and not _YEAR.fullmatch(text[nxt]):
        return 1  # "Oakland 5 Seattle 3", "beat Valencia 4-0", "Surrey 24 points", "Kent 244 and 167-6"
    if prev is not None and low[prev] in _AGAINST:
        return 1
    root = t.root(i, j)
    head = t.head[root]
    if t.dep[root] in ("nsubj", "dobj", "nsubjpass") and t.pos[head] in ("VERB", "AUX") and t.lemma[head] in MATCH_VERBS:
        return 1
    return 0


def vote_teams(parsed: ParsedArticle, cands: list[_Cand], sports: bool) -> None:
    """In a sports report: a town or region in a team position, or a name ending in a club word ("Leeds United"),
    votes ORG; a country in a team position votes for its place (a national team); a place after "in" or "at"
    is where the match is played ("in Panama City", "at Headingley"). A one-word name the model calls a person
    is a player ("defeated Jansher", "b Jayasuriya 50") unless the gazetteer knows it as a place."""
    if not cands or not sports:
        return
    surnames = {c.words[-1] for c in cands if c.label == "PERSON" and len(c.words) >= 2}
    for c in cands:
        if c.seg is None or c.i < 0 or c.label not in ("GPE", "LOC", "PERSON", "ORG", "NORP", "FAC"):
            continue
        if len(c.words) == 1 and c.text in surnames:
            continue  # "Bailey" (model: a place) after "Donovan Bailey"
        t = c.seg.table
        if c.venue:
            continue  # a dateline
        if c.i > 0 and t.lower[c.i - 1] in ("in", "at") and (c.label in _PLACES or is_place_name(c.text)):
            c.venue = True
            continue
        words = c.words
        country = is_country(c.text)
        club = len(words) >= 2 and words[-1].lower() in CLUB_WORDS and not is_place_name(c.text) \
            and not country
        if club:
            if c.base > 1:  # a two-word personal name's weight is no evidence for "Leeds United"
                c.votes[c.label] -= c.base - 1
                c.base = 1.0
            c.votes["ORG"] += 3
            c.team = True
            continue
        if c.label == "NORP" or c.label == "PERSON" and len(words) >= 2:
            continue  # golfers, sprinters and batsmen; "Australian" is no team
        strength = _team_position(t, c.i, c.j)
        if strength == 0 or strength == 1 and c.label == "PERSON" and not (country or is_place_name(c.text)):
            continue  # "defeated Jansher", "b Jayasuriya 50": a player beside a score or a verb
        if country:
            c.votes["GPE"] += 3
        else:
            c.team = True
            if c.label != "ORG":
                c.votes["ORG"] += 3


_NAME = r"[A-Z][\w.'&]*(?:[ -][A-Z][\w.'&]*){0,3}"
# "Bradford 1 Tranmere 0", "DETROIT 4 Kansas City 1"; a standings row "NEW YORK 74 59 .556 -", "Celtic 4 3 1 0 9 2 10"
_RESULT_LINE = re.compile(rf"(?P<a>{_NAME}) \d{{1,3}} (?P<b>{_NAME}) \d{{1,3}}")
_STANDINGS_LINE = re.compile(rf"(?P<a>{_NAME})(?: (?:\d+|\.\d+|\d+\.\d+|-|\d+ 1/2|1/2)){{3,}}")
# a fixture: "KANSAS CITY AT DETROIT", "Birmingham v Barnsley"
_FIXTURE_LINE = re.compile(rf"(?P<a>{_NAME}) (?P<sep>at|AT|v|vs\.?) (?P<b>{_NAME})")


def team_lines(parsed: ParsedArticle, cands: list[_Cand], sports: bool) -> list[_Cand]:
    """In a sports report, the names of a results or standings line are teams, whatever the model made of them
    (it misses many and calls others places or people): organisations, or places for national teams. A name
    that opens with a given name is a player (a golf leaderboard), not a team."""
    if not sports:
        return cands
    found: list[_Cand] = []
    people = [(c.start, c.end) for c in cands if c.label == "PERSON" and len(c.words) >= 2]
    surnames = {c.words[-1] for c in cands if c.label == "PERSON" and len(c.words) >= 2}
    for seg in parsed.segments:
        line = parsed.text[seg.start:seg.end]
        m = _RESULT_LINE.fullmatch(line) or _STANDINGS_LINE.fullmatch(line) or _FIXTURE_LINE.fullmatch(line)
        if m is None:
            continue
        for part in ("a", "b"):
            if part not in m.re.groupindex or m.group(part) is None:
                continue
            if part == "b" and m.re is _FIXTURE_LINE and m.group("sep").lower() == "at":
                continue  # "KANSAS CITY AT DETROIT": the home team's city is the venue
            name = m.group(part)
            s, e = seg.start + m.start(part), seg.start + m.end(part)
            if m.re is _STANDINGS_LINE and len(name.split()) >= 2 and (
                    name.split()[0].lower() in GIVEN_NAMES or any(ps < e and s < pe for ps, pe in people)):
                continue  # a player: "Colin Montgomerie 69 70 71"
            if name in surnames:
                continue  # "Atherton 37 8 81 1" after "Mike Atherton": bowling figures
            span = seg.table.char_span(m.start(part), m.end(part), expand=True)
            if span is None:
                continue
            label = "GPE" if is_country(name) else "ORG"
            c = _make(parsed, seg, span[0], span[1], label, "team")
            if c is not None:
                c.votes[label] += 4
                c.team = label == "ORG"
                found.append(c)
    found += _role_names(parsed, cands)
    if not found:
        return cands
    spans = sorted((c.start, c.end) for c in found)
    starts = [s for s, _ in spans]

    def overlaps(c: _Cand) -> bool:
        k = bisect.bisect_left(starts, c.end) - 1
        return k >= 0 and spans[k][1] > c.start and any(s < c.end and c.start < e for s, e in spans[max(0, k - 1):k + 1])

    out = [c for c in cands if not overlaps(c)] + found
    out.sort(key=lambda c: c.start)
    return out


_ROLE_WORD = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(TEAM_ROLES, key=len, reverse=True))
                        + r")(?![\w-])")


def _role_names(parsed: ParsedArticle, cands: list[_Cand]) -> list[_Cand]:
    """A capitalised name the model missed right before a team role and a player's name ("Leeds striker Tony
    Yeboah", "England captain Alan Shearer")."""
    starts = sorted(c.start for c in cands)
    out = []
    for seg in parsed.segments:
        t = seg.table
        text, ents, pos = t.text, t.ent_type, t.pos
        for m in _ROLE_WORD.finditer(parsed.text, seg.start, seg.end):  # the few role words, not every token
            span = t.char_span(m.start() - seg.start, m.end() - seg.start)
            if span is None or span[0] == 0:
                continue
            tok = span[0]
            if not (tok + 1 < t.n and ents[tok + 1] == "PERSON"):
                continue
            i = tok
            while i > 0 and text[i - 1][:1].isupper() and not ents[i - 1] and (
                    pos[i - 1] == "PROPN" or pos[i - 1] == "NOUN" and not _is_common_noun(t.lower[i - 1])):
                i -= 1  # "Leeds" (tagged a plural noun) striker
            if i == tok or tok - i > 3:
                continue
            s = seg.start + t.idx[i]
            k = bisect.bisect_left(starts, s)
            if k < len(starts) and starts[k] < seg.start + t.idx[tok]:
                continue
            label = "GPE" if is_country(t.span_text(i, tok)) else "ORG"
            c = _make(parsed, seg, i, tok, label, "team")
            if c is not None:
                c.votes[label] += 4
                c.team = label == "ORG"
                out.append(c)
    return out

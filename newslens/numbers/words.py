"""Spelled numbers: "twenty-one trillion three hundred", "two thousand and two hundred", "a hundred and two",
"three million, two hundred & forty", "two hundred point zero three"; the spelled or digit groups that
continue a number with a small scale ("4 thousand 3 hundred and 21", "3 hundred and one"); fractions ("3/4",
"two-thirds", "twenty and three fifths", "three twenty-firsts", "one over three", "3 million and a half");
orders of magnitude ("hundreds of", "tens of thousands of").

A number is groups of (below-a-thousand scale*), each group's scale smaller than the one before; a group
without a scale of a thousand or more ends it ("one, two, three" stays three numbers). The words come from
the lexicon (number_words.tsv, scales.tsv, fraction_words.tsv, broad_counts.tsv).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .. import lexicon
from .vocab import (
    FRACTION_WORDS, RE_DIGIT_FRACTION, RE_VULGAR, SCALE_NAME, SCALE_WORDS, VULGAR, WORD_VALUE,
)

_BIG = {w: v for w, v in SCALE_WORDS.items() if v >= 1000}  # thousand, million, lakh, crore ...
_TENS = {w for w, v in WORD_VALUE.items() if v >= 20}
_DIGIT = {w for w, v in WORD_VALUE.items() if 0 <= v <= 9}
_VOCAB = set(WORD_VALUE) | set(_BIG) | set(FRACTION_WORDS) | {"hundred", "and", "point", "a", "an", "first", "second",
                                                             "firsts", "seconds"}
NUMBER_WORDS = frozenset(_VOCAB)  # every word a spelled number or fraction can begin with (and more)
# the words a number can begin with on its own (the rest of _VOCAB only continues one: "and", "billion",
# "point", "third"): a number word, "a"/"an" before a scale or fraction ("a million", "a third"), "half",
# "quarter", "hundred" before a scale ("hundred thousand dollars")
START_NUMBER_WORDS = frozenset(set(WORD_VALUE) | {"a", "an", "half", "quarter", "hundred"})
# one word of a number and what comes before it: spaces, a hyphen, a comma or an ampersand
_TOK = re.compile(r"(?P<sep>[ \t\u00a0]*[-,&][ \t\u00a0]*|[ \t\u00a0]+|)(?P<w>[A-Za-z]+|\d{1,3})(?![A-Za-z0-9]|[.,]\d)")


class _Tok(NamedTuple):
    word: str  # lower-case word or digits
    sep: str  # "", " ", "-", ",", "&" (what separated it from the word before)
    end: int


class Spelled(NamedTuple):
    """value x mult is the number; scale names the scale words of a one-group number ("million")."""

    value: float
    end: int
    scale: str | None = None
    mult: float = 1.0


def _tokens(s: str, j: int, digits: bool, limit: int = 30) -> list[_Tok]:
    """The number words from s[j] on; with `digits` (a continuation) digit groups too, and a separator first."""
    out: list[_Tok] = []
    pos = j
    while len(out) < limit:
        m = _TOK.match(s, pos)
        if not m or (not out and bool(m.group("sep")) != digits):
            break
        w = m.group("w").lower()
        if not (w in _VOCAB or digits and w.isdigit()):
            break
        sep = m.group("sep").strip() or (" " if m.group("sep") else "")
        out.append(_Tok(w, sep, m.end()))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, toks: list[_Tok]):
        self.t = toks

    def word(self, k: int) -> str:
        return self.t[k].word if k < len(self.t) else ""

    def sep(self, k: int) -> str:
        return self.t[k].sep if k < len(self.t) else ""

    def below100(self, k: int) -> tuple[int, int] | None:
        w = self.word(k)
        if w.isdigit():
            v = int(w)
            return (v, k + 1) if v < 100 and self.sep(k) in (" ", "") else None
        if w in _TENS and self.word(k + 1) in _DIGIT and self.sep(k + 1) in (" ", "-") \
                and WORD_VALUE[self.word(k + 1)] > 0:
            return WORD_VALUE[w] + WORD_VALUE[self.word(k + 1)], k + 2
        if w in WORD_VALUE:
            return WORD_VALUE[w], k + 1
        return None

    def below1000(self, k: int, first: bool) -> tuple[int, int] | None:
        w = self.word(k)
        if w in ("a", "an") and first and (self.word(k + 1) == "hundred" or self.word(k + 1) in _BIG):
            v, k = 1, k + 1
        elif w == "hundred" and first and self.word(k + 1) in _BIG:
            v = 1  # "hundred thousand dollars" (not "several hundred people")
        elif w.isdigit() and int(w) < 1000 and self.word(k + 1) in ("hundred", *_BIG) and self.sep(k + 1) == " ":
            v, k = int(w), k + 1
        else:
            r = self.below100(k)
            if r is None:
                return None
            v, k = r
        if self.word(k) == "hundred" and self.sep(k) in (" ", "-", ""):
            if v >= 10 and not first:
                return None
            v, k = v * 100 if v else 100, k + 1
            and_k = k + 1 if self.word(k) == "and" and self.sep(k) == " " else k
            r = self.below100(and_k) if self.sep(and_k) == " " or self.sep(and_k) == "&" and and_k == k else None
            if r is not None and r[0] > 0 and self.word(r[1]) != "hundred":
                v, k = v + r[0], r[1]
        return v, k

    def group(self, k: int, first: bool) -> tuple[int, float, list[str], int] | None:
        r = self.below1000(k, first)
        if r is None:
            return None
        v, k = r
        mult, names = 1.0, []
        while self.word(k) in _BIG and self.sep(k) in (" ", "-"):
            mult *= _BIG[self.word(k)]
            names.append(SCALE_NAME.get(self.word(k), self.word(k)))
            k += 1
        return v, mult, names, k

    def number(self, k: int, last: float = float("inf"), cont: bool = False) -> tuple[float, int, list, float, int]:
        """(total, next token, scale names of a one-group number, its multiplier, groups read); `cont`: the
        groups continue a number already read, whose smallest scale is `last`."""
        groups, names1, mult1, total = 0, [], 1.0, 0.0
        while True:
            join = k
            if groups or cont:
                if last < 100 or self.word(k) == "":
                    break
                if self.word(k) == "and" and self.sep(k) == " ":
                    join = k + 1
                elif self.sep(k) not in (" ", ",", "&"):
                    break
            g = self.group(join, first=groups == 0 and not cont)
            if g is None:
                break
            v, mult, names, k2 = g
            if v <= 0 and (groups or cont) or (groups or cont) and not v * mult < last:
                break
            total += v * mult
            groups, last, k = groups + 1, mult, k2
            names1, mult1 = names, mult
        return total, k, names1, mult1, groups


def _decimals(p: _Parser, k: int) -> tuple[str, int] | None:
    """"point zero three" -> ("03", next), "point seventy-one" -> ("71", next)."""
    if p.word(k) != "point" or p.sep(k) != " ":
        return None
    k += 1
    digits = ""
    while p.word(k) in _DIGIT and p.sep(k) == " ":
        digits, k = digits + str(WORD_VALUE[p.word(k)]), k + 1
    if digits:
        return digits, k
    r = p.below100(k)
    if r is None or p.sep(k) != " " or p.word(k).isdigit():
        return None
    return str(r[0]), r[1]


def spelled(s: str, j: int) -> Spelled | None:
    """The spelled number starting at s[j] (None when there is none, or only "a"/"an")."""
    toks = _tokens(s, j, digits=False)
    if not toks:
        return None
    p = _Parser(toks)
    total, k, names, mult, groups = p.number(0)
    if not groups:
        return None
    dec = _decimals(p, k)
    if dec is not None and total == int(total):
        digits, k = dec
        return Spelled(float(f"{int(total)}.{digits}"), toks[k - 1].end)
    end = toks[k - 1].end
    if groups == 1 and mult > 1:
        return Spelled(total / mult, end, " ".join(names), mult)
    return Spelled(float(total), end)


def tail(s: str, j: int, last: float) -> tuple[float, int] | None:
    """The groups that continue a number with a small scale at s[j:]: (their value, end), or None.

    "4 thousand| 3 hundred and 21", "3 hundred| and one", "6 crore| and two hundred"."""
    if not (last in (100.0, 1000.0) or SCALE_WORDS.get("lakh") == last or SCALE_WORDS.get("crore") == last):
        return None
    toks = _tokens(s, j, digits=True)
    if not toks or toks[0].sep == "":
        return None
    p = _Parser(toks)
    total, k, _, _, groups = p.number(0, last=last, cont=True)
    if not groups:
        return None
    return total, toks[k - 1].end


# ---------------------------------------------------------------------------------------------------------
# fractions
# ---------------------------------------------------------------------------------------------------------

_RE_SPACES_HYPHENS = re.compile(r"[\s-]+")
_RE_LEAD_AND = re.compile(r"^\s*and\s+")
_RE_NEXT_WORD = re.compile(r"[\s-]+[A-Za-z]")


def word_number(text: str) -> float | None:
    t = _RE_SPACES_HYPHENS.sub(" ", text.lower()).strip()
    if t in ("a", "an"):
        return 1.0
    if t in ("half a", "half an", "half"):
        return 0.5
    if t == "quarter":
        return 0.25
    hundreds, _, rest = t.partition(" hundred")
    if not _:
        hundreds, rest = "", t
    total = 0
    for part, mult in ((hundreds, 100), (_RE_LEAD_AND.sub("", rest), 1)):
        if not part.strip():
            continue
        value = 0
        for word in part.split():
            if word not in WORD_VALUE:
                return None
            value += WORD_VALUE[word]
        total += value * mult
    return float(total)


_FRACTION_DENOMINATORS = {2, 3, 4, 5, 8, 10, 16, 100}  # "3/4", "1/8 inch"; not "9/11", "7/12"


def fraction(s: str, j: int) -> tuple[float, int, bool] | None:
    """(value, end, is_word) of a fraction at s[j:]: "3/4", "2 1/4", "two-thirds", "a third of", "one and a half"."""
    m = RE_VULGAR.match(s, j)
    if m:
        return (int(m.group("whole")) if m.group("whole") else 0) + VULGAR[m.group("f")], m.end(), False
    m = RE_DIGIT_FRACTION.match(s, j)
    if m:
        num, den = int(m.group("num")), int(m.group("den"))
        if 0 < num < den and den in _FRACTION_DENOMINATORS and not (j > 0 and s[j - 1] == "/" or j > 1 and s[j - 1] == "-" and s[j - 2].isalnum()):
            whole = int(m.group("whole")) if m.group("whole") else 0
            return whole + num / den, m.end(), False
        return None
    over = _over(s, j)
    if over is not None:
        return over
    return _word_fraction(s, j)


_RE_SHARE_BEFORE = re.compile(r"\b(?:by|than|nearly|almost|about|around|roughly)\s+$", re.I)  # "rose by a fifth"
_ORDINAL_UNITS = {"first": 1, "second": 2, "firsts": 1, "seconds": 2}  # only inside "twenty-first", "thirty-seconds"


def _ordinal(p: _Parser, k: int) -> tuple[int, bool, int] | None:
    """(denominator, plural, next token) of a fraction word at token k: "fifths", "hundredth", "twenty-firsts"."""
    w = p.word(k)
    if w in _TENS and p.sep(k + 1) == "-":
        unit = p.word(k + 1)
        den = _ORDINAL_UNITS.get(unit) or (FRACTION_WORDS.get(unit) if FRACTION_WORDS.get(unit, 99) < 10 else None)
        if den:
            return WORD_VALUE[w] + den, unit.endswith("s"), k + 2
    if w in FRACTION_WORDS and p.sep(k) in (" ", "-"):
        return FRACTION_WORDS[w], w.endswith("s") and w != "halves" or w == "halves", k + 1
    return None


def _word_fraction(s: str, j: int, part: bool = False) -> tuple[float, int, bool] | None:
    """"two thirds", "two-thirds", "a third of", "one and a half", "twenty and three fifths", "a hundredth";
    `part`: the fraction after "and" ("five and a quarter"), where "a quarter" is no period."""
    toks = _tokens(s, j, digits=False)
    if not toks:
        return None
    p = _Parser(toks)
    total, k, _, mult, groups = p.number(0)
    if not groups and p.word(0) in ("a", "an"):
        total, k = 1.0, 1
    elif not groups:
        return None
    od = _ordinal(p, k)
    if od is None:
        return _and_part(s, toks, k, groups, total, mult) if groups else None
    ands = [i for i in range(1, k) if p.word(i) == "and"]
    if ands:  # "two hundred and fifty-four hundredths", "two million and three fifths": a whole and a fraction
        q = _Parser(toks[:ands[-1]])
        w_total, wk, _, w_mult, w_groups = q.number(0)
        if w_groups and wk == ands[-1]:
            both = _and_part(s, toks, wk, w_groups, w_total, w_mult)
            if both is not None:
                return both
    den, plural, k = od
    end = toks[k - 1].end
    after = s[end:end + 4].lower()
    word = p.word(k - 1)
    if total <= 0 or (total == 1) == plural:
        return None
    if part:
        return total / den, end, True
    if p.word(0) in ("a", "an") and not groups and not (after.startswith(" of") or not after.strip(" .,;:!?")) \
            and not _RE_SHARE_BEFORE.search(s, max(0, j - 12), j):
        return None  # "a third straight month", "a quarter": ordinals and periods; "a third of", "by a fifth" are shares
    if word.startswith("quarter") and not (after.startswith(" of") or p.sep(k - 1) == "-"):
        return None  # "three quarters" is a period unless "three quarters of"
    return total / den, end, True


def _and_part(s: str, toks: list[_Tok], k: int, groups: int, total: float, mult: float):
    """The whole at toks[:k] "and" a fraction below one: "one and a half", "3 million and a half" (of the scale)."""
    if k >= len(toks) or toks[k].word != "and" or toks[k].sep != " " or s[toks[k].end: toks[k].end + 1] != " ":
        return None
    rest = _word_fraction(s, toks[k].end + 1, part=True)
    if rest is None or not 0 < rest[0] < 1:
        return None  # not "two and three"
    if groups == 1 and mult > 1:
        return (total / mult + rest[0]) * mult, rest[1], True
    return total + rest[0], rest[1], True


def _over(s: str, j: int) -> tuple[float, int, bool] | None:
    """"one over three", "1 over 20", "2000 over 3": a fraction when nothing but punctuation follows."""
    m = _RE_OVER_NUM.match(s, j)
    sp = None if m else spelled(s, j)
    num, k = (float(m.group(0)), m.end()) if m else ((sp.value * sp.mult, sp.end) if sp else (None, j))
    o = _RE_OVER.match(s, k)
    if num is None or not o:
        return None
    m2 = _RE_OVER_NUM.match(s, o.end())
    sp2 = None if m2 else spelled(s, o.end())
    den, end = (float(m2.group(0)), m2.end()) if m2 else ((sp2.value * sp2.mult, sp2.end) if sp2 else (None, 0))
    if not den or s[end:].strip()[:1].isalnum():
        return None
    return num / den, end, sp is not None or sp2 is not None


_RE_OVER_NUM = re.compile(r"\d+(?:\.\d+)?(?![\d.,/])")
_RE_OVER = re.compile(r"\s+over\s+", re.I)


_RE_AND = re.compile(r"\s+and\s+", re.I)


def and_fraction(s: str, j: int) -> tuple[float, int] | None:
    """"3 million| and a half", "five billion| and three quarters": the fraction of the scale that follows."""
    m = _RE_AND.match(s, j)
    if not m:
        return None
    f = _word_fraction(s, m.end(), part=True)
    if f is None or not 0 < f[0] < 1 or _RE_NEXT_WORD.match(s[f[1]:f[1] + 2]) and \
            spelled(s, f[1] + 1) is not None:
        return None
    return f[0], f[1]


_BROAD = {w: float(v) for w, v in lexicon.mapping("broad_counts").items()}
BROAD_WORDS = frozenset(_BROAD)
_RE_BROAD = re.compile(r"(?:(?P<m>" + "|".join(sorted(_BROAD)) + r")\s+of\s+)?(?P<w>" + "|".join(sorted(_BROAD))
                       + r")(?=\s+of\s+[A-Za-z$£€])", re.I)


def broad(s: str, j: int) -> tuple[float, int] | None:
    """"hundreds of workers", "tens of thousands of people": (the low end of the order of magnitude, end of the
    words), or None. "tens" and "scores" alone need a larger word after them ("tens of thousands")."""
    m = _RE_BROAD.match(s, j)
    if not m:
        return None
    w = m.group("w").lower()
    if w == "tens" or m.group("m") and m.group("m").lower() in ("thousands", "millions", "billions"):
        return None
    low = _BROAD[w] * (_BROAD[m.group("m").lower()] if m.group("m") else 1.0)
    return low, m.end()

"""The amount grammar: qualifier? currency? number scale* (range)? currency|percent|unit? at one offset.

`Amount` (the result) lives in `amount`, spelled numbers and fractions in `words`, what follows a number in
`suffix`, small forms around it (glued scales, "a dollar", "half of", rates) in `forms`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .amount import Amount
from .forms import glued_scale_ok, half_of, one_currency, per, unit_of_fraction
from .suffix import Suffix, suffix
from .vocab import (
    CHANGE_WORDS, CODES_AFTER_LOWER, CURRENCY_NAMES, CURRENCY_PREFIX, QUALIFIER_BOUND, RE_AGE_LEAD, RE_AGE_UNIT,
    RE_AND, RE_BETWEEN, RE_CUR_CODE_LOWER_BEFORE, RE_CUR_NAME, RE_DIGITS, RE_METRES_AFTER, RE_PREFIX, RE_QUAL,
    RE_RANGE, RE_RATIO, RE_SCALE_ABBR_GLUED, RE_SCALE_ABBR_SPACED, RE_SCALE_CR, RE_SCALE_WORD, RE_SIGN, RE_UNIT_LEAD,
    RE_WORDNUM, UNITS_BEFORE,
    SCALE_ABBR, SCALE_NAME, SCALE_WORDS, WEAK_CURRENCY_PREFIX, WORD_VALUE,
)
from .words import BROAD_WORDS, NUMBER_WORDS, and_fraction, broad, fraction, spelled, tail, word_number


_RE_SPACES = re.compile(r"\s+")
_RE_GROUPING = re.compile(r"[, \u202f\u00a0]")  # digit grouping: "1,234", "40 000"
_RE_FROM_BY = re.compile(r"([A-Za-z]+)\s+(from|by)\s*$")
_RE_WORD_BEFORE = re.compile(r"([A-Za-z]+)()\s+$")  # the word right before an amount (the empty group: no from/by)


@dataclass
class _Side:
    value: float
    end: int
    currency: str | None = None
    scale: str | None = None
    mult: float = 1.0
    is_word: bool = False
    glued_m: bool = False
    fraction: bool = False
    signed: bool = False  # a second side with its own minus ("-5 to -10")


def _first(s: str, j: int, neg: bool) -> tuple[_Side, str | None] | None:
    """The number itself at s[j:] (a fraction, digits, or words), before any scale; and its words if spelled."""
    frac = fraction(s, j)
    if frac is not None:
        value, end, is_word = frac
        return _Side(value=-value if neg else value, end=end, is_word=is_word, fraction=True), None
    m = RE_DIGITS.match(s, j)
    if m:
        value = float(_RE_GROUPING.sub("", m.group("n")))
        return _Side(value=-value if neg else value, end=m.end()), None
    sp = spelled(s, j)
    if sp is not None:
        side = _Side(value=sp.value, end=sp.end, is_word=True, scale=sp.scale, mult=sp.mult)
        return side, s[j:sp.end].lower()
    m = RE_WORDNUM.match(s, j)
    if not m:
        return None
    word = _RE_SPACES.sub(" ", m.group("w").lower())
    value = word_number(word)
    if value is None:
        return None
    return _Side(value=value, end=m.end(), is_word=True), word


_RE_CENTS = re.compile(r"\.\d\d$")
_RE_OF_A_SCALE = re.compile(r"\s+of\s+an?(?=\s)", re.I)


def _side(s: str, i: int, cur: str | None) -> _Side | None:
    """currency? number scale* at s[i:]."""
    j = i
    m = RE_PREFIX.match(s, j)
    neg = weak = False
    if m and m.end() < len(s) and (s[m.end()].isdigit() or s[m.end()] == "."):
        cur, j = CURRENCY_PREFIX[m.group("c")], m.end()
        weak = m.group("c") in WEAK_CURRENCY_PREFIX
    elif m and s[m.end(): m.end() + 1] in ("-", "−") and s[m.end() + 1: m.end() + 2].isdigit():
        cur, j, neg = CURRENCY_PREFIX[m.group("c")], m.end() + 1, True  # "$-12.3bn"
        weak = m.group("c") in WEAK_CURRENCY_PREFIX  # "SR-71" is an aircraft
    elif not m:
        m = RE_CUR_CODE_LOWER_BEFORE.match(s, j)
        if m:
            cur, j = CODES_AFTER_LOWER[m.group("c")], m.end()  # "usd100"
    first = _first(s, j, neg)
    if first is None:
        return None
    side, word = first
    side.currency = cur
    side_start, j = j, side.end
    number = s[side_start:j]
    for _ in range(0 if side.fraction and abs(side.value) >= 1000 else 3):  # "3 million and a half" has its scale
        m = RE_SCALE_WORD.match(s, j)
        if m:
            sw = m.group("s").lower()
            if sw == "hundred" and (side.scale or word is not None):
                break
            side.mult *= SCALE_WORDS[sw]
            name = SCALE_NAME.get(sw, sw)
            side.scale = f"{side.scale} {name}" if side.scale else name
            j = m.end()
            continue
        if word is None and not side.scale:
            m = RE_SCALE_ABBR_SPACED.match(s, j)
            if not m and j < len(s) and not s[j].isspace():
                m = RE_SCALE_ABBR_GLUED.match(s, j)
                if m and not side.currency and not glued_scale_ok(m.group("s"), s[side_start:j]):
                    m = None  # "4K", "5B" are codes; "$5B", "10M", "1.2b" are amounts
            if not m and side.currency == "INR":
                m = RE_SCALE_CR.match(s, j)
            if m:
                abbr = m.group("s")
                name = SCALE_ABBR[abbr.lower()]
                side.glued_m = abbr == "m" and not side.currency
                side.mult *= SCALE_WORDS[name]
                side.scale = name
                j = m.end()
                continue
        break
    if side.fraction and not side.scale and abs(side.value) < 1:
        of = _RE_OF_A_SCALE.match(s, j)  # "a quarter of a billion dollars", "three quarters of a million people"
        m = RE_SCALE_WORD.match(s, of.end()) if of else None
        if m and m.group("s").lower() != "hundred":
            sw = m.group("s").lower()
            side.mult, side.scale, j = SCALE_WORDS[sw], SCALE_NAME.get(sw, sw), m.end()
    if word in ("a", "an") and not side.scale and one_currency(s, j):
        side.end = j
        return side  # "a dollar", "a penny": one of the currency
    if word in ("a", "an", "half a", "half an", "half", "quarter") and not side.scale:
        u = suffix(s, j, False, False) if word in ("half a", "half an") else None
        if (u is None or u.kind not in ("percent", "quantity")) and not (word == "half" and half_of(s, i, j)):
            return None  # "a" and "half a" count only before a scale ("a million", "half a billion") or a unit
        side.fraction = True  # "half a percentage point", "half a mile", "nearly half of voters"
    if side.scale and not side.fraction and side.mult >= 1000:
        half = and_fraction(s, j)
        if half is not None:  # "3 million and a half"
            side.value, j = side.value + half[0], half[1]
    if side.scale and not side.fraction:
        more = tail(s, j, side.mult)
        if more is not None:  # "4 thousand 3 hundred and 21", "3 hundred and one"
            side.value, side.mult, side.scale, j = side.value * side.mult + more[0], 1.0, None, more[1]
    if weak and not side.scale and "," not in number and not _RE_CENTS.search(number):
        return None  # "NIS2", "TL 2", "Room Sh2", "R1.1": designations; "NIS 1.2 billion", "Sh1,500", "R21.50": money
    side.end = j
    return side


@dataclass
class _Lead:
    """What comes before the first number: qualifier, "between", sign."""

    end: int
    qual: str | None = None
    between: bool = False
    sign: float = 1.0
    symbol_sign: bool = False
    age: bool = False  # "aged 45", "age 87"
    unit: str | None = None  # a unit written before the number: "magnitude 6.1"


def _lead(s: str, i: int) -> _Lead:
    """Qualifier? between? sign? at s[i:]: "about", "between", "minus", "-" before a digit or symbol."""
    lead = _Lead(end=i)
    m = RE_AGE_LEAD.match(s, lead.end)
    if m:
        lead.age, lead.end = True, m.end()
    m = RE_UNIT_LEAD.match(s, lead.end)
    if m:
        lead.unit, lead.end = UNITS_BEFORE[m.group("u").lower()], m.end()
    m = RE_QUAL.match(s, lead.end)
    if m:
        lead.qual, lead.end = _RE_SPACES.sub(" ", m.group("q").lower()), m.end()
    m = RE_BETWEEN.match(s, lead.end)
    if m:
        lead.between, lead.end = True, m.end()
    j = lead.end
    m = RE_SIGN.match(s, j)
    if m:
        lead.sign, lead.end = -1.0, m.end()
    elif j < len(s) - 1 and s[j] in "-−+" and (s[j + 1].isdigit() or s[j + 1] in "$€£¥") \
            and (j == 0 or s[j - 1].isspace() or s[j - 1] in "(["):
        lead.sign, lead.end, lead.symbol_sign = (1.0 if s[j] == "+" else -1.0), j + 1, True  # "fell -3.2%", "+5%"
    return lead


def _ratio(s: str, i: int, j: int, a: _Side, lead: _Lead) -> Amount | None:
    """"one in five households", "1 in 4": a share, read as a percentage."""
    m = RE_RATIO.match(s, j)
    if not m:
        return None
    d = _side(s, m.end(), None)
    if d is not None and not d.currency and not d.scale and 0 < a.value < d.value <= 1000 \
            and a.value == int(a.value) and d.value == int(d.value) and d.end <= len(s) \
            and not (d.end < len(s) and s[d.end].isalnum()):
        qual = "~" if lead.qual == "~" else lead.qual
        return Amount(start=i, end=d.end, value=round(100 * lead.sign * a.value / d.value, 4), kind="percent",
                      unit="%", qualifier=qual, sign=lead.sign, is_word=a.is_word)
    return None


@dataclass
class _Range:
    """The second side of a range and where the amount ends."""

    end: int
    b: _Side | None = None
    suf1: Suffix | None = None
    suf2: Suffix | None = None
    split_from: bool = False
    failed: bool = False  # "between 5" with no "and ...": no amount at all


def _mixed_sides_ok(a: _Side, b: _Side) -> bool:
    """One side spelled, one in digits, as house styles that spell out numbers below ten write ranges: "eight to
    10 feet", "between three and 15 per cent", "nine to 12 months". Not with a fraction, nor a digit side of a
    thousand or more ("two to 3,000 jobs" may mean 2,000 to 3,000)."""
    digits = b if a.is_word else a
    return not (a.fraction or b.fraction) and digits.value < 1000


def _range(s: str, i: int, j: int, a: _Side, suf1: Suffix | None, lead: _Lead) -> _Range:
    """A range after the first side: "10-12", "$10bn-$12bn", "5 to 7 per cent", "between 5 and 7 per cent",
    "-5 to -10 degrees" (the second side's own sign)."""
    between = lead.between
    out = _Range(end=j, suf1=suf1)
    m = (RE_AND if between else RE_RANGE).match(s, j)
    if not m:
        out.failed = between
        return out
    k, b_sign = m.end(), 1.0
    sm = RE_SIGN.match(s, k)
    if sm:
        k, b_sign = sm.end(), -1.0
    elif s[k:k + 1] in ("-", "−") and s[k + 1:k + 2].isdigit() and (m.group(0)[-1:].isspace() or m.group("thru")
                                                                  or (m.group("sep") or "").lower().endswith("to")):
        k, b_sign = k + 1, -1.0
    b = _side(s, k, a.currency)
    if b is None or (b.is_word != a.is_word and not _mixed_sides_ok(a, b)):
        out.failed = between
        return out
    if b_sign < 0:
        b.value, b.signed = -b.value, True
    k = b.end
    suf2 = suffix(s, k, bool(b.scale or a.scale), b.glued_m)
    if suf2:
        k = suf2.end
    # both sides must measure the same thing: "13% to 384,122" and "5% to $10bn" are no ranges
    same_unit = (suf1 is None or (suf2 is not None and suf1[:2] == suf2[:2])) and \
        not (b.currency and not a.currency and suf1 is not None)
    # "$10-12 billion": the first side takes the second's scale when it has none
    lo = lead.sign * a.value * (a.mult if a.scale else (b.mult if b.scale else 1.0))
    hi = b.value * (b.mult if b.scale else a.mult)
    downwards = lo > hi and lo < 0 and hi < 0  # "from -18 °C to -34 °C"
    if (b.currency and a.currency and b.currency != a.currency) or not same_unit or not (lo < hi or downwards):
        out.failed = between
    elif (m.groupdict().get("sep") or "").lower() == "to" and _changed_from(s, i, abs(hi) > 4 * abs(lo),
                                                                       bool(a.currency or suf1)):
        out.split_from = True  # "rose from 5 to 7 per cent": two levels; the scanner reads "7 per cent" on its own
        if suf1 is None and suf2 is not None:
            out.suf1 = suf2._replace(end=j)
    else:
        out.b, out.suf2, out.end = b, suf2, k
    return out


def _changed_from(s: str, i: int, far_apart: bool = True, measured: bool = False) -> bool:
    """True after "<change verb> from|by": "rose from", "was cut from", "grew by" ("rose by £15 to £680" is a change
    and a level, not a range, when the level is far above the change: "rose by 5 to 7 per cent" is a range; a plain
    "from" is a range). Also right after the verb when the amount is `measured` (money, a percentage, a unit) and far
    below the level: "fell $2 to $78 a barrel"; a bare count stays a range ("will cut 10 to 50 jobs")."""
    m = _RE_FROM_BY.search(s[max(0, i - 40):i]) or (_RE_WORD_BEFORE.search(s[max(0, i - 20):i])
                                                     if far_apart and measured else None)
    if m and (m.group(2) or "by").lower() == "by" and not far_apart:
        return False  # "rose by 5 to 7 per cent", "fell 10 to 15 per cent": a range
    if not m:
        return False  # "fell $2 to $78 a barrel", "rose 4p to 215p": a change and a level, as with "by"
    return _is_change_word(m.group(1))


def _is_change_word(word: str) -> bool:
    """A change verb or noun in any of its regular forms ("rose", "cuts", "raised", "hiking"; lexicon/change_words)."""
    w = word.lower()
    forms = {w, w[:-1], w[:-2], w[:-3], w[:-2] + "e", w[:-3] + "y", w[:-3] + "e"}
    return any(f in CHANGE_WORDS for f in forms if f)


_RE_FIRST_WORD = re.compile(r"[A-Za-z]+")
# the words an amount can begin with: a qualifier's first word, "between", a sign, an age, a number word
_START_WORDS = frozenset({q.split()[0].rstrip(".") for q in QUALIFIER_BOUND if q[:1].isalpha()}
                         | {"between", "minus", "negative", "aged", "age", "ages", "half", "quarter"} | NUMBER_WORDS
                         | BROAD_WORDS | set(UNITS_BEFORE))


# "a quarter-point cut", "a half percentage point hike", "three-quarters of a point", "half a point": a fraction
# of a (percentage) point; a bare "point" only where rates move (a change noun after it, or "rate" just before)
_RE_FRACTION_POINT = re.compile(
    r"(?:(?P<a>an?|one)[\s-]+)?(?:(?P<n>[a-z]+)[\s-]+)??(?P<f>[a-z]+?)s?(?:[\s-]+of)?[\s-]+(?:an?[\s-]+)?"
    r"(?P<pct>percentage[\s-]+)?points?\b", re.I)
_RE_NEXT_WORD_AFTER = re.compile(r"[\s-]+(?:interest[\s-]+)?(?:rates?[\s-]+)?(?P<w>[a-z]+)", re.I)
_RE_RATE_BEFORE = re.compile(r"\brates?\b[^.;]{0,25}$", re.I)
_POINT_FIRST = frozenset("aAoOhHqQtT")
_POINT_PARTS = {"quarter": 4, "half": 2, "third": 3}


def _fraction_point(s: str, i: int) -> Amount | None:
    """(a) quarter/half/three-quarter(s) (of a) (percentage) point at s[i]: 0.25, 0.5, 0.75 percentage points."""
    m = _RE_FRACTION_POINT.match(s, i)
    if m is None:
        return None
    f, n = m.group("f").lower(), (m.group("n") or "").lower()
    if f not in _POINT_PARTS or n and (n not in WORD_VALUE or m.group("a")) or f == "half" and n:
        return None  # ("a three-quarter-point hike" is read from "three", where the scanner begins it)
    value = (WORD_VALUE[n] if n else 1) / _POINT_PARTS[f]
    if value >= 1:
        return None
    if not m.group("pct"):  # "a quarter point": only where rates move
        nxt = _RE_NEXT_WORD_AFTER.match(s, m.end())
        w = nxt.group("w").lower() if nxt else ""
        by = _RE_FROM_BY.search(s[max(0, i - 30):i])
        changed = by is not None and by.group(2).lower() == "by" and _is_change_word(by.group(1))  # "cut by a ..."
        if not (_is_change_word(w) or changed or _RE_RATE_BEFORE.search(s, max(0, i - 40), i)):
            return None
    return Amount(i, m.end(), round(value, 9), "percent", unit="pp", fraction=True, is_word=True)


def parse_amount(s: str, i: int = 0) -> Amount | None:
    """Read an amount starting exactly at s[i]: "about 100 billion yuan", "$10-12 billion", "7nm", "two"."""
    if s[i:i + 1].isalpha():  # most tokens are words that begin no amount: a set lookup rules them out
        m = _RE_FIRST_WORD.match(s, i)
        if m and m.group(0).lower() not in _START_WORDS and not RE_PREFIX.match(s, i) \
                and not RE_CUR_CODE_LOWER_BEFORE.match(s, i):
            return None
    if s[i:i + 1] in _POINT_FIRST:
        fp = _fraction_point(s, i)
        if fp is not None:
            return fp
    lead = _lead(s, i)
    br = broad(s, lead.end) if not lead.between and lead.sign > 0 else None
    if br is not None:
        return _broad_amount(s, i, br[0], br[1], lead)
    a = _side(s, lead.end, None)
    if a is None:
        return None
    j = a.end
    suf1 = suffix(s, j, bool(a.scale), a.glued_m)
    if suf1 is None and a.fraction and not a.currency:
        suf1 = unit_of_fraction(s, j)  # "a quarter of a percentage point", "half a mile"
    if suf1:
        j = suf1.end
    elif not a.currency and not a.scale:
        share = _ratio(s, i, j, a, lead)
        if share is not None:
            return share
    rng = _range(s, i, j, a, suf1, lead)
    if rng.failed:
        return None
    j, b = rng.end, rng.b
    if j < len(s) and (s[j].isalnum() or s[j] in "$€£¥"):
        return None  # "5G", "737MAX": glued letters that are no unit
    suf = rng.suf2 or rng.suf1
    if lead.age and suf is None and not a.currency:
        m = RE_AGE_UNIT.match(s, j)
        suf = Suffix("age", m.group("u").lower() if m else "year", m.end() if m else j)
        j = suf.end
    if lead.unit and suf is None and not a.currency:
        suf = Suffix("quantity", lead.unit, j)  # "magnitude 6.1"
    if lead.symbol_sign and suf is None and not a.currency and (lead.sign > 0 or not a.is_word and b is not None):
        return None  # a bare "+852" is no signed amount (a bare "-3" is a negative number)
    if suf is None and b is None and not a.currency and not a.is_word:
        suf = _shared_suffix(s, j)
    amt = _amount(s, i, j, a, b, suf, lead, rng.split_from)
    if amt.kind == "money" and b is None and not amt.scale:
        _and_subunit(s, amt)
    if b is None and lead.qual:
        _bounded_pair(s, amt)
    if amt.kind in ("money", "quantity", "count", "percent"):
        per(s, amt)
    return amt


_RE_OF = re.compile(r"\s+of(?=\s)", re.I)


def _broad_amount(s: str, i: int, low: float, end: int, lead: _Lead) -> Amount:
    """"hundreds of workers" (a count, its noun found by the candidates pass), "millions of dollars" (money)."""
    kind, unit = "count", None
    m = _RE_OF.match(s, end)
    c = RE_CUR_NAME.match(s, m.end()) if m else None
    if c is not None:
        kind, unit, end = "money", CURRENCY_NAMES[_RE_SPACES.sub(" ", c.group("c").lower())], c.end()
    return Amount(start=i, end=end, value=5.5 * low, kind=kind, unit=unit, low=low, high=10 * low,
                  qualifier="about" if lead.qual == "~" else lead.qual, is_word=True, broad=True)


_RE_AND_OR = re.compile(r"(?:\s*,)?\s+(?:and|or)\s+")


def _shared_suffix(s: str, j: int) -> Suffix | None:
    """"45 and 50 mg", "3 or 4 per cent": the first number shares the unit of the one it is joined to."""
    m = _RE_AND_OR.match(s, j)
    if not m:
        return None
    d = _side(s, m.end(), None)
    if d is None or d.currency or d.is_word or d.scale:
        return None
    suf = suffix(s, d.end, False, False)
    if suf is None or suf.kind not in ("quantity", "percent"):
        return None
    return suf._replace(end=j)


_RE_PAIR_JOIN = re.compile(r"\s*,?\s+(?:and|but)\s+", re.I)


def _bounded_pair(s: str, amt: Amount) -> None:
    """"more than 100 and less than 300", "at most 100 and at least 20": one range between the two bounds."""
    first = QUALIFIER_BOUND.get(amt.qualifier or "")
    m = _RE_PAIR_JOIN.match(s, amt.end)
    if first not in ("lower", "upper") or not m:
        return
    other = parse_amount(s, m.end())
    if other is None or other.low is not None or QUALIFIER_BOUND.get(other.qualifier or "") not in ("lower", "upper") \
            or QUALIFIER_BOUND[other.qualifier] == first or (other.kind, other.unit) != (amt.kind, amt.unit) \
            and other.kind != "count":
        return
    lo, hi = (amt.value, other.value) if first == "lower" else (other.value, amt.value)
    if not lo < hi:
        return  # "more than 40 and less than 10": two facts
    amt.low, amt.high, amt.value, amt.end = lo, hi, (lo + hi) / 2, other.end
    amt.qualifier = None


def _and_subunit(s: str, amt: Amount) -> None:
    """"twelve dollars and thirty cents": the sub-units join the amount (12.30 USD)."""
    m = RE_AND.match(s, amt.end)
    if not m:
        return
    d = _side(s, m.end(), None)
    if d is None or d.currency or d.scale:
        return
    suf = suffix(s, d.end, False, False)
    if suf is None or suf.kind != "subunit" or suf.unit != amt.unit or d.value >= suf.per:
        return
    amt.value = clean_sum(amt.value, amt.sign * d.value / suf.per)
    amt.end = suf.end


def clean_sum(a: float, b: float) -> float:
    return round(a + b, 10)


def _amount(s: str, i: int, j: int, a: _Side, b: _Side | None, suf: Suffix | None, lead: _Lead,
            split_from: bool) -> Amount:
    """The amount of s[i:j] from its sides and suffix: kind, unit, scale, value, low and high."""
    kind, unit = ("count", None) if suf is None else suf[:2]
    stated = None
    if kind == "subunit":  # "25 cents" is US$0.25
        kind, stated = "money", suf.stated
        a.mult *= 1.0 / suf.per
        if b is not None:
            b.mult *= 1.0 / suf.per
    cur = a.currency or (b.currency if b else None)
    if cur:
        kind, unit = "money", cur if kind in ("count", "money") else unit
        if suf and suf[0] not in ("money", "count"):
            kind, unit = suf[0], suf[1]
    glued_m = a.glued_m or (b.glued_m if b else False)
    scale_name = (b.scale if b and b.scale else a.scale)
    if glued_m and kind == "count" and RE_METRES_AFTER.match(s[j:]):
        # "a 100m sprint", "a 5m-high wall": metres, not million
        kind, unit, scale_name = "quantity", "m", None
        a.mult = 1.0
        if b is not None:
            b.mult = 1.0
    sign = lead.sign
    if b is not None:  # a range: a minus before it is the first side's ("between minus ten and fifteen")
        lo = sign * a.value * (a.mult if a.scale else b.mult)
        hi = b.value * b.mult
        if kind == "quantity" and unit == "m" and glued_m:
            lo, hi = sign * a.value, b.value
        lo, hi = min(lo, hi), max(lo, hi)
        value, sign = (lo + hi) / 2, 1.0
    else:
        lo = hi = None
        value = a.value * a.mult
    qual = "about" if lead.qual == "~" else lead.qual
    return Amount(start=i, end=j, value=sign * value, kind=kind, unit=unit, scale=scale_name,
                  low=lo, high=hi, qualifier=qual,
                  sign=lead.sign, is_word=a.is_word, split_from=split_from, subunit=stated,
                  subunit_value=sign * a.value if stated and b is None else None, fraction=a.fraction)

"""The amount grammar: qualifier? currency? number scale* (range)? currency|percent|unit? at one offset."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .vocab import (
    CHANGE_WORDS, CODES_AFTER_LOWER, QUALIFIER_BOUND, RE_VULGAR, VULGAR, FRACTION_WORDS, RE_DIGIT_FRACTION, RE_WORD_FRACTION, CURRENCY_CODES_AFTER, CURRENCY_NAMES, CURRENCY_PREFIX, PERCENT_UNITS, QUANTITY_UNITS, RATE_NOUNS, RE_AGE, RE_PER,
    RE_AND, RE_BETWEEN, RE_CUR_CODE, RE_CUR_CODE_LOWER, RE_CUR_NAME, RE_CUR_SYMBOL_AFTER, RE_DIGITS,
    RE_METRES_AFTER, RE_PERCENT, RE_PREFIX, RE_QUAL, RE_RANGE, RE_RATIO, RE_SCALE_ABBR_GLUED, RE_SCALE_ABBR_SPACED,
    RE_SCALE_CR, RE_SCALE_WORD, RE_SIGN, RE_SUBUNIT, RE_UNITS_CI, RE_UNITS_CS, RE_UNIT_SYMBOLS, RE_UNIT_WORDS,
    RE_WORDNUM, SCALE_ABBR, SCALE_NAME, SCALE_WORDS, SUBUNITS, SYMBOLS_AFTER, UNIT_SHORT, UNIT_SYMBOLS, UNIT_WORDS,
    WEAK_CURRENCY, WORD_VALUE,
)


@dataclass
class Amount:
    """An amount read from text: [start, end) are offsets into the string parsed."""

    start: int
    end: int
    value: float | None
    kind: str  # money | percent | quantity | count
    unit: str | None = None
    scale: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    sign: float = 1.0
    is_word: bool = False  # the number is a word ("two"), not digits
    split_from: bool = False  # "from 5 to 7 per cent": two facts, not a range
    per_unit: str | None = None  # "barrel" in "$61.10 per barrel"
    subunit: str | None = None  # "cent" in "50 cents" (the value is in the main unit)
    subunit_value: float | None = None  # 50
    fraction: bool = False  # "two-thirds", "3/4": a value, however small

    @property
    def bare(self) -> bool:
        return self.kind == "count" and self.scale is None


# ---------------------------------------------------------------------------------------------------------
# the amount grammar
# ---------------------------------------------------------------------------------------------------------

def _fx_word_ok(s: str, end: int, has_scale: bool) -> bool:
    return has_scale or end >= len(s) or s[end] in ".,;:)!?\n"


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


def _word_number(text: str) -> float | None:
    t = re.sub(r"[\s-]+", " ", text.lower()).strip()
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
    for part, mult in ((hundreds, 100), (re.sub(r"^\s*and\s+", "", rest), 1)):
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


def _fraction(s: str, j: int) -> tuple[float, int, bool] | None:
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
    m = RE_WORD_FRACTION.match(s, j)
    if not m:
        return None
    if m.group("half"):  # "one and a half", "three and a fifth"
        whole = _word_number(m.group("whole"))
        return None if whole is None else (whole + 1 / FRACTION_WORDS[m.group("half").lower()], m.end(), True)
    num = _word_number(m.group("num"))
    frac = m.group("frac").lower()
    den = FRACTION_WORDS[frac]
    plural = frac.endswith("s") and frac not in ("halves",) or frac == "halves"
    after = s[m.end():m.end() + 4].lower()
    if num is None or num <= 0 or (num == 1 and plural) or (num > 1 and not plural and frac != "half"):
        return None
    if m.group("num").lower() in ("a", "an") and not (after.startswith(" of") or not after.strip(" .,;:!?")):
        return None  # "a third straight month", "a quarter": ordinals and periods; "a third of" is a share
    if frac.startswith("quarter") and not (after.startswith(" of") or "-" in m.group(0)):
        return None  # "three quarters" is a period unless "three quarters of"
    return num / den, m.end(), True


def _side(s: str, i: int, cur: str | None) -> _Side | None:
    """currency? number scale* at s[i:]."""
    j = i
    m = RE_PREFIX.match(s, j)
    neg = False
    if m and m.end() < len(s) and (s[m.end()].isdigit() or s[m.end()] == "."):
        cur, j = CURRENCY_PREFIX[m.group("c")], m.end()
    elif m and s[m.end(): m.end() + 1] in ("-", "−") and s[m.end() + 1: m.end() + 2].isdigit():
        cur, j, neg = CURRENCY_PREFIX[m.group("c")], m.end() + 1, True  # "$-12.3bn"
    word = None
    frac = _fraction(s, j)
    if frac is not None:
        value, end, is_word = frac
        return _Side(value=-value if neg else value, end=end, currency=cur, is_word=is_word, fraction=True)
    m = RE_DIGITS.match(s, j)
    if m:
        value = float(m.group("n").replace(",", ""))
        value = -value if neg else value
    else:
        m = RE_WORDNUM.match(s, j)
        if not m:
            return None
        word = re.sub(r"\s+", " ", m.group("w").lower())
        value = _word_number(word)
        if value is None:
            return None
    j = m.end()
    side = _Side(value=value, end=j, currency=cur, is_word=word is not None)
    for _ in range(3):
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
                if m and m.group("s") in ("K", "M", "B", "b") and not side.currency:
                    m = None  # "4K", "5B" are codes; "$5B" is money
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
    if word in ("a", "an", "half a", "half an", "half", "quarter") and not side.scale:
        return None  # "a" and "half a" count only before a scale: "a million", "half a billion"
    side.end = j
    return side


_SUBUNIT_NAME = {"cents": "cent", "pence": "penny", "p": "penny"}


class Suffix(NamedTuple):
    """What follows a number: kind (percent|money|subunit|quantity), unit, end offset, parts per main unit."""

    kind: str
    unit: str | None
    end: int
    per: float = 1.0
    stated: str | None = None  # a sub-unit as written, singular: "cent", "penny"


def _suffix(s: str, j: int, has_scale: bool, glued_m: bool) -> Suffix | None:
    """What follows the number at s[j:]: percent, currency name, sub-unit, currency code, unit; or None."""
    m = RE_AGE.match(s, j)
    if m:
        return Suffix("age", m.group("u").lower(), m.end())
    m = RE_PERCENT.match(s, j)
    if m:
        p = m.group("p").lower()
        if not (p in ("pc",) and m.group(0)[0].isspace()):
            for pat, unit in PERCENT_UNITS:
                if re.fullmatch(pat, p, re.I):
                    return Suffix("percent", unit, m.end())
    m = RE_CUR_NAME.match(s, j)
    if m:
        name = re.sub(r"\s+", " ", m.group("c").lower())
        if name not in WEAK_CURRENCY or _fx_word_ok(s, m.end(), has_scale):
            if name in ("pounds", "pound") and not has_scale and not re.match(r"\s+sterling", s[m.end():], re.I):
                return Suffix("quantity", "lb", m.end())
            return Suffix("money", CURRENCY_NAMES[name], m.end())
    m = RE_SUBUNIT.match(s, j)
    if m:
        written = re.sub(r"\s+", " ", (m.group("c") or m.group("p")).lower())
        code, per = SUBUNITS[written]
        return Suffix("subunit", code, m.end(), per, _SUBUNIT_NAME.get(written.split()[-1], written.split()[-1]))
    m = RE_CUR_CODE.match(s, j)
    if m:
        return Suffix("money", CURRENCY_CODES_AFTER[m.group("c")], m.end())
    m = RE_CUR_CODE_LOWER.match(s, j)
    if m:
        return Suffix("money", CODES_AFTER_LOWER[m.group("c")], m.end())
    m = RE_CUR_SYMBOL_AFTER.match(s, j)
    if m and not s[m.end(): m.end() + 1].isalnum():
        return Suffix("money", SYMBOLS_AFTER[m.group("c")], m.end())
    return _unit(s, j)


_RE_INCH = re.compile(r"\s?in(?=\.?\s*$|[,;)]|\s+(?:thick|long|wide|tall|deep|high|across)\b)")


def _unit(s: str, j: int) -> Suffix | None:
    """The longest unit after the number: the short table (QUANTITY_UNITS) first, then the vocabulary."""
    m = _RE_INCH.match(s, j)
    if m:
        return Suffix("quantity", "in", m.end())  # "2 in.", "2 1/2 in thick": "in" is inches only there
    best = None
    for rx in (RE_UNITS_CI, RE_UNITS_CS):
        m = rx.match(s, j)
        if m:
            u = m.group("u")
            for pat, unit, ci in QUANTITY_UNITS:
                if re.fullmatch(pat, u, re.I if ci else 0):
                    best = Suffix("quantity", unit or u, m.end())
                    break
            if best is not None:
                break
    for rx, table in ((RE_UNIT_WORDS, UNIT_WORDS), (RE_UNIT_SYMBOLS, UNIT_SYMBOLS)):
        m = rx.match(s, j)
        if m and (best is None or m.end() > best.end):
            u = m.group("u")
            name = table[re.sub(r"\s+", " ", u.lower())] if table is UNIT_WORDS else table[u]
            best = Suffix("quantity", UNIT_SHORT.get(name, name), m.end())
    return best


@dataclass
class _Lead:
    """What comes before the first number: qualifier, "between", sign."""

    end: int
    qual: str | None = None
    between: bool = False
    sign: float = 1.0
    symbol_sign: bool = False


def _lead(s: str, i: int) -> _Lead:
    """Qualifier? between? sign? at s[i:]: "about", "between", "minus", "-" before a digit or symbol."""
    lead = _Lead(end=i)
    m = RE_QUAL.match(s, lead.end)
    if m:
        lead.qual, lead.end = re.sub(r"\s+", " ", m.group("q").lower()), m.end()
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


def _range(s: str, i: int, j: int, a: _Side, suf1: Suffix | None, between: bool) -> _Range:
    """A range after the first side: "10-12", "$10bn-$12bn", "5 to 7 per cent", "between 5 and 7 per cent"."""
    out = _Range(end=j, suf1=suf1)
    m = (RE_AND if between else RE_RANGE).match(s, j)
    if not m:
        out.failed = between
        return out
    b = _side(s, m.end(), a.currency)
    if b is None or b.is_word != a.is_word:
        out.failed = between
        return out
    k = b.end
    suf2 = _suffix(s, k, bool(b.scale or a.scale), b.glued_m)
    if suf2:
        k = suf2.end
    # both sides must measure the same thing: "13% to 384,122" and "5% to $10bn" are no ranges
    same_unit = (suf1 is None or (suf2 is not None and suf1[:2] == suf2[:2])) and \
        not (b.currency and not a.currency and suf1 is not None)
    # "$10-12 billion": the first side takes the second's scale when it has none
    lo = a.value * (a.mult if a.scale else (b.mult if b.scale else 1.0))
    hi = b.value * (b.mult if b.scale else a.mult)
    downwards = lo > hi and a.value < 0 and b.value < 0  # "from -18 °C to -34 °C"
    if (b.currency and a.currency and b.currency != a.currency) or not same_unit or not (lo < hi or downwards):
        out.failed = between
    elif (m.groupdict().get("sep") or "").lower() == "to" and _changed_from(s, i):
        out.split_from = True  # "rose from 5 to 7 per cent": two levels; the scanner reads "7 per cent" on its own
        if suf1 is None and suf2 is not None:
            out.suf1 = suf2._replace(end=j)
    else:
        out.b, out.suf2, out.end = b, suf2, k
    return out


def _changed_from(s: str, i: int) -> bool:
    """True after "<change verb> from": "rose from", "was cut from", "increased from" (a plain "from" is a range)."""
    m = re.search(r"([A-Za-z]+)\s+from\s*$", s[max(0, i - 40):i])
    if not m:
        return False
    w = m.group(1).lower()
    forms = {w, w[:-1], w[:-2], w[:-3], w[:-2] + "e", w[:-3] + "y", w[:-3] + "e"}
    return any(f in CHANGE_WORDS for f in forms if f)


def parse_amount(s: str, i: int = 0) -> Amount | None:
    """Read an amount starting exactly at s[i]: "about 100 billion yuan", "$10-12 billion", "7nm", "two"."""
    lead = _lead(s, i)
    a = _side(s, lead.end, None)
    if a is None:
        return None
    j = a.end
    suf1 = _suffix(s, j, bool(a.scale), a.glued_m)
    if suf1:
        j = suf1.end
    elif not a.currency and not a.scale:
        share = _ratio(s, i, j, a, lead)
        if share is not None:
            return share
    rng = _range(s, i, j, a, suf1, lead.between)
    if rng.failed:
        return None
    j, b = rng.end, rng.b
    if j < len(s) and (s[j].isalnum() or s[j] in "$€£¥"):
        return None  # "5G", "737MAX": glued letters that are no unit
    suf = rng.suf2 or rng.suf1
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
        _per(s, amt)
    return amt


_RE_AND_OR = re.compile(r"(?:\s*,)?\s+(?:and|or)\s+")


def _shared_suffix(s: str, j: int) -> Suffix | None:
    """"45 and 50 mg", "3 or 4 per cent": the first number shares the unit of the one it is joined to."""
    m = _RE_AND_OR.match(s, j)
    if not m:
        return None
    d = _side(s, m.end(), None)
    if d is None or d.currency or d.is_word or d.scale:
        return None
    suf = _suffix(s, d.end, False, False)
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
    suf = _suffix(s, d.end, False, False)
    if suf is None or suf.kind != "subunit" or suf.unit != amt.unit or d.value >= suf.per:
        return
    amt.value = clean_sum(amt.value, amt.sign * d.value / suf.per)
    amt.end = suf.end


def clean_sum(a: float, b: float) -> float:
    return round(a + b, 10)


def _per(s: str, amt: Amount) -> None:
    """A rate's denominator after the amount: "per barrel", "/kg", "a gallon", "an hour"."""
    m = RE_PER.match(s, amt.end)
    if not m:
        return
    word = m.group("p")
    low = word.lower()
    head = m.group(0).strip().split()[0].lower()
    unit = UNIT_WORDS.get(low) or UNIT_SYMBOLS.get(word)
    if head in ("a", "an") and low not in RATE_NOUNS and not unit:
        return
    if head not in ("a", "an", "per") and not unit and low not in RATE_NOUNS:
        return  # "/" takes units and rate nouns only: "$5/kg", "$15.4/hour", not "5/7"
    amt.per_unit = UNIT_SHORT.get(unit, unit) if unit else re.sub(r"(?<=[^s])s$", "", low)
    amt.end = m.end()


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
    if b is not None:
        lo = a.value * (a.mult if a.scale else b.mult)
        hi = b.value * b.mult
        if kind == "quantity" and unit == "m" and glued_m:
            lo, hi = a.value, b.value
        lo, hi = min(lo, hi), max(lo, hi)
        value = (lo + hi) / 2
    else:
        lo = hi = None
        value = a.value * a.mult
    sign = lead.sign
    qual = "about" if lead.qual == "~" else lead.qual
    if b is not None and sign < 0 and lead.symbol_sign is False:  # "between minus ten and fifteen": the first side
        lo, sign = -lo, 1.0
        lo, hi = min(lo, hi), max(lo, hi)
        value = (lo + hi) / 2
    return Amount(start=i, end=j, value=sign * value, kind=kind, unit=unit, scale=scale_name,
                  low=None if lo is None else sign * lo, high=None if hi is None else sign * hi, qualifier=qual,
                  sign=sign, is_word=a.is_word, split_from=split_from, subunit=stated,
                  subunit_value=sign * a.value if stated and b is None else None, fraction=a.fraction)

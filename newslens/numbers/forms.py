"""Small forms around a number: a glued scale letter ("10M"), "a dollar", "half of", the unit a fraction is of
("a quarter of a percentage point"), and a rate's denominator after an amount ("per barrel", "a year")."""
from __future__ import annotations

import re

from .amount import Amount
from .suffix import Suffix, suffix
from .vocab import (
    PER_TIME_UNITS, RATE_NOUNS, RE_CUR_NAME, RE_PER, RE_SUBUNIT, UNIT_SHORT, UNIT_SYMBOLS, UNIT_WORDS, WEAK_CURRENCY,
)

_RE_SPACES = re.compile(r"\s+")
_RE_PLURAL_S = re.compile(r"(?<=[^s])s$")
_RE_HALF_OF = re.compile(r"\s+of\s+(?!the\s+(?:year|season|month|century|decade|day|game|match)\b)", re.I)
_RE_HALF_PERIOD = re.compile(r"\b(?:first|second|latter|former|back|other|the|a)\s+$", re.I)


def half_of(s: str, i: int, j: int) -> bool:
    """"half of voters", "nearly half of the staff": a share; not "the first half of the year"."""
    return bool(_RE_HALF_OF.match(s, j)) and not _RE_HALF_PERIOD.search(s, max(0, i - 10), i)


_RE_AFTER_ONE = re.compile(r"\s*(?:$|[.,;:!?)]|\s(?:a|an|per|each|and|or|to|in|on|at|from|of|with)\b)", re.I)


def one_currency(s: str, j: int) -> bool:
    """"a dollar", "a penny" followed by punctuation or a small word: one of that currency (not "a dollar store",
    "a pound of flesh", "a euro zone")."""
    m = RE_CUR_NAME.match(s, j) or RE_SUBUNIT.match(s, j)
    if not m:
        return False
    name = _RE_SPACES.sub(" ", (m.group("c") or "").lower())
    return name not in WEAK_CURRENCY and bool(_RE_AFTER_ONE.match(s, m.end()))


def glued_scale_ok(abbr: str, digits: str) -> bool:
    """A scale letter glued to a number without a currency: "10M", "2.5M", "1.2b"; not "4K", "5B", "8T"."""
    if abbr in ("k", "m"):
        return True
    if abbr == "M":
        return "." in digits or len(digits.replace(",", "")) >= 2
    return abbr in ("b", "B") and "." in digits


_RE_OF_A = re.compile(r"\s+of\s+an?(?=\s)|(?<=half)\s+an?(?=\s)", re.I)


def unit_of_fraction(s: str, j: int) -> Suffix | None:
    """The unit a fraction is of: "a quarter of a percentage point", "three quarters of a mile", "half a mile"."""
    m = _RE_OF_A.match(s, j)
    if not m:
        return None
    suf = suffix(s, m.end(), False, False)
    return suf if suf is not None and suf.kind in ("percent", "quantity") else None


_RE_OF_THING_PER_TIME = re.compile(r"\s+of\s+(?:[a-z]+\s+){0,2}?[a-z]+(?=\s+(?:a|an|per)\s+(?:year|day|month|week|"
                                   r"hour|annum)\b)")


_RE_NOT_A_RATE = re.compile(r"\s+(?:ago|earlier|later|before|after|back|on|since)\b", re.I)  # "a year ago"


def rate_after(s: str, j: int, of_thing: bool = False) -> tuple[str, int] | None:
    """(the denominator, end) of a rate at s[j:]: "per barrel", "/kg", "a gallon", "an hour"; with `of_thing`, also
    after what the amount is of when the rate is per a time ("of gold a year"). Not "a year ago"."""
    m = RE_PER.match(s, j)
    if not m and of_thing:
        of = _RE_OF_THING_PER_TIME.match(s, j)
        m = RE_PER.match(s, of.end()) if of else None
    if not m or _RE_NOT_A_RATE.match(s, m.end()):
        return None
    word = m.group("p")
    low = word.lower()
    head = m.group(0).strip().split()[0].lower()
    unit = UNIT_WORDS.get(low) or UNIT_SYMBOLS.get(word) or (PER_TIME_UNITS.get(low) if head != "a" else None)
    if head in ("a", "an") and low not in RATE_NOUNS and not unit:
        return None
    if head not in ("a", "an", "per") and not unit and low not in RATE_NOUNS:
        return None  # "/" takes units and rate nouns only: "$5/kg", "$15.4/hour", not "5/7"
    return (UNIT_SHORT.get(unit, unit) if unit else _RE_PLURAL_S.sub("", low)), m.end()


def per(s: str, amt: Amount) -> None:
    """A rate's denominator after the amount (see `rate_after`): "$61.10 per barrel", "400,000 ounces of gold a year"."""
    r = rate_after(s, amt.end, of_thing=amt.kind in ("quantity", "money"))
    if r is not None:
        amt.per_unit, amt.end = r

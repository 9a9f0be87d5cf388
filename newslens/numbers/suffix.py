"""What follows a number: a percent sign or word, an age, a currency name, code or symbol, a sub-unit, a unit."""
from __future__ import annotations

import re
from typing import NamedTuple

from .vocab import (
    CODES_AFTER_LOWER, CURRENCY_CODES_AFTER, CURRENCY_NAMES, PERCENT_UNITS, QUANTITY_UNITS, RE_AGE, RE_CUR_CODE,
    RE_CUR_CODE_LOWER, RE_CUR_NAME, RE_CUR_SYMBOL_AFTER, RE_PERCENT, RE_SUBUNIT, RE_TEMPERATURE_CUE, RE_UNIT_SYMBOLS,
    RE_UNIT_WORDS, RE_UNITS_CI, RE_UNITS_CS, SUBUNITS, SYMBOLS_AFTER, UNIT_SHORT, UNIT_SYMBOLS, UNIT_WORD_ODD_START, UNIT_WORD_RUNS,
    UNIT_WORDS, WEAK_CURRENCY,
)


def _fx_word_ok(s: str, end: int, has_scale: bool) -> bool:
    return has_scale or end >= len(s) or s[end] in ".,;:)!?\n"



_RE_SPACES = re.compile(r"\s+")
_RE_STERLING = re.compile(r"\s+sterling", re.I)
_RE_STRONG = re.compile(r"-strong(?![A-Za-z0-9])", re.I)
_PERCENT_RX = [(re.compile(pat, re.I), unit) for pat, unit in PERCENT_UNITS]
_QUANTITY_RX = [(re.compile(pat, re.I if ci else 0), unit) for pat, unit, ci in QUANTITY_UNITS]
_SUBUNIT_NAME = {"cents": "cent", "pence": "penny", "pennies": "penny", "p": "penny"}


class Suffix(NamedTuple):
    """What follows a number: kind (percent|money|subunit|quantity), unit, end offset, parts per main unit."""

    kind: str
    unit: str | None
    end: int
    per: float = 1.0
    stated: str | None = None  # a sub-unit as written, singular: "cent", "penny"


def suffix(s: str, j: int, has_scale: bool, glued_m: bool) -> Suffix | None:
    """What follows the number at s[j:]: percent, currency name, sub-unit, currency code, unit; or None."""
    m = RE_AGE.match(s, j)
    if m:
        return Suffix("age", (m.group("u") or "year").lower(), m.end())
    m = _RE_STRONG.match(s, j)
    if m:
        return Suffix("count", None, m.end())  # "a 5,000-strong force": a count of what follows
    m = RE_PERCENT.match(s, j)
    if m:
        p = m.group("p").lower()
        if not (p in ("pc",) and m.group(0)[0].isspace()):
            for rx, unit in _PERCENT_RX:
                if rx.fullmatch(p):
                    return Suffix("percent", unit, m.end())
    m = RE_CUR_NAME.match(s, j)
    if m:
        name = _RE_SPACES.sub(" ", m.group("c").lower())
        if name not in WEAK_CURRENCY or _fx_word_ok(s, m.end(), has_scale):
            if name in ("pounds", "pound") and not has_scale and not _RE_STERLING.match(s[m.end():]):
                return Suffix("quantity", "lb", m.end())
            return Suffix("money", CURRENCY_NAMES[name], m.end())
    m = RE_SUBUNIT.match(s, j)
    if m:
        written = _RE_SPACES.sub(" ", (m.group("c") or m.group("p")).lower())
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
    return unit_after(s, j)


_RE_RUN = re.compile(r"[A-Za-z]*")


def _unit_word_may_follow(s: str, j: int) -> bool:
    """False when no unit word (RE_UNIT_WORDS: optional space or hyphen, a word of the vocabulary) begins at s[j]:
    the ASCII letters where the word would begin are not the leading letters of any unit word."""
    starts = (j, j + 1) if s[j:j + 1].isspace() or s[j:j + 1] == "-" else (j,)
    for k in starts:
        run = _RE_RUN.match(s, k).group(0)
        if not run:  # a unit word that begins with another letter ("ångström"), or with no letter at all
            c = s[k:k + 1]
            if UNIT_WORD_ODD_START or c.isalpha() and not c.isascii():
                return True
            continue
        after = s[k + len(run):k + len(run) + 1]
        if run.lower() in UNIT_WORD_RUNS or after.isalpha() and not after.isascii():
            return True
    return False


_RE_INCH = re.compile(r"\s?in(?=\.?\s*$|[,;)]|\s+(?:thick|long|wide|tall|deep|high|across)\b)")


def unit_after(s: str, j: int) -> Suffix | None:
    """The longest unit after the number: the short table (QUANTITY_UNITS) first, then the vocabulary."""
    m = _RE_INCH.match(s, j)
    if m:
        return Suffix("quantity", "in", m.end())  # "2 in.", "2 1/2 in thick": "in" is inches only there
    if s[j:j + 1] in ("C", "F") and j > 0 and s[j - 1].isdigit() and not s[j + 1:j + 2].isalnum() \
            and s[j + 1:j + 2] != "/" and RE_TEMPERATURE_CUE.search(s, max(0, j - 60), j):
        return Suffix("quantity", "°" + s[j], j + 1)  # "highs of 25C", "minus 8C" (not "13F", "777F")
    best = None
    for rx in (RE_UNITS_CI, RE_UNITS_CS):
        m = rx.match(s, j)
        if m:
            u = m.group("u")
            for rx, unit in _QUANTITY_RX:
                if rx.fullmatch(u):
                    best = Suffix("quantity", unit or u, m.end())
                    break
            if best is not None:
                break
    for rx, table in ((RE_UNIT_WORDS, UNIT_WORDS), (RE_UNIT_SYMBOLS, UNIT_SYMBOLS)):
        if table is UNIT_WORDS and not _unit_word_may_follow(s, j):
            continue  # RE_UNIT_WORDS cannot match: it is the longest pattern the numbers pass runs
        m = rx.match(s, j)
        if m and (best is None or m.end() > best.end):
            u = m.group("u")
            name = table[_RE_SPACES.sub(" ", u.lower())] if table is UNIT_WORDS else table[u]
            best = Suffix("quantity", UNIT_SHORT.get(name, name), m.end())
    return best

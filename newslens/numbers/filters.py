"""Filters for bare numbers: names and ids ("Section 232", "Boeing 737", "iPhone 15") and phone numbers."""
from __future__ import annotations

import re

from .amount import Amount
from .offsets import count_before, first_after
from .vocab import (CURRENCY_PREFIX, MODEL_SUFFIX, MONTH_NAMES, NAME_WORDS, RE_PHONE, RE_YEAR, SCORE_WORDS,
                    WEAK_CURRENCY_PREFIX)


_RE_NON_DIGIT = re.compile(r"\D")
_RE_DIGIT_RUN = re.compile(r"\d+")
_RE_DOT_DASH = re.compile(r"[.-]")
_RE_PHONE_GATE = re.compile(r"\d[\s.-]\d")  # every RE_PHONE match holds one: most paragraphs hold none


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers and the like ("+44 20 7946 0000", "(555) 010-2030"): digit groups no amount is read from."""
    out: list[tuple[int, int]] = []
    if not _RE_PHONE_GATE.search(text):
        return out
    for m in RE_PHONE.finditer(text):
        digits = _RE_NON_DIGIT.sub("", m.group(0))
        groups = _RE_DIGIT_RUN.findall(m.group(0))
        if len(digits) < 7:
            continue
        if len(groups) == 2 and (all(RE_YEAR.match(g) for g in groups) or
                                 all(g.endswith("00") for g in groups) and int(groups[0]) < int(groups[1])):
            continue  # "2020-2025", "1000-5000"
        if not m.group(0).startswith(("+", "(")) and len(groups[0]) == 1 and len(groups) == 2:
            continue
        if all(len(g) <= 3 for g in groups[1:]) and "," in m.group(0):
            continue
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3 and not _RE_DOT_DASH.search(m.group(0)) \
                and not m.group(0).startswith(("+", "(")):
            continue  # "1 414 021", "40 000": digits grouped in thousands
        out.append((m.start(), m.end()))
    return out


_RE_LEADING_ZERO = re.compile(r"0\d+")
_RE_LONG_DIGITS = re.compile(r"\d{7,}")
_RE_PERIOD_CODE = re.compile(r"^(?:Q[1-4]|H[12]|FY)$")


def bare_is_name(amt: Amount, table, tok_start, tok_end, s: str) -> bool:
    """A bare number (no unit, currency, scale) that is part of a name or an id (`table`: the segment's
    `TokenTable`)."""
    i, j = amt.start, amt.end
    prev = s[i - 1] if i > 0 else " "
    if prev.isalnum() or prev in "#/\\_" or (prev in "-–" and i > 1 and s[i - 2].isalnum()):
        return True  # "Covid-19", "F-35", "#5", "24/7", the 2 of a "10-2" vote
    if j < len(s) and s[j] in "-/" and j + 1 < len(s) and s[j + 1].isalnum():
        if not (amt.low is not None):
            return True  # "20-year-old", "737-800", "2026/27"
    num = s[i:j]
    if _RE_LEADING_ZERO.fullmatch(num) or _RE_LONG_DIGITS.fullmatch(num):
        return True
    doc = table.doc
    nb, na = count_before(table, i), first_after(table, j)
    before = [doc[k] for k in range(max(0, nb - 3), nb)]  # the last three tokens before the number
    after = [doc[na]] if na < table.n else []
    if len(before) >= 3 and before[-1].lower_ in ("and", "or", "to", "through", "&", ",", "-", "–") \
            and before[-2].like_num and before[-3].lower_ in NAME_WORDS:
        return True  # "junctions 10 and 11", "sections 5 to 7"
    if len(before) >= 2 and before[-1].text == "." and before[-2].lower_ in ("no", "nos", "vol", "p", "pp"):
        return True  # "No. 2"
    if before:
        p = before[-1]
        low = p.text.lower()
        if low in NAME_WORDS and p.pos_ != "VERB" and (low not in ("week", "day", "an", "g", "f", "il", "tu", "su")
                                                       or p.text[0].isupper()):
            return True
        if low not in MONTH_NAMES and p.text[:1].isupper() and p.pos_ in ("PROPN", "NOUN", "X") \
                and p.ent_type_ not in ("DATE", "MONEY", "CARDINAL", "PERCENT", "QUANTITY") \
                and (p.text not in CURRENCY_PREFIX or p.text in WEAK_CURRENCY_PREFIX) and p.i != p.sent.start \
                and not _RE_PERIOD_CODE.match(p.text):
            return True  # "Boeing 737", "Windows 11", "Section 232"
        if any(c.isupper() for c in p.text[1:]) and p.text[0].islower():
            return True  # "iPhone 15"
    if after:
        n = after[0]
        if n.text in MODEL_SUFFIX and n.idx == j + 1 and n.text[0].isupper():
            return True  # "737 Max", "15 Pro"
    return False


_RE_SCORE = re.compile(r"\d{1,3}[-–]\d{1,3}")


def is_score(table, s: str, amt: Amount | None) -> bool:
    """A bare "N-M" range beside a result word ("lost 1-2", "a 0-3 defeat", "trailed 1-2"): a score, not a range.
    (entities/teams.py has its own score pattern for telling sports reports apart; the numbers pass keeps to its layer.)"""
    if amt is None or amt.low is None or amt.scale or not _RE_SCORE.fullmatch(s, amt.start, amt.end):
        return False
    i, j = table.first_at(amt.start), table.first_at(amt.end)  # the score's first token, the token after it
    lemma = table.lemma_lower
    return (i > 0 and lemma[i - 1] in SCORE_WORDS) or (j < table.n and lemma[j] in SCORE_WORDS)

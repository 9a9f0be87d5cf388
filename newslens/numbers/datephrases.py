"""Date phrases found by pattern in a segment's text ("Jan 5, 2026", "last week", "three years ago", "in May"),
for the dates the model did not tag; the candidates pass resolves them with `dates.resolve_date`."""
from __future__ import annotations

import re

from ..dates import MONTHS, WEEKDAYS


def _month_patterns() -> tuple[str, str, str]:
    """Regex alternations of month names and abbreviations (May apart), full month names, weekday names."""
    by_number: dict[int, list[str]] = {}
    for name, n in MONTHS.items():
        by_number.setdefault(n, []).append(name)
    full = [max(names, key=len) for _, names in sorted(by_number.items())]
    abbr = [name for name in MONTHS if name not in full]
    full_no_may = "|".join(f.capitalize() for f in full if f != "may")
    mon = "(?:" + full_no_may + "|" + "|".join(re.escape(a.capitalize()) + r"\.?" for a in
                                             sorted(abbr, key=len, reverse=True)) + ")"
    wd = "(?:" + "|".join(w.capitalize() for w, _ in sorted(WEEKDAYS.items(), key=lambda x: x[1])
                          if w.endswith("day")) + ")"
    return mon, wd, "(?:" + full_no_may + ")"


_MON_PATTERN, _WEEKDAY_PATTERN, _FULL_MONTH_PATTERN = _month_patterns()


_MONTH_STEMS = tuple(sorted({m.capitalize()[:3] for m in MONTHS} | {"May"}))  # every month name begins with one


def _date_patterns() -> list[tuple[re.Pattern, tuple[str, ...], tuple[str, ...]]]:
    """(pattern, strings one of which the text must hold for it to match, or else strings one of which the
    lower-cased text must hold; a string with a backslash is a regex). A pattern runs only on texts that hold
    them: scanning every pattern over every paragraph was most of the numbers pass's regex time. The lower-case
    strings avoid i, k and s, the letters a case-insensitive pattern also matches in a few other characters
    (the Kelvin sign, the long s)."""
    mon, wd, full = _MON_PATTERN, _WEEKDAY_PATTERN, _FULL_MONTH_PATTERN
    stems = _MONTH_STEMS
    pats = [
        (r"\b\d{4}-\d{2}-\d{2}\b", (r"-(?<=\d{4}-)\d{2}-\d{2}",), ()),  # a gate that begins with a literal: fast
        (r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:" + mon + r"|May)\s*,?\s+\d{4}\b", stems, ()),
        (r"\b(?:" + mon + r"|May)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b", stems, ()),
        (r"\b(?:" + mon + r"|May)\s+\d{4}\b", stems, ()),
        (r"\b(?:" + mon + r"|May)\s+\d{1,2}(?:st|nd|rd|th)?\b", stems, ()),
        (r"\b(?:last|this|next|earlier\s+this|later\s+this)\s+(?:week|month|year|quarter|" + wd + r")\b", (),
         ("wee", "month", "year", "quarter", "day")),
        (r"\b(?:yesterday|today|tomorrow)\b", (), ("terday", "today", "tomorrow")),
        (r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|years?|decades?)"
         r"\s+ago\b", (), ("ago",)),
        (r"\b" + wd + r"\b", ("day",), ()),
        (r"(?<![\w.])(?:(?:early|mid|late)-?\s?)?" + full + r"\b", stems, ()),
        (r"\b(?:in|since|until|by|last|next|early|late|mid)[\s-]May\b", ("May",), ()),
        # reporting periods with their year: "Q3 2025", "3Q25", "1H26", "FY2025", "FY 2025", "FY25"; a "Q" or "H"
        # code takes its year after a space only ("H100", "H200", "Q350" are products)
        (r"\b(?:(?:Q[1-4]|H[12])[\s-]'?(?:19|20)\d{2}|(?:[1-4]Q|[12]H|FY)[\s-]?'?(?:(?:19|20)\d{2}|\d{2}))\b",
         (r"(?:[QH][1-4]|[1-4][QH]|FY)\s?",), ()),
    ]
    return [(re.compile(p, re.I if p.startswith(r"\b(?:last") or "yesterday" in p or "ago" in p else 0), need, need_low)
            for p, need, need_low in pats]


_DATE_PATTERNS = _date_patterns()
def _gated() -> list[tuple[bool, re.Pattern, list[re.Pattern]]]:
    """The patterns by condition, each condition one search (several patterns share one): (in the lower-cased
    text?, condition, patterns). Their order does not matter: `find_date_phrases` sorts what they find."""
    out: list[tuple[bool, re.Pattern, list[re.Pattern]]] = []
    for rx, need, need_low in _DATE_PATTERNS:
        gate = "|".join(w if "\\" in w else re.escape(w) for w in need or need_low)
        same = [patterns for lower, g, patterns in out if lower == bool(need_low) and g.pattern == gate]
        if same:
            same[0].append(rx)
        else:
            out.append((bool(need_low), re.compile(gate), [rx]))
    return out


_GATED = _gated()


def find_date_phrases(text: str) -> list[tuple[int, int]]:
    """Date phrases by pattern, for those the model did not tag."""
    found = []
    low = None
    for lower, gate, patterns in _GATED:
        if lower and low is None:
            low = text.lower()
        if not gate.search(low if lower else text):
            continue  # none of these patterns can match
        for rx in patterns:
            for m in rx.finditer(text):
                found.append((m.start(), m.end()))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out

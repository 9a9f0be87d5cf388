"""Date parsing shared by metadata detection and number extraction.

`parse_absolute_date` reads a full calendar date; `resolve_date` turns any date phrase found in news copy
("8 Jan 2026", "in 2026", "last month", "on Tuesday", "a December report", "a year ago") into an ISO
string of the precision the phrase carries (2026-01-08, 2025-12, 2026), resolving relative phrases
against the article's published date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import lexicon

MONTHS = {name: int(n) for name, n in lexicon.mapping("months").items()}
WEEKDAYS = {name: int(n) for name, n in lexicon.mapping("weekdays").items()}
# counts before a time unit: the number words up to twelve, and the vague ones
NUMBER_WORDS = {w: int(v) for w, v in lexicon.mapping("number_words").items() if 1 <= int(v) <= 12} | {
    "a": 1, "an": 1, "several": 3, "a few": 3, "few": 3, "a couple of": 2, "couple of": 2,
}
_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PATTERNS = [
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(
        r"^" + _WD + r"(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>\d{4})\b", re.I
    ),
    re.compile(r"^" + _WD + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.I),
    re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b"),
    re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b"),
]


def parse_absolute_date(s: str) -> date | None:
    """A full calendar date at the start of `s` ("8 Jan 2026", "January 8, 2026", "2026-01-08")."""
    s = s.strip()
    for pat in _PATTERNS:
        m = pat.match(s)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower()]
        try:
            return date(int(g["y"]), month, int(g["d"]))
        except ValueError:
            return None
    return None


@dataclass
class ResolvedDate:
    """An ISO date of some precision read from a phrase."""

    iso: str  # 2026-01-08 | 2025-12 | 2026
    resolved: bool = False  # True when worked out from the published date
    approximate: bool = False  # early/mid/late, decades, "last week", "a few years ago"


_RE_ISO_START = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def to_date(value) -> date | None:
    """A `date` from a date, an ISO string ("2026-01-08", also "2026-01-08T10:00") or None."""
    if value is None or isinstance(value, date):
        return value
    m = _RE_ISO_START.match(str(value))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _pick_year_for_month(month: int, pub: date, future: bool | None) -> int:
    """The year of the month named without one: the nearest such month, or by tense the last/next."""
    y = pub.year
    if month == pub.month:
        return y
    if future is True:
        return y if month > pub.month else y + 1
    if future is False:
        return y if month < pub.month else y - 1
    cands = [y - 1, y, y + 1]
    return min(cands, key=lambda c: (abs((c * 12 + month) - (pub.year * 12 + pub.month)), c > y))


def _nearest_day(d_month: int, d_day: int, pub: date, future: bool | None) -> date | None:
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(date(y, d_month, d_day))
        except ValueError:
            pass
    if not cands:
        return None
    if future is True:
        after = [c for c in cands if c >= pub]
        return min(after) if after else None
    if future is False:
        before = [c for c in cands if c <= pub]
        return max(before) if before else None
    return min(cands, key=lambda c: (abs((c - pub).days), c > pub))


def _alt(phrases) -> str:
    """A regex alternation of phrases, longest first, spaces matching any run of whitespace."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


_LEAD = re.compile(r"^(?:(?:" + _alt(lexicon.words("date_lead_words")) + r")\s+)+", re.I)
_WEEKDAY_NAMES = "|".join(w for w, _ in sorted(WEEKDAYS.items(), key=lambda x: x[1]) if w.endswith("day"))
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_PART = r"(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of|end|start)"
_NUM_WORD = r"(?P<n>\d+|" + _alt(w for w in NUMBER_WORDS if w not in ("few", "couple of")) + ")"


_RE_SPACES = re.compile(r"\s+")
_RE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _num(word: str) -> int:
    word = _RE_SPACES.sub(" ", word.lower())
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def resolve_date(text: str, published=None, *, future: bool | None = None) -> ResolvedDate | None:
    """An ISO date for a date phrase, relative ones resolved against `published` (date or ISO string).

    `future` is the tense of the clause when known: True for "will ... on Friday", False for past
    reports; None picks the nearest match. Returns None for durations ("three years") and vague
    phrases ("recent years").
    """
    pub = to_date(published)
    s = _RE_SPACES.sub(" ", text.strip().strip(",.;:()")).strip()
    d = parse_absolute_date(_LEAD.sub("", s))
    if d:
        return ResolvedDate(d.isoformat())
    m = _RE_ISO.search(s)
    if m:
        d = to_date(m.group(0))
        if d:
            return ResolvedDate(d.isoformat())
    low = s.lower()
    phrase = _Phrase(low=low, body=_LEAD.sub("", low), pub=pub, future=future)
    for reader in _READERS:
        res = reader(phrase)
        if res is not _NOT_MINE:
            return res
    return None


@dataclass
class _Phrase:
    """A date phrase as the readers see it: lower-cased, without its lead words, with its context."""

    low: str
    body: str
    pub: date | None
    future: bool | None


_NOT_MINE = object()  # a reader's answer when the phrase is not of its kind (None: its kind, no date)
_REL_DAY = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this morning": 0, "this afternoon": 0,
            "this evening": 0, "earlier today": 0, "later today": 0, "the day before": -1}
_REL_DAY_RX = [(re.compile(rf"\b{phrase}\b"), k) for phrase, k in _REL_DAY.items()]
_REL_DAY_ANY = re.compile(r"\b(?:" + "|".join(_REL_DAY) + r")\b")  # one search for "none of them" (most phrases)


def _relative_day(p: _Phrase):
    """"today", "yesterday", "tomorrow" (the first of _REL_DAY the phrase holds)."""
    if not _REL_DAY_ANY.search(p.low):
        return _NOT_MINE
    for rx, k in _REL_DAY_RX:
        if rx.search(p.low):
            return ResolvedDate((p.pub + timedelta(days=k)).isoformat(), True) if p.pub else None
    return _NOT_MINE


_RE_AGO = re.compile(_NUM_WORD + r"\s+(?P<u>day|week|month|year|decade)s?\s+(?:ago|earlier|before)\b")


def _ago(p: _Phrase):
    """"N days/weeks/months/years ago", "a decade ago"."""
    m = _RE_AGO.search(p.low)
    if not m:
        return _NOT_MINE
    pub = p.pub
    if not pub:
        return None
    k, u = _num(m.group("n")), m.group("u")
    approx = m.group("n") in ("several", "a few") or u in ("week", "decade")
    if u == "day":
        return ResolvedDate((pub - timedelta(days=k)).isoformat(), True, approx)
    if u == "week":
        return ResolvedDate((pub - timedelta(weeks=k)).isoformat(), True, True)
    if u == "month":
        return ResolvedDate(_ym(*_add_months(pub.year, pub.month, -k)), True, approx)
    if u == "year":
        return ResolvedDate(_ym(*_add_months(pub.year, pub.month, -12 * k)), True, approx)
    return ResolvedDate(str(pub.year - 10 * k), True, True)


_RE_REL_UNIT = re.compile(
    r"\b(last|past|previous|this|current|next|coming|earlier\s+this|later\s+this)\s+(week|month|year|quarter)\b")
_RE_REL_SPAN = re.compile(r"\b(?:the\s+)?(?:past|last|next|coming)\s+(?:\w+\s+)?(?:weeks|months|years)\b")


def _relative_unit(p: _Phrase):
    """"last/this/next week|month|year|quarter", "earlier this month", "the previous year"."""
    low, pub = p.low, p.pub
    m = _RE_REL_UNIT.search(low)
    if not m or _RE_REL_SPAN.search(low):
        return _NOT_MINE
    which, unit = m.group(1), m.group(2)
    if which == "past" and not low.startswith("the past") and unit != "week":
        which = "last"
    if which == "past":
        return None  # "the past week/month" is a duration
    if not pub:
        return None
    k = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(which.split()[0], 0)
    if unit == "week":
        return ResolvedDate((pub + timedelta(weeks=k)).isoformat(), True, True)
    if unit == "month":
        return ResolvedDate(_ym(*_add_months(pub.year, pub.month, k)), True)
    if unit == "quarter":
        return ResolvedDate(_ym(*_add_months(pub.year, pub.month, 3 * k)), True, True)
    return ResolvedDate(str(pub.year + k), True)


_RE_WEEKDAY = re.compile(r"\b(?:(last|this|next|on|coming|past)\s+)?(" + _WEEKDAY_NAMES + r")\b")
_RE_DIGIT = re.compile(r"\d")


def _weekday(p: _Phrase):
    """"on Tuesday", "last Friday", "Tuesday night"."""
    m = _RE_WEEKDAY.search(p.low)
    if not m or _RE_DIGIT.search(p.low):
        return _NOT_MINE
    pub = p.pub
    if not pub:
        return None
    wd = WEEKDAYS[m.group(2)]
    which = m.group(1)
    back = (pub.weekday() - wd) % 7
    fwd = (wd - pub.weekday()) % 7
    if which in ("last", "past"):
        d = pub - timedelta(days=back or 7)
    elif which in ("next", "coming"):
        d = pub + timedelta(days=fwd or 7)
    elif p.future is True:
        d = pub + timedelta(days=fwd)
    else:
        d = pub - timedelta(days=back)
    return ResolvedDate(d.isoformat(), True)


_RE_MONTH_DAY = re.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{4})")
_RE_DAY_MONTH = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?!\s*,?\s*\d{4})")
_RE_FOUR_DIGITS = re.compile(r"\b\d{4}\b")


def _month_day(p: _Phrase):
    """Month and day without year: "Jan 8", "8 January", "December 25th"."""
    body = p.body
    m = _RE_MONTH_DAY.search(body) or _RE_DAY_MONTH.search(body)
    if not m or _RE_FOUR_DIGITS.search(body):
        return _NOT_MINE
    mon, day = MONTHS[m.group("mon")], int(m.group("d"))
    if not p.pub:
        return None
    d = _nearest_day(mon, day, p.pub, p.future)
    return ResolvedDate(d.isoformat(), True) if d else None


_RE_MONTH_YEAR = re.compile(r"\b(?P<part>" + _PART + r"[\s-]+)?" + _MON + r"\s+(?:of\s+)?(?P<y>\d{4})\b")


def _month_year(p: _Phrase):
    """Month and year: "January 2026", "Jan. 2026", "December of 2025", "early March 2025"."""
    m = _RE_MONTH_YEAR.search(p.body)
    if not m:
        return _NOT_MINE
    return ResolvedDate(_ym(int(m.group("y")), MONTHS[m.group("mon")]), False, bool(m.group("part")))


_RE_QUARTER = re.compile(
    r"\b(?:q[1-4]|[1-4]q|h[12]|[12]h|fy|fiscal(?:\s+year)?|(?:first|second|third|fourth|final)\s+(?:quarter|half)"
    r"(?:\s+of)?)[\s-]*'?(?P<y>\d{4}|\d{2})\b")


def _quarter(p: _Phrase):
    """Quarters and halves: "Q3 2025", "the third quarter of 2025", "1H 2025", "FY2025"."""
    m = _RE_QUARTER.search(p.body)
    if not m:
        return _NOT_MINE
    y = m.group("y")
    y = int(y) if len(y) == 4 else 2000 + int(y)
    return ResolvedDate(str(y), False, not p.body.startswith(("fy", "fiscal")))


_RE_YEAR_RANGE = re.compile(r"\b(?P<y>(?:19|20)\d{2})\s*[-–/]\s*(?:(?:19|20)\d{2}|\d{2})\b")
_RE_DECADE = re.compile(r"\b(?P<y>(?:1[5-9]|20)\d0)'?s\b")
_RE_YEAR = re.compile(r"\b(?P<part>" + _PART + r"[\s-]+)?(?:the\s+)?(?:year\s+|of\s+)?(?P<y>(?:1[5-9]|20)\d{2})\b")
_RE_YEAR_COUNT = re.compile(r"\b(?:(?:1[5-9]|20)\d{2})\s*(?:years?|people|units|tonnes)\b")


def _year(p: _Phrase):
    """Year ranges "2025-26", "2020-2025"; decades "the 1990s"; parts "mid-2025", "early 2026"; years."""
    body = p.body
    m = _RE_YEAR_RANGE.search(body)
    if m:
        return ResolvedDate(m.group("y"), False, True)
    m = _RE_DECADE.search(body)
    if m:
        return ResolvedDate(m.group("y"), False, True)
    m = _RE_YEAR.search(body)
    if m and not _RE_YEAR_COUNT.search(body):
        return ResolvedDate(m.group("y"), False, bool(m.group("part")))
    return _NOT_MINE


_RE_MONTH_ONLY = re.compile(r"\b(?:(last|this|next|early|mid|late|earlier\s+in|later\s+in)[\s-]+)?"
                            r"(" + _MONTH_WORDS + r")\b\.?")


def _month_only(p: _Phrase):
    """Month without year: "December", "in December", "a December report", "last March"."""
    m = _RE_MONTH_ONLY.search(p.body)
    if not m:
        return _NOT_MINE
    pub = p.pub
    if not pub:
        return None
    mon = MONTHS[m.group(2)]
    which = (m.group(1) or "").split(" ")[0]
    fut = {"last": False, "next": True}.get(which, p.future)
    if which == "last" and mon == pub.month:
        y = pub.year - 1
    elif which == "next" and mon == pub.month:
        y = pub.year + 1
    elif which == "this":
        y = pub.year
    else:
        y = _pick_year_for_month(mon, pub, fut)
    return ResolvedDate(_ym(y, mon), True, which in ("early", "mid", "late"))


_READERS = (_relative_day, _ago, _relative_unit, _weekday, _month_day, _month_year, _quarter, _year, _month_only)


# the numbers a duration phrase counts with: "three years", "fifteen minutes", "a half hour"
_DURATION_WORDS = {w: float(v) for w, v in lexicon.mapping("number_words").items()
                   if 1 <= int(v) <= 12 or int(v) in (15, 20, 30, 40, 50)} | {"a": 1.0, "an": 1.0, "hundred": 100.0,
                                                                             "a half": 0.5}
DURATION_UNITS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century")
DURATION_RE = re.compile(
    r"^(?:(?:" + _alt(lexicon.words("duration_lead_words")) + r")\s+)*"
    r"(?P<n>\d+(?:\.\d+)?|" + _alt(_DURATION_WORDS) + r")[\s-]+"
    r"(?P<u>" + "|".join(DURATION_UNITS) + r")s?\b",
    re.I,
)


def parse_duration(text: str) -> tuple[float, str] | None:
    """(count, unit) of a duration phrase: "three years" -> (3, "year"), "the past 12 months" -> (12, "month")."""
    m = DURATION_RE.match(text.strip())
    if not m:
        return None
    n = m.group("n").lower()
    value = float(n) if n[0].isdigit() else _DURATION_WORDS.get(_RE_SPACES.sub(" ", n), 1.0)
    return value, m.group("u").lower()


_RE_DURATION_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", re.I)


def duration_parts(text: str) -> list[tuple[int, int, float, str]]:
    """The durations of a phrase that joins several ("2 hours, 1 minute and 9 seconds"): (start, end, count, unit)
    each, offsets into `text`; one part for a single duration ("three years"), none when there is none."""
    out: list[tuple[int, int, float, str]] = []
    pos = 0
    while pos < len(text):
        m = DURATION_RE.match(text, pos) if not out else _DURATION_PART.match(text, pos)
        if not m:
            break
        n = m.group("n").lower()
        value = float(n) if n[0].isdigit() else _DURATION_WORDS.get(_RE_SPACES.sub(" ", n), 1.0)
        out.append((m.start() if not out else m.start("n"), m.end(), value, m.group("u").lower()))
        j = _RE_DURATION_JOIN.match(text, m.end())
        if not j:
            break
        pos = j.end()
    return out


_DURATION_PART = re.compile(DURATION_RE.pattern.replace("^(?:(?:", "(?:(?:", 1), re.I)


"""Publication dates as import files write them: ISO, RFC 2822, "8 Jan 2026", numeric, Unix time.

Numeric dates such as 03/04/2026 are ambiguous; `DateOrder` learns from a whole column whether it is
day-first or month-first (any first number over 12 means day-first, any second number over 12
month-first) and otherwise uses the order the user chose (default: day-first, as News Lens's dateline
reader does).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

from ..dates import parse_absolute_date

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,].*)?$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T,].*)?$")
_COMPACT = re.compile(r"^(19|20)(\d{2})(\d{2})(\d{2})$")
_EPOCH = re.compile(r"^\d{9,13}(?:\.\d+)?$")
ORDERS = ("auto", "dmy", "mdy")


class DateOrder:
    """Day-first or month-first for the numeric dates of one column, learnt from its values."""

    def __init__(self, preferred: str = "auto") -> None:
        if preferred not in ORDERS:
            raise ValueError(f"date order must be one of {', '.join(ORDERS)}")
        self.preferred = preferred
        self.day_first_seen = False
        self.month_first_seen = False

    def learn(self, value) -> None:
        m = _NUMERIC.match(str(value or "").strip())
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            self.day_first_seen |= a > 12 >= b
            self.month_first_seen |= b > 12 >= a

    @property
    def day_first(self) -> bool:
        if self.preferred != "auto":
            return self.preferred == "dmy"
        return not (self.month_first_seen and not self.day_first_seen)

    @property
    def conflicting(self) -> bool:
        return self.preferred == "auto" and self.day_first_seen and self.month_first_seen


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(value, *, order: DateOrder | None = None, fmt: str | None = None) -> date | None:
    """The calendar date a value names, or None when it names none (blank values give None too)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(float(value))
    s = " ".join(str(value).split())
    if not s:
        return None
    if fmt:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            return None
    m = _ISO.match(s)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC.match(s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        day_first = (order or DateOrder()).day_first
        if a > 12 >= b:
            day_first = True
        elif b > 12 >= a:
            day_first = False
        return _make(y, b, a) if day_first else _make(y, a, b)
    m = _YMD.match(s)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _COMPACT.match(s)
    if m:
        return _make(int(m.group(1) + m.group(2)), int(m.group(3)), int(m.group(4)))
    if _EPOCH.match(s):
        return _from_epoch(float(s))
    try:
        return parsedate_to_datetime(s).date()  # RFC 2822: "Thu, 08 Jan 2026 09:30:00 +0000"
    except (TypeError, ValueError, IndexError):
        pass
    return parse_absolute_date(s)  # "8 Jan 2026", "January 8, 2026", "Thursday 8 January 2026, 10:00"


def _from_epoch(x: float) -> date | None:
    if x > 1e11:  # milliseconds
        x /= 1000.0
    if not 0 < x < 4.2e9:
        return None
    return datetime.fromtimestamp(x, tz=timezone.utc).date()


@dataclass
class DateResult:
    iso: str | None
    warning: str | None = None


def published_of(value, *, order: DateOrder | None = None, fmt: str | None = None) -> DateResult:
    """An ISO date for the sidecar, or None with a warning for a value that is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DateResult(None)
    d = parse_date(value, order=order, fmt=fmt)
    if d is None:
        hint = f" (expected the format {fmt})" if fmt else ""
        return DateResult(None, f"date {str(value)[:40]!r} not understood{hint}; imported without a date")
    return DateResult(d.isoformat())

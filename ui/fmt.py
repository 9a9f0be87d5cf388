"""How numbers, dates and counts read on screen: "≈ US$12.2 bn", "5–6 %", "Dec 2025", "1 entity" (pure)."""
from __future__ import annotations

import calendar

import pandas as pd

_SCALES = [(1e12, "tn"), (1e9, "bn"), (1e6, "m")]
CURRENCY_SYMBOLS = {"USD": "US$", "CNY": "CN¥", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$",
                    "AUD": "A$", "CAD": "C$", "INR": "₹", "KRW": "₩"}
_IRREGULAR = {"entity": "entities", "person": "people"}


def missing(value) -> bool:
    """None, NaN, NaT or pd.NA (a list or other non-scalar is not missing)."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _digits(x: float) -> str:
    """Three significant digits at most, no trailing zeros: 12.15 -> 12.2, 100 -> 100, 1.5 -> 1.5."""
    a = abs(x)
    s = f"{x:,.0f}" if a >= 100 else f"{x:.1f}" if a >= 10 else f"{x:.2f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def short_number(value) -> str:
    """A reader's number: 12,153,818,940.38 -> "12.2 bn", 1250 -> "1,250", 3.75 -> "3.75"; missing -> ""."""
    if missing(value):
        return ""
    v = float(value)
    for size, word in _SCALES:
        if abs(v) >= size:
            return f"{_digits(v / size)} {word}"
    if v.is_integer():
        return f"{v:,.0f}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def money(value, unit, *, approximate: bool = False) -> str:
    """ "≈ US$12.2 bn", "CN¥100 bn", "1,250 CHF"; missing -> ""."""
    if missing(value):
        return ""
    unit = None if missing(unit) else unit
    sym = CURRENCY_SYMBOLS.get(unit or "")
    body = f"{sym}{short_number(value)}" if sym else f"{short_number(value)} {unit or ''}".rstrip()
    return ("≈ " if approximate else "") + body


def amount(*, label, value, unit=None, low=None, high=None, approximate: bool = False) -> str:
    """The fact's amount as written for a reader, a range as its two ends: "US$1–2 bn", "5–6 %", "2"."""
    if label == "DATE":
        return ""
    if not missing(low) and not missing(high):
        lo, hi = short_number(low), short_number(high)
        lo_scale, hi_scale = lo.rsplit(" ", 1), hi.rsplit(" ", 1)
        if len(lo_scale) == 2 and len(hi_scale) == 2 and lo_scale[1] == hi_scale[1]:  # "1–2 bn"
            lo = lo_scale[0]
        text = f"{lo}–{hi}"
    elif missing(value):
        return ""
    else:
        text = short_number(value)
    prefix = "≈ " if approximate else ""
    unit = None if missing(unit) else unit
    if label == "MONEY":
        sym = CURRENCY_SYMBOLS.get(unit or "")
        return prefix + (f"{sym}{text}" if sym else f"{text} {unit or ''}".rstrip())
    return prefix + (f"{text} {unit}" if unit else text)


def when(iso) -> str:
    """ISO date of any precision as read: "2026-01-08" -> "8 Jan 2026", "2025-12" -> "Dec 2025", "2026"."""
    if missing(iso) or not isinstance(iso, str):
        return ""
    try:
        if len(iso) >= 10:
            return f"{int(iso[8:10])} {calendar.month_abbr[int(iso[5:7])]} {iso[:4]}"
        if len(iso) >= 7:
            return f"{calendar.month_abbr[int(iso[5:7])]} {iso[:4]}"
    except (ValueError, IndexError):
        return iso
    return iso


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 entity", "2 entities", "1 statement"."""
    if n == 1:
        return f"1 {word}"
    return f"{n:,} {many or _IRREGULAR.get(word, word + 's')}"

"""Pure helpers for the Numbers page: dates as intervals, readable amounts, filters, the table (no Streamlit)."""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd

KINDS = ["MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE"]
NO_SUBJECT = "(no subject)"
_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]


def iso_interval(iso) -> tuple[date, date] | None:
    """The days an ISO date of any precision covers: "2026" -> 1 Jan..31 Dec, "2025-12" -> the month."""
    if not isinstance(iso, str) or len(iso) < 4 or not iso[:4].isdigit():
        return None
    try:
        y = int(iso[:4])
        if len(iso) >= 10:
            d = date(y, int(iso[5:7]), int(iso[8:10]))
            return d, d
        if len(iso) >= 7:
            m = int(iso[5:7])
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def fmt_amount(value, unit=None) -> str:
    """Short readable amount: "100 billion CNY", "14.3 billion USD", "3.5 %", "1,250 CNY"."""
    if value is None or value != value:
        return ""
    v = float(value)
    for size, word in _SCALES:
        if abs(v) >= size:
            s = f"{v / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        s = f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")
    return f"{s} {unit}" if unit else s


def with_when(numbers: pd.DataFrame) -> pd.DataFrame:
    """Add `when` (a DATE fact's date, else the period an amount refers to) and its day interval."""
    df = numbers.copy()
    period = df["period"] if "period" in df.columns else pd.Series(None, index=df.index, dtype="object")
    when = df["date"].where(df["date"].notna(), period) if len(df) else pd.Series(dtype="object")
    df["when"] = when.astype("object").where(when.notna(), None)
    spans = [iso_interval(w) for w in df["when"]]
    df["when_start"] = pd.to_datetime([s[0] if s else None for s in spans])
    df["when_end"] = pd.to_datetime([s[1] if s else None for s in spans])
    return df


def date_extent(numbers: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day any dated fact covers."""
    df = with_when(numbers)
    if df["when_start"].notna().sum() == 0:
        return None
    return df["when_start"].min().date(), df["when_end"].max().date()


def restatements(numbers: pd.DataFrame) -> pd.Series:
    """True for facts that restate another fact shown ("(US$14.3 billion)" after "100 billion yuan")."""
    if numbers.empty or "equivalent_of" not in numbers.columns:
        return pd.Series(False, index=numbers.index)
    keys = set(zip(numbers["article"], numbers["id"]))
    return pd.Series(
        [(a, e) in keys for a, e in zip(numbers["article"], numbers["equivalent_of"])], index=numbers.index
    )


def filter_numbers(
    numbers: pd.DataFrame, *, kinds=(), currencies=(), subjects=(), date_range=None, full_range=None
) -> pd.DataFrame:
    """Facts of the chosen kinds, currencies (money only) and subjects, dated within `date_range`.

    Undated facts stay while the range is the full extent (`full_range`) and go once it is narrowed.
    """
    df = numbers
    if df.empty:
        return df
    if kinds:
        df = df[df["label"].isin(list(kinds))]
    if currencies:
        df = df[(df["label"] == "MONEY") & df["unit"].isin(list(currencies))]
    if subjects:
        df = df[df["subject"].fillna(NO_SUBJECT).isin(list(subjects))]
    if date_range and tuple(date_range) != tuple(full_range or ()):
        lo, hi = (pd.Timestamp(d) for d in date_range)
        w = with_when(df)
        keep = w["when_start"].notna() & (w["when_start"] <= hi) & (w["when_end"] >= lo)
        df = df[keep.to_numpy()]
    return df


TABLE_COLUMNS = [
    "text",
    "label",
    "stated_by_label",
    "value",
    "range",
    "unit",
    "usd_value",
    "when",
    "subject",
    "measure",
    "qualifier",
    "stated_in_label",
    "usd_source",
    "context",
    "article",
    "start",
    "end",
    "statement_id",
    "stated_by_entity_id",
]
# what the page shows of the table; the rest (USD source, offsets) serves hover text and highlighting
VISIBLE_COLUMNS = [c for c in TABLE_COLUMNS if c not in ("usd_source", "start", "end", "statement_id",
                                                          "stated_by_entity_id")]


def number_table(numbers: pd.DataFrame) -> pd.DataFrame:
    """The table the page shows: one row per fact, in text order, with its range and date."""
    from .claims import with_sources

    df = numbers if "stated_by_label" in numbers.columns else with_sources(numbers)
    df = with_when(df).sort_values(["article", "start"]).reset_index(drop=True)
    if df.empty:
        df["range"] = pd.Series(dtype="object")
    else:
        df["range"] = [
            f"{fmt_amount(lo)}–{fmt_amount(hi)}" if lo == lo and hi == hi and lo is not None and hi is not None else ""
            for lo, hi in zip(df["low"], df["high"])
        ]
    for c in TABLE_COLUMNS:
        if c not in df.columns:
            df[c] = pd.Series(dtype="object")
    return df[TABLE_COLUMNS]

"""Pure helpers for the Numbers page: dates as intervals, readable amounts, filters, the table."""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd

from .fmt import amount, missing, money, when as when_text
from .theme import number_name

KINDS = ["MONEY", "PERCENT", "CARDINAL", "QUANTITY", "AGE", "DATE"]
NO_SUBJECT = "(no subject)"
_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]


def st_column(label: str, width: str, help: str | None = None) -> dict:
    """A text column's config, as st.column_config.TextColumn makes it (plain dict: no Streamlit import)."""
    cfg = {"label": label, "width": width, "type_config": {"type": "text"}}
    return {**cfg, "help": help} if help else cfg


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
    "low",
    "high",
    "unit",
    "usd_value",
    "when",
    "subject",
    "measure",
    "qualifier",
    "bound",
    "change",
    "per_unit",
    "stated_in_label",
    "usd_source",
    "context",
    "article",
    "start",
    "end",
    "statement_id",
    "stated_by_entity_id",
    # what a reader sees (text made from the columns above)
    "kind",
    "amount",
    "usd",
    "when_text",
    "article_title",
]
# what the page shows of the table; the rest (raw values, offsets) serves downloads, hover text, highlighting
VISIBLE_COLUMNS = ["text", "kind", "amount", "usd", "when_text", "stated_by_label", "subject", "measure", "qualifier",
                   "change", "bound", "per_unit", "stated_in_label", "context", "article_title"]


def _usd(r) -> str:
    """The US$ amount; a range stays a range (both ends at the fact's rate), never its midpoint."""
    approx = bool(r.approximate) if isinstance(r.approximate, bool) else False
    approx = approx or r.unit != "USD"
    if not missing(r.low) and not missing(r.high) and not missing(r.value) and r.value:
        rate = r.usd_value / r.value
        return amount(label="MONEY", value=r.usd_value, unit="USD", low=r.low * rate, high=r.high * rate,
                      approximate=approx)
    return money(r.usd_value, "USD", approximate=approx)


def number_table(numbers: pd.DataFrame, titles: dict[str, str] | None = None) -> pd.DataFrame:
    """The table the page shows: one row per fact, in text order, its amount (a range as a range), date."""
    from .claims import with_sources

    df = numbers if "stated_by_label" in numbers.columns else with_sources(numbers)
    df = with_when(df).sort_values(["article", "start"]).reset_index(drop=True)
    for c in TABLE_COLUMNS + ["approximate", "date_resolved"]:
        if c not in df.columns:
            df[c] = pd.Series([None] * len(df), dtype="object")
    rows = list(df.itertuples())
    df["kind"] = [number_name(r.label) for r in rows]
    df["amount"] = [amount(label=r.label, value=r.value, unit=r.unit, low=r.low, high=r.high,
                           approximate=bool(r.approximate) if isinstance(r.approximate, bool) else False) for r in rows]
    df["usd"] = [_usd(r) if not missing(r.usd_value) else "" for r in rows]
    df["when_text"] = [when_text(r.when) for r in rows]
    df["article_title"] = [(titles or {}).get(r.article, r.article) for r in rows]
    df = df[TABLE_COLUMNS]
    text_cols = ["text", "unit", "when", "subject", "measure", "qualifier", "usd_source", "context", "stated_by_label",
                 "change", "bound", "per_unit", "stated_in_label"]
    return df.assign(**{c: df[c].astype(object).where(df[c].notna(), "") for c in text_cols})


NUMBER_COLUMNS = {
    "text": st_column("Fact", "medium"),
    "kind": st_column("Kind", "small"),
    "amount": st_column("Amount", "medium", "As stated: ≈ for estimates, a range as its two ends"),
    "usd": st_column("In US$", "medium", "From the article when it states it, else an approximate reference rate"),
    "when_text": st_column("Date", "small", "The fact's date, or the period an amount refers to"),
    "subject": st_column("Subject", "small"),
    "measure": st_column("Measures", "small"),
    "qualifier": st_column("Qualifier", "small"),
    "stated_by_label": st_column("Stated by", "small", "The speaker of the statement that contains it, or the article's own voice"),
    "change": st_column("Change", "small", "up or down, when the figure is a change"),
    "bound": st_column("Bound", "small", "lower, upper or approximate, from words such as 'more than', 'up to', 'about'"),
    "per_unit": st_column("Per", "small", "the unit of a rate: per barrel, a gallon, /kg"),
    "stated_in_label": st_column("Stated in", "small"),
    "context": st_column("Context", "large"),
    "article_title": st_column("Article", "medium"),
    # in the CSV only
    "value": "Value", "low": "Low", "high": "High", "unit": "Unit", "usd_value": "US$ value", "when": "Date (ISO)",
}

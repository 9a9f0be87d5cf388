"""Claims across articles (pure, no Streamlit): the same subject and measure in several articles and
sources, near-duplicate figures grouped within a tolerance, disagreeing figures for one period flagged.

A claim is keyed by subject (the entity as the corpus knows it: "ByteDance" in one article and
"ByteDance Ltd" in another are one), measure ("spend") and what the figure counts (money is compared in
US dollars; other figures only with the same unit). Its period is the period the figure refers to ("in
2026"), else the month the article was published: a figure with no stated period is taken as current
then (a later article may be updating an earlier one; the table shows each article's date).
"""
from __future__ import annotations

import pandas as pd

from .claims import DEFAULT_TOLERANCE, context_link, with_sources

CLAIM_COLUMNS = ["claim", "subject", "measure", "period", "figure", "value", "unit", "group", "agrees",
                 "stated_by_label", "stated_in_label", "title", "published", "article", "text", "context", "link",
                 "start", "end"]
SUMMARY_COLUMNS = ["claim", "articles", "sources", "facts", "figures", "disagree", "periods"]


def _subjects(numbers: pd.DataFrame, entities: pd.DataFrame | None) -> pd.Series:
    """Each fact's subject as the corpus knows it (corpus_name of its entity), else as written."""
    names: dict[tuple[str, str], str] = {}
    if entities is not None and not entities.empty:
        col = "corpus_name" if "corpus_name" in entities.columns else "name"
        names = {(a, i): n for a, i, n in zip(entities["article"], entities["id"], entities[col]) if isinstance(n, str)}
    ids = numbers["subject_entity_id"] if "subject_entity_id" in numbers.columns else [None] * len(numbers)
    out = [names.get((a, i)) or (s if isinstance(s, str) else None)
           for a, i, s in zip(numbers["article"], ids, numbers["subject"])]
    return pd.Series(out, index=numbers.index, dtype="object")


def comparable(numbers: pd.DataFrame) -> pd.DataFrame:
    """Facts that can be compared across articles: not dates, not restatements, with subject and measure.

    Adds `value` (US dollars for money), `low`/`high` in the same terms and `unit` ("USD" for money).
    """
    from .numbers_view import restatements

    df = numbers[(numbers["label"] != "DATE") & numbers["measure"].notna() & numbers["subject"].notna()]
    df = df[~restatements(df)] if not df.empty else df
    money = df["label"] == "MONEY"
    df = df[~money | df["usd_value"].notna()].copy()
    money = df["label"] == "MONEY"
    rate = (df["usd_value"].astype(float) / df["value"].astype(float)).where(money, 1.0)
    for c in ("low", "high"):
        df[c] = (df[c].astype(float) * rate).where(df[c].notna(), None) if c in df.columns else None
    df["value"] = df["usd_value"].astype(float).where(money, df["value"].astype(float))
    df["unit"] = df["unit"].astype("object").where(~money, "USD")
    return df[df["value"].notna()]


def claims_table(numbers: pd.DataFrame, articles: pd.DataFrame, entities: pd.DataFrame | None = None, *,
                 tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """One row per comparable fact, with its claim, period, near-duplicate group and agreement."""
    if numbers.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    numbers = numbers.reset_index(drop=True)  # one label per fact, however the frame was put together
    df = numbers.assign(subject=_subjects(numbers, entities))
    df = comparable(with_sources(df))
    if df.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    arts = articles.set_index("article")
    df["title"] = df["article"].map(arts["title"])
    df["published"] = df["article"].map(arts["published"])
    period = df["period"] if "period" in df.columns else pd.Series(None, index=df.index)
    df["period"] = [p if isinstance(p, str) and p else (f"published {d[:7]}" if isinstance(d, str) else "undated")
                    for p, d in zip(period, df["published"])]
    df["claim"] = df["subject"].astype(str) + " · " + df["measure"].astype(str)
    df["what"] = [u if isinstance(u, str) else lab for u, lab in zip(df["unit"], df["label"])]
    df["figure"] = [_fmt(v, u) for v, u in zip(df["value"], df["unit"])]
    df["link"] = [context_link(a, t) for a, t in zip(df["article"], df["text"])]
    df["group"], df["agrees"] = "", True
    for _, part in df.groupby(["claim", "what", "period"], sort=False):
        groups = near_duplicate_groups(part, tolerance=tolerance)
        df.loc[part.index, "group"] = groups
        voices = set(zip(part["article"], part["stated_by_label"]))
        df.loc[part.index, "agrees"] = groups.nunique() <= 1 or len(voices) <= 1
    df["claim"] = [c if w == "USD" else f"{c} ({w})" for c, w in zip(df["claim"], df["what"])]
    df = df.sort_values(["claim", "period", "published", "article", "start"], na_position="last")
    return df[CLAIM_COLUMNS].reset_index(drop=True)


def near_duplicate_groups(part: pd.DataFrame, *, tolerance: float = DEFAULT_TOLERANCE) -> pd.Series:
    """Group label per fact: figures whose ranges overlap once widened by `tolerance` share a group.

    Labels are "A", "B", ... from the smallest figure up; a chain of close figures is one group.
    """
    lo = part["low"].astype(float).where(part["low"].notna(), part["value"].astype(float))
    hi = part["high"].astype(float).where(part["high"].notna(), part["value"].astype(float))
    lo, hi = lo - lo.abs() * tolerance, hi + hi.abs() * tolerance
    out = pd.Series("", index=part.index, dtype="object")
    n, reach = -1, None
    for i in lo.sort_values(kind="stable").index:
        if reach is None or lo[i] > reach:
            n, reach = n + 1, hi[i]
        reach = max(reach, hi[i])
        out[i] = _letter(n)
    return out


def claims_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: in how many articles and sources, its distinct figures, whether they disagree."""
    if table.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    rows = []
    for claim, part in table.groupby("claim", sort=False):
        figures = part.groupby(["period", "group"], sort=False)["figure"].first()
        rows.append({
            "claim": claim, "articles": part["article"].nunique(), "sources": part["stated_by_label"].nunique(),
            "facts": len(part), "figures": "; ".join(f"{f} ({p})" for (p, _), f in figures.items()),
            "disagree": not bool(part["agrees"].all()), "periods": part["period"].nunique(),
        })
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return out.sort_values(["disagree", "articles", "facts", "claim"], ascending=[False, False, False, True],
                           kind="stable").reset_index(drop=True)


def _letter(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _fmt(value, unit) -> str:
    from .numbers_view import fmt_amount

    return fmt_amount(value, unit if isinstance(unit, str) else None)
